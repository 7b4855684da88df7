"""analyze(doc) → Structure: every extractor run once over the document, in one pass each."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from normcheck.model import Document
from normcheck.structure import headings as h
from normcheck.structure.articles import find_outline
from normcheck.structure.citations import (
    CitationSpan,
    find_bare_citations,
    find_citations,
)
from normcheck.structure.facts import Citation, Fact, Section, Structure
from normcheck.structure.frontmatter import (
    authority_from_title,
    find_signature,
    read_head,
)
from normcheck.structure.issuer import issuer_level, issuer_type
from normcheck.structure.nature import document_nature
from normcheck.structure.parts import typed_parts
from normcheck.structure.provisions import MODES, Provisions, assign_roles, detect_mode
from normcheck.structure.quoted import attachment_starts_of, find_quoted_regions, quoted_articles
from normcheck.structure.sections import (
    ATTACHMENT,
    NORM,
    NOTICE,
    FileBlocks,
    find_sections,
    group_by_file,
)
from normcheck.structure.terms import find_terms


def analyze(doc: Document, mode: str | None = None) -> Structure:
    """The anatomy of ``doc``: title, 文号, authority, 主送, dates, chapters, articles, sections, citations, and
    the provisions layer (passage roles, typed parts, mode; ``mode`` overrides the detected one).

    Only body blocks carry the anatomy; citations are found in every block (notes, headers, comments).
    """
    structure = Structure()
    provisions = Provisions()
    groups = group_by_file(doc)
    if groups:
        structure.sections = find_sections(doc, groups)
        provisions.quoted = find_quoted_regions(doc, groups, attachment_starts_of(structure.sections))
        quoted = [(r.block_start, r.block_end) for r in provisions.quoted]
        outline = find_outline(doc, groups, structure.sections, quoted)
        structure.chapters, structure.articles = outline.chapters, outline.articles
        structure.supplementary = outline.supplementary
        provisions.quoted_articles = quoted_articles(doc, provisions.quoted)
        _read_main_file(doc, groups, _main_file(groups, structure.sections), structure)
    structure.citations, structure.bare_citations = _citations(doc)
    detected, reason = detect_mode(doc, structure.sections)
    provisions.mode, provisions.mode_reason = (mode, "由 --mode 指定") if mode in MODES else (detected, reason)
    provisions.parts = typed_parts(doc, structure.sections)
    structure.provisions = provisions
    assign_roles(doc, structure, provisions)
    structure.doc_nature = document_nature(doc, structure)
    return structure


def _main_file(groups: list[FileBlocks], sections: list[Section]) -> FileBlocks:
    """The file holding the notice or the norm (the first file of a package otherwise)."""
    for wanted in (NOTICE, NORM):
        for section in sections:
            if section.name == wanted:
                return next((g for g in groups if g.positions[0] <= section.block_start <= g.positions[-1]),
                            groups[0])
    return groups[0]


def _read_main_file(doc: Document, groups: list[FileBlocks], main: FileBlocks, structure: Structure) -> None:
    head = read_head(doc, main.positions)
    structure.title, structure.doc_number, structure.recipients = head.title, head.doc_number, head.recipients
    sections = structure.sections
    notice = _positions(main.positions, [s for s in sections if s.name == NOTICE and s.file == main.file])
    # The norm may sit in its own member file, next to a notice file.
    body = groups[0].positions if len(groups) == 1 else sorted(p for group in groups for p in group.positions)
    norm = _positions(body, [s for s in sections if s.name == NORM])
    mine = _positions(main.positions, [s for s in sections if s.file == main.file and s.name not in h.EXPLANATORY])
    issue, signer = find_signature(doc, notice + _closing(doc, sections, notice)) if notice else (None, None)
    if issue is None:
        text = norm or mine
        issue, signer = find_signature(doc, text + _closing(doc, sections, text))
    structure.issue_date = issue
    structure.authority = head.banner or signer or (authority_from_title(head.title) if head.title else None)
    structure.provenance["doc_number"] = "版头" if structure.doc_number is not None else ""
    structure.provenance["title"] = "标题" if structure.title is not None else ""
    structure.provenance["authority"] = ("版头" if head.banner is not None else "落款" if signer is not None
                                         else "标题" if structure.authority is not None else "")
    structure.provenance["issue_date"] = ("印发通知落款" if notice and issue is not None and issue.block in notice
                                          else "落款" if issue is not None else "")
    if structure.authority is not None:
        name = str(structure.authority.value)
        kind = issuer_type(name)
        level = issuer_level(name, kind)
        fact = structure.authority
        if kind is not None:
            structure.issuer_type = Fact(kind, fact.text, fact.block, fact.start, fact.end)
        if level is not None:
            structure.issuer_level = Fact(level, fact.text, fact.block, fact.start, fact.end)
    terms = find_terms(doc, norm or mine, issue)
    if notice and head.title is not None and _AMENDING.search(str(head.title.value)):
        # 关于修改《…》的通知: the notice is the instrument; the text it reprints keeps its old 施行 article.
        own = find_terms(doc, notice, issue)
        if own.effective_date is not None or own.effective_rule is not None:
            terms.effective_date, terms.effective_rule = own.effective_date, own.effective_rule
    structure.effective_date, structure.effective_rule = terms.effective_date, terms.effective_rule
    structure.validity, structure.validity_end = terms.validity, terms.validity_end


# A law named without 《》 ends in 法, 条例, 通则 or 总则 and is followed by 的规定 or 第N条 (citations._BARE).
_MAY_CITE_BARE = re.compile(r"[法例则](?:的(?:有关|相关)?规定|第)")
_AMENDING = re.compile(r"关于(?:修改|修订|修正|部分修改|废止和修改)[^。]{0,80}的(?:通知|决定)$")
_LIST_LINE = 80
_LIST_LINES = 12


def _closing(doc: Document, sections: list[Section], positions: list[int]) -> list[int]:
    """The 落款 printed after a list of attachment names (附件：1.… 2.… then the issuer and the date): the
    blocks of the attachment section right after ``positions`` up to its first signature-date line, when
    every block before that line is a short list line."""
    if not positions:
        return []
    after = positions[-1] + 1
    section = next((s for s in sections if s.block_start == after and s.name == ATTACHMENT), None)
    if section is None:
        return []
    chosen: list[int] = []
    for position in range(section.block_start, min(section.block_end, section.block_start + _LIST_LINES)):
        block = doc.blocks[position]
        if block.part != "body" or len(h.compact(block.text)) > _LIST_LINE:
            return []
        chosen.append(position)
        if find_signature(doc, [position])[0] is not None:
            # The signing authority may stand on the lines just above the date.
            return chosen
    return []


def _positions(positions: list[int], sections: list[Section]) -> list[int]:
    """The ``positions`` (ascending) inside any of ``sections``: a slice of them per run of sections."""
    inside: list[int] = []
    for start, end in _merged(sorted((s.block_start, s.block_end) for s in sections)):
        inside.extend(positions[bisect_left(positions, start):bisect_left(positions, end)])
    return inside


def _merged(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted (start, end) ranges with the overlapping or touching ones joined."""
    merged: list[tuple[int, int]] = []
    for start, end in ranges:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        elif start < end:
            merged.append((start, end))
    return merged


def _citations(doc: Document) -> tuple[list[Citation], list[Citation]]:
    titled: list[Citation] = []
    bare: list[Citation] = []
    for position, block in enumerate(doc.blocks):
        text = block.text
        spans: list[CitationSpan] = find_citations(text) if "《" in text else []
        titled.extend(_citation(text, position, span) for span in spans)
        if _MAY_CITE_BARE.search(text):
            covered = _covered(spans)
            for span in find_bare_citations(text):
                at = bisect_right(covered, (span.start, len(text) + 1)) - 1
                if at < 0 or covered[at][1] <= span.start:
                    bare.append(_citation(text, position, span))
    return titled, bare


def _covered(spans: list[CitationSpan]) -> list[tuple[int, int]]:
    """The text covered by 《…》 citations as merged (start, end) ranges, for bisection."""
    merged: list[tuple[int, int]] = []
    for span in sorted(spans, key=lambda s: s.start):
        if merged and span.start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], span.end))
        else:
            merged.append((span.start, span.end))
    return merged


def _citation(text: str, position: int, span: CitationSpan) -> Citation:
    return Citation(span.law, span.articles, text[span.start:span.end], position, span.start, span.end,
                    span.paragraph, span.item)
