"""Did-you-mean for names: the closest known name to a misspelled one, said the way every error says it."""
from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable

from normcheck.engine.templates import PLAIN_FIELDS

PLACEHOLDER_KINDS = ("fact", "param", "map", "citation")


def did_you_mean(name: str, known: Iterable[str], shown: Callable[[str], str] = str) -> str:
    """``，是不是“X”？`` for the known name closest to ``name``, or "" when none is close."""
    candidates = [k for k in known if k != name]
    close = difflib.get_close_matches(name, candidates, n=1, cutoff=0.5)
    return f"，是不是“{shown(close[0])}”？" if close else ""


def placeholder_hint(text: str, offset: int, names: Callable[[str], Iterable[str]]) -> str:
    """The did-you-mean for the placeholder at ``offset`` of a message template (``{matc}``, ``{fact validty}``,
    ``{prama 上限}``); ``names(kind)`` lists the known names of a kind ("plain" for one-word fields)."""
    end = text.find("}", offset)
    if end < 0:
        return ""
    inner = text[offset + 1:end]
    spec, bar, fallback = inner.partition("|")
    tail = bar + fallback
    words = spec.split()
    if len(words) == 1:
        return did_you_mean(words[0], names("plain"), lambda close: f"{{{close}{tail}}}")
    if len(words) != 2:
        return ""
    kind, name = words
    if kind not in PLACEHOLDER_KINDS:
        return did_you_mean(kind, PLACEHOLDER_KINDS, lambda close: f"{{{close} {name}{tail}}}")
    return did_you_mean(name, names(kind), lambda close: f"{{{kind} {close}{tail}}}")


def plain_fields(captures: Iterable[str]) -> list[str]:
    return [*PLAIN_FIELDS, *captures]
