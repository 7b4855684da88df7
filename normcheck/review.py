"""Who reviews, and when: the ``[review]`` table of the configuration and the clock every report reads.

The reviewer (审查人) signs the review opinion and is the author of the comments and tracked changes in the
copies normcheck writes; times shown to the reviewer are in the reviewer's time zone. ``NORMCHECK_TODAY``
(``YYYY-MM-DD``) fixes the date of "today" (expiry, ledger, opinion date), for tests and for re-running a
review as of a given day.
"""
from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from normcheck.errors import ConfigError

REVIEW_KEYS = frozenset({"name", "initials", "office", "timezone", "opinion-title", "template"})
DEFAULT_NAME = "normcheck"
DEFAULT_OPINION_TITLE = "关于《{title}》的合法性审查意见"
TODAY_VARIABLE = "NORMCHECK_TODAY"
_DURATION = re.compile(r"^\s*(\d{1,5})\s*(d|day|days|天|日|w|week|weeks|周|m|month|months|个月|月|y|year|years|年)\s*$")
_DAYS_PER = {"d": 1, "day": 1, "days": 1, "天": 1, "日": 1, "w": 7, "week": 7, "weeks": 7, "周": 7,
             "m": 30, "month": 30, "months": 30, "个月": 30, "月": 30, "y": 365, "year": 365, "years": 365, "年": 365}


@dataclass(frozen=True, slots=True)
class Reviewer:
    """The reviewer and the office in whose name reports, comments and tracked changes are written."""

    name: str = DEFAULT_NAME
    initials: str = "NC"
    office: str = ""
    timezone: str = ""
    opinion_title: str = DEFAULT_OPINION_TITLE
    template: Path | None = None

    def tzinfo(self) -> dt.tzinfo:
        """The configured time zone, else the system's local one."""
        if self.timezone:
            from zoneinfo import ZoneInfo

            return ZoneInfo(self.timezone)
        local = dt.datetime.now().astimezone().tzinfo
        return local if local is not None else dt.UTC

    def now(self) -> dt.datetime:
        """The current time in the reviewer's time zone (its date follows ``NORMCHECK_TODAY`` when set)."""
        moment = dt.datetime.now(self.tzinfo())
        fixed = fixed_today()
        return moment.replace(year=fixed.year, month=fixed.month, day=fixed.day) if fixed else moment

    def today(self) -> dt.date:
        return self.now().date()


def utc_offset(moment: dt.datetime) -> str:
    """``UTC+08:00`` for an aware datetime."""
    offset = moment.utcoffset() or dt.timedelta(0)
    sign = "-" if offset < dt.timedelta(0) else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def fixed_today() -> dt.date | None:
    """The date ``NORMCHECK_TODAY`` names, or None; a malformed value is a ``ConfigError``."""
    value = os.environ.get(TODAY_VARIABLE, "").strip()
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ConfigError(f"环境变量 {TODAY_VARIABLE} 的值 {value!r} 不是 YYYY-MM-DD 格式的日期") from None


def parse_days(value: str, where: str = "") -> int:
    """A window such as ``90d``, ``12w``, ``3m``, ``1y``, ``90天`` or ``3个月`` in days (a month is 30 days)."""
    match = _DURATION.match(str(value))
    if match is None:
        raise ConfigError(f"{where}期限 {value!r} 无效，应写成如 90d、12w、3m、1y、90天、3个月")
    return int(match.group(1)) * _DAYS_PER[match.group(2)]


def parse_review(value: Any, root: Path, where: str = "") -> Reviewer:
    """Validate the ``[review]`` table; ``template`` is resolved against ``root``."""
    if not isinstance(value, dict):
        raise ConfigError(f"{where}review 应为一个表（[review]）")
    unknown = sorted(set(value) - REVIEW_KEYS)
    if unknown:
        raise ConfigError(f"{where}[review] 含未知的配置项：{', '.join(unknown)}")
    for key, item in value.items():
        if not isinstance(item, str) or not item.strip():
            raise ConfigError(f"{where}review.{key} 应为非空字符串")
    name = value.get("name", DEFAULT_NAME).strip()
    initials = value.get("initials", "").strip() or _initials(name)
    timezone = value.get("timezone", "").strip()
    if timezone:
        _check_timezone(timezone, where)
    title = value.get("opinion-title", DEFAULT_OPINION_TITLE).strip()
    if "{title}" not in title and "{" in title:
        raise ConfigError(f"{where}review.opinion-title 中只能使用 {{title}} 占位符")
    template = root / value["template"] if "template" in value else None
    return Reviewer(name=name, initials=initials, office=value.get("office", "").strip(), timezone=timezone,
                    opinion_title=title, template=template)


def _initials(name: str) -> str:
    """Word shows initials in narrow comment markers: the first two characters of a Chinese name."""
    if name == DEFAULT_NAME:
        return "NC"
    return name[:2]


def _check_timezone(name: str, where: str) -> None:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"{where}review.timezone 的时区 {name!r} 无效（应写成如 Asia/Shanghai）") from None
