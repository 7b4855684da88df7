"""What a compiled rule looks for, written back in the rule language (``normcheck rules show``)."""
from __future__ import annotations

from typing import Any

from normcheck.engine import conditions as cond
from normcheck.engine import matchers as m
from normcheck.engine.checks import (
    AssertCheck,
    CompiledCheck,
    FactCheck,
    ForbidCheck,
    RequireCheck,
)
from normcheck.engine.templates import format_value
from normcheck.structure.facts import Duration

_UNITS = {"year": "years", "month": "months", "day": "days", "workday": "workdays"}


def describe_rule(checks: list[CompiledCheck]) -> list[str]:
    """One line per check, then one line per named pattern the checks use (``pattern NAME = …``)."""
    lines = [describe_check(check) for check in checks]
    seen: dict[str, m.Named] = {}
    stack: list[m.Matcher] = [matcher for check in checks for matcher in _check_matchers(check)]
    while stack:
        matcher = stack.pop()
        if isinstance(matcher, m.Named):
            if matcher.name in seen:
                continue
            seen[matcher.name] = matcher
        stack.extend(matcher.children())
    lines += [f"pattern {name} = {named.matcher.describe()}" for name, named in sorted(seen.items())]
    return lines


def _check_matchers(check: CompiledCheck) -> list[m.Matcher]:
    if isinstance(check, RequireCheck):
        return [check.matcher]
    if isinstance(check, ForbidCheck):
        return [check.matcher] + (_condition_matchers(check.where) if check.where is not None else [])
    if isinstance(check, FactCheck):
        return []
    if isinstance(check, AssertCheck):
        return _condition_matchers(check.cond)
    return _condition_matchers(check.cond) + [x for c in check.checks for x in _check_matchers(c)]


def _condition_matchers(c: cond.Condition) -> list[m.Matcher]:
    if isinstance(c, cond.Contains):
        return [c.matcher]
    if isinstance(c, cond.Compare):
        return [x for v in (c.left, c.right) for x in _value_matchers(v)]
    if isinstance(c, cond.NotCondition):
        return _condition_matchers(c.cond)
    if isinstance(c, (cond.AllConditions, cond.AnyCondition)):
        return [x for item in c.items for x in _condition_matchers(item)]
    return []


def _value_matchers(v: cond.Value) -> list[m.Matcher]:
    if isinstance(v, (cond.SentenceValue, cond.SentencePeriod, cond.CountValue)):
        return [v.matcher]
    if isinstance(v, cond.PeriodBetween):
        return _value_matchers(v.first) + _value_matchers(v.last)
    return []


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
        where = f'section "{c.section}"' if c.where == "section" else c.section if c.where == "fact" else c.where
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
    if isinstance(v, cond.SentencePeriod):
        return f"period in sentence with {v.matcher.describe()}"
    if isinstance(v, cond.PeriodBetween):
        word = "after" if v.after else "from"
        return f"period {word} {describe_value(v.first)} to {describe_value(v.last)}"
    if hasattr(v, "field_name"):
        return f"citation {v.field_name}"
    if isinstance(v, cond.ArithValue):
        return f"({describe_value(v.left)} {v.op} {describe_value(v.right)})"
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
