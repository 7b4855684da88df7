"""A stand-in pipeline for the CLI-layer tests: a reader for .txt files, term rules and a matching engine.

The command line is tested here against these small, fully predictable stand-ins, so that a test fails
only for a fault of the CLI layer; ``test_cli_end_to_end.py`` runs the real reader, rules and engine.
"""
from __future__ import annotations

import os
import sys
import time
import types
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from normcheck.errors import InputError, RuleError
from normcheck.model import Block, Document, Finding, Location
from normcheck.reader.plain import document_from_text


@dataclass(frozen=True)
class TermRule:
    id: str
    term: str
    severity: str = "error"
    tags: tuple[str, ...] = ()
    title: str = "标题"
    basis: str = "依据"
    message: str = "说明"
    fix: str = "建议"
    examples: tuple[str, ...] = ()
    file: str = "fake.rules"
    line: int = 1


@dataclass
class TermRuleSet:
    rules: list[TermRule]
    tags: set[str] = field(default_factory=set)
    params: dict[str, Any] = field(default_factory=dict)


RULES = [
    TermRule("FINE-001", "罚款", "error", ("authority",)),
    TermRule("FEE-001", "收费", "warning", ("authority", "fair-competition")),
    TermRule("NOTE-001", "试行", "info", ("filing",)),
    TermRule("MISS-001", "", "error", ("consultation",)),
]


def fake_load_rules(paths: Any = (), *, bundled: bool = True, params: Any = None) -> TermRuleSet:
    rules = list(RULES) if bundled else []
    for path in paths:
        text = Path(path).read_text(encoding="utf-8")
        if "syntax error" in text:
            raise RuleError("无法解析", str(path), 1, 1, text.splitlines()[0])
        for line in text.splitlines():
            rule_id, term, severity, tag = line.split()
            rules.append(TermRule(rule_id, term, severity, (tag,)))
    return TermRuleSet(rules, {t for r in rules for t in r.tags}, dict(params or {}))


def fake_check_document(doc: Document, rules: TermRuleSet, structure: Any = None) -> list[Finding]:
    findings = []
    for rule in rules.rules:
        hits = [(b, b.text.find(rule.term)) for b in doc.blocks] if rule.term else []
        hits = [(b, i) for b, i in hits if i >= 0]
        if not rule.term:
            # "Something required is absent": a document-level finding unless the text says 征求意见.
            if not any("征求意见" in b.text for b in doc.blocks):
                findings.append(Finding(rule.id, rule.severity, rule.tags, rule.title, rule.message, rule.basis,
                                        rule.fix, Location(file=doc.path)))
            continue
        for block, start in hits:
            location = Location(doc.path, "body", block.index, None, start, start + len(rule.term))
            findings.append(Finding(rule.id, rule.severity, rule.tags, rule.title, rule.message, rule.basis,
                                    rule.fix, location, rule.term))
    return sorted(findings, key=Finding.sort_key)


def fake_read_path(path: Path, *, max_unzipped_bytes: int | None = None) -> Document:
    path = Path(path)
    if not path.exists():
        raise InputError("not-found", "文件不存在")
    if path.suffix == ".docx":
        return read_docx_paragraphs(path)
    text = path.read_text(encoding="utf-8")
    if text.startswith("BROKEN"):
        raise InputError("corrupt-zip", "文件已损坏")
    if text.startswith("SLEEP"):
        time.sleep(float(text.split()[1]))
    if text.startswith("RAISE"):
        raise ZeroDivisionError("boom")
    if text.startswith("CRASH"):
        os._exit(3)
    if text.startswith("UNPICKLABLE"):
        doc = document_from_text(text, str(path))
        doc.metadata["reader"] = (lambda: None)  # type: ignore[assignment]
        return doc
    return document_from_text(text, str(path))


def read_docx_paragraphs(path: Path) -> Document:
    """Body paragraphs of a .docx with their ``w:p`` positions, as the real reader reports them."""
    import docx
    from docx.oxml.ns import qn

    elements = list(docx.Document(str(path)).element.iter(qn("w:p")))
    blocks = []
    for position, element in enumerate(elements):
        text = "".join(t.text or "" for t in element.iter(qn("w:t")))
        if text:
            blocks.append(Block(text=text, index=len(blocks) + 1, file=str(path), xml_index=position,
                                xml_part="/word/document.xml"))
    return Document(path=str(path), blocks=blocks, files=(str(path),))


def fake_discover(paths: list[Path]) -> list[Path]:
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            docs = sorted(p for p in path.rglob("*") if p.suffix in (".txt", ".docx"))
            if not docs:
                raise InputError("no-documents", "文件夹中没有可检查的文件")
            found.extend(docs)
        elif path.exists():
            found.append(path)
        else:
            raise InputError("not-found", "文件或文件夹不存在")
    return found


@pytest.fixture()
def pipeline(monkeypatch: pytest.MonkeyPatch) -> None:
    import normcheck.dsl
    import normcheck.reader
    import normcheck.structure

    engine = types.ModuleType("normcheck.engine")
    engine.check_document = fake_check_document  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "normcheck.engine", engine)
    monkeypatch.setattr(normcheck.dsl, "load_rules", fake_load_rules, raising=False)
    monkeypatch.setattr(normcheck.reader, "read_path", fake_read_path, raising=False)
    monkeypatch.setattr(normcheck.reader, "discover", fake_discover, raising=False)
    monkeypatch.setattr(normcheck.reader, "dump_text",
                        lambda doc, parts=False: "\n".join(b.text for b in doc.blocks), raising=False)
    monkeypatch.setattr(normcheck.structure, "analyze", lambda doc, mode=None: None, raising=False)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
