"""Chapters (第一章…), articles (第一条…, typed or automatic numbering) and the 附则 chapter.

Articles are numbered on across chapters; an article runs from its heading to the next article, chapter,
节 or 编 heading, section boundary, change of file, 版记 line (抄送：…) or non-body block.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from normcheck.model import Document
from normcheck.structure import headings as h
from normcheck.structure.facts import Article, Fact, Section
from normcheck.structure.numbers import parse_chinese_number
from normcheck.structure.sections import FileBlocks

_IMPRINT = re.compile(r"^[ \u3000]*(?:抄\s*送|主\s*送|报\s*送)[:：]")


@dataclass(slots=True)
class Outline:
    chapters: list[Fact] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    supplementary: Fact | None = None


def find_outline(doc: Document, groups: list[FileBlocks], sections: list[Section],
                 quoted: Sequence[tuple[int, int]] = ()) -> Outline:
    """Chapters, articles and 附则 in the blocks outside explanatory sections (起草说明 may quote articles) and
    outside ``quoted`` block ranges (the articles of a law an attachment reproduces are not the document's)."""
    outline = Outline()
    skipped = sorted(_explanatory_ranges(sections) + list(quoted))
    section_starts = {s.block_start for s in sections}
    for group in groups:
        chapter: str | None = None
        open_article: tuple[int, str, int] | None = None  # number, label, first block
        previous = -1
        range_index = 0
        for position in group.positions:
            while range_index < len(skipped) and skipped[range_index][1] <= position:
                range_index += 1
            excluded = range_index < len(skipped) and skipped[range_index][0] <= position
            block = doc.blocks[position]
            article = None if excluded else h.article_heading(block)
            division = None if excluded or article else h.division_heading(block)
            bare_supplementary = not (excluded or article or division) and _is_bare_supplementary(block.text)
            ends_here = (excluded or article or division or bare_supplementary or position in section_starts
                         or position != previous + 1 or _IMPRINT.match(block.text))
            if open_article and ends_here:
                outline.articles.append(Article(open_article[0], open_article[1], open_article[2], previous + 1,
                                                chapter))
                open_article = None
            previous = position
            if division is not None:
                chapter = _division(outline, block.text, division, position) or chapter
            elif article is not None:
                number = _number(article.group("n"))
                if number is not None:
                    open_article = (number, article.group(0), position)
            elif bare_supplementary and outline.supplementary is None:
                outline.supplementary = Fact(None, block.text.strip(), position, *_span(block.text))
        if open_article:
            outline.articles.append(Article(open_article[0], open_article[1], open_article[2], previous + 1,
                                            chapter))
    return outline


def _division(outline: Outline, text: str, match: re.Match[str], position: int) -> str | None:
    """Record a 第N章 heading; return its text (the chapter articles below belong to)."""
    if match.group("kind") != "章":
        return None
    number = _number(match.group("n"))
    if number is None:
        return None
    heading = text.strip()
    fact = Fact(number, heading, position, *_span(text))
    outline.chapters.append(fact)
    if h.compact(text[match.end():]) == "附则":
        outline.supplementary = fact
    return heading


def _is_bare_supplementary(text: str) -> bool:
    return len(text) <= 20 and h.compact(text) == "附则"


def _explanatory_ranges(sections: list[Section]) -> list[tuple[int, int]]:
    return [(s.block_start, s.block_end) for s in sections if s.name in h.EXPLANATORY]


def _number(text: str) -> int | None:
    try:
        return parse_chinese_number(text)
    except ValueError:
        return None


def _span(text: str) -> tuple[int, int]:
    start = len(text) - len(text.lstrip())
    return start, max(len(text.rstrip()), start)
