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

    # The facts rules read (``fact X``, ``{fact X}``, ``X == …``) carry their value type and Chinese label
    # here, and nowhere else: ``FACTS`` below is derived from these fields.
    doc_number: Fact | None = field(default=None, metadata={"fact": "text", "label": "文号"})
    title: Fact | None = field(default=None, metadata={"fact": "text", "label": "标题"})
    authority: Fact | None = field(default=None, metadata={"fact": "text", "label": "发文机关"})
    issuer_type: Fact | None = field(default=None, metadata={"fact": "text", "label": "机关类型"})
    issuer_level: Fact | None = field(default=None, metadata={"fact": "text", "label": "机关层级"})
    recipients: Fact | None = field(default=None, metadata={"fact": "text", "label": "主送"})
    issue_date: Fact | None = field(default=None, metadata={"fact": "date", "label": "成文日期"})
    effective_date: Fact | None = field(default=None, metadata={"fact": "date", "label": "施行日期"})
    effective_rule: Fact | None = field(default=None, metadata={"fact": "text", "label": "施行方式"})
    validity: Fact | None = field(default=None, metadata={"fact": "duration", "label": "有效期"})
    validity_end: Fact | None = field(default=None, metadata={"fact": "date", "label": "有效期至"})
    doc_nature: Fact | None = field(default=None, metadata={"fact": "text", "label": "文件性质"})
    chapters: list[Fact] = field(default_factory=list, metadata={"count": "chapter_count"})
    articles: list[Article] = field(default_factory=list, metadata={"count": "article_count"})
    sections: list[Section] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list, metadata={"count": "citation_count"})
    supplementary: Fact | None = None
    bare_citations: list[Citation] = field(default_factory=list)
    provisions: Provisions | None = None
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


# ---- the fact registry -------------------------------------------------------------------------------
# Facts that are not fields: the mode a document is read in (a property of the provisions).
_DERIVED: dict[str, tuple[str, str]] = {"mode": ("text", "模式")}


def _registry() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    from dataclasses import fields

    types: dict[str, str] = {}
    labels: dict[str, str] = {}
    counts: dict[str, str] = {}
    for f in fields(Structure):
        if "fact" in f.metadata:
            types[f.name] = f.metadata["fact"]
            labels[f.name] = f.metadata["label"]
        elif "count" in f.metadata:
            counts[f.metadata["count"]] = f.name
            types[f.metadata["count"]] = "number"
    for name, (kind, label) in _DERIVED.items():
        types[name] = kind
        labels[name] = label
    return types, labels, counts


# Fact name → value type (text, date, duration, number); the Chinese label of each named fact; count
# fact → the list it counts.
FACTS, FACT_LABELS, FACT_COUNTS = _registry()
