"""One generic test for the examples of every loaded rule — every bundled pack, every rule file the tests
ship and the rule files of the documentation — so that no pack depends on a hand-kept list to have its
examples run."""
from __future__ import annotations

from pathlib import Path

import pytest

from normcheck.authoring.examples import run_examples
from normcheck.dsl import bundled_rules_dir, load_rules
from normcheck.dsl.ast import RuleNode
from normcheck.dsl.parser import parse_rules

ROOT = Path(__file__).resolve().parents[2]
TESTS = ROOT / "tests"
OWN_RULE_FILES = sorted(
    [p for p in TESTS.rglob("*.rules") if "fixtures" not in p.parts and "fuzz" not in p.parts]
    + list((ROOT / "docs").rglob("*.rules")))


def test_every_bundled_rule_passes_its_examples() -> None:
    ruleset = load_rules()
    results = run_examples(ruleset)
    failed = [f"{r.rule} ({Path(r.file).name}:{r.line}) {r.kind}: {r.detail}" for r in results if not r.ok]
    assert failed == []
    # Every bundled file that holds rules had them loaded (and so their examples run).
    with_rules = {p.stem for p in bundled_rules_dir().glob("*.rules")
                  if any(isinstance(s, RuleNode) for s in parse_rules(p.read_text(encoding="utf-8")).statements)}
    assert {Path(rule.file).stem for rule in ruleset.rules} == with_rules


@pytest.mark.parametrize("path", OWN_RULE_FILES, ids=[str(p.relative_to(ROOT)) for p in OWN_RULE_FILES])
def test_rule_files_beside_the_tests_and_docs_pass_their_examples(path: Path) -> None:
    ruleset = load_rules([str(path)], bundled=False)
    results = run_examples(ruleset)
    assert ruleset.rules and [f"{r.rule}:{r.line} {r.kind}: {r.detail}" for r in results if not r.ok] == []
