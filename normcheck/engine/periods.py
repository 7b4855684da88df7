"""Periods between two dates, and how a period compares with a duration.

A period is written either as a date range in one sentence (「2024年3月4日至3月8日」, 「自9月1日起至9月3日止」,
「3月4日—3月8日」, 「10月12日至20日」) or as two date values (``period from effective_date to validity_end``).
Both ends count: 3月4日至3月8日 is 5 days. Against a duration the period is measured in that duration's
unit: calendar days inclusive; working days as the weekdays (Monday to Friday) in the range, without
public holidays or adjusted working weekends; months and years by the calendar, anchored at the first
day (2026-01-01 to 2030-12-31 is exactly 5 years).
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from normcheck.structure.dates import add_months
from normcheck.structure.facts import Duration

_ONE_DAY = _dt.timedelta(days=1)
# Between the two dates of a range: 至, 到, a dash or a tilde, optionally after 起.
_CONNECTOR = re.compile(r"[ \t\u3000]*起?[ \t\u3000]*(?:至|到|—{1,2}|–|－|-|~|～|〜)[ \t\u3000]*")
_DAY_ONLY = re.compile(r"(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})[日号]")
_HAS_YEAR = re.compile(r"\d{4}[ \t\u3000]*年|[〇○零一二三四五六七八九]{4}年")


@dataclass(frozen=True, slots=True)
class Period:
    """The days from ``start`` to ``end``, both included."""

    start: _dt.date
    end: _dt.date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def workdays(self) -> int:
        """Monday to Friday in the range (no holiday calendar: 国庆 or 春节 weeks count as working days)."""
        if self.end < self.start:
            return 0
        weeks, rest = divmod(self.days, 7)
        count = weeks * 5
        first = self.start.weekday()
        count += sum(1 for i in range(rest) if (first + i) % 7 < 5)
        return count

    def measure(self, duration: Duration) -> tuple[float, float]:
        """(this period, ``duration``) as two numbers of one unit, so that they compare as lengths."""
        if duration.unit == "workday":
            return float(self.workdays), float(duration.amount)
        if duration.unit == "day":
            return float(self.days), float(duration.amount)
        months = duration.amount * (12 if duration.unit == "year" else 1)
        return float(self.days), float((add_months(self.start, months) - self.start).days)


def find_period(text: str, default_year: int | None = None) -> tuple[Period, int, int] | None:
    """The first date range written in ``text``, with the offsets of its first and last character.

    Dates without a year take the year written earlier in ``text``; when none is written, ``default_year``
    (without one, such a range is not read). A range whose end lies before its start is not a range,
    unless the end was written without a year and the range crosses New Year (12月5日至1月4日).
    """
    from normcheck.structure import find_dates

    shift = 0
    dates = find_dates(text)
    if default_year is not None and _HAS_YEAR.search(text) is None:
        prefix = f"{default_year}年，"
        shift = len(prefix)
        dates = [(d, s - shift, e - shift) for d, s, e in find_dates(prefix + text) if s >= shift]
    for i, (first, s1, e1) in enumerate(dates):
        link = _CONNECTOR.match(text, e1)
        if link is None:
            continue
        nxt = dates[i + 1] if i + 1 < len(dates) else None
        if nxt is not None and nxt[1] == link.end():
            written, _, e2 = nxt
            last: _dt.date | None = written
            if written < first and _HAS_YEAR.search(text, link.end(), e2) is None:
                last = _next_year(written)
            if last is not None and last >= first:
                return Period(first, last), s1, e2
            continue
        day = _DAY_ONLY.match(text, link.end())
        if day is not None:
            same = _same_month(first, day.group("d"))
            if same is not None and same >= first:
                return Period(first, same), s1, day.end()
    return None


def _next_year(day: _dt.date) -> _dt.date | None:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 2月29日
        return None


def _same_month(first: _dt.date, day_text: str) -> _dt.date | None:
    from normcheck.structure import parse_chinese_number

    try:
        return first.replace(day=int(day_text) if day_text.isdigit() else parse_chinese_number(day_text))
    except ValueError:
        return None
