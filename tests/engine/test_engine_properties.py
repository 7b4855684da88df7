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


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(_ALPHABET, max_size=200))
def test_rule_gate_changes_nothing_but_speed(ruleset: RuleSet, text: str) -> None:
    doc = document_from_text(text)
    gated = check_document(doc, ruleset)
    library = ruleset.library
    assert library is not None
    everything = {rule.id for rule in ruleset.rules}
    original = library.active_rules
    library.active_rules = lambda terms, regexes: everything  # type: ignore[method-assign]
    try:
        assert check_document(doc, ruleset) == gated
    finally:
        library.active_rules = original  # type: ignore[method-assign]


def test_rule_gate_on_bundled_rules_and_samples() -> None:
    from pathlib import Path

    from normcheck.dsl import load_rules

    ruleset = load_rules()
    assert ruleset.library is not None
    from normcheck.reader import read_path

    samples = sorted((Path(__file__).resolve().parents[2] / "samples").glob("*.docx"))
    docs = [read_path(p) for p in samples]
    docs.append(document_from_text("第一条 根据《中华人民共和国合同法》第五十二条，经营者应当缴纳保证金，处200元罚款。"))
    assert len(docs) > 3
    everything = {rule.id for rule in ruleset.rules}
    for doc in docs:
        gated = check_document(doc, ruleset)
        ruleset.library.active_rules = lambda terms, regexes: everything  # type: ignore[method-assign]
        try:
            assert check_document(doc, ruleset) == gated
        finally:
            del ruleset.library.active_rules
