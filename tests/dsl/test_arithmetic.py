"""Numbers compare as numbers (with Chinese numerals, 万/亿 and percent) and may be computed with + - * /."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from normcheck.authoring.examples import run_examples
from normcheck.dsl import RuleSet, load_rules
from normcheck.engine.conditions import read_value
from normcheck.errors import RuleError

HERE = Path(__file__).parent


def test_the_rule_file_examples_hold() -> None:
    results = run_examples(load_rules([str(HERE / "arithmetic.rules")], bundled=False))
    assert [(r.rule, r.kind, r.ok) for r in results if not r.ok] == []
    assert len(results) == 7


@pytest.mark.parametrize(("text", "number"), [
    ("30万元", 300_000), ("1.5亿", 150_000_000), ("百分之二十", 0.2), ("20%", 0.2), ("一百万", 1_000_000),
    ("两万", 20_000), ("第二条 罚款5000元", 5000),
])
def test_numbers_as_written(text: str, number: float) -> None:
    found = read_value(text, "number")
    assert found is not None and found[0] == pytest.approx(number)


def test_arithmetic_needs_numbers(load_text: Callable[..., RuleSet]) -> None:
    with pytest.raises(RuleError, match="加减乘除"):
        load_text('rule T-1 "t" {\n severity error\n assert issue_date * 2 > 3\n example fail "x"\n}\n')


def test_two_texts_that_are_not_quantities_are_not_ordered(load_text: Callable[..., RuleSet]) -> None:
    ruleset = load_text('rule T-1 "t" {\n severity error\n forbid /(?P<甲>[甲乙])与(?P<乙>[甲乙])/ where 甲 > 乙\n'
                        ' example fail "x"\n}\n')
    from normcheck.engine import check_document
    from normcheck.reader.plain import document_from_text

    assert check_document(document_from_text("乙与甲"), ruleset) == []


def test_chapter_scope_text_fact_contains_and_fact_fallback() -> None:
    ruleset = load_rules([str(HERE / "language_gaps.rules")], bundled=False)
    results = run_examples(ruleset)
    assert [(r.rule, r.kind, r.ok) for r in results if not r.ok] == []
    from normcheck.engine import check_document
    from normcheck.reader.plain import document_from_text

    text = "XX区管理办法\n第五章 法律责任\n第二十条 违反本办法的，处500元罚款。"
    [finding] = check_document(document_from_text(text), ruleset.rules[:1])
    assert finding.message.endswith("有效期：未写明")
    dated = text + "\n第二十一条 本办法自2024年1月1日起施行，有效期至2028年12月31日。"
    [finding] = check_document(document_from_text(dated), ruleset.rules[:1])
    assert finding.message.endswith("有效期：2028年12月31日")


def test_contains_needs_a_text_fact_and_fallbacks_only_facts(load_text: Callable[..., RuleSet]) -> None:
    with pytest.raises(RuleError, match="文字事实"):
        load_text('rule T-1 "t" {\n severity error\n when issue_date contains "镇" then forbid "x"\n example fail "x"\n}\n')
    with pytest.raises(RuleError, match="缺省文字"):
        load_text('rule T-1 "t" {\n severity error\n message "{match|无}"\n forbid "x"\n example fail "x"\n}\n')


def test_an_unknown_section_name_is_a_load_warning(load_text: Callable[..., RuleSet]) -> None:
    ruleset = load_text('rule T-1 "t" {\n severity error\n forbid "罚款" in section "起草说名"\n example fail "x"\n}\n')
    assert any("起草说名" in w and "起草说明" in w for w in ruleset.warnings)
    known = load_text('rule T-1 "t" {\n severity error\n forbid "罚款" in section "起草说明"\n example fail "x"\n}\n')
    assert not [w for w in known.warnings if "部分" in w]
    assert not [w for w in load_rules().warnings if "部分" in w]


@pytest.mark.parametrize(("line", "keyword"), [(' forbidd "罚款"', "forbid"), (' forbid "罚款" in eachh sentence', "each"),
                                               (" severty error", "severity")])
def test_a_misspelled_keyword_gets_a_did_you_mean(load_text: Callable[..., RuleSet], line: str, keyword: str) -> None:
    with pytest.raises(RuleError, match=f"是不是“{keyword}”"):
        load_text(f'rule T-1 "t" {{\n severity error\n{line}\n example fail "x"\n}}\n'.replace(" severity error\n severty", " severty"))
