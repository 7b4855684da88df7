"""Load warnings for patterns and scopes that can never match; never for the bundled packs."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from normcheck.dsl import RuleSet, load_rules
from normcheck.dsl.unmatchable import regex_problem


def rule(body: str) -> str:
    return f'rule R-1 "t" {{\n  severity error\n  {body}\n  example fail "x"\n}}\n'


@pytest.mark.parametrize("source", [
    r"$a", r"[^\s\S]", r"[^\d\D]+", r"a^b", r"a\zb", r".$.", r"(?:x|y)$z", r"a{0}$b", r"\p{Han}$\p{Han}",
    r"罚款\A",
])
def test_regexes_that_match_nothing(source: str) -> None:
    assert regex_problem(source) is not None


@pytest.mark.parametrize("source", [
    r"^a$", r"$\n", r"(?:a|b$)c", r"($)*b", r"(a$)?b", r"x|[^\s\S]", r"\Aa", r"a\z", r"[^\p{Han}]",
    r"(?m)^[\p{Han}]{0,12}区$", r"a(?=b)", r"[^。\n]+", r"$^", r"(?s).$.", r"[^\S]",
])
def test_regexes_that_may_match(source: str) -> None:
    assert regex_problem(source) is None


def test_a_line_break_in_a_sentence(load_text: Callable[..., RuleSet]) -> None:
    assert regex_problem(r"甲\n乙") is None and regex_problem(r"甲\n乙", newline=False) is not None


WARNED = {
    "dead_regex": (rule("forbid /罚款$元/"), (3, 10)),
    "dead_class": (rule("require /[^\\s\\S]/ in document"), (3, 11)),
    "adjacent": (rule('forbid /罚款$/ before "元" within 0'), (3, 10)),
    "newline_in_sentence": (rule('forbid "不得\\n收费"'), (3, 10)),
    "newline_in_citations": (rule('forbid "合同\\n法" in citations'), (3, 10)),
    "article_of_title": (rule('forbid "办法" in each article of title'), (3, 15)),
    "unless_same_scope": (rule('forbid "办法" in title unless in title'), (3, 24)),
    "unless_same_section": (rule('require "审核" in section "起草说明" unless in section "起草说明"'), (3, 34)),
    "dead_in_pattern": ('pattern 坏 = /a^b/\n' + rule("forbid 坏 | \"甲\""), (1, 13)),
}


@pytest.mark.parametrize("name", sorted(WARNED))
def test_what_can_never_match_is_a_load_warning(name: str, load_text: Callable[..., RuleSet]) -> None:
    text, (line, column) = WARNED[name]
    ruleset = load_text(text)
    assert len(ruleset.rules) == 1
    assert [w for w in ruleset.warnings if f":{line}:{column}: " in w], ruleset.warnings


@pytest.mark.parametrize("body", [
    'forbid /罚款$/', 'forbid "罚款" before "元" within 0', 'forbid /(?m)^第[一二三]条/ before "为" within 0',
    'require "甲\\n乙" in document', 'forbid "办法" in each sentence of title', 'forbid "办法" in title unless in section "附件"',
    'forbid /[^。\\n]{0,8}罚款/',
])
def test_no_warning_for_what_may_match(body: str, load_text: Callable[..., RuleSet]) -> None:
    assert load_text(rule(body)).warnings == []


def test_the_bundled_packs_load_without_warnings() -> None:
    assert load_rules().warnings == []


def test_rules_check_prints_the_warning(write_rules: Callable[..., Path]) -> None:
    from normcheck.cli import cli

    path = write_rules(rule("forbid /罚款$元/"))
    result = CliRunner().invoke(cli, ["rules", "check", "--no-bundled", str(path)])
    assert result.exit_code == 0
    assert "normcheck: 警告：" in result.output and ":3:10: " in result.output


def test_a_count_in_a_scope_that_cannot_hold_it(load_text: Callable[..., RuleSet]) -> None:
    ruleset = load_text(rule('assert count of "甲\\n乙" in each sentence > 1'))
    assert len(ruleset.warnings) == 1 and ":3:19: " in ruleset.warnings[0]
