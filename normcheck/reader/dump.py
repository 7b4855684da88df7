"""The text of ``normcheck dump``: the main story one block per line, then (optionally) the other parts.

``Block.text`` keeps the line breaks of the document (``w:br`` becomes ``"\\n"``) because sentence and
article splitting can use them; dump prints every line break inside a block as one space, so that one line
is always one block.
"""
from __future__ import annotations

import re

from normcheck.model import Document

DUMP_PARTS = ("header", "footer", "footnote", "endnote", "comment")
_LINE_BREAKS = re.compile(r"[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]+")


def dump_line(text: str) -> str:
    return _LINE_BREAKS.sub(" ", text)


def dump_text(doc: Document, parts: bool = False) -> str:
    """Body blocks in reading order, one per line; with ``parts``, each non-empty other part follows under a
    ``## header`` / ``## footer`` / ``## footnote`` / ``## endnote`` / ``## comment`` line."""
    lines = [dump_line(b.text) for b in doc.blocks if b.part == "body"]
    if parts:
        for part in DUMP_PARTS:
            part_lines = [dump_line(b.text) for b in doc.blocks if b.part == part]
            if part_lines:
                lines.append(f"## {part}")
                lines.extend(part_lines)
    return "".join(line + "\n" for line in lines)
