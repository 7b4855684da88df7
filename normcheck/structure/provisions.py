"""Passage roles and the document's mode: what each piece of text is, as an officer reads it.

Every character of the body has one role:

- ``own``: the document's own provisions (the notice and the norm);
- ``quoted``: the words of another instrument (an attachment of law excerpts, “…” after 《…》第…条规定);
- ``restatement``: a sentence, to its 。, governed by a basis clause — 依照《…》第…条的规定, 根据有关法律、法规的规定 —
  from that clause on, or an own sentence that repeats a quoted one;
- ``record``: a drafting record (起草说明, 合法性审核意见, 征求意见情况, 备案报告, 公平竞争审查, 会议纪要): what was done;
- ``heading``: the title, chapter, article-title and attachment headings;
- ``signature``: 版头, 文号, 主送, 落款, 抄送/印发 lines and page marks.

The mode is ``package`` when the input holds a drafting record (a folder package, or a file with a record
section), else ``document``: a lone text whose drafting history cannot be seen.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field

from normcheck.model import Document
from normcheck.structure import headings as h
from normcheck.structure.facts import Article, Fact, Section, Structure
from normcheck.structure.quoted import QuotedRegion, QuotedSpan, inline_quotes, sources_in
from normcheck.structure.sentences import split_sentences
from normcheck.structure.vocab import MODES, ROLES

# Sections that record the drafting rather than state rules.
RECORD_SECTIONS = frozenset(h.EXPLANATORY | {"公平竞争审查", "集体审议"})

# 依照《…》第…条的规定 / 根据有关法律、法规的规定 / 按照《…》有关规定: a basis that the rest of the sentence follows.
_BASIS = re.compile(
    r"(?:依照|依据|按照|根据|适用|遵照)[ \u3000]?(?:国家(?:和|及)?(?:本市|本省)?|本市|本省)?[ \u3000]?"
    r"(?:(?P<law>《[^《》]{2,60}》(?:[、和及与]《[^《》]{2,60}》)*)(?P<art>第[^，。；、《》]{1,14}?[条款项])?"
    r"|(?P<generic>(?:有关|相关)?(?:法律|行政法规|法规|规章)(?:[、和及]|或者)?(?:行政法规|法规|规章)?(?:[、和及]|或者)?(?:规章)?))"
    r"(?:等)?(?:[^，。；《》]{0,6}?)(?P<tail>的?(?:有关|相关)?(?:规定|条款|要求|程序))?"
)
# Every basis opens with one of these words.
_BASIS_WORD = re.compile("依照|依据|按照|根据|适用|遵照")
# A basis that names only a framework law (who may set what), not the rule being applied.
_FRAMEWORK_LAWS = ("行政处罚法", "行政许可法", "行政强制法", "立法法", "地方各级人民代表大会和地方各级人民政府组织法",
                   "优化营商环境条例", "公平竞争审查条例")
# Titles of policy documents rather than laws, regulations or rules.
_POLICY_GENRES = ("意见", "通知", "方案", "措施", "政策", "计划", "纲要", "要点", "指引", "指南", "清单")
_PAGE_MARK = re.compile(r"^[—–\-－]\s*\d{1,4}\s*[—–\-－]$")
_IMPRINT = re.compile(r"^(?:抄\s*送|主\s*送|报\s*送|印\s*发|分\s*送|发\s*送)[:：]|印发$|^[（(]此件[^）)]{0,12}[）)]$")
# Every page mark, imprint or banner line has one of these: cheap to test before compacting the line.
_MAY_BE_SIGNATURE = re.compile(r"[—–\-－]|送|印发|此件|文件")
_ARTICLE_TITLE_ONLY = re.compile(r"^第[^条]{1,8}条[ \u3000]*(?:[（(][^（）()]{1,20}[）)])?$")
# A sentence that reports the drafting (本办法已经区政府常务会议审议通过 / 经区司法局合法性审核 / 已征求…意见 /
# 拟提请…审议): a record inside the notice or the norm, not a rule.
_PROCEDURE_OPENING = re.compile(
    r"(?:(?:起草说明|编制说明|制定说明|说明)[:：])?(?:第[^条]{1,8}条[ \u3000]*)?(?:[（(]?[一二三四五六七八九十\d]+[、.．)）])?"
    r"(?P<subject>《[^《》]{2,80}》|本(?:办法|规定|细则|意见|通知|方案|规则|文件|决定|标准|目录|指引|措施))?"
    r"(?:已经|已由|业经|已于|经过|经|已|拟|将|于\d{4}年)"
)
_PROCEDURE_WORDS = re.compile(
    r"(?:常务会议?|全体会议?|办公会议?|局务会议?|委务会议?|党组会议?|党委会议?|专题会议?|常委会议?|审议|审定|讨论决定|研究同意|研究决定|"
    r"研究后|签批|签发|会签|政府同意|合法性审核|合法性审查|法制审核|公平竞争审查|征求(?:了)?[^。]{0,20}意见|公开征求)"
)
# A paragraph that opens with the name of a drafting record and a colon (起草说明：…) is that record.
_RECORD_LABEL = re.compile(
    r"^[ \u3000]*(?:[（(]?[一二三四五六七八九十\d]{1,3}[、.．)）])?(?:关于[^：:]{0,60}的)?"
    r"(?:起草说明|编制说明|制定说明|起草情况|合法性审核意见|合法性审查意见|法制审核意见|"
    r"审核意见|征求意见情况|意见采纳情况|公平竞争审查(?:情况|意见|结论)?|会议纪要|审议情况|备案报告)[:：]"
)
# A record sentence opens with one of these (see _PROCEDURE_OPENING), an inline quotation with “.
_MAY_BE_RECORD = re.compile(r"已|经|拟|将|于\d|“")
# The sentence is about the document or its issuing (not a rule made with someone's approval).
_ABOUT_ISSUING = re.compile(
    r"本(?:办法|规定|细则|意见|通知|方案|规则|文件|决定|标准|目录|指引|措施)|印发|发布|公布|施行|实施|《[^《》]{2,80}》"
    r"|起草|草案|送审稿|征求意见稿|审核意见|合法性|公开征求|征求[^。]{0,20}意见"
)
_GRAM = 3
_SAME_AS_QUOTED = 0.6


@dataclass(frozen=True, slots=True)
class Passage:
    """Characters [start, end) of one block with one ``role``; ``source`` names the quoted instrument or
    the basis a restatement follows."""

    block: int
    start: int
    end: int
    role: str
    source: str = ""


@dataclass(frozen=True, slots=True)
class Part:
    """One typed part of a package: a member file or a section (正文, 起草说明, 合法性审核意见 …), with the
    issuer and date it carries itself."""

    kind: str
    file: str
    block_start: int
    block_end: int
    issuer: str | None = None
    date: Fact | None = None
    typed_by: str = "content"


@dataclass(slots=True)
class Provisions:
    mode: str = "document"
    mode_reason: str = ""
    parts: list[Part] = field(default_factory=list)
    quoted: list[QuotedRegion] = field(default_factory=list)
    quoted_articles: list[Article] = field(default_factory=list)
    # The role of each block when one role covers it; blocks with several roles are in ``passages``.
    block_roles: list[str] = field(default_factory=list)
    passages: dict[int, list[Passage]] = field(default_factory=dict)

    def role_at(self, block: int, offset: int) -> str:
        split = self.passages.get(block)
        if split is None:
            return self.block_roles[block] if 0 <= block < len(self.block_roles) else "own"
        at = bisect.bisect_right([p.start for p in split], offset) - 1
        return split[at].role if at >= 0 and offset < split[at].end else split[max(at, 0)].role

    def passages_of(self, block: int, length: int) -> list[Passage]:
        split = self.passages.get(block)
        if split is not None:
            return split
        role = self.block_roles[block] if 0 <= block < len(self.block_roles) else "own"
        return [Passage(block, 0, length, role)]

    def quoted_article_at(self, block: int) -> Article | None:
        position = bisect.bisect_right([a.block_start for a in self.quoted_articles], block) - 1
        if position >= 0 and block < self.quoted_articles[position].block_end:
            return self.quoted_articles[position]
        return None


def detect_mode(doc: Document, sections: list[Section]) -> tuple[str, str]:
    """(mode, reason in Chinese) from what the input holds."""
    records = sorted({s.name for s in sections if s.name in RECORD_SECTIONS})
    files = {b.file for b in doc.blocks if b.part == "body"}
    if records:
        return "package", "材料中有" + "、".join(records)
    if len(files) > 1:
        return "package", f"文件夹中有 {len(files)} 份材料"
    return "document", "只有文件文本，未见起草说明、审核意见等报送材料"


def assign_roles(doc: Document, structure: Structure, provisions: Provisions) -> None:
    """Fill ``block_roles`` and ``passages`` for every block of ``doc``."""
    count = len(doc.blocks)
    roles = ["own"] * count
    for section in structure.sections:
        if section.name in RECORD_SECTIONS:
            for b in range(section.block_start, min(section.block_end, count)):
                roles[b] = "record"
    for region in provisions.quoted:
        for b in range(region.block_start, min(region.block_end, count)):
            roles[b] = "quoted"
        if region.block_start < count and not h.ARTICLE_HEADING.match(doc.blocks[region.block_start].text.lstrip()):
            roles[region.block_start] = "heading"
    for b in _heading_blocks(doc, structure):
        if roles[b] == "own":
            roles[b] = "heading"
    for b in _signature_blocks(doc, structure):
        if roles[b] in ("own", "heading"):
            roles[b] = "signature"
    provisions.block_roles = roles
    quoted_grams = _quoted_sentences(doc, structure, provisions)
    for b, block in enumerate(doc.blocks):
        if roles[b] != "own" or not block.text:
            continue
        if _RECORD_LABEL.match(block.text):
            roles[b] = "record"
            continue
        split = _own_passages(block.text, b, quoted_grams)
        if split is not None:
            provisions.passages[b] = split
    if quoted_grams:
        _restated_articles(doc, structure, provisions)


def _restated_articles(doc: Document, structure: Structure, provisions: Provisions) -> None:
    """An article most of whose paragraphs repeat one quoted instrument restates that instrument as a whole
    (an excerpt may elide a paragraph the article still repeats)."""
    for article in structure.articles:
        blocks = [b for b in range(article.block_start, article.block_end) if provisions.block_roles[b] == "own"
                  and doc.blocks[b].text.strip() and not _ARTICLE_TITLE_ONLY.match(h.compact(doc.blocks[b].text))]
        sources = [p.source for b in blocks for p in provisions.passages.get(b, [])
                   if p.role == "restatement" and p.source.startswith("《") and p.start == 0]
        if len(blocks) < 2 or len(sources) * 2 < len(blocks):
            continue
        # Sources are in text order and most_common keeps that order among equal counts: on a tie the
        # instrument the article names first governs.
        source = Counter(sources).most_common(1)[0][0]
        for b in blocks:
            if b not in provisions.passages:
                provisions.passages[b] = [Passage(b, 0, len(doc.blocks[b].text), "restatement", source)]


def _heading_blocks(doc: Document, structure: Structure) -> set[int]:
    chosen = {fact.block for fact in structure.chapters}
    if structure.title is not None:
        chosen.add(structure.title.block)
    for section in structure.sections:
        text = doc.blocks[section.block_start].text if section.block_start < len(doc.blocks) else ""
        line = h.compact(text)
        if h.short_line(text, 60) and (h.section_heading(text) or h.is_title(text) or h.is_notice_title(text)
                                       or h.ATTACHMENT_MARK.match(line) or h.ATTACHMENT_TITLED.match(line)):
            chosen.add(section.block_start)
    for b, block in enumerate(doc.blocks):
        if block.part != "body" or block.cell is not None:
            continue
        text = block.text.strip()
        if len(text) <= 40 and text.startswith("第") and _ARTICLE_TITLE_ONLY.match(h.compact(text)):
            chosen.add(b)
    return chosen


def _signature_blocks(doc: Document, structure: Structure) -> set[int]:
    chosen: set[int] = set()
    for fact in (structure.doc_number, structure.issue_date, structure.authority):
        if fact is not None and 0 <= fact.block < len(doc.blocks) and h.short_line(doc.blocks[fact.block].text, 60):
            chosen.add(fact.block)
    if structure.recipients is not None and 0 <= structure.recipients.block < len(doc.blocks):
        chosen.add(structure.recipients.block)
    for b, block in enumerate(doc.blocks):
        text = block.text
        if block.part != "body" or len(text) > 160 or not _MAY_BE_SIGNATURE.search(text):
            continue
        line = h.compact(text)
        if not line or len(line) > 80:
            continue
        if _PAGE_MARK.match(line) or _IMPRINT.search(line) or h.is_banner(block.text):
            chosen.add(b)
    return chosen


def _full_sentences(text: str) -> list[tuple[int, int]]:
    """Sentences to their 。: the spans of ``split_sentences`` joined across ；."""
    merged: list[tuple[int, int]] = []
    for start, end in split_sentences(text):
        if merged and text[merged[-1][1] - 1:merged[-1][1]] in ("；", ";"):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _own_passages(text: str, block: int,
                  quoted_grams: list[tuple[frozenset[str], str]]) -> list[Passage] | None:
    """The block split into own, restatement and quoted passages; None when all of it is own text."""
    has_basis = _BASIS_WORD.search(text) is not None
    if not (has_basis or quoted_grams or _MAY_BE_RECORD.search(text)):
        return None
    marks: list[tuple[int, int, str, str]] = []
    for span in inline_quotes(text, block):
        marks.append((span.start, span.end, "quoted", span.source))
    for start, end in _full_sentences(text):
        opening = _PROCEDURE_OPENING.match(text, start)
        # 本办法已经……审议通过 reports the drafting; so does 经……常务会议审议通过，现印发给你们. But 经区政府同意，
        # 对……给予奖励 is a rule made with approval: without the document or its issuing named, it stays own text.
        if opening and (opening.group("subject") or (_PROCEDURE_WORDS.search(text, start, end)
                                                     and _ABOUT_ISSUING.search(text, start, end))):
            marks.append((start, end, "record", "起草过程"))
            continue
        if has_basis:
            basis = _basis_in(text, start, end)
            if basis is not None:
                marks.append((basis[0], _restated_to(text, start, end, basis), "restatement", basis[1]))
                continue
        repeated = _repeats_quoted(text[start:end], quoted_grams) if quoted_grams and end - start >= 15 else None
        if repeated:
            marks.append((start, end, "restatement", repeated))
    if not marks:
        return None
    marks.sort()
    passages: list[Passage] = []
    cursor = 0
    for start, end, role, source in marks:
        start = max(start, cursor)
        if start >= end:
            continue
        if start > cursor:
            passages.append(Passage(block, cursor, start, "own"))
        passages.append(Passage(block, start, end, role, source))
        cursor = end
    if cursor < len(text):
        passages.append(Passage(block, cursor, len(text), "own"))
    return passages


def _restated_to(text: str, start: int, end: int, basis: tuple[int, str, bool]) -> int:
    """A named instrument in the sentence's first clause governs the sentence to its 。; a generic basis
    (有关法律、法规规定) or one in a later clause governs only its own clause (to the next ；)."""
    at, _, named = basis
    first_clause = not any(mark in text[start:at] for mark in "；;")
    if named and first_clause:
        return end
    for k in range(at, end):
        if text[k] in "；;":
            return k + 1
    return end


def _basis_in(text: str, start: int, end: int) -> tuple[int, str, bool] | None:
    """Where the restated part of the sentence [start, end) begins, the basis it follows, and whether the
    basis names an instrument."""
    for match in _BASIS.finditer(text, start, end):
        law, article, generic, tail = match.group("law"), match.group("art"), match.group("generic"), match.group("tail")
        if law:
            names = [name.strip("《》") for name in re.findall(r"《[^《》]+》", law)]
            framework = all(name.endswith(_FRAMEWORK_LAWS) for name in names)
            if framework and not article:
                continue
            if all(name.endswith(_POLICY_GENRES) for name in names):
                continue  # a policy document (《……若干意见》《……实施方案》) is no legal basis to restate
            if not (article or tail):
                continue
            return _restated_from(text, start, match.start()), law, True
        if generic and tail:
            return _restated_from(text, start, match.start()), generic + (tail or ""), False
    return None


def _restated_from(text: str, sentence_start: int, basis_start: int) -> int:
    """A basis in brackets at the end (…罚款（依据《…》第…条）) covers the whole sentence."""
    before = text[sentence_start:basis_start]
    if before.rfind("（") > before.rfind("）") or before.rfind("(") > before.rfind(")"):
        return sentence_start
    return basis_start


def _grams(text: str) -> frozenset[str]:
    compacted = re.sub(r"[\s，。；、：“”（）()《》]", "", text)
    return frozenset(compacted[i:i + _GRAM] for i in range(max(len(compacted) - _GRAM + 1, 0)))


def _quoted_sentences(doc: Document, structure: Structure,
                      provisions: Provisions) -> list[tuple[frozenset[str], str]]:
    """The sentences of quoted upper-level text (an attachment that re-quotes the document's own articles
    is not a basis for them)."""
    own = _own_name(structure)
    grams: list[tuple[frozenset[str], str]] = []
    for region in provisions.quoted:
        for b, source in sources_in(doc, region, min(region.block_end, len(doc.blocks))):
            if own and own in h.compact(source):
                continue
            text = doc.blocks[b].text
            for start, end in _full_sentences(text):
                if end - start >= 15:
                    grams.append((_grams(text[start:end]), f"《{source}》" if source else "附件所引条文"))
                if len(grams) >= 400:
                    return grams
    return grams


def _own_name(structure: Structure) -> str:
    title = structure.title.value if structure.title is not None else ""
    if not isinstance(title, str) or not title:
        return ""
    return h.compact(h.norm_title_of(title) or title)


def _repeats_quoted(sentence: str, quoted: list[tuple[frozenset[str], str]]) -> str | None:
    """The instrument whose quoted sentence this own sentence repeats, if any."""
    mine = _grams(sentence)
    if not mine:
        return None
    for theirs, source in quoted:
        shared = len(mine & theirs)
        if shared >= 10 and shared >= _SAME_AS_QUOTED * len(mine):
            return source
    return None


__all__ = ["MODES", "RECORD_SECTIONS", "ROLES", "Part", "Passage", "Provisions", "QuotedSpan", "assign_roles",
           "detect_mode"]
