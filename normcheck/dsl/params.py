"""Rule parameters overridden from configuration: the override must have the declared type."""
from __future__ import annotations

import re
from typing import Any

from normcheck.errors import ConfigError
from normcheck.structure.facts import Duration

_DURATION = re.compile(r"^\s*(\d+)\s*(years?|months?|workdays?|days?|年|个月|月|个工作日|工作日|日|天)\s*$")
_UNITS = {"year": "year", "years": "year", "年": "year", "month": "month", "months": "month", "个月": "month",
          "月": "month", "day": "day", "days": "day", "日": "day", "天": "day", "workday": "workday",
          "workdays": "workday", "个工作日": "workday", "工作日": "workday"}


def convert_param(name: str, declared: Any, raw: Any) -> Any:
    """``raw`` (from TOML or the API) converted to the type of the declared default; ConfigError if it
    cannot be."""
    if isinstance(declared, bool):
        if isinstance(raw, bool):
            return raw
        raise ConfigError(f"参数“{name}”应为 true 或 false")
    if isinstance(declared, Duration):
        if isinstance(raw, Duration):
            return raw
        m = _DURATION.match(str(raw)) if isinstance(raw, str) else None
        if m is None:
            raise ConfigError(f"参数“{name}”应为期限，例如 \"3 years\"、\"6个月\"、\"30 days\"")
        return Duration(int(m.group(1)), _UNITS[m.group(2)])
    if isinstance(declared, (int, float)):
        if isinstance(raw, (int, float)) and not isinstance(raw, bool):
            return raw
        raise ConfigError(f"参数“{name}”应为数字")
    if isinstance(raw, str):
        raw = [raw]
    if isinstance(raw, (list, tuple)) and raw and all(isinstance(x, str) and x.strip() for x in raw):
        return tuple(raw)
    raise ConfigError(f"参数“{name}”应为一个或多个非空文字")
