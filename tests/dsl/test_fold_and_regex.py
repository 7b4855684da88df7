"""Width/case folding keeps offsets; regexes are RE2-validated and cannot backtrack for long."""
from __future__ import annotations

import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from normcheck.engine.fold import fold, fold_regex_source
from normcheck.engine.saferegex import RegexProblem, compile_safe


def test_fold_examples() -> None:
    assert fold("ＡＢＣ〔２０２４〕［x］【y】　Ｚ") == "abc[2024][x][y] z"
    assert fold("中华人民共和国") == "中华人民共和国"


@given(st.text())
def test_fold_preserves_length(text: str) -> None:
    assert len(fold(text)) == len(text)


def test_fold_regex_source_escapes_brackets_only() -> None:
    assert fold_regex_source("政规〔\\d{4}〕") == "政规\\[\\d{4}\\]"
    assert fold_regex_source("\\（") == "\\("
    assert fold_regex_source("ＡＢ\\D") == "AB\\D"


def test_named_groups_and_matches() -> None:
    regex = compile_safe("(?P<期限>\\d+)日")
    assert regex.group_names == ("期限",)
    assert list(regex.finditer("期限为30日")) == [(3, 6, {"期限": (3, 5)})]
    assert not regex.uses_re2


@pytest.mark.parametrize("source", ["(a", "a{2000}", "(?=x)", "(a)\\1", "[b-a]", "a**"])
def test_invalid_or_unsafe_patterns_are_refused(source: str) -> None:
    with pytest.raises(RegexProblem):
        compile_safe(source)


def test_nested_repetition_runs_in_linear_time() -> None:
    regex = compile_safe("(a+)+b")
    assert regex.uses_re2
    text = "a" * 5000 + "c"
    start = time.perf_counter()
    assert list(regex.finditer(text)) == []
    assert time.perf_counter() - start < 1.0


def test_re2_only_syntax_is_extracted_with_re2() -> None:
    regex = compile_safe("\\p{Han}+")
    assert [(s, e) for s, e, _ in regex.finditer("ab中文cd")] == [(2, 4)]


_FILTERED = ["(?mi)罚款", "(?mi)处\\d+元", "(?mi)ABC公司", "(?mi)(依照|根据)《[^》]{2,10}》", "(?mi)^第.条",
             "(?mi)\\p{Han}{3}", "(?mi)(?:计划|准备)?(?:于|在)提交", "(?mi)x?y?"]


@given(st.text(st.sampled_from(list("罚款处12元abc公司依照根据《》第一条于在提交计划xy\n")), max_size=60))
def test_prefilter_never_misses_a_pattern_that_matches(text: str) -> None:
    import re2

    from normcheck.engine.fold import fold
    from normcheck.engine.prefilter import RegexPrefilter
    from normcheck.engine.scan import TermScanner

    prefilter = RegexPrefilter(_FILTERED)
    shadow = fold(text)
    potential = prefilter.hits(TermScanner(prefilter.atoms).scan(shadow))
    for index, source in enumerate(_FILTERED):
        if re2.search(source, shadow):
            assert index in potential
