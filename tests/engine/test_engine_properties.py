"""Engine invariants on arbitrary documents: no crash, excerpts are the original text at their location,
findings sorted; proximity stays fast on documents full of matches."""
from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from normcheck.dsl import RuleSet
from normcheck.engine import check_document
from normcheck.reader.plain import document_from_text

RULES = '''
list 禁止词 = "不得", "禁止"
pattern 罚 = "罚款" | /处\\d+元/ | exact "ＡＢ"
rule P-1 "t" { severity error forbid 罚 unless preceded by 禁止词 within 4 example fail "罚款" }
rule P-2 "t" { severity warning forbid "收费" within 5 chars of "标准" in each paragraph example fail "收费标准" }
rule P-3 "t" { severity info require "征求意见" in package example fail "x" }
rule P-4 "t" { severity info forbid "第" before "条" within 3 in each article where article_count > 0
  example fail "第一条" }
rule P-5 "t" { severity info require at most 1 "〔" in each sentence example fail "〔〔" }
'''

_ALPHABET = st.sampled_from(list("罚款处12元不得禁止收费标准第一条〔〕[]ＡＢab。；\n 征求意见"))


@pytest.fixture(scope="module")
def ruleset(tmp_path_factory: pytest.TempPathFactory) -> RuleSet:
    from normcheck.dsl import load_rules

    path = tmp_path_factory.mktemp("rules") / "p.rules"
    path.write_text(RULES, encoding="utf-8")
    return load_rules([path], bundled=False)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(_ALPHABET, max_size=300))
def test_findings_point_at_their_excerpt(ruleset: RuleSet, text: str) -> None:
    doc = document_from_text(text)
    findings = check_document(doc, ruleset)
    assert [f.sort_key() for f in findings] == sorted(f.sort_key() for f in findings)
    by_index = {b.index: b for b in doc.blocks}
    for f in findings:
        if f.location.part == "document":
            assert f.location.paragraph is None
            continue
        block = by_index[f.location.paragraph]  # type: ignore[index]
        if f.location.start is not None:
            assert block.text[f.location.start:f.location.end] == f.excerpt


def test_proximity_on_many_matches_is_fast(load_text: Callable[..., RuleSet]) -> None:
    ruleset = load_text('rule N-1 "t" {\n severity info\n forbid "甲" within 2 chars of "乙" in package\n'
                        ' forbid "甲" before "丙" in package\n example fail "甲乙"\n}\n')
    doc = document_from_text("甲丁丁" * 15000 + "\n" + "乙" * 3)
    start = time.perf_counter()
    assert check_document(doc, ruleset) == []
    assert time.perf_counter() - start < 2.0
