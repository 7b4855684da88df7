"""What a compiled rule looks for, written back in the rule language (``normcheck rules show``)."""
from __future__ import annotations

from typing import Any

from normcheck.dsl import conditions as cond
from normcheck.dsl.compiler import (
    AssertCheck,
    CompiledCheck,
    FactCheck,
    ForbidCheck,
    RequireCheck,
)
from normcheck.dsl.templates import format_value
from normcheck.structure.facts import Duration

_UNITS = {"year": "years", "month": "months", "day": "days", "workday": "workdays"}


def describe_check(check: CompiledCheck) -> str:
    if isinstance(check, RequireCheck):
        count = f"at least {check.least} " if check.least is not None else ""
        count = f"at most {check.most} " if check.most is not None else count
        return f"require {count}{check.matcher.describe()} in {check.scope.describe()}"
    if isinstance(check, ForbidCheck):
        tail = f" where {describe_condition(check.where)}" if check.where is not None else ""
        return f"forbid {check.matcher.describe()} in {check.scope.describe()}{tail}"
    if isinstance(check, FactCheck):
        return f"require fact {check.name}"
    if isinstance(check, AssertCheck):
        return f"assert {describe_condition(check.cond)}"
    inner = "; ".join(describe_check(c) for c in check.checks)
    return f"when {describe_condition(check.cond)} then {{ {inner} }}"


def describe_condition(c: cond.Condition) -> str:
    if isinstance(c, cond.Contains):
        where = f'section "{c.section}"' if c.where == "section" else c.where
        return f"{where} contains {c.matcher.describe()}"
    if isinstance(c, cond.HasFact):
        return f"has fact {c.name}"
    if isinstance(c, cond.ParamCondition):
        return f"param {c.name}"
    if isinstance(c, cond.Compare):
        return f"{describe_value(c.left)} {c.op} {describe_value(c.right)}"
    if isinstance(c, cond.NotCondition):
        return f"not ({describe_condition(c.cond)})"
    if isinstance(c, cond.AllConditions):
        return "(" + " and ".join(describe_condition(i) for i in c.items) + ")"
    assert isinstance(c, cond.AnyCondition)
    return "(" + " or ".join(describe_condition(i) for i in c.items) + ")"


def describe_value(v: cond.Value) -> str:
    if isinstance(v, cond.ConstValue):
        return _const(v.value)
    if isinstance(v, (cond.FactValue, cond.CaptureValue)):
        return v.name
    if isinstance(v, cond.ParamValue):
        return f"param {v.name}"
    if isinstance(v, cond.SentenceValue):
        return f"{v.what} in sentence with {v.matcher.describe()}"
    assert isinstance(v, cond.CountValue)
    return f"count of {v.matcher.describe()} in {v.scope.describe()}"


def _const(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Duration):
        return f"{value.amount} {_UNITS[value.unit]}"
    if isinstance(value, str):
        return f'"{value}"'
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return format_value(value)
