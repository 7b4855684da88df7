"""``citation NAME`` values and ``{citation NAME}`` placeholders in the rule language."""
from __future__ import annotations

from pathlib import Path

import pytest

from normcheck.api import check_document, load_rules
from normcheck.errors import RuleError

RULE = '''
rule T-001 "测试" {
  severity warning
  roles own, restatement
  message "《{law}》状态{citation status}，共{citation last_article}条，按{citation judged_on}判断"
  forbid /[^《》\\n]+/ in citations where citation level == "法律" and citation article > citation last_article
  example fail "第一条 依照《中华人民共和国行政许可法》第九十条执行。\\n某某区人民政府\\n2022年1月1日"
  example pass "第一条 依照《中华人民共和国行政许可法》第十条执行。\\n某某区人民政府\\n2022年1月1日"
}
'''


def _rules(tmp_path: Path, text: str):  # type: ignore[no-untyped-def]
    path = tmp_path / "t.rules"
    path.write_text(text, encoding="utf-8")
    return load_rules([path], bundled=False)


def test_citation_values_and_placeholders(tmp_path: Path) -> None:
    rules = _rules(tmp_path, RULE)
    doc = "第一条 依照《中华人民共和国行政许可法》第九十条执行。\n某某区人民政府\n2022年1月1日\n"
    findings = check_document(doc, rules)
    assert [f.rule for f in findings] == ["T-001"]
    assert "83" in findings[0].message and "2022年1月1日" in findings[0].message
    assert findings[0].location.article == "第一条"


def test_unknown_citation_field_is_an_error_with_its_position(tmp_path: Path) -> None:
    with pytest.raises(RuleError) as exc:
        _rules(tmp_path, RULE.replace("citation level ==", "citation levle =="))
    assert exc.value.line == 6


def test_unknown_citation_placeholder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(RuleError):
        _rules(tmp_path, RULE.replace("{citation status}", "{citation statu}"))


def test_citation_values_outside_the_citations_scope_are_unknown(tmp_path: Path) -> None:
    text = RULE.replace("in citations where", "in each sentence where")
    assert check_document("第一条 依照《中华人民共和国行政许可法》第九十条执行。\n", _rules(tmp_path, text)) == []
