"""Patterns that can never match, found at load time: a regex whose language is empty (``$a``, ``[^\\s\\S]``,
``a^b``), ``A before B within 0`` where no A can be followed right away by a B, text with a line break where
the scope is one sentence or one law name, and scopes that hold nothing of what they name.

Only what is sure is reported: a regex this module cannot read completely (RE2 syntax Python's parser lacks,
look-arounds) is taken to match. The analysis follows the one fact that anchors depend on — whether the
character before a position is a line break, another character or nothing — and what ``$``/``\\z`` require
of the character after it, through sequences, alternatives and repeats.
"""
from __future__ import annotations

import re
from typing import Any

from normcheck.dsl import ast

# Where a position stands: after nothing (start of text), after a line break, after another character;
# and what the next character must be: anything (None), a line break or the end ("eol", after $), the end
# ("eot", after \z).
_State = frozenset[tuple[str, str | None]]
_START: _State = frozenset((before, None) for before in ("bot", "nl", "ch"))
_REASONS = {
    "class": "其中的字符类不包含任何字",
    "end": "$（段尾）或 \\z（结尾）之后还要求有文字",
    "start": "^（段首）或 \\A（开头）之前还要求有文字",
    "newline": "它要求换行，而这个范围中没有换行",
}
_UNSUPPORTED = ("\\P", "[[:", "\\Q", "\\C", "\\x{", "(?<")


class _Unknown(Exception):
    """A construct the analysis does not follow: the regex is taken to match."""


def regex_problem(source: str, newline: bool = True) -> str | None:
    """Why the regex ``source`` (RE2, compiled in multi-line mode) can match no text — or no text without
    a line break when ``newline`` is False — or None when it may match or this cannot tell."""
    if not _may_be_empty(source):
        return None
    parsed = _parse(source)
    if parsed is None:
        return None
    walk = _Walk(dotall="(?s" in source, newline=newline)
    try:
        end = walk.sequence(parsed, _START)
    except _Unknown:
        return None
    if end:
        return None
    return _REASONS[walk.reasons[0] if walk.reasons else "class"]


_NEGATED_CLASS = re.compile(r"\[\^(?:\\.|[^\]\\])*\]")
_PAIRS = (("\\s", "\\S"), ("\\d", "\\D"), ("\\w", "\\W"))


def _may_be_empty(source: str) -> bool:
    """Whether ``source`` has anything that can empty a regex: an anchor or a line break outside a negated
    class, or a negated class that may hold a class and its complement. Most regexes have none and are not
    parsed at all."""
    outside = _NEGATED_CLASS.sub("", source)
    if any(mark in outside for mark in ("$", "^", "\\A", "\\z", "\\Z", "\\n", "\\012")):
        return True
    if "\\x0a" in outside.lower():
        return True
    return any("10ffff" in cls.lower() or any(a in cls and b in cls for a, b in _PAIRS)
               for cls in _NEGATED_CLASS.findall(source))


def _parse(source: str) -> Any:
    if any(marker in source for marker in _UNSUPPORTED):
        return None
    out: list[str] = []
    i = 0
    while i < len(source):
        ch = source[i]
        if ch == "\\" and i + 1 < len(source):
            nxt = source[i + 1]
            if nxt == "p":
                # \p{Han}, \pL: some characters, none a line break — as one such character.
                close = source.find("}", i) if source[i + 2:i + 3] == "{" else i + 2
                if close < 0:
                    return None
                out.append("\\u4e00")
                i = close + 1
                continue
            out.append("\\Z" if nxt == "z" else ch + nxt)
            i += 2
            continue
        out.append(ch)
        i += 1
    try:
        import re._parser as sre  # type: ignore[import-not-found]
    except ImportError:  # pragma: no cover - Python < 3.11
        import sre_parse as sre
    try:
        return sre.parse("".join(out))
    except (re.error, RecursionError, OverflowError, ValueError):
        return None


class _Walk:
    def __init__(self, dotall: bool, newline: bool) -> None:
        self.dotall = dotall
        self.newline = newline
        self.reasons: list[str] = []

    def sequence(self, items: Any, state: _State) -> _State:
        for op, arg in items:
            if not state:
                return state
            state = self.item(str(op), arg, state)
        return state

    def item(self, op: str, arg: Any, state: _State) -> _State:
        if op == "LITERAL":
            return self.consume(arg == 10, arg != 10, state)
        if op == "NOT_LITERAL":
            return self.consume(arg != 10, True, state)
        if op == "ANY":
            return self.consume(self.dotall, True, state)
        if op == "IN":
            return self.consume(*_class(arg), state)
        if op == "AT":
            return self.anchor(str(arg), state)
        if op == "SUBPATTERN":
            return self.sequence(arg[-1], state)
        if op == "ATOMIC_GROUP":
            return self.sequence(arg, state)
        if op == "BRANCH":
            out: set[tuple[str, str | None]] = set()
            for branch in arg[1]:
                out |= self.sequence(branch, state)
            return frozenset(out)
        if op in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            return self.repeat(arg[0], arg[1], arg[2], state)
        raise _Unknown(op)

    def repeat(self, least: int, most: int, body: Any, state: _State) -> _State:
        for _ in range(least):
            after = self.sequence(body, state)
            if after == state:
                break
            state = after
            if not state:
                return state
        seen = set(state)
        current = state
        for _ in range(max(0, min(most, 1_000_000) - least)):
            current = self.sequence(body, current)
            if current <= seen:
                break
            seen |= current
        return frozenset(seen)

    def consume(self, has_newline: bool, has_other: bool, state: _State) -> _State:
        if not has_newline and not has_other:
            self.reasons.append("class")
            return frozenset()
        if not has_other and not self.newline:
            self.reasons.append("newline")
            return frozenset()
        has_newline = has_newline and self.newline
        out = set()
        for _before, pending in state:
            if pending == "eot":
                continue
            if has_newline:
                out.add(("nl", None))
            if has_other and pending is None:
                out.add(("ch", None))
        if not out:
            self.reasons.append("end" if self.newline else "newline")
        return frozenset(out)

    def anchor(self, kind: str, state: _State) -> _State:
        if kind == "AT_BEGINNING":
            out = frozenset(s for s in state if s[0] in ("bot", "nl"))
        elif kind == "AT_BEGINNING_STRING":
            out = frozenset(s for s in state if s[0] == "bot")
        elif kind == "AT_END":
            return frozenset((before, pending or "eol") for before, pending in state)
        elif kind == "AT_END_STRING":
            return frozenset((before, "eot") for before, _ in state)
        else:
            return state
        if not out:
            self.reasons.append("start")
        return out


_COMPLEMENTS = {("CATEGORY_DIGIT", "CATEGORY_NOT_DIGIT"), ("CATEGORY_SPACE", "CATEGORY_NOT_SPACE"),
                ("CATEGORY_WORD", "CATEGORY_NOT_WORD")}
_CATEGORIES_WITH_NEWLINE = {"CATEGORY_SPACE", "CATEGORY_NOT_DIGIT", "CATEGORY_NOT_WORD", "CATEGORY_LINEBREAK"}


def _class(items: Any) -> tuple[bool, bool]:
    """(holds a line break, holds another character) for a character class."""
    members = list(items)
    negated = bool(members) and str(members[0][0]) == "NEGATE"
    if negated:
        members = members[1:]
    newline = other = everything = False
    categories = set()
    for op, arg in members:
        op = str(op)
        if op == "LITERAL":
            newline |= arg == 10
            other |= arg != 10
        elif op == "RANGE":
            newline |= arg[0] <= 10 <= arg[1]
            other |= arg != (10, 10)
            everything |= arg[0] == 0 and arg[1] >= 0x10FFFF
        elif op == "CATEGORY":
            categories.add(str(arg))
            newline |= str(arg) in _CATEGORIES_WITH_NEWLINE
            other = True
        else:
            return True, True
    everything |= any(a in categories and b in categories for a, b in _COMPLEMENTS)
    if negated:
        return not newline and not everything, not everything
    return newline, other


# ---- matchers as regex sources ---------------------------------------------------------------------
def matcher_source(node: ast.Matcher, names: Any, depth: int = 0) -> str | None:
    """A regex whose language holds every text ``node`` may match, or None when there is none to say
    (``names(name)`` gives a named list's terms, or a pattern's matcher)."""
    if depth > 20:
        return None
    if isinstance(node, ast.Literal):
        return re.escape(node.text)
    if isinstance(node, ast.Regex):
        return None if node.source.startswith("(?") and not node.source.startswith(("(?:", "(?P<")) else node.source
    if isinstance(node, ast.AnyOf):
        parts = [matcher_source(item, names, depth + 1) for item in node.items]
        return None if any(p is None for p in parts) else "|".join(f"(?:{p})" for p in parts)
    if isinstance(node, ast.WithExceptions):
        return matcher_source(node.matcher, names, depth + 1)
    if isinstance(node, ast.NameRef):
        found = names(node.name)
        if isinstance(found, tuple) and found and len(found) <= 200:
            return "|".join(re.escape(term) for term in found)
        if isinstance(found, (ast.Literal, ast.Regex, ast.AnyOf, ast.WithExceptions, ast.NameRef)):
            return matcher_source(found, names, depth + 1)
    return None


def adjacent_problem(first: ast.Matcher, second: ast.Matcher, names: Any) -> str | None:
    """Why no match of ``first`` can be followed right away by a match of ``second`` (None: it may be)."""
    a, b = matcher_source(first, names), matcher_source(second, names)
    if a is None or b is None:
        return None
    return regex_problem(f"(?:{a})(?:{b})")


def literals_with_newline(node: ast.Matcher, names: Any, depth: int = 0) -> list[ast.Literal | ast.Regex]:
    """The literals and regexes of ``node`` (its alternatives and required parts, through named patterns)
    that need a line break to match."""
    if depth > 20:
        return []
    if isinstance(node, ast.Literal):
        return [node] if "\n" in node.text else []
    if isinstance(node, ast.Regex):
        return [node] if regex_problem(node.source, newline=False) and not regex_problem(node.source) else []
    if isinstance(node, ast.AnyOf):
        return [x for item in node.items for x in literals_with_newline(item, names, depth + 1)]
    if isinstance(node, ast.AllOf):
        return [x for item, neg in zip(node.items, node.negated) if not neg
                for x in literals_with_newline(item, names, depth + 1)]
    if isinstance(node, (ast.Within, ast.Before)):
        return [*literals_with_newline(node.first, names, depth + 1),
                *literals_with_newline(node.second, names, depth + 1)]
    if isinstance(node, ast.WithExceptions):
        return literals_with_newline(node.matcher, names, depth + 1)
    if isinstance(node, ast.NameRef):
        found = names(node.name)
        if isinstance(found, (ast.Literal, ast.Regex, ast.AnyOf, ast.AllOf, ast.Within, ast.Before,
                              ast.WithExceptions, ast.NameRef)):
            return literals_with_newline(found, names, depth + 1)
    return []
