"""Compiled values and conditions: document facts, comparisons of numbers, durations and dates.

Conditions use three-valued logic: a comparison involving a fact that was not found is *unknown*
(``None``). ``when`` runs its checks only when the condition is true; ``assert`` reports only when false.
"""
from __future__ import annotations

import datetime as _dt
import operator
import re
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from normcheck.engine.periods import Period, find_period
from normcheck.structure.facts import FACT_COUNTS as _COUNTS
from normcheck.structure.facts import FACTS, Duration

if TYPE_CHECKING:
    from normcheck.dsl.ast import Scope
    from normcheck.engine.context import DocContext
    from normcheck.engine.matchers import Matcher

_OPS: dict[str, Callable[[Any, Any], bool]] = {
    "<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge, "==": operator.eq,
    "!=": operator.ne,
}
_NUMBER = re.compile(r"(?P<pct>百分之)?(?P<n>\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千万]+)(?P<unit>[万亿](?!分之))?(?P<pc>[%％])?")


@dataclass(frozen=True, slots=True)
class Val:
    """A value found in (or written for) a document; ``block`` locates it when it came from the text."""

    value: Any
    block: int | None = None
    start: int | None = None
    end: int | None = None
    is_capture: bool = False


# Captured texts by group name; in the citations scope also CITATION_KEY → the Citation being checked.
Env = dict[str, Any]
CITATION_KEY = "@citation"


def type_of(value: Any) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, Duration):
        return "duration"
    if isinstance(value, _dt.date):
        return "date"
    if isinstance(value, Period):
        return "duration"
    if isinstance(value, tuple):
        return "list"
    return "text"


# ---- values ------------------------------------------------------------------------------------
class Value(ABC):
    kind = "any"

    @abstractmethod
    def evaluate(self, ctx: DocContext, env: Env) -> Val | None:
        """The value in this document, or None when it is not there."""


@dataclass(eq=False)
class ConstValue(Value):
    value: Any

    def __post_init__(self) -> None:
        self.kind = type_of(self.value)

    def evaluate(self, ctx: DocContext, env: Env) -> Val | None:
        return Val(self.value)


@dataclass(eq=False)
class FactValue(Value):
    name: str

    def __post_init__(self) -> None:
        self.kind = FACTS[self.name]

    def evaluate(self, ctx: DocContext, env: Env) -> Val | None:
        return fact(ctx, self.name)


@dataclass(eq=False)
class CaptureValue(Value):
    name: str
    kind = "any"

    def evaluate(self, ctx: DocContext, env: Env) -> Val | None:
        text = env.get(self.name)
        return Val(text, is_capture=True) if text is not None else None


@dataclass(eq=False)
class ParamValue(Value):
    name: str
    value: Any

    def __post_init__(self) -> None:
        self.kind = type_of(self.value)

    def evaluate(self, ctx: DocContext, env: Env) -> Val | None:
        return Val(ctx.library.params.get(self.name, self.value))


@dataclass(eq=False)
class SentenceValue(Value):
    """The first date/duration/number in the first sentence (of the body) where ``matcher`` matches."""

    what: str
    matcher: Matcher

    def __post_init__(self) -> None:
        self.kind = self.what

    def evaluate(self, ctx: DocContext, env: Env) -> Val | None:
        for unit in ctx.units_for("document"):
            for m in self.matcher.find(ctx, unit):
                lo, hi = ctx.sentence_span(m.start)
                found = read_value(ctx.text[lo:hi], self.what)
                if found is not None:
                    value, start, end = found
                    block = ctx.block_at(lo)
                    base = ctx.block_starts[block]
                    return Val(value, block, lo - base + start, lo - base + end)
        return None


@dataclass(eq=False)
class SentencePeriod(Value):
    """``period in sentence with MATCHER``: the first date range in the first sentence (of the body) where
    ``matcher`` matches and a range is written. Dates without any year take the issue date's year."""

    matcher: Matcher
    kind = "duration"

    def evaluate(self, ctx: DocContext, env: Env) -> Val | None:
        issued = fact(ctx, "issue_date")
        year = issued.value.year if issued is not None and isinstance(issued.value, _dt.date) else None
        seen: set[tuple[int, int]] = set()
        for unit in ctx.units_for("document"):
            for m in self.matcher.find(ctx, unit):
                lo, hi = ctx.sentence_span(m.start)
                if (lo, hi) in seen:
                    continue
                seen.add((lo, hi))
                found = find_period(ctx.text[lo:hi], year)
                if found is not None:
                    period, start, end = found
                    block = ctx.block_at(lo)
                    base = ctx.block_starts[block]
                    return Val(period, block, lo - base + start, lo - base + end)
        return None


@dataclass(eq=False)
class PeriodBetween(Value):
    """``period from A to B``: the days from date A to date B, both included (unknown when either is).
    ``period after A to B`` starts the day after A, as a deadline counted from an event does
    (《民法典》第二百零一条: the day the period begins is not counted): A to A is then 0 days."""

    first: Value
    last: Value
    after: bool = False
    kind = "duration"

    def evaluate(self, ctx: DocContext, env: Env) -> Val | None:
        first, last = self.first.evaluate(ctx, env), self.last.evaluate(ctx, env)
        if first is None or last is None:
            return None
        a, b = _as_date(first), _as_date(last)
        if isinstance(b.value, str) and isinstance(a.value, _dt.date):
            # 「2024年1月29日受理……于2月7日出具」: a captured end without a year takes the other end's year.
            b = _as_date(Val(f"{a.value.year}年，{b.value}", is_capture=True))
        if isinstance(a.value, str) and isinstance(b.value, _dt.date):
            a = _as_date(Val(f"{b.value.year}年，{a.value}", is_capture=True))
        if not isinstance(a.value, _dt.date) or not isinstance(b.value, _dt.date):
            return None
        # Reported at the end date: that is what the reader changes when the period is too long.
        located = b if b.block is not None else a
        start = a.value + _dt.timedelta(days=1) if self.after and a.value < _dt.date.max else a.value
        return Val(Period(start, b.value), located.block, located.start, located.end)


def _as_date(val: Val) -> Val:
    """A captured end of a period read as a date; its text stays when it holds no full date."""
    if not val.is_capture or not isinstance(val.value, str):
        return val
    found = read_value(val.value, "date")
    return Val(found[0], is_capture=True) if found is not None else val


@dataclass(eq=False)
class CountValue(Value):
    matcher: Matcher
    scope: Scope
    kind = "number"

    def evaluate(self, ctx: DocContext, env: Env) -> Val | None:
        return Val(sum(len(self.matcher.find(ctx, unit)) for unit in ctx.units(self.scope)))


def fact(ctx: DocContext, name: str) -> Val | None:
    if name in _COUNTS:
        return Val(len(getattr(ctx.structure, _COUNTS[name])))
    if name == "mode":
        return Val(ctx.structure.mode)
    found = getattr(ctx.structure, name, None)
    if found is None:
        return None
    return Val(found.value, found.block, found.start, found.end)


def read_value(text: str, kind: str) -> tuple[Any, int, int] | None:
    """The first date, duration or number written in ``text``, with its offsets."""
    if kind == "date":
        from normcheck.structure import find_dates

        dates = find_dates(text)
        return (dates[0][0], dates[0][1], dates[0][2]) if dates else None
    if kind == "duration":
        from normcheck.structure import find_durations

        durations = find_durations(text)
        return (durations[0][0], durations[0][1], durations[0][2]) if durations else None
    for m in _NUMBER.finditer(text):
        # 第二条, 第三款: an article or paragraph label is not a quantity.
        if m.start() > 0 and text[m.start() - 1] == "第":
            continue
        number = _number(m.group("n"))
        if number is None:
            continue
        if m.group("unit"):
            number *= 10_000 if m.group("unit") == "万" else 100_000_000
        if m.group("pct") or m.group("pc"):
            number = number / 100
        return number, m.start(), m.end()
    return None


def _number(text: str) -> int | float | None:
    if text[0].isdigit():
        return float(text) if "." in text else int(text)
    from normcheck.structure import parse_chinese_number

    try:
        return parse_chinese_number(text)
    except ValueError:  # 万万, 百: numeral characters that do not form a number
        return None


# ---- conditions --------------------------------------------------------------------------------
class Condition(ABC):
    @abstractmethod
    def evaluate(self, ctx: DocContext, env: Env) -> bool | None:
        """True, False, or None when a fact it needs is unknown."""

    def first_value(self, ctx: DocContext, env: Env) -> Val | None:
        """The value a failed assertion is reported at."""
        return None


@dataclass(eq=False)
class Contains(Condition):
    where: str
    section: str | None
    matcher: Matcher

    def evaluate(self, ctx: DocContext, env: Env) -> bool | None:
        if self.where == "fact":
            return self._fact_contains(ctx)
        return any(self.matcher.find(ctx, unit) for unit in ctx.units_for(self.where, self.section))

    def _fact_contains(self, ctx: DocContext) -> bool | None:
        """The text where the fact was read (authority 上海市宝山区月浦镇人民政府 contains "镇"); unknown when the
        fact is missing or was not read from the text."""
        found = getattr(ctx.structure, self.section or "", None)
        if found is None or not hasattr(found, "block") or not 0 <= found.block < len(ctx.doc.blocks):
            return None
        from normcheck.engine.matchers import Unit

        base = ctx.block_starts[found.block]
        unit = Unit(((base + found.start, base + found.end),), found.block)
        return bool(self.matcher.find(ctx, unit))


@dataclass(eq=False)
class HasFact(Condition):
    name: str

    def evaluate(self, ctx: DocContext, env: Env) -> bool | None:
        found = fact(ctx, self.name)
        return found is not None and found.value not in (0, "")


@dataclass(eq=False)
class ParamCondition(Condition):
    name: str

    def evaluate(self, ctx: DocContext, env: Env) -> bool | None:
        return bool(ctx.library.params.get(self.name))


@dataclass(eq=False)
class Compare(Condition):
    left: Value
    op: str
    right: Value

    def evaluate(self, ctx: DocContext, env: Env) -> bool | None:
        a, b = self.left.evaluate(ctx, env), self.right.evaluate(ctx, env)
        if a is None or b is None:
            return None
        a, b = _range_capture(a, b), _range_capture(b, a)
        if isinstance(a.value, Period) or isinstance(b.value, Period):
            pair = _period_pair(a, b)
            if pair is None:
                return None
            x, y = pair
            return _OPS[self.op](x, y)
        if a.is_capture and b.is_capture:
            pair = _as_quantities(str(a.value), str(b.value))
            if pair is None:
                # Two texts that are not quantities compare only for equality, never by order.
                return _OPS[self.op](a.value, b.value) if self.op in ("==", "!=") else None
            x, y = pair
            return _OPS[self.op](x, y)
        x, y = _coerce(a, b), _coerce(b, a)
        if x is None or y is None:
            return None
        try:
            return _OPS[self.op](x, y)
        except TypeError:
            return None

    def first_value(self, ctx: DocContext, env: Env) -> Val | None:
        for side in (self.left, self.right):
            found = side.evaluate(ctx, env)
            if found is not None and found.block is not None:
                return found
        return None


def _range_capture(val: Val, other: Val) -> Val:
    """A capture that holds a date range and no duration (「3月4日至3月8日」) reads as a period when it is
    compared with a duration or a period."""
    if not (val.is_capture and isinstance(val.value, str) and isinstance(other.value, (Duration, Period))):
        return val
    if read_value(val.value, "duration") is not None:
        return val
    found = find_period(val.value)
    return Val(found[0], is_capture=True) if found is not None else val


def _period_pair(a: Val, b: Val) -> tuple[float, float] | None:
    """Both sides as lengths in one unit when at least one is a period (see normcheck.engine.periods)."""
    x, y = a.value, b.value
    if isinstance(x, Period) and isinstance(y, Period):
        return float(x.days), float(y.days)
    if isinstance(y, Period):
        swapped = _period_pair(b, a)
        return None if swapped is None else (swapped[1], swapped[0])
    assert isinstance(x, Period)
    if b.is_capture and isinstance(y, str):
        found = read_value(y, "duration")
        y = found[0] if found is not None else None
    return x.measure(y) if isinstance(y, Duration) else None


@dataclass(eq=False)
class ArithValue(Value):
    """``left op right`` on numbers; a captured text is read as a number (Chinese numerals, 万/亿, percent).
    Unknown when a side is missing or is no number, or on division by zero."""

    left: Value
    op: str
    right: Value
    kind = "number"

    def evaluate(self, ctx: DocContext, env: Env) -> Val | None:
        a, b = self.left.evaluate(ctx, env), self.right.evaluate(ctx, env)
        x, y = _as_number(a), _as_number(b)
        if x is None or y is None or a is None:
            return None
        if self.op == "/" and y == 0:
            return None
        result = {"+": x + y, "-": x - y, "*": x * y, "/": x / y if y else 0}[self.op]
        return Val(result, a.block, a.start, a.end)


def _as_number(val: Val | None) -> int | float | None:
    if val is None:
        return None
    if isinstance(val.value, bool):
        return None
    if isinstance(val.value, (int, float)):
        return val.value
    if isinstance(val.value, str):
        found = read_value(val.value, "number")
        return found[0] if found is not None else None
    return None


def _as_quantities(left: str, right: str) -> tuple[Any, Any] | None:
    """Two captured texts read as the same kind of quantity (a duration, a date, then a number, with
    Chinese numerals, 万/亿 and percent), so that 30 < 100 and 9 < 10 — never compared as strings."""
    for kind in ("duration", "date", "number"):
        a, b = read_value(left, kind), read_value(right, kind)
        if a is not None and b is not None:
            x, y = a[0], b[0]
            return (x.days, y.days) if isinstance(x, Duration) and isinstance(y, Duration) else (x, y)
    return None


def _coerce(val: Val, other: Val) -> Any:
    """A comparable form: durations by length in days; a capture read as the other side's type."""
    value = val.value
    if val.is_capture and not other.is_capture and type_of(other.value) not in ("text", "bool"):
        found = read_value(value, type_of(other.value))
        if found is None:
            return None
        value = found[0]
    if isinstance(value, Duration):
        return value.days
    return value if isinstance(value, (bool, int, float, _dt.date, str)) else None


@dataclass(eq=False)
class NotCondition(Condition):
    cond: Condition

    def evaluate(self, ctx: DocContext, env: Env) -> bool | None:
        result = self.cond.evaluate(ctx, env)
        return None if result is None else not result

    def first_value(self, ctx: DocContext, env: Env) -> Val | None:
        return self.cond.first_value(ctx, env)


def _combine(items: list[Condition], ctx: DocContext, env: Env, decisive: bool) -> bool | None:
    """Three-valued and (``decisive`` False) / or (``decisive`` True): the decisive value wins at once and
    later items are not evaluated; otherwise an unknown (None) item makes the whole unknown."""
    unknown = False
    for item in items:
        result = item.evaluate(ctx, env)
        if result is decisive:
            return decisive
        unknown = unknown or result is None
    return None if unknown else not decisive


@dataclass(eq=False)
class _Combination(Condition):
    items: list[Condition]

    def first_value(self, ctx: DocContext, env: Env) -> Val | None:
        return next((v for item in self.items if (v := item.first_value(ctx, env)) is not None), None)


@dataclass(eq=False)
class AllConditions(_Combination):
    def evaluate(self, ctx: DocContext, env: Env) -> bool | None:
        return _combine(self.items, ctx, env, decisive=False)


@dataclass(eq=False)
class AnyCondition(_Combination):
    def evaluate(self, ctx: DocContext, env: Env) -> bool | None:
        return _combine(self.items, ctx, env, decisive=True)
