"""run_examples: fail examples must fire, pass examples must not, a rule needs a fail example."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from normcheck.authoring.examples import run_examples
from normcheck.dsl import RuleSet


def test_results_per_example(load_text: Callable[..., RuleSet]) -> None:
    ruleset = load_text('rule E-1 "t" {\n severity error\n forbid "罚款"\n'
                        ' example fail "第二条 处200元罚款。"\n example pass "第二条 处200元罚金。"\n'
                        ' example fail "没有问题"\n example pass "罚款"\n}\n')
    results = run_examples(ruleset)
    assert [(r.rule, r.kind, r.ok) for r in results] == [
        ("E-1", "fail", True), ("E-1", "pass", True), ("E-1", "fail", False), ("E-1", "pass", False)]
    assert results[2].line == 6 and results[2].detail
    assert "罚款" in results[3].detail


def test_rule_without_fail_example_fails(load_text: Callable[..., RuleSet]) -> None:
    ruleset = load_text('rule E-2 "t" {\n severity error\n forbid "罚款"\n example pass "罚金"\n}\n'
                        'rule E-3 "t" {\n severity error\n forbid "罚款"\n example fail "罚款"\n}\n')
    results = run_examples(ruleset, ["E-2"])
    assert [(r.rule, r.kind, r.ok) for r in results] == [("E-2", "fail", False), ("E-2", "pass", True)]


def test_multi_paragraph_text_and_file_examples(write_rules: Callable[..., Path],
                                                load_text: Callable[..., RuleSet]) -> None:
    write_rules("第一条 为规范管理，制定本办法。\n第二条 本办法自印发之日起施行。\n", "ex/ok.txt")
    ruleset = load_text('rule E-4 "t" {\n severity error\n require "施行" in each article\n'
                        ' example fail "第一条 甲。\\n第二条 本办法自印发之日起施行。"\n'
                        ' example pass file "ex/ok.txt"\n}\n')
    assert [(r.kind, r.ok) for r in run_examples(ruleset)] == [("fail", True), ("pass", False)]
