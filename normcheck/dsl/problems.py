"""Every error of a load, reported together: ``RuleErrors`` is a ``RuleError`` (for code that catches one)
whose attributes are those of the first error and whose text lists them all, up to a limit."""
from __future__ import annotations

from typing import Any

from normcheck.errors import RuleError

MAX_REPORTED_ERRORS = 20


class RuleErrors(RuleError):
    """The errors of one load in file order (``errors``); ``str()`` shows each as a single RuleError would,
    at most ``MAX_REPORTED_ERRORS`` of them, then how many there are."""

    def __init__(self, errors: list[RuleError]) -> None:
        first = errors[0]
        super().__init__(first.message, first.file, first.line, first.column, first.source_line)
        self.errors = list(errors)

    def __str__(self) -> str:
        shown = self.errors[:MAX_REPORTED_ERRORS]
        text = "\n".join(RuleError.__str__(error) for error in shown)
        if len(self.errors) > 1:
            text += f"\n共 {len(self.errors)} 处错误"
            if len(self.errors) > len(shown):
                text += f"，只列出前 {len(shown)} 处"
        return text

    def __reduce__(self) -> tuple[Any, ...]:
        return (RuleErrors, (self.errors,))


class AlreadyReported(RuleError):
    """Stops an item whose errors are already recorded, without recording another."""

    def __init__(self) -> None:
        super().__init__("")


def in_file_order(errors: list[RuleError], files: list[str]) -> list[RuleError]:
    """``errors`` without repeats, sorted by file (in load order), line and column."""
    rank = {name: i for i, name in enumerate(files)}
    seen: set[tuple[Any, ...]] = set()
    unique = []
    for error in errors:
        key = (error.file, error.line, error.column, error.message)
        if key not in seen:
            seen.add(key)
            unique.append(error)
    return sorted(unique, key=lambda e: (rank.get(e.file or "", len(rank)), e.file or "", e.line or 0,
                                         e.column or 0))
