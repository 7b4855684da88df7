"""Filing-package members typed by what they say, not only by their names: a folder whose files are named
正文 / 编制说明 / 区司法局意见 / 报送函 is a package because 编制说明 opens with 关于《…》的编制说明 and 区司法局意见
with …合法性审核意见书 — whatever the files are called.

A member's *opening* is the first few lines of its body text; reading it is bounded (only folders of a few
documents are looked into, each file read once, capped like any input)."""
from __future__ import annotations

from pathlib import Path

from normcheck.errors import NormcheckError

# Folders with more documents than this are folders of documents, not one filing package.
MAX_SNIFFED_MEMBERS = 12
_OPENING_LINES = 6
_SNIFF_BYTES = 20_000_000


def record_kind(path: Path) -> str | None:
    """The drafting-record section the file opens with (起草说明, 合法性审核意见, 征求意见情况, 备案报告,
    公平竞争审查, 集体审议), or None for a norm, a notice or an unreadable file."""
    from normcheck.reader.files import read_file
    from normcheck.structure import headings as h

    try:
        doc = read_file(path, str(path), max_unzipped_bytes=_SNIFF_BYTES)
    except (NormcheckError, OSError, ValueError, MemoryError, RecursionError):
        return None
    lines = [b.text for b in doc.blocks if b.part == "body" and b.text.strip()][:_OPENING_LINES]
    for text in lines:
        kind = h.section_heading(text)
        if kind is not None:
            return kind
    return None


def records_among(paths: list[Path]) -> dict[Path, str]:
    """The members of a small folder that open as drafting records."""
    if not 2 <= len(paths) <= MAX_SNIFFED_MEMBERS:
        return {}
    found = {}
    for path in paths:
        kind = record_kind(path)
        if kind is not None:
            found[path] = kind
    return found
