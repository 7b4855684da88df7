"""RE2 checks every pattern of a rule set once; a rule set whose patterns all passed before loads without
compiling them again, and a bad pattern is reported every time."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from normcheck.dsl import RuleSet, load_rules
from normcheck.engine.saferegex import SafeRegex
from normcheck.errors import RuleError
from normcheck.reader.plain import document_from_text

RULES = '''
rule T-1 "设定罚款" {
  severity error
  tags authority
  basis "《中华人民共和国行政处罚法》第十六条"
  message "{match}"
  fix "删除"
  forbid /处\\d+元(以上\\d+元以下)?罚款/ in each sentence
  example fail "违反的，处200元罚款。"
  example pass "违反的，依法处理。"
}
'''


@pytest.fixture
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("NORMCHECK_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def _count_validations(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    original = SafeRegex.validate

    def counting(self: SafeRegex) -> None:
        calls.append(self.source)
        original(self)

    monkeypatch.setattr(SafeRegex, "validate", counting)
    return calls


def test_second_load_skips_the_re2_check_and_still_matches(
        own_cache: Path, write_rules: Callable[..., Path], monkeypatch: pytest.MonkeyPatch) -> None:
    from normcheck.engine import check_document

    path = write_rules(RULES)
    load_rules([path], bundled=False)
    calls = _count_validations(monkeypatch)
    ruleset: RuleSet = load_rules([path], bundled=False)
    assert calls == []
    findings = check_document(document_from_text("第八条 违反本办法的，处500元罚款。"), ruleset)
    assert [f.rule for f in findings] == ["T-1"]


def test_a_changed_pattern_is_checked_again(
        own_cache: Path, write_rules: Callable[..., Path], monkeypatch: pytest.MonkeyPatch) -> None:
    load_rules([write_rules(RULES)], bundled=False)
    calls = _count_validations(monkeypatch)
    load_rules([write_rules(RULES.replace("以下)?罚款/", "以下)?的?罚款/"))], bundled=False)
    assert len(calls) == 1


def test_a_bad_pattern_is_reported_on_every_load(own_cache: Path, write_rules: Callable[..., Path]) -> None:
    path = write_rules(RULES.replace("(以上", "(?<=以上"))
    for _ in range(2):
        with pytest.raises(RuleError) as caught:
            load_rules([path], bundled=False)
        assert caught.value.line == 8 and "正则表达式" in caught.value.message
