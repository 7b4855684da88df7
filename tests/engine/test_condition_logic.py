"""`and` / `or` of conditions: three-valued (None = a fact is unknown) and short-circuiting."""
from __future__ import annotations

from itertools import product
from typing import Any

import pytest

from normcheck.engine.conditions import AllConditions, AnyCondition, Condition


class Fixed(Condition):
    def __init__(self, value: bool | None, calls: list[bool | None]) -> None:
        self.value = value
        self.calls = calls

    def evaluate(self, ctx: Any, env: Any) -> bool | None:
        self.calls.append(self.value)
        return self.value


def _expected_all(values: tuple[bool | None, ...]) -> bool | None:
    if False in values:
        return False
    return None if None in values else True


def _expected_any(values: tuple[bool | None, ...]) -> bool | None:
    if True in values:
        return True
    return None if None in values else False


@pytest.mark.parametrize("values", list(product([True, False, None], repeat=3)))
def test_truth_tables(values: tuple[bool | None, ...]) -> None:
    calls: list[bool | None] = []
    items: list[Condition] = [Fixed(v, calls) for v in values]
    assert AllConditions(items).evaluate(None, {}) is _expected_all(values)  # type: ignore[arg-type]
    assert AnyCondition(items).evaluate(None, {}) is _expected_any(values)  # type: ignore[arg-type]


def test_and_stops_at_the_first_false_and_or_at_the_first_true() -> None:
    calls: list[bool | None] = []
    AllConditions([Fixed(True, calls), Fixed(False, calls), Fixed(None, calls)]).evaluate(None, {})  # type: ignore[arg-type]
    assert calls == [True, False]
    calls.clear()
    AnyCondition([Fixed(None, calls), Fixed(True, calls), Fixed(False, calls)]).evaluate(None, {})  # type: ignore[arg-type]
    assert calls == [None, True]
