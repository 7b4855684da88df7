"""`period in sentence with …` and `period from … to …`: parsing, type checks, and `rules show` text."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from normcheck.authoring.describe import describe_check
from normcheck.dsl import ast, load_rules
from normcheck.dsl.parser import parse_rules
from normcheck.errors import RuleError


def check_of(text: str) -> ast.Check:
    [node] = parse_rules('rule R-1 "t" {\n severity info\n ' + text + "\n}", "t.rules").statements
    assert isinstance(node, ast.RuleNode)
    return node.checks[0]


def test_period_values_parse() -> None:
    check = check_of('assert period in sentence with "征求意见" >= 7 workdays')
    assert isinstance(check, ast.Assert) and isinstance(check.cond, ast.Compare)
    assert isinstance(check.cond.left, ast.SentencePeriod)
    check = check_of("assert period from effective_date to 2030-12-31 <= 5 years")
    assert isinstance(check, ast.Assert) and isinstance(check.cond, ast.Compare)
    between = check.cond.left
    assert isinstance(between, ast.PeriodBetween)
    assert isinstance(between.first, ast.FactValue) and between.first.name == "effective_date"
    assert isinstance(between.last, ast.Const) and between.last.value == dt.date(2030, 12, 31)
    check = check_of('assert period from date in sentence with "受理" to date in sentence with "出具" >= 5 workdays')
    assert isinstance(check, ast.Assert) and isinstance(check.cond, ast.Compare)
    assert isinstance(check.cond.left, ast.PeriodBetween) and isinstance(check.cond.left.first, ast.SentenceValue)


@pytest.mark.parametrize(("body", "words"), [
    ("assert period from validity to validity_end <= 5 years", "两端应当是日期"),
    ("assert period after article_count to validity_end <= 5 years", "period after"),
    ("assert period from effective_date to validity_end <= 5", "无法比较"),
    ('assert period in sentence with "征求" == 2021-01-01', "无法比较"),
    ("assert period from effective_date validity_end <= 5 years", "to"),
])
def test_period_mistakes_are_rule_errors(body: str, words: str, write_rules: Callable[..., Path]) -> None:
    path = write_rules('rule R-1 "t" {\n  severity info\n  ' + body + '\n  example fail "x"\n}\n')
    with pytest.raises(RuleError) as info:
        load_rules([path], bundled=False)
    assert words in str(info.value) and info.value.line == 3


def test_rules_show_writes_periods_back(write_rules: Callable[..., Path]) -> None:
    path = write_rules('rule R-1 "t" {\n severity info\n'
                       ' assert period in sentence with "征求意见" >= 7 workdays\n'
                       ' assert period from effective_date to validity_end <= 5 years\n'
                       ' assert period after issue_date to 2030-01-01 > 30 days\n example fail "x"\n}\n')
    [rule] = load_rules([path], bundled=False).rules
    assert [describe_check(c) for c in rule.checks] == [
        'assert period in sentence with "征求意见" >= 7 workdays',
        "assert period from effective_date to validity_end <= 5 years",
        "assert period after issue_date to 2030-01-01 > 30 days",
    ]
