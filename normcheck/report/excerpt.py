"""Split a finding's excerpt out of its surrounding text so that a reporter can highlight the match."""
from __future__ import annotations

from typing import NamedTuple

from normcheck.model import Block, Document, Finding, Location

# Characters of block text kept on each side of a match when the engine gave no sentence context.
WINDOW = 30


class Excerpt(NamedTuple):
    before: str
    match: str
    after: str


def split_excerpt(finding: Finding, block_text: str | None = None) -> Excerpt:
    """The match with its context: the sentence (``Finding.context``) when the match is in it, else a window
    of the block text around ``Location.start``/``end``, else the excerpt alone."""
    match = finding.excerpt
    context = finding.context
    if match and context:
        at = context.find(match)
        if at >= 0:
            return Excerpt(context[:at], match, context[at + len(match):])
    start, end = finding.location.start, finding.location.end
    if block_text is not None and start is not None and end is not None and 0 <= start <= end <= len(block_text):
        before = block_text[max(0, start - WINDOW):start]
        after = block_text[end:end + WINDOW]
        if start - WINDOW > 0:
            before = "…" + before
        if end + WINDOW < len(block_text):
            after += "…"
        return Excerpt(before, block_text[start:end], after)
    if not match and context:
        return Excerpt("", "", context)
    return Excerpt("", match, "")


def find_block(document: Document | None, location: Location) -> Block | None:
    """The block a location points at, or None (whole-file finding, or no document at hand)."""
    if document is None or location.paragraph is None:
        return None
    single = len(document.files) <= 1
    for block in document.blocks:
        if (block.part == location.part and block.index == location.paragraph
                and (single or block.file == location.file)):
            return block
    return None
