#!/usr/bin/env python3
"""Coverage-guided fuzzing of normcheck with atheris, for long local runs (not part of CI).

Three targets:

``docx``   the bytes are written to a file and read, dumped, analysed and checked with the bundled rules;
``xml``    the bytes become ``word/document.xml`` of an otherwise intact sample package, then as ``docx``
           (mutations reach the story walker instead of stopping at the zip layer);
``rules``  the bytes are decoded as UTF-8 and loaded as a rule file, then the rules check a short document.

An empty corpus folder for ``xml`` is seeded with the main parts of the sample documents.

Each must end in a result or in one of normcheck's own errors (``NormcheckError``); any other exception
is a crash, which atheris reports and saves as ``crash-<hash>`` for a regression fixture in
``tests/regressions/``. Hangs are caught by libFuzzer's ``-timeout``.

    pip install atheris
    mkdir -p bench/out/fuzz-docx bench/out/fuzz-xml bench/out/fuzz-rules
    python bench/fuzz_atheris.py docx bench/out/fuzz-docx samples -timeout=20 -max_total_time=3600 \
        -artifact_prefix=bench/out/
    python bench/fuzz_atheris.py xml bench/out/fuzz-xml -timeout=20 -max_total_time=3600 \
        -artifact_prefix=bench/out/
    python bench/fuzz_atheris.py rules bench/out/fuzz-rules rules -timeout=20 -max_total_time=3600 \
        -artifact_prefix=bench/out/

The first folder collects the growing corpus (libFuzzer only writes there); the others seed it (the sample
documents, the bundled rule files). Everything after the target name is passed to libFuzzer; crashes are
written as ``bench/out/crash-<hash>``.
"""
from __future__ import annotations

import os
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import atheris

with atheris.instrument_imports():
    from normcheck.dsl import load_rules
    from normcheck.engine import check_document
    from normcheck.errors import NormcheckError
    from normcheck.reader import dump_text, read_path
    from normcheck.reader.plain import document_from_text
    from normcheck.structure import analyze

_SAMPLES = Path(__file__).resolve().parents[1] / "samples"
_TEMPLATE = _SAMPLES / "parking-measures.docx"
_WORK = Path(tempfile.mkdtemp(prefix="normcheck-atheris-"))
_RULES: list[Any] = []
_SAMPLE_TEXT = ("前进区人民政府关于印发《前进区停车管理办法》的通知\n前政规〔2024〕3号\n第一条 为了规范停车管理，"
                "根据《中华人民共和国物权法》，制定本办法。\n第二条 违反本办法的，处5000元罚款。\n前进区人民政府\n2024年2月1日")


def bundled() -> Any:
    if not _RULES:
        _RULES.append(load_rules())
    return _RULES[0]


def fuzz_docx(data: bytes) -> None:
    target = _WORK / "input.docx"
    target.write_bytes(data)
    try:
        doc = read_path(target)
        dump_text(doc, True)
        check_document(doc, bundled(), analyze(doc))
    except NormcheckError:
        return


def fuzz_document_xml(data: bytes) -> None:
    target = _WORK / "input.docx"
    with zipfile.ZipFile(_TEMPLATE) as template, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in template.infolist():
            out.writestr(info.filename, data if info.filename == "word/document.xml" else template.read(info))
    try:
        doc = read_path(target)
        dump_text(doc, True)
        check_document(doc, bundled(), analyze(doc))
    except NormcheckError:
        return


def seed_xml(corpus: Path) -> None:
    """Put the main part of every sample document into an empty corpus folder."""
    if not corpus.is_dir() or any(corpus.iterdir()):
        return
    for number, sample in enumerate(sorted(_SAMPLES.rglob("*.docx"))):
        with zipfile.ZipFile(sample) as package:
            (corpus / f"seed-{number:03d}.xml").write_bytes(package.read("word/document.xml"))


def fuzz_rules(data: bytes) -> None:
    text = data.decode("utf-8", errors="replace")
    target = _WORK / "input.rules"
    target.write_text(text, encoding="utf-8")
    try:
        ruleset = load_rules([target], bundled=False)
        check_document(document_from_text(_SAMPLE_TEXT), ruleset)
    except NormcheckError:
        return


TARGETS = {"docx": fuzz_docx, "xml": fuzz_document_xml, "rules": fuzz_rules}


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1] not in TARGETS:
        sys.exit(f"usage: {sys.argv[0]} {{{'|'.join(TARGETS)}}} [CORPUS_DIR...] [libFuzzer options]")
    target = TARGETS[sys.argv[1]]
    # Damaged rule files must not fill the user's rule-AST cache.
    os.environ.setdefault("NORMCHECK_CACHE_DIR", str(_WORK / "cache"))
    if sys.argv[1] == "xml" and len(sys.argv) > 2 and not sys.argv[2].startswith("-"):
        seed_xml(Path(sys.argv[2]))
    bundled()
    # Most of normcheck is imported lazily; load it with one run of each target, then instrument it all.
    for warm_up in TARGETS.values():
        warm_up(_TEMPLATE.read_bytes())
    atheris.instrument_all()
    atheris.Setup([sys.argv[0], *sys.argv[2:]], target)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
