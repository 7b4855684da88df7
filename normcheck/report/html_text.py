"""The document-text view of the HTML report: every block of a document, with the passages that findings
flag wrapped in ``<mark>`` and linked to the findings, and each flagged block linked back from them."""
from __future__ import annotations

import re
from collections import defaultdict
from html import escape
from itertools import pairwise

from normcheck.model import SEVERITY_RANK, Block, Document, Finding
from normcheck.report.labels import PART_LABELS

# Characters HTML forbids in text (C0 controls other than white space): Word uses \v for a manual break.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

BlockKey = tuple[str, str, int]
Hits = list[tuple[Finding, str]]


def esc(text: str) -> str:
    """Escape ``text`` for HTML content or a quoted attribute value."""
    return escape(_CONTROL.sub("\ufffd", text), quote=True)


def block_key(block: Block) -> BlockKey:
    return (block.file, block.part, block.index)


def _mark_spans(text: str, hits: Hits) -> str:
    """``text`` escaped, with each run of characters covered by some finding's span marked and linked to the
    first such finding (by position in the report), coloured by the most severe one."""
    length = len(text)
    spans = [(f.location.start, f.location.end, f, fid) for f, fid in hits
             if f.location.start is not None and f.location.end is not None
             and 0 <= f.location.start < f.location.end <= length]
    if not spans:
        return esc(text)
    cuts = sorted({0, length, *(s for s, _, _, _ in spans), *(e for _, e, _, _ in spans)})
    out = []
    for left, right in pairwise(cuts):
        piece = esc(text[left:right])
        covering = [(f, fid) for s, e, f, fid in spans if s <= left and right <= e]
        if not covering:
            out.append(piece)
            continue
        worst = max(covering, key=lambda item: SEVERITY_RANK.get(item[0].severity, 0))[0]
        first_id = covering[0][1]
        titles = "；".join(dict.fromkeys(f"{f.rule} {f.title}" for f, _ in covering))
        out.append(f'<mark class="sev-{esc(worst.severity)}"><a href="#{first_id}" title="{esc(titles)}">'
                   f"{piece}</a></mark>")
    return "".join(out)


def document_text(document: Document, prefix: str, hits_by_block: dict[BlockKey, Hits]) -> str:
    """HTML for all blocks of ``document``. Block ids are ``{prefix}-b{n}`` (n = position in the document)."""
    lines = ['<div class="doctext">']
    current: tuple[str, str] | None = None
    several_files = len(document.files) > 1
    for n, block in enumerate(document.blocks, start=1):
        where = (block.file, block.part)
        if where != current:
            heading = [block.file] if several_files and block.file else []
            if block.part != "body" or heading:
                heading.append(PART_LABELS.get(block.part, block.part))
            if heading:
                lines.append(f"<h4>{esc(' · '.join(heading))}</h4>")
            current = where
        hits = hits_by_block.get(block_key(block), [])
        css = ' class="flagged"' if hits else ""
        refs = "".join(f'<a class="ref" href="#{fid}">{esc(f.rule)}</a>' for f, fid in hits)
        lines.append(f'<p id="{prefix}-b{n}"{css}><span class="pno">{block.index}</span>'
                     f"{_mark_spans(block.text, hits)}{refs}</p>")
    lines.append("</div>")
    return "\n".join(lines)


def block_ids(document: Document, prefix: str) -> dict[BlockKey, str]:
    """The element id of each block of ``document``, keyed like ``block_key``."""
    ids: dict[BlockKey, str] = {}
    for n, block in enumerate(document.blocks, start=1):
        ids.setdefault(block_key(block), f"{prefix}-b{n}")
    return ids


def group_hits(findings: Hits, resolve: dict[int, Block]) -> dict[BlockKey, Hits]:
    """Findings (with their element ids) per block key; ``resolve`` maps a finding's position to its block."""
    grouped: dict[BlockKey, Hits] = defaultdict(list)
    for position, (finding, fid) in enumerate(findings):
        block = resolve.get(position)
        if block is not None:
            grouped[block_key(block)].append((finding, fid))
    return grouped
