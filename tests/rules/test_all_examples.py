"""One generic test for the examples of every loaded rule — every bundled pack and every rule file the tests
ship — so that no pack depends on a hand-kept list to have its examples run."""
from __future__ import annotations

from pathlib import Path

import pytest

from normcheck.authoring.examples import run_examples
from normcheck.dsl import bundled_rules_dir, load_rules

TESTS = Path(__file__).resolve().parents[1]
OWN_RULE_FILES = sorted(p for p in TESTS.rglob("*.rules") if "fixtures" not in p.parts and "fuzz" not in p.parts)


def test_every_bundled_rule_passes_its_examples() -> None:
    ruleset = load_rules()
    results = run_examples(ruleset)
    failed = [f"{r.rule} ({Path(r.file).name}:{r.line}) {r.kind}: {r.detail}" for r in results if not r.ok]
    assert failed == []
    packs = {Path(rule.file).stem for rule in ruleset.rules}
    assert packs == {p.stem for p in bundled_rules_dir().glob("*.rules") if p.stem != "common"}


@pytest.mark.parametrize("path", OWN_RULE_FILES, ids=[str(p.relative_to(TESTS)) for p in OWN_RULE_FILES])
def test_rule_files_beside_the_tests_pass_their_examples(path: Path) -> None:
    results = run_examples(load_rules([str(path)], bundled=False))
    assert [f"{r.rule}:{r.line} {r.kind}: {r.detail}" for r in results if not r.ok] == []
