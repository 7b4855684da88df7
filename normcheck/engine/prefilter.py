"""Which regular expressions can match a document, decided from the literal pieces every match contains.

For each pattern a *requirement* is derived from its parsed form: the strings a match must contain, as a
formula of AND and OR over literal atoms (``将(?:于|在)提交`` requires 将于提交 or 将在提交; ``(依照|根据)《…》``
requires 依照《 or 根据《). The atoms of all patterns join the literal terms of the rules in the one
Aho-Corasick pass over the document (``normcheck.engine.scan``); a pattern whose requirement the found atoms
do not satisfy cannot match and is never run. A pattern with no requirement (it can match text of any kind)
always runs.

The requirement is necessary, never sufficient: a pattern may still find nothing where its atoms occur, but
it never matches where they do not. Atoms are folded as the text is (``normcheck.engine.fold``), and patterns
are read case-insensitively, as the folded text is matched."""
from __future__ import annotations

import json
import re
import re._parser as _sre_parser  # type: ignore[import-not-found]
import warnings
from collections.abc import Iterable
from typing import Any

from normcheck.engine.fold import fold

# A requirement: ALWAYS, ("lit", atom), ("and", [...]) or ("or", [...]).
Requirement = tuple[Any, ...]
ALWAYS: Requirement = ("always",)
# Exact string sets are multiplied out (将 × {于, 在} → {将于, 将在}) up to this many strings.
_MAX_EXACT = 16
_MIN_ATOM = 2
_FLAGS = re.ASCII | re.IGNORECASE


def requirement(source: str) -> Requirement:
    """What every match of the (case-insensitive) pattern ``source`` contains; ALWAYS when nothing."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "possible nested set" and the like: RE2 is the judge of syntax
            tree = _sre_parser.parse(source, _FLAGS)
    except Exception:  # noqa: BLE001 - RE2-only syntax such as \\p{Han}: no requirement, the pattern runs
        return ALWAYS
    return _folded(_formula(_sequence(list(tree))))


def atoms(requirement: Requirement) -> set[str]:
    found: set[str] = set()
    _collect(requirement, found)
    return found


def holds(requirement: Requirement, present: Any) -> bool:
    """Whether the atoms ``present`` (a set, or the keys of a dict) satisfy ``requirement``."""
    kind = requirement[0]
    if kind == "always":
        return True
    if kind == "lit":
        return requirement[1] in present
    if kind == "and":
        return all(holds(part, present) for part in requirement[1])
    return any(holds(part, present) for part in requirement[1])


# Changes whenever the way requirements are derived changes: stored requirements of another version are
# derived again.
VERSION = "normcheck-prefilter-1"


def to_json(requirements: list[Requirement]) -> bytes:
    return json.dumps(requirements, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def from_json(data: bytes, count: int) -> list[Requirement] | None:
    """Stored requirements, checked shape by shape; None (derive them again) on any doubt."""
    try:
        items = json.loads(data.decode("utf-8"))
    except (ValueError, UnicodeDecodeError, RecursionError):
        return None
    if not isinstance(items, list) or len(items) != count:
        return None
    found = [_checked(item, 0) for item in items]
    return None if any(item is None for item in found) else found  # type: ignore[return-value]


def _checked(item: Any, depth: int) -> Requirement | None:
    if depth > 100 or not isinstance(item, list) or not item:
        return None
    kind = item[0]
    if kind == "always" and len(item) == 1:
        return ALWAYS
    if kind == "lit" and len(item) == 2 and isinstance(item[1], str) and item[1]:
        return "lit", item[1]
    if kind in ("and", "or") and len(item) == 2 and isinstance(item[1], list) and item[1]:
        parts = [_checked(part, depth + 1) for part in item[1]]
        return None if any(part is None for part in parts) else (kind, parts)
    return None


class RegexPrefilter:
    """The requirements of a rule set's patterns by slot, and which slots a document's atoms let run."""

    def __init__(self, sources: Iterable[str], requirements: list[Requirement] | None = None) -> None:
        self.requirements = requirements if requirements is not None else [requirement(s) for s in sources]
        self.atoms: set[str] = set()
        for need in self.requirements:
            self.atoms |= atoms(need)

    def hits(self, present: Any) -> LazyHits:
        """The slots whose requirement the atoms ``present`` in a document satisfy (``slot in hits``),
        decided slot by slot when asked: most documents ask about a fraction of the slots."""
        return LazyHits(self, present)


class LazyHits:
    """``slot in hits``: whether the pattern in ``slot`` may match, each slot decided once."""

    def __init__(self, prefilter: RegexPrefilter, present: Any) -> None:
        self._prefilter = prefilter
        self._present = present
        self._known: dict[int, bool] = {}

    def __contains__(self, slot: object) -> bool:
        if not isinstance(slot, int):
            return False
        found = self._known.get(slot)
        if found is None:
            requirements = self._prefilter.requirements
            found = 0 <= slot < len(requirements) and holds(requirements[slot], self._present)
            self._known[slot] = found
        return found


# ---- deriving the requirement -------------------------------------------------------------------------
# While reading a pattern, a part is either ("exact", strings): it matches exactly one of these strings, or
# ("need", requirement): what it contains.

def _sequence(items: list[Any]) -> tuple[str, Any]:
    """Runs of exact parts are multiplied out as far as the limit allows (办 法 → 办法); a run that would
    grow past it, and every inexact part, become terms of an AND."""
    run: set[str] = {""}
    needs: list[Requirement] = []
    for op, arg in items:
        kind, value = _part(str(op), arg)
        if kind == "exact" and len(run) * len(value) <= _MAX_EXACT:
            run = {x + y for x in run for y in value}
        elif kind == "exact":
            needs.append(_formula(("exact", run)))
            run = value
        else:
            needs += [_formula(("exact", run)), value]
            run = {""}
    if not needs:
        return "exact", run
    return "need", _all([*needs, _formula(("exact", run))])


def _part(op: str, arg: Any) -> tuple[str, Any]:
    if op == "LITERAL":
        return "exact", {chr(arg)}
    if op == "IN":
        chars = _class(arg)
        return ("exact", chars) if chars else ("need", ALWAYS)
    if op == "SUBPATTERN":
        _, add_flags, del_flags, sub = arg
        return ("need", ALWAYS) if add_flags or del_flags else _sequence(list(sub))
    if op == "BRANCH":
        parts = [_sequence(list(branch)) for branch in arg[1]]
        if all(kind == "exact" for kind, _ in parts):
            union: set[str] = set().union(*(strings for _, strings in parts))
            if len(union) <= _MAX_EXACT:
                return "exact", union
        return "need", _any([_formula(part) for part in parts])
    if op in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        low, high, sub = arg
        inner = _sequence(list(sub))
        if low == 0:
            if high == 1 and inner[0] == "exact" and len(inner[1]) < _MAX_EXACT:
                return "exact", inner[1] | {""}
            return "need", ALWAYS
        if low == high == 1:
            return inner
        return "need", _formula(inner)
    if op == "AT":
        return "exact", {""}
    return "need", ALWAYS


def _class(items: Any) -> set[str] | None:
    chars: set[str] = set()
    for op, arg in items:
        name = str(op)
        if name == "LITERAL":
            chars.add(chr(arg))
        elif name == "RANGE" and arg[1] - arg[0] < _MAX_EXACT:
            chars.update(chr(code) for code in range(arg[0], arg[1] + 1))
        else:
            return None
    return chars if 0 < len(chars) <= _MAX_EXACT else None


def _formula(part: tuple[str, Any]) -> Requirement:
    kind, value = part
    if kind == "need":
        return value  # type: ignore[no-any-return]
    # A piece shorter than _MIN_ATOM (一 character: 》, 年, a digit) occurs in almost every document and
    # would cost the scan a hit at nearly every position: it is no requirement.
    if any(len(text) < _MIN_ATOM for text in value):
        return ALWAYS
    return _any([("lit", text) for text in sorted(value)])


def _all(parts: list[Requirement]) -> Requirement:
    flat: list[Requirement] = []
    for part in parts:
        if part == ALWAYS:
            continue
        flat.extend(part[1] if part[0] == "and" else [part])
    if not flat:
        return ALWAYS
    return flat[0] if len(flat) == 1 else ("and", flat)


def _any(parts: list[Requirement]) -> Requirement:
    if not parts or any(part == ALWAYS for part in parts):
        return ALWAYS
    flat: list[Requirement] = []
    for part in parts:
        flat.extend(part[1] if part[0] == "or" else [part])
    return flat[0] if len(flat) == 1 else ("or", flat)


def _folded(requirement: Requirement) -> Requirement:
    """Atoms as the folded text holds them: a case-insensitive match of 《ABC》 is 《abc》 there."""
    kind = requirement[0]
    if kind == "always":
        return requirement
    if kind == "lit":
        return "lit", fold(requirement[1])
    return kind, [_folded(part) for part in requirement[1]]


def _collect(requirement: Requirement, found: set[str]) -> None:
    kind = requirement[0]
    if kind == "lit":
        found.add(requirement[1])
    elif kind in ("and", "or"):
        for part in requirement[1]:
            _collect(part, found)
