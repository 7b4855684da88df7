"""The tutorial's sections on errors and warnings (docs/rule-language.md, rules DEMO-…) get the answers the
tutorial shows."""
from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from normcheck.dsl import load_rules
from normcheck.errors import RuleError

DOC = Path(__file__).resolve().parents[2] / "docs" / "rule-language.md"


def block(rule_id: str) -> str:
    blocks = re.findall(r"^```[a-z]*\n(.*?)^```", DOC.read_text(encoding="utf-8"), re.DOTALL | re.MULTILINE)
    [found] = [b for b in blocks if b.startswith(f"rule {rule_id} ")]
    return found


def errors(text: str, write_rules: Callable[..., Path], bundled: bool) -> list[RuleError]:
    with pytest.raises(RuleError) as info:
        load_rules([write_rules(text, "我局规则/收费.rules")], bundled=bundled)
    return list(getattr(info.value, "errors", [info.value]))


def test_a_regex_that_cannot_match_is_a_warning(write_rules: Callable[..., Path]) -> None:
    ruleset = load_rules([write_rules(block("DEMO-001"), "我局规则/收费.rules")], bundled=False)
    assert len(ruleset.warnings) == 1 and ":3:10: " in ruleset.warnings[0]


def test_misspelled_names_get_the_closest(write_rules: Callable[..., Path]) -> None:
    found = errors(block("DEMO-002"), write_rules, bundled=True)
    assert [(e.line, e.column) for e in found] == [(3, 8), (4, 16), (5, 27)]
    assert ["是不是“filing”", "是不是“{fact validity}”", "是不是“备案_有效期上限”"] == [
        re.search(r"是不是“[^”]+”", e.message).group(0) for e in found]  # type: ignore[union-attr]


def test_every_error_is_listed(write_rules: Callable[..., Path]) -> None:
    text = block("DEMO-003")
    assert "rule DEMO-004" in text
    assert [(e.line, e.column) for e in errors(text, write_rules, bundled=True)] == [(1, 6), (2, 10), (7, 21)]
