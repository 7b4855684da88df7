"""Facts the structure stage extracts from a Document. Every fact keeps the block it came from.

Block indices here (``block``, ``block_start``, ``block_end``) are 0-based positions in ``Document.blocks``;
``start``/``end`` are character offsets within that block's text.
"""
from __future__ import annotations

import datetime as _dt
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from normcheck.structure.provisions import Provisions

DURATION_UNITS = ("year", "month", "day", "workday")


@dataclass(frozen=True, slots=True)
class Duration:
    """A span of time as written: 3年, 六个月, 30日, 7个工作日."""

    amount: int
    unit: str

    @property
    def days(self) -> float:
        """Approximate length in calendar days (a working day counts 7/5 calendar days)."""
        return self.amount * {"year": 365.0, "month": 30.0, "day": 1.0, "workday": 1.4}[self.unit]

    @property
    def years(self) -> float:
        return self.days / 365.0


@dataclass(frozen=True, slots=True)
class Fact:
    """A value found in the text. ``value`` is a str, int, datetime.date or Duration."""

    value: Any
    text: str
    block: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Article:
    """An article (条): ``number`` 123 for 第一百二十三条; blocks [block_start, block_end) form it."""

    number: int
    label: str
    block_start: int
    block_end: int
    chapter: str | None = None


@dataclass(frozen=True, slots=True)
class Citation:
    """A citation 《…》 with the article(s) it names: 《中华人民共和国合同法》第五十二条第二款第（三）项.

    ``law`` is the name inside the title marks; ``articles`` the article numbers named right after it
    (empty when none); ``text`` the whole cited span.
    """

    law: str
    articles: tuple[int, ...]
    text: str
    block: int
    start: int
    end: int
    paragraph: int | None = None
    item: int | None = None


@dataclass(frozen=True, slots=True)
class Section:
    """A section of a filing package or of one file: 印发通知, 正文, 起草说明, 合法性审核意见, 备案报告, 附件."""

    name: str
    block_start: int
    block_end: int
    file: str = ""


@dataclass(slots=True)
class Structure:
    """The anatomy of a normative document (or of a filing package).

    ``supplementary`` is the 附则 chapter heading; ``bare_citations`` are laws named without 《》 after
    根据/依照/违反… (根据合同法第五十二条), kept apart because they are less certain than ``citations``.
    """

    title: Fact | None = None
    doc_number: Fact | None = None
    authority: Fact | None = None
    recipients: Fact | None = None
    issue_date: Fact | None = None
    effective_date: Fact | None = None
    effective_rule: Fact | None = None
    validity: Fact | None = None
    validity_end: Fact | None = None
    chapters: list[Fact] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    supplementary: Fact | None = None
    bare_citations: list[Citation] = field(default_factory=list)
    provisions: Provisions | None = None
    issuer_type: Fact | None = None
    doc_nature: Fact | None = None
    issuer_level: Fact | None = None
    # Where each filing fact came from (版头, 标题, 印发通知落款, 落款, 施行条款 …), by fact name.
    provenance: dict[str, str] = field(default_factory=dict)

    @property
    def mode(self) -> str:
        return self.provisions.mode if self.provisions is not None else "document"

    def role_at(self, block: int, offset: int) -> str:
        return self.provisions.role_at(block, offset) if self.provisions is not None else "own"

    def article_label(self, block: int) -> str | None:
        """The label of the article holding ``block``: the document's own, or where a quoted one is."""
        article = self.article_at(block)
        if article is not None:
            return article.label
        if self.provisions is not None:
            quoted = self.provisions.quoted_article_at(block)
            if quoted is not None:
                return quoted.label
        return None

    def article_at(self, block: int) -> Article | None:
        """The article holding ``block``; ``articles`` are in order and do not overlap (as analyze makes them)."""
        position = bisect_right(self.articles, block, key=lambda article: article.block_start) - 1
        if position >= 0 and block < self.articles[position].block_end:
            return self.articles[position]
        return None

    def section_at(self, block: int) -> Section | None:
        """The section holding ``block``; ``sections`` are in order and do not overlap (as analyze makes them)."""
        position = bisect_right(self.sections, block, key=lambda section: section.block_start) - 1
        if position >= 0 and block < self.sections[position].block_end:
            return self.sections[position]
        return None

    @property
    def issue_day(self) -> _dt.date | None:
        return self.issue_date.value if self.issue_date else None
