"""Validity status (有效期状态) of a document on a given day — in force, expiring within a window, expired, or
no validity period stated — and the expiry findings FILE-EXP-001/002 of ``--expiring-within``.

The expiry checks are written in Python, not in the rule language: a rule file cannot name "today". They are
listed by ``normcheck rules list`` and obey ``--select``/``--ignore``, ``[severity]`` and waivers like the
rules of the rule files."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from normcheck.model import Finding, Location

if TYPE_CHECKING:
    from normcheck.report.checklist import ChecklistItem

IN_FORCE, EXPIRING, EXPIRED, NO_VALIDITY = "in-force", "expiring", "expired", "no-validity"
DEFAULT_WINDOW_DAYS = 90


@dataclass(frozen=True, slots=True)
class ValidityStatus:
    """``code`` one of the four constants; ``days_left`` counts from ``today`` to the last day (0: it is the
    last day; negative: ended that many days ago); None without an end date."""

    code: str
    end: dt.date | None
    days_left: int | None
    window: int

    @property
    def label(self) -> str:
        if self.code == EXPIRING:
            return f"{self.window}天内届满"
        return {IN_FORCE: "有效", EXPIRED: "已失效", NO_VALIDITY: "未写明有效期"}[self.code]


def validity_status(end: dt.date | None, today: dt.date, window: int = DEFAULT_WINDOW_DAYS) -> ValidityStatus:
    """The status of a document whose validity period ends (last day included) on ``end``."""
    if end is None:
        return ValidityStatus(NO_VALIDITY, None, None, window)
    days_left = (end - today).days
    if days_left < 0:
        return ValidityStatus(EXPIRED, end, days_left, window)
    if days_left <= window:
        return ValidityStatus(EXPIRING, end, days_left, window)
    return ValidityStatus(IN_FORCE, end, days_left, window)


@dataclass(frozen=True, slots=True)
class BuiltinRule:
    """A check written in Python rather than in the rule language (it needs the date of "today", which rule
    files cannot name), listed by ``normcheck rules list`` like the rules of the rule files."""

    id: str
    severity: str
    tags: tuple[str, ...]
    title: str
    basis: str
    message: str
    fix: str


_BASIS = "各省（区、市）行政规范性文件管理规定中的有效期制度（有效期届满前应当评估，需要继续执行的应当重新公布）"
EXPIRY_RULES = (
    BuiltinRule("FILE-EXP-001", "warning", ("filing",), "有效期即将届满", _BASIS,
                "有效期至{end}，距今{days}天届满（提醒期限{window}天）",
                "届满前组织评估：需要继续执行的，修订后重新公布；不再执行的，按期失效并公告"),
    BuiltinRule("FILE-EXP-002", "error", ("filing",), "有效期已届满", _BASIS,
                "有效期已于{end}届满（{days}天前），文件自动失效",
                "不再执行的，从现行有效文件目录中移出；需要继续执行的，重新履行制定程序后公布"),
)
EXPIRY_IDS = frozenset(rule.id for rule in EXPIRY_RULES)


def builtin_rule(rule_id: str) -> BuiltinRule | None:
    return next((rule for rule in EXPIRY_RULES if rule.id == rule_id), None)


def wanted_rules(select: list[str], ignore: list[str]) -> list[BuiltinRule]:
    """The expiry rules ``select`` (IDs or tags; empty: all) keeps and ``ignore`` does not drop."""

    def named(rule: BuiltinRule, names: list[str]) -> bool:
        return rule.id in names or any(tag in names for tag in rule.tags)

    return [r for r in EXPIRY_RULES if (not select or named(r, select)) and not named(r, ignore)]


def expiry_findings(path: str, validity: ChecklistItem | None, today: dt.date, window: int,
                    rules: list[BuiltinRule], severity: dict[str, str] | None = None) -> list[Finding]:
    """FILE-EXP-001 (ends within ``window`` days) or FILE-EXP-002 (ended) for a document whose elements
    checklist gives the last day of its validity period; nothing for one in force or without one."""
    if validity is None or not validity.data:
        return []
    try:
        end = dt.date.fromisoformat(validity.data)
    except ValueError:
        return []
    status = validity_status(end, today, window)
    wanted = {EXPIRING: "FILE-EXP-001", EXPIRED: "FILE-EXP-002"}.get(status.code)
    rule = next((r for r in rules if r.id == wanted), None)
    if rule is None or status.days_left is None:
        return []
    shown = f"{end.year}年{end.month}月{end.day}日"
    message = rule.message.format(end=shown, days=abs(status.days_left), window=window)
    part = "body" if validity.paragraph is not None else "document"
    location = Location(file=validity.file or path, part=part, paragraph=validity.paragraph)
    return [Finding(rule=rule.id, severity=(severity or {}).get(rule.id, rule.severity), tags=rule.tags,
                    title=rule.title, message=message, basis=rule.basis, fix=rule.fix, location=location,
                    excerpt="")]


@dataclass(frozen=True, slots=True)
class Selection:
    """A selection split between the rule files (``select``/``ignore``/``severity`` for the rule set) and
    the expiry checks (``rules``)."""

    select: tuple[str, ...]
    ignore: tuple[str, ...]
    severity: tuple[tuple[str, str], ...]
    rules: list[BuiltinRule]


def split_selection(select: list[str], ignore: list[str], severity: dict[str, str], rule_ids: set[str]) -> Selection:
    """Take the expiry rule IDs out of a selection before it reaches the rule set (which does not know them).
    A selection that names only expiry rules selects no rule of the rule files."""
    own_select = [name for name in select if name not in EXPIRY_IDS]
    own_ignore = [name for name in ignore if name not in EXPIRY_IDS]
    if select and not own_select:
        own_select, own_ignore = sorted(rule_ids), sorted(rule_ids)
    return Selection(tuple(own_select), tuple(own_ignore),
                     tuple((k, v) for k, v in severity.items() if k not in EXPIRY_IDS),
                     wanted_rules(select, ignore))
