"""Dates (二〇二〇年二月十九日, 2020年2月19日, 2020-02-19, 2020.2.19, 2020/2/19) and durations (3年, 六个月,
30日, 三十天, 7个工作日) written in running text, with their character offsets."""
from __future__ import annotations

import calendar
import datetime as _dt
import re

from normcheck.structure.facts import Duration
from normcheck.structure.numbers import (
    FULLWIDTH_DIGITS,
    NUMERAL_CLASS,
    parse_chinese_number,
)

# Separators that Word users type in full width; folded one for one so that offsets stay put.
_FOLD = dict(FULLWIDTH_DIGITS)
_FOLD.update(str.maketrans("－．／", "-./"))

_SP = r"[ \u3000]?"
_ANY_DIGIT = re.compile(r"[0-9０-９]")
_CN_YEAR = r"[一二三四五六七八九][〇○零OＯ一二三四五六七八九]{3}"
_CN_MONTH = r"十[一二]?|[一二三四五六七八九]"
_CN_DAY = r"三十一?|二?十[一二三四五六七八九]?|[一二三四五六七八九]"

_DATE = re.compile(
    # A full date with a year, Chinese-style or in Arabic digits.
    rf"(?<![0-9〇○零一二三四五六七八九十])"
    rf"(?P<y>[12][0-9]{{3}}|{_CN_YEAR}){_SP}年{_SP}"
    rf"(?P<m>[0-9]{{1,2}}|{_CN_MONTH}){_SP}月{_SP}(?P<d>[0-9]{{1,2}}|{_CN_DAY}){_SP}日"
    # ISO-like numeric dates.
    rf"|(?<![0-9.\-/])(?P<ny>[12][0-9]{{3}})(?P<sep>[-./])(?P<nm>[0-9]{{1,2}})(?P=sep)(?P<nd>[0-9]{{1,2}})"
    rf"(?![0-9]|\.[0-9])"
    # A month and day whose year is known from earlier in the text.
    rf"|(?<![0-9〇○零一二三四五六七八九十年])"
    rf"(?P<mm>[0-9]{{1,2}}|{_CN_MONTH}){_SP}月{_SP}(?P<md>[0-9]{{1,2}}|{_CN_DAY}){_SP}日"
    # A year on its own (2020年): not a date, but the year for the month-and-day dates after it.
    rf"|(?<![0-9〇○零一二三四五六七八九十])(?P<oy>[12][0-9]{{3}}|{_CN_YEAR}){_SP}年"
)


def find_dates(text: str) -> list[tuple[_dt.date, int, int]]:
    """Every valid calendar date in ``text`` with its (start, end) offsets, in order.

    "3月5日" without a year counts only when a year was written earlier in the same text (the last one
    written: a full date or a bare "2020年"). Impossible dates such as 2月30日 are skipped.
    """
    if "年" not in text and _ANY_DIGIT.search(text) is None:
        return []
    folded = text.translate(_FOLD)
    found: list[tuple[_dt.date, int, int]] = []
    year: int | None = None
    for match in _DATE.finditer(folded):
        groups = match.groupdict()
        if groups["oy"] is not None:
            year = _number(groups["oy"])
            continue
        if groups["y"] is not None:
            parts = (_number(groups["y"]), _number(groups["m"]), _number(groups["d"]))
        elif groups["ny"] is not None:
            parts = (int(groups["ny"]), int(groups["nm"]), int(groups["nd"]))
        elif year is not None:
            parts = (year, _number(groups["mm"]), _number(groups["md"]))
        else:
            continue
        year = parts[0]
        try:
            found.append((_dt.date(*parts), match.start(), match.end()))
        except ValueError:
            continue
    return found


def _number(s: str) -> int:
    return parse_chinese_number(s.replace("O", "〇").replace("Ｏ", "〇"))


_UNITS = {"年": "year", "个月": "month", "月": "month", "日": "day", "天": "day", "自然日": "day", "工作日": "workday",
          "周": "week", "星期": "week"}
_DURATION = re.compile(
    rf"(?<![{NUMERAL_CLASS}第.])(?P<n>[{NUMERAL_CLASS}]+){_SP}"
    r"(?:(?P<ge>个){_SP})?"
    r"(?P<u>工作日|自然日|年(?![级度])|月|日|天|周(?![年岁])|星期)".replace("{_SP}", _SP)
)


def find_durations(text: str) -> list[tuple[Duration, int, int]]:
    """Every span of time in ``text`` with its (start, end) offsets: 3年, 三年, 六个月, 6个月, 30日,
    三十天, 7个工作日, 十五个工作日. Weeks (两周) are counted in days. Parts of dates are not durations
    (2020年, 2月, 19日 in 2020年2月19日), nor is a month without 个 (6月 is June)."""
    folded = text.translate(_FOLD)
    taken = [(start, end) for _, start, end in find_dates(text)]
    found: list[tuple[Duration, int, int]] = []
    position = 0
    for match in _DURATION.finditer(folded):
        start, end = match.span()
        while position < len(taken) and taken[position][1] <= start:
            position += 1
        if position < len(taken) and taken[position][0] < end:
            continue
        unit = match.group("u")
        if unit == "月" and not match.group("ge"):
            continue
        if unit in ("年", "日") and match.group("ge"):
            continue
        if unit == "日" and start > 0 and folded[start - 1] == "月":
            continue
        try:
            amount = parse_chinese_number(match.group("n"))
        except ValueError:
            continue
        if unit == "年" and amount >= 1000:
            continue  # 2020年 is a year, not two thousand years
        kind = _UNITS[unit]
        duration = Duration(amount * 7, "day") if kind == "week" else Duration(amount, kind)
        found.append((duration, start, end))
    return found


def add_months(day: _dt.date, months: int) -> _dt.date:
    """``day`` moved by whole calendar months; the 31st becomes the month's last day where needed, and a
    date beyond the calendar is its last (or first) day."""
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    if not 1 <= year <= 9999:
        return _dt.date.max if months > 0 else _dt.date.min
    return _dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))
