"""Results made printable: every text a report shows is valid Unicode that encodes as UTF-8.

A file name that is not UTF-8 (a GBK name left by a Windows zip tool) reaches Python as lone surrogates
(``os.fsdecode``); text may hold a stray surrogate too. Before any format renders, each byte of such a
name is shown percent-encoded, ``%B8`` (as in a URI: the escape names the very byte and has no backslash,
which the reporters read as a Windows separator), and any other lone surrogate as U+FFFD, so that every
reporter, the terminal and every output file see plain text, and the same name is shown the same way
everywhere. The checked data itself keeps the real names (the annotator reopens the files by them).
"""
from __future__ import annotations

import dataclasses
import re
from typing import Any

from normcheck.model import Document, FileError, FileResult, Finding, Location
from normcheck.safeio import escape_surrogates

_SURROGATE = re.compile("[\ud800-\udfff]")

def printable(text: str) -> str:
    """``text`` with every lone surrogate escaped (unchanged, and the same object, when it has none)."""
    return escape_surrogates(text)


def printable_value(value: Any, depth: int = 0) -> Any:
    """``value`` (text, or lists, tuples, dicts and dataclass records of them, such as a report option)
    with every text printable; anything else is returned as it is."""
    if isinstance(value, str):
        return printable(value)
    if depth > 20:
        return value
    if isinstance(value, list):
        return [printable_value(item, depth + 1) for item in value]
    if isinstance(value, tuple):
        return tuple(printable_value(item, depth + 1) for item in value)
    if isinstance(value, dict):
        return {printable_value(k, depth + 1): printable_value(v, depth + 1) for k, v in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: printable_value(getattr(value, f.name), depth + 1)
                   for f in dataclasses.fields(value) if f.init}
        return dataclasses.replace(value, **changes)
    return value


def printable_results(results: list[FileResult]) -> list[FileResult]:
    """``results`` with every text printable; results that need no change are returned as they are."""
    return [result if not _needs(result) else _result(result) for result in results]


def _needs(result: FileResult) -> bool:
    texts: list[str] = [result.path, *result.warnings]
    if result.error is not None:
        texts.append(result.error.message)
    for finding in [*result.findings, *(w.finding for w in result.waived)]:
        texts.extend(_finding_texts(finding))
    document = result.document
    if document is not None:
        texts.extend([document.path, *document.files])
        texts.extend(text for block in document.blocks for text in (block.text, block.file, block.label))
    return any(_SURROGATE.search(text) for text in texts if text)


def _finding_texts(finding: Finding) -> list[str]:
    loc = finding.location
    return [finding.title, finding.message, finding.basis, finding.fix, finding.excerpt, finding.context,
            loc.file, loc.article or "", *finding.tags]


def _finding(finding: Finding) -> Finding:
    loc = finding.location
    location = Location(printable(loc.file), loc.part, loc.paragraph,
                        None if loc.article is None else printable(loc.article), loc.start, loc.end)
    return dataclasses.replace(
        finding, title=printable(finding.title), message=printable(finding.message),
        basis=printable(finding.basis), fix=printable(finding.fix), excerpt=printable(finding.excerpt),
        context=printable(finding.context), tags=tuple(printable(t) for t in finding.tags), location=location)


def _document(document: Document) -> Document:
    blocks = [dataclasses.replace(b, text=printable(b.text), file=printable(b.file), label=printable(b.label))
              for b in document.blocks]
    return dataclasses.replace(document, path=printable(document.path), blocks=blocks,
                               files=tuple(printable(f) for f in document.files),
                               warnings=[printable(w) for w in document.warnings],
                               metadata={k: printable(v) for k, v in document.metadata.items()})


def _result(result: FileResult) -> FileResult:
    changes: dict[str, Any] = {
        "path": printable(result.path),
        "findings": [_finding(f) for f in result.findings],
        "warnings": [printable(w) for w in result.warnings],
        "waived": [dataclasses.replace(w, finding=_finding(w.finding), reason=printable(w.reason))
                   for w in result.waived],
    }
    if result.error is not None:
        changes["error"] = FileError(result.error.code, printable(result.error.message))
    if result.document is not None:
        changes["document"] = _document(result.document)
    return dataclasses.replace(result, **changes)

