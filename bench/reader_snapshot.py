#!/usr/bin/env python3
"""Snapshot everything the reader produces for a set of documents, to prove a reader change alters nothing.

Each document becomes one JSON line: its ``normcheck dump --parts`` text, every block's fields, the
metadata and the warnings (or the InputError code). Compare two snapshots with ``diff`` or ``--compare``.

    python bench/reader_snapshot.py samples bench/out/suite/corpus > before.jsonl
    python bench/reader_snapshot.py samples bench/out/suite/corpus --compare before.jsonl
    python bench/reader_snapshot.py samples bench/out/suite/corpus --compare before.jsonl --stream

``--stream`` reads every main part streamed (``streaming.py``), whatever its size, so that one comparison
covers both ways of reading the body.
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path

from normcheck.errors import InputError
from normcheck.reader import dump_text, read_path, streaming


def documents(roots: list[Path]) -> list[Path]:
    found: list[Path] = []
    for root in roots:
        found.extend(sorted(root.rglob("*.docx")) if root.is_dir() else [root])
    return found


def snapshot(path: Path) -> str:
    try:
        doc = read_path(path)
    except InputError as exc:
        return json.dumps({"path": str(path), "error": exc.code}, ensure_ascii=False)
    record = {
        "path": str(path),
        "dump": dump_text(doc, parts=True),
        "blocks": [dataclasses.astuple(block) for block in doc.blocks],
        "metadata": doc.metadata,
        "warnings": doc.warnings,
    }
    return json.dumps(record, ensure_ascii=False, default=str)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("roots", nargs="+", type=Path, help="documents or folders searched for *.docx")
    parser.add_argument("--compare", type=Path, help="a previous snapshot; report the documents that differ")
    parser.add_argument("--stream", action="store_true", help="stream every main part, whatever its size")
    args = parser.parse_args(argv)
    if args.stream:
        streaming.STREAM_MIN_BYTES = 0
    lines = [snapshot(path) for path in documents(args.roots)]
    if args.compare is None:
        sys.stdout.write("".join(line + "\n" for line in lines))
        return 0
    before = args.compare.read_text(encoding="utf-8").splitlines()
    changed = [json.loads(new)["path"] for old, new in zip(before, lines, strict=False) if old != new]
    if len(before) != len(lines):
        print(f"document count differs: {len(before)} before, {len(lines)} now")
    for path in changed:
        print(f"differs: {path}")
    print(f"{len(lines)} documents compared, {len(changed)} differ")
    return 1 if changed or len(before) != len(lines) else 0


if __name__ == "__main__":
    raise SystemExit(main())
