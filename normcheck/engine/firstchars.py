"""Where a match can start: the set of characters every match of a pattern begins with.

Python's ``re`` skips ahead quickly only when a pattern starts with a literal or a character class; a
pattern that starts with an optional group (``(中华人民共和国)?(合同法|…)``) or a branch of such is tried at
every position of the text. ``with_first_chars`` puts the set in front as a lookahead
(``(?=[中合…])(?:…)``), which the engine uses to skip: same matches, same groups, several times faster
on such patterns. Patterns whose first character is not confined to a small set are left as they are."""
from __future__ import annotations

import re
import re._parser as _sre_parser  # type: ignore[import-not-found]
from typing import Any

_MAX_FIRST_CHARS = 64
_MAX_RANGE = 64
_GLOBAL_FLAGS = re.compile(r"^(?:\(\?[aiLmsux]+\))+")
_DIGITS = frozenset("0123456789")


def with_first_chars(source: str, flags: int, tree: Any = None) -> str:
    """``source`` with a lookahead of its possible first characters, when that helps; else ``source``.
    ``tree`` is the pattern as ``re._parser`` parsed it with ``flags``, when the caller has it."""
    if tree is None:
        try:
            tree = _sre_parser.parse(source, flags)
        except Exception:  # noqa: BLE001 - an unparsable pattern is compiled (and refused) as written
            return source
    if _starts_plainly(tree):
        return source
    found = _first(list(tree), bool((flags | tree.state.flags) & re.IGNORECASE))
    if found is None:
        return source
    chars, nullable = found
    if nullable or not chars or len(chars) > _MAX_FIRST_CHARS:
        return source
    head = _GLOBAL_FLAGS.match(source)
    prefix = head.group(0) if head else ""
    klass = "".join(_escape(c) for c in sorted(chars))
    return f"{prefix}(?=[{klass}])(?:{source[len(prefix):]})"


def _starts_plainly(tree: Any) -> bool:
    """A pattern ``re`` already skips ahead on: it begins (inside any groups) with a literal, a class, an
    anchor (``^``), or a branch whose every alternative begins with a literal. A lookahead would only
    slow those down."""
    items = list(tree)
    while items and str(items[0][0]) == "SUBPATTERN":
        items = list(items[0][1][-1])
    if not items:
        return False
    op, arg = items[0]
    if str(op) in ("LITERAL", "IN", "AT"):
        return True
    if str(op) == "BRANCH":
        return all(len(branch) > 0 and str(branch[0][0]) == "LITERAL" for branch in arg[1])
    return False


def _first(items: list[Any], ignore_case: bool) -> tuple[set[str], bool] | None:
    """(first characters, whether the sequence can match the empty string), or None when unbounded."""
    chars: set[str] = set()
    for op, arg in items:
        found = _first_of(str(op), arg, ignore_case)
        if found is None:
            return None
        more, nullable = found
        chars |= more
        if not nullable:
            return chars, False
    return chars, True


def _first_of(op: str, arg: Any, ignore_case: bool) -> tuple[set[str], bool] | None:
    if op == "LITERAL":
        return _cased({chr(arg)}, ignore_case), False
    if op == "IN":
        klass = _class_chars(arg)
        return (_cased(klass, ignore_case), False) if klass is not None else None
    if op == "SUBPATTERN":
        _, add_flags, del_flags, sub = arg
        if add_flags or del_flags:
            return None
        return _first(list(sub), ignore_case)
    if op == "BRANCH":
        chars: set[str] = set()
        nullable = False
        for branch in arg[1]:
            found = _first(list(branch), ignore_case)
            if found is None:
                return None
            chars |= found[0]
            nullable = nullable or found[1]
        return chars, nullable
    if op in ("MAX_REPEAT", "MIN_REPEAT"):
        low, _, sub = arg
        found = _first(list(sub), ignore_case)
        if found is None:
            return None
        return found[0], found[1] or low == 0
    if op == "AT":
        return set(), True
    return None


def _class_chars(items: Any) -> set[str] | None:
    chars: set[str] = set()
    for op, arg in items:
        name = str(op)
        if name == "LITERAL":
            chars.add(chr(arg))
        elif name == "RANGE":
            low, high = arg
            if high - low > _MAX_RANGE:
                return None
            chars.update(chr(c) for c in range(low, high + 1))
        elif name == "CATEGORY" and str(arg) == "CATEGORY_DIGIT":
            chars |= _DIGITS  # patterns are compiled with re.ASCII
        else:
            return None
    return chars


def _cased(chars: set[str], ignore_case: bool) -> set[str]:
    if not ignore_case:
        return chars
    return chars | {c.lower() for c in chars if c.isascii()} | {c.upper() for c in chars if c.isascii()}


def _escape(ch: str) -> str:
    code = ord(ch)
    if ch.isalnum() and ch.isascii():
        return ch
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"
