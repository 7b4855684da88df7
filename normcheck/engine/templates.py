"""Message and fix templates: ``{match}``, ``{article}``, ``{sentence}``, ``{law}``, ``{articles}``, a named
capture ``{期限}``, ``{fact NAME}``, ``{param NAME}``, ``{map NAME}``; ``{{`` and ``}}`` are braces."""
from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from normcheck.structure.facts import Duration

PLAIN_FIELDS = ("match", "article", "sentence", "law", "articles")
_FIELD = re.compile(r"\{\{|\}\}|\{([^{}]*)\}")
_UNIT_WORDS = {"year": "年", "month": "个月", "day": "日", "workday": "个工作日"}


class TemplateProblem(Exception):
    """A placeholder that names nothing; ``args[0]`` is the Chinese explanation, ``offset`` its column."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.offset = offset


@dataclass(frozen=True, slots=True)
class Field:
    kind: str  # plain | capture | fact | param | map | citation
    name: str
    fallback: str = ""  # written when the value is missing: {fact validity_end|未写明}


Template = tuple[str | Field, ...]


def parse_template(text: str, captures: set[str], known: Callable[[str, str], bool]) -> Template:
    """Split ``text`` into literal pieces and fields; ``known(kind, name)`` says whether a fact, param or
    map exists. Raises TemplateProblem for a field that names nothing."""
    parts: list[str | Field] = []
    pos = 0
    for m in _FIELD.finditer(text):
        parts.append(text[pos:m.start()])
        pos = m.end()
        token = m.group(0)
        if token in ("{{", "}}"):
            parts.append(token[0])
            continue
        inner = (m.group(1) or "").strip()
        spec, bar, fallback = inner.partition("|")
        words = spec.split()
        if bar and not (len(words) == 2 and words[0] == "fact"):
            raise TemplateProblem(f"“{{{inner}}}”：只有 {{fact 名称|缺省文字}} 可以写缺省文字", m.start())
        if len(words) == 1 and words[0] in PLAIN_FIELDS:
            parts.append(Field("plain", words[0]))
        elif len(words) == 1 and words[0] in captures:
            parts.append(Field("capture", words[0]))
        elif len(words) == 2 and words[0] in ("fact", "param", "map", "citation") and known(words[0], words[1]):
            parts.append(Field(words[0], words[1], fallback.strip()))
        else:
            raise TemplateProblem(f"消息中的“{{{inner}}}”不是可用的占位符（可用：{{match}}、{{article}}、"
                                  "{sentence}、{law}、{articles}、正则表达式中命名的捕获组、{fact 名称}、"
                                  "{param 名称}、{map 名称}、引用范围中的{citation 名称}）", m.start())
    parts.append(text[pos:])
    return tuple(p for p in parts if p != "")


def render(template: Template, lookup: Callable[[Field], Any]) -> str:
    out = []
    for part in template:
        if isinstance(part, str):
            out.append(part)
            continue
        text = format_value(lookup(part))
        out.append(text if text or not part.fallback else part.fallback)
    return "".join(out)


def format_value(value: Any) -> str:
    """A value as legal staff write it: 2021年1月1日, 3年, 6个月, 甲、乙."""
    if value is None:
        return ""
    if isinstance(value, Duration):
        return f"{value.amount}{_UNIT_WORDS.get(value.unit, value.unit)}"
    if isinstance(value, _dt.date):
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, (tuple, list)):
        return "、".join(format_value(v) for v in value)
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)
