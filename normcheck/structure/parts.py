"""The typed parts of an input: each section (正文, 印发通知, 起草说明, 合法性审核意见, 征求意见情况,
公平竞争审查, 集体审议, 备案报告, 附件) with the issuer and date it carries itself, and whether its type came
from its file name or from its own content (heading and first lines)."""
from __future__ import annotations

from normcheck.model import Document
from normcheck.structure import headings as h
from normcheck.structure.facts import Section
from normcheck.structure.frontmatter import find_signature
from normcheck.structure.provisions import Part


def typed_parts(doc: Document, sections: list[Section]) -> list[Part]:
    parts: list[Part] = []
    for section in sections:
        positions = [p for p in range(section.block_start, min(section.block_end, len(doc.blocks)))
                     if doc.blocks[p].part == "body"]
        date, signer = find_signature(doc, positions) if positions else (None, None)
        by_name = h.file_section(section.file) == section.name if section.file else False
        parts.append(Part(section.name, section.file, section.block_start, section.block_end,
                          signer.value if signer is not None else None, date,
                          "file name" if by_name else "content"))
    return parts
