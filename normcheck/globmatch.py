"""Globs of the configuration (include, exclude, waivers) matched in linear time.

A glob is translated into a regular expression and run by RE2, whose automaton never backtracks: the time
to match is linear in the length of the path, whatever the pattern (``*a*a*a*a*b`` against a long name took
minutes with a backtracking engine). Semantics: ``**/`` spans any number of folders (none included), ``**``
anything, ``*`` anything within one folder, ``?`` one character other than ``/``; every other character,
``[`` included, stands for itself. A pattern without a slash matches the file name at any depth, as in
``.gitignore``, and a pattern naming a folder matches everything below it.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

MAX_GLOB_CHARS = 4096
_SURROGATE = re.compile("[\ud800-\udfff]")


class GlobError(ValueError):
    """A glob too long or too complex to compile."""


def translate(pattern: str) -> str:
    """The RE2 source of ``pattern`` (anchored by ``fullmatch``)."""
    if "/" not in pattern:
        pattern = "**/" + pattern
    out = []
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(_literal(pattern[i]))
            i += 1
    return "(?s)" + "".join(out) + "(?:/.*)?"


def _literal(ch: str) -> str:
    return ch if ch.isalnum() and ch.isascii() else f"\\x{{{ord(ch):x}}}"


@lru_cache(maxsize=512)
def compile_glob(pattern: str) -> Any:
    """The compiled matcher of ``pattern``; ``GlobError`` when it is too long or RE2 refuses it."""
    import re2

    if len(pattern) > MAX_GLOB_CHARS:
        raise GlobError(f"通配符过长（超过 {MAX_GLOB_CHARS} 个字符）")
    if _SURROGATE.search(pattern):
        raise GlobError("通配符含有无效字符")
    options = re2.Options()
    options.max_mem = 8 << 20
    try:
        return re2.compile(translate(pattern), options)
    except re2.error as exc:
        raise GlobError(f"通配符无法编译（{exc}）") from None


def glob_match(pattern: str, path: str) -> bool:
    """Whether the POSIX relative ``path`` matches ``pattern``. A byte of a file name that is not UTF-8
    counts as one character (U+FFFD) that only ``*`` and ``?`` match."""
    if _SURROGATE.search(path):
        path = _SURROGATE.sub("\ufffd", path)
    return compile_glob(pattern).fullmatch(path) is not None
