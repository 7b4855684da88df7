"""Regular expressions that cannot hang a run.

Every pattern must compile under RE2 (linear time, no backreferences or look-around). Which patterns can
occur in a text at all is decided from the literal pieces each match must contain (normcheck.engine.prefilter);
the matches of those are then extracted with Python's ``re``,
which is faster per match, but only for patterns RE2 accepted — such patterns have no constructs that
backtrack catastrophically. Patterns that could backtrack for long in ``re`` (a repeated group that repeats
or branches inside, or a large combined repetition range), and patterns that ``re`` reads differently or
cannot compile (``\\p{Han}``), are extracted with RE2 itself.
"""
from __future__ import annotations

import re
import re._parser as _sre_parser  # type: ignore[import-not-found]
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

_UNBOUNDED = 10_000
_MAX_BACKTRACK_BUDGET = 1_000_000
MAX_PROGRAM_MEM = 8 << 20
_CLASS_ESCAPE = re.compile(r"\\[pP]|\[\[:")


class RegexProblem(Exception):
    """Why a pattern was refused, in Chinese."""


def _options(case_sensitive: bool) -> Any:
    import re2  # type: ignore[import-untyped]

    options = re2.Options()
    options.log_errors = False
    options.case_sensitive = case_sensitive
    options.max_mem = MAX_PROGRAM_MEM
    return options


def _explain(error: Exception) -> str:
    text = str(error.args[0] if error.args else error)
    if text.startswith(("b'", 'b"')):
        text = text[2:-1]
    if "repetition" in text:
        return "重复次数过大（{n} 中的 n 最多为 1000）"
    if "perl operator" in text or "(?=" in text or "(?!" in text or "(?<" in text:
        return "不支持前瞻、后顾等写法（RE2 语法）"
    if "missing )" in text or "unexpected )" in text:
        return "括号不配对"
    if "missing ]" in text:
        return "方括号不配对"
    if "too big" in text or "pattern too large" in text:
        return "表达式过于复杂"
    if "escape" in text:
        return "无效的转义写法"
    if "trailing" in text:
        return "表达式以单独的反斜杠结尾"
    return text


@dataclass(slots=True)
class SafeRegex:
    """A pattern checked by RE2 (``validate``). The extractor (Python ``re`` when safe, else RE2) is chosen
    and compiled on first use, so loading many rules costs at most the RE2 validation."""

    source: str
    case_sensitive: bool
    _re2: Any = None
    _python: re.Pattern[str] | None = None
    _chosen: bool = False

    @property
    def group_names(self) -> tuple[str, ...]:
        return tuple(re.findall(r"\(\?P<([^>]+)>", self.source))

    @property
    def uses_re2(self) -> bool:
        self._choose()
        return self._python is None

    def _choose(self) -> None:
        if self._chosen:
            return
        self._chosen = True
        if _CLASS_ESCAPE.search(self.source):
            return
        flags = re.ASCII | (0 if self.case_sensitive else re.IGNORECASE)
        try:
            tree = _sre_parser.parse(self.source, flags)
        except Exception:  # noqa: BLE001 - any doubt means "use RE2"
            return
        try:
            if _backtracking_risk(tree):
                self._python = None
            else:
                from normcheck.engine.firstchars import with_first_chars

                self._python = re.compile(with_first_chars(self.source, flags, tree), flags)
        except re.error:
            self._python = None

    def validate(self) -> None:
        """Compile under RE2 (linear time guaranteed); raises RegexProblem for a pattern RE2 rejects."""
        if self._re2 is not None:
            return
        import re2

        try:
            self._re2 = re2.compile(self.source, _options(self.case_sensitive))
        except re2.error as exc:
            raise RegexProblem(_explain(exc)) from None
        except (TypeError, ValueError) as exc:
            raise RegexProblem(str(exc)) from None

    def finditer(self, text: str) -> Iterator[tuple[int, int, dict[str, tuple[int, int]]]]:
        """(start, end, {group: (start, end)}) for each non-empty, non-overlapping match."""
        self._choose()
        if self._python is None:
            self.validate()
        compiled = self._python if self._python is not None else self._re2
        matches = compiled.finditer(text)
        if not compiled.groupindex:
            for m in matches:
                start, end = m.span()
                if end > start:
                    yield start, end, {}
            return
        for m in matches:
            start, end = m.span()
            if end > start:
                yield start, end, _groups(m)


def _groups(m: Any) -> dict[str, tuple[int, int]]:
    spans = {}
    for name, index in m.re.groupindex.items():
        start, end = m.span(index)
        if start >= 0:
            spans[name] = (start, end)
    return spans


def compile_safe(source: str, case_sensitive: bool = False, *, validate: bool = True) -> SafeRegex:
    """Prepare ``source``; with ``validate`` (the default) check it under RE2 now, raising RegexProblem.
    Without it the caller must call ``validate()`` before relying on the pattern."""
    safe = SafeRegex(source, case_sensitive)
    if validate:
        safe.validate()
    return safe


def _backtracking_risk(tree: Any) -> bool:
    """True when Python's backtracking ``re`` could take long on the parsed pattern ``tree``: a repeated
    group that itself repeats or branches, or repetitions whose combined range is large. Such patterns are
    extracted with RE2."""
    budget = [1]

    def walk(items: Any, inside_repeat: bool) -> bool:
        for op, arg in items:
            name = str(op)
            if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
                _, high, sub = arg
                if inside_repeat or _has_repeat_or_branch(sub):
                    return True
                budget[0] *= min(high, _UNBOUNDED) + 1
                if budget[0] > _MAX_BACKTRACK_BUDGET:
                    return True
            elif name == "SUBPATTERN":
                if walk(arg[-1], inside_repeat):
                    return True
            elif name == "BRANCH":
                if any(walk(branch, inside_repeat) for branch in arg[1]):
                    return True
            elif name in ("ASSERT", "ASSERT_NOT", "GROUPREF", "GROUPREF_EXISTS", "ATOMIC_GROUP"):
                return True
        return False

    return walk(tree, False)


def _has_repeat_or_branch(items: Any) -> bool:
    for op, arg in items:
        name = str(op)
        if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT", "BRANCH"):
            return True
        if name == "SUBPATTERN" and _has_repeat_or_branch(arg[-1]):
            return True
    return False
