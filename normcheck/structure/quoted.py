"""Quoted instruments: the parts of a file that reproduce another instrument's text rather than state the
document's own rules — an attachment of law excerpts (附件：相关法律法规条文), a block headed by the title of a
law followed by its articles, or the words inside “…” after 《…》第…条规定：.

The articles inside a quoted region are the quoted instrument's, never the document's: the outline skips
them, and they are listed apart with a label that says where they really are (附件2引用的《…》第六十六条).
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from normcheck.model import Document
from normcheck.structure import headings as h
from normcheck.structure.facts import Article, Section
from normcheck.structure.numbers import parse_chinese_number
from normcheck.structure.sections import ATTACHMENT, FileBlocks

# A heading that announces excerpts of laws: 相关法律法规条文, 有关法律规定摘录, 法律依据, 政策依据（节选）.
_EXCERPT_HEADING = re.compile(
    r"(?:相关|有关|主要|涉及的?)?(?:法律|法规|规章|法律法规|法律、法规|法律、行政法规|上位法|政策)(?:及|和|、)?"
    r"(?:规定|规章|法规|政策|文件)?(?:的)?(?:条文|条款|规定|依据|摘录|节选|摘编|原文)(?:摘录|节选|摘编|汇编)?"
)
# A line that is only the title of another instrument, perhaps marked as an excerpt: 《XX条例》（节选）.
_INSTRUMENT_LINE = re.compile(
    r"^《(?P<law>[^《》]{2,60}(?:法|条例|规定|办法|细则|决定|解释|规则|通知|意见))》"
    r"(?:[（(](?:节选|摘录|摘编|相关条款|有关条款|部分条款)[）)]|(?:相关|有关|部分)条款|条文)?$"
)
_ATTACHMENT_LABEL = re.compile(r"^(?:(附\s*件\s*[\d一二三四五六七八九十]{0,3})\s*[:：]?|(附)\s*[:：])")
# “…” right after 规定/明确/指出 (with or without a colon): the words of the cited instrument.
_QUOTE_AFTER = re.compile(r"(?:规定|明确|指出|要求|载明)[:：]?[ \u3000]?“")
_HEAD_WINDOW = 3
# Every line that opens a quoted region has one of these.
_MAY_OPEN = re.compile("附|《|法律|法规|规章|政策")
# Quoted law text shows a 第N条 within this many blocks of its heading.
_ARTICLE_WINDOW = 400


@dataclass(frozen=True, slots=True)
class QuotedRegion:
    """Blocks [block_start, block_end) reproduce ``source`` (an instrument's title, or "" when the heading
    names several); ``where`` is how a reader finds it (附件2, 附)."""

    block_start: int
    block_end: int
    source: str
    where: str


@dataclass(frozen=True, slots=True)
class QuotedSpan:
    """Characters [start, end) of one block quote ``source``."""

    block: int
    start: int
    end: int
    source: str


def find_quoted_regions(doc: Document, groups: list[FileBlocks], attachment_starts: set[int]) -> list[QuotedRegion]:
    """Every quoted region of every file. A region opens at an attachment or excerpt heading that announces
    law text (or at a bare instrument-title line followed by articles) and runs to the next attachment mark,
    the end of the file, or the next non-quoted heading."""
    regions: list[QuotedRegion] = []
    for group in groups:
        positions = group.positions
        stops: _Stops | None = None
        k = 0
        while k < len(positions):
            opened = _opening(doc, positions, k, attachment_starts)
            if opened is None:
                k += 1
                continue
            where, source, first_body = opened
            if stops is None:
                stops = _Stops(doc, positions, attachment_starts)
            # The first quoted block never closes the region, however it looks.
            end = stops.next_close[first_body + 1] if first_body < len(positions) else first_body
            if end > first_body and stops.next_article[first_body] < min(end, first_body + _ARTICLE_WINDOW):
                regions.append(QuotedRegion(positions[k], positions[end - 1] + 1, source, where))
                k = end
            else:
                k += 1
    return regions


class _Stops:
    """For each index into a file's ``positions``: the first index from there on whose block would close a
    quoted region, and the first whose block opens with 第N条 (``len(positions)`` when there is none).
    Computed once per file, so that trying many openings stays linear."""

    __slots__ = ("next_article", "next_close")

    def __init__(self, doc: Document, positions: list[int], attachment_starts: set[int]) -> None:
        count = len(positions)
        self.next_close = [count] * (count + 1)
        self.next_article = [count] * (count + 1)
        close_at = article_at = count
        for index in range(count - 1, -1, -1):
            text = doc.blocks[positions[index]].text
            if _closes(text, positions[index], attachment_starts):
                close_at = index
            if h.ARTICLE_HEADING.match(text.lstrip(" \u3000\t")):
                article_at = index
            self.next_close[index] = close_at
            self.next_article[index] = article_at


def _opening(doc: Document, positions: list[int], k: int,
             attachment_starts: set[int]) -> tuple[str, str, int] | None:
    """(where, source, index of the first quoted block) when the block at ``k`` opens a quoted region."""
    raw = doc.blocks[positions[k]].text
    if len(raw) > 120 or _MAY_OPEN.search(raw) is None:
        return None
    text = h.compact(raw)
    if not text or len(text) > 60 or "。" in text:
        return None
    label = _ATTACHMENT_LABEL.match(text)
    where = (label.group(1) or "附件").replace(" ", "") if label else ""
    rest = text[label.end():] if label else text
    if label is None and positions[k] not in attachment_starts and not _excerpt_heading(text) \
            and not _upper_instrument(text):
        return None
    # The heading itself, the label's own line, or the first lines after it may say what is quoted.
    window = [rest] + [h.compact(doc.blocks[p].text) for p in positions[k + 1:k + 1 + _HEAD_WINDOW]]
    source = ""
    announced = False
    for offset, line in enumerate(window):
        if not line:
            continue
        instrument = _upper_instrument(line)
        if instrument:
            source = source or instrument
            announced = True
            continue
        if _excerpt_heading(line):
            announced = True
            continue
        if offset == 0 and not line:
            continue
        return (where or "附件", source, k + max(offset, 1)) if announced else None
    return (where or "附件", source, k + len(window)) if announced else None


def _excerpt_heading(line: str) -> bool:
    """A heading line that is only the announcement of law excerpts (after an attachment label, if any)."""
    label = _ATTACHMENT_LABEL.match(line)
    rest = line[label.end():] if label else line
    rest = rest.strip("：:")
    match = _EXCERPT_HEADING.match(rest)
    return match is not None and len(rest) - match.end() <= 4 and not any(ch in rest for ch in "。；;，,")


def _upper_instrument(line: str) -> str | None:
    """The instrument a title-only line names, when it is an upper-level one (a law, a regulation, a judicial
    interpretation) or marked as an excerpt; a line 《XX区停车管理办法》 is more likely the document's own."""
    match = _INSTRUMENT_LINE.match(line)
    if match is None:
        return None
    law = match.group("law")
    marked = match.end() > len(law) + 2
    upper = (law.endswith(("法", "条例", "解释")) and not law.endswith(("办法", "方法"))) \
        or law.startswith(("中华人民共和国", "国务院", "最高人民法院"))
    return law if marked or upper else None


def _closes(text: str, position: int, attachment_starts: set[int]) -> bool:
    """Whether a block after the first quoted one ends the region: an attachment mark or a section heading."""
    if len(text) > 120:
        return False
    if position in attachment_starts:
        return True
    if "附" in text:
        line = h.compact(text)
        if len(line) <= 20 and _ATTACHMENT_LABEL.match(line) and not _upper_instrument(line):
            return True
    return h.section_heading(text) is not None


def sources_in(doc: Document, region: QuotedRegion, stop: int) -> Iterator[tuple[int, str]]:
    """``(position, source)`` for the region's blocks before ``stop``: the instrument quoted at each, that of
    the last instrument line at or above it."""
    source = region.source
    for p in range(region.block_start, stop):
        found = _INSTRUMENT_LINE.match(h.compact(doc.blocks[p].text))
        if found:
            source = found.group("law")
        yield p, source


def quoted_articles(doc: Document, regions: list[QuotedRegion]) -> list[Article]:
    """The articles inside quoted regions, labelled with where they are: 附件引用的《…》第七十五条."""
    articles: list[Article] = []
    for region in regions:
        source = region.source
        open_: tuple[int, str, int] | None = None
        for position in range(region.block_start, region.block_end):
            text = doc.blocks[position].text.lstrip(" \u3000\t")
            line = _INSTRUMENT_LINE.match(h.compact(text))
            instrument = line.group("law") if line else None
            if instrument:
                source = instrument
            heading = h.ARTICLE_HEADING.match(text)
            if heading or instrument:
                if open_ is not None:
                    articles.append(Article(open_[0], open_[1], open_[2], position))
                    open_ = None
            if heading:
                number = _number(heading.group("n"))
                if number is not None:
                    named = f"《{source}》" if source else "法律法规"
                    open_ = (number, f"{region.where}引用的{named}{heading.group(0)}", position)
        if open_ is not None:
            articles.append(Article(open_[0], open_[1], open_[2], region.block_end))
    return articles


def inline_quotes(text: str, block: int) -> list[QuotedSpan]:
    """The “…” after 《…》…规定：in one block: the cited instrument's words, not the document's."""
    spans: list[QuotedSpan] = []
    if "“" not in text or "《" not in text:
        return spans
    for match in _QUOTE_AFTER.finditer(text):
        before = text[max(0, match.start() - 80):match.start()]
        title = before.rfind("《")
        if title < 0 or "》" not in before[title:]:
            continue
        close = text.find("”", match.end())
        if close < 0:
            continue
        source = before[title + 1:before.find("》", title)]
        spans.append(QuotedSpan(block, match.end(), close, source))
    return spans


def attachment_starts_of(sections: list[Section]) -> set[int]:
    return {s.block_start for s in sections if s.name == ATTACHMENT}


def _number(text: str) -> int | None:
    try:
        return parse_chinese_number(text)
    except ValueError:
        return None
