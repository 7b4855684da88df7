"""The engine on realistic multi-paragraph documents: requirements, prohibitions, exceptions, scopes."""
from __future__ import annotations

from collections.abc import Callable

from normcheck.dsl import RuleSet
from normcheck.engine import check_document
from normcheck.reader.plain import document_from_text

DOC = """XX区人民政府关于印发《XX区停车管理办法》的通知
各街道办事处，区政府各部门：
现将《XX区停车管理办法》印发给你们，请认真贯彻执行。
第一条 为规范停车秩序，根据《中华人民共和国道路交通安全法》，制定本办法。
第二条 违反本办法规定的，由区城管局处200元罚款。
第三条 停车场经营者不得收取保证金。
第四条 本办法自2021年2月1日起施行，有效期5年。
XX区人民政府
2021年1月10日"""


def rules(load_text: Callable[..., RuleSet], body: str) -> RuleSet:
    return load_text('rule T-1 "测试规则" {\n  severity error\n' + body + '\n  example fail "x"\n}\n')


def test_forbid_literal_reports_block_article_and_excerpt(load_text: Callable[..., RuleSet]) -> None:
    doc = document_from_text(DOC, path="停车.txt")
    findings = check_document(doc, rules(load_text, 'forbid "罚款"'))
    assert len(findings) == 1
    f = findings[0]
    assert (f.rule, f.location.part, f.location.paragraph, f.location.article) == ("T-1", "body", 5, "第二条")
    assert f.excerpt == "罚款"
    assert doc.blocks[4].text[f.location.start:f.location.end] == "罚款"
    assert "罚款" in f.context


def test_unless_preceded_by_drops_negated_mentions(load_text: Callable[..., RuleSet]) -> None:
    doc = document_from_text(DOC)
    ruleset = rules(load_text, 'forbid "收取保证金" unless preceded by "不得" within 4')
    assert check_document(doc, ruleset) == []
    ruleset = rules(load_text, 'forbid "收取保证金"')
    assert [f.location.article for f in check_document(doc, ruleset)] == ["第三条"]


def test_require_absent_is_a_document_finding(load_text: Callable[..., RuleSet]) -> None:
    doc = document_from_text(DOC, path="停车.txt")
    findings = check_document(doc, rules(load_text, 'require "征求意见" in package'))
    assert [(f.location.part, f.location.paragraph, f.location.file) for f in findings] == [
        ("document", None, "停车.txt")]
    assert check_document(doc, rules(load_text, 'require "停车" in package')) == []


def test_each_article_require(load_text: Callable[..., RuleSet]) -> None:
    doc = document_from_text(DOC)
    findings = check_document(doc, rules(load_text, 'require "本办法" in each article'))
    assert [f.location.article for f in findings] == ["第三条"]


def test_regex_and_message_capture(load_text: Callable[..., RuleSet]) -> None:
    doc = document_from_text(DOC)
    ruleset = load_text('rule T-2 "罚款数额" {\n severity warning\n message "{article}设定{金额}元罚款"\n'
                        ' forbid /处(?P<金额>\\d+)元罚款/\n example fail "处5元罚款"\n}\n')
    [finding] = check_document(doc, ruleset)
    assert finding.message == "第二条设定200元罚款"
    assert finding.excerpt == "处200元罚款"


def test_width_and_bracket_folding_keeps_original_excerpt(load_text: Callable[..., RuleSet]) -> None:
    doc = document_from_text("前政规［２０２０］１号\n第一条 本办法适用于ABC公司。")
    ruleset = rules(load_text, 'forbid /政规〔\\d{4}〕/ | "abc公司" in each paragraph')
    excerpts = [f.excerpt for f in check_document(doc, ruleset)]
    assert excerpts == ["政规［２０２０］", "ABC公司"]
    exact = rules(load_text, 'forbid exact "abc公司"')
    assert check_document(doc, exact) == []
