"""The tutorial in docs/rule-language.md works as written: its rules load and pass their own examples."""
from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from normcheck.authoring.examples import run_examples
from normcheck.dsl import load_rules

DOC = Path(__file__).resolve().parents[2] / "docs" / "rule-language.md"


def test_tutorial_rules_pass_their_examples(write_rules: Callable[..., Path]) -> None:
    blocks = re.findall(r"```\n(.*?)```", DOC.read_text(encoding="utf-8"), re.DOTALL)
    tutorial = [block for block in blocks if "rule FEE-" in block]
    assert len(tutorial) == 2
    path = write_rules("\n".join(tutorial), "我局规则/收费.rules")
    ruleset = load_rules([path])  # with the bundled packs, as a legal officer would run it
    results = run_examples(ruleset, ["FEE-001", "FEE-002"])
    assert len(results) == 7
    assert [r for r in results if not r.ok] == []
