"""Each construct of the rule language, run by the engine on a realistic notice with its drafting notes."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from normcheck.dsl import RuleSet
from normcheck.engine import check_document
from normcheck.errors import RuleError
from normcheck.model import Block, Document, Finding
from normcheck.reader.plain import document_from_text
from normcheck.structure.facts import Citation, Fact, Section, Structure

NOTICE = """XX区人民政府关于印发《XX区停车管理暂行办法》的通知
XX政规〔2021〕1号
各街道办事处，区政府各部门：
现将《XX区停车管理暂行办法》印发给你们，请认真贯彻执行。
XX区停车管理暂行办法
第一条 为规范停车秩序，根据《中华人民共和国道路交通安全法》第九十三条、《中华人民共和国合同法》第五十二条，制定本办法。
第二条 违反本办法规定的，由区城管局处200元罚款。停车场应当公示收费标准。
第三条 停车场经营者不得收取保证金。经营者拟收取押金的，应当报区发展改革部门备案。
第四条 本办法自2021年2月1日起施行，有效期5年。
XX区人民政府
2021年1月10日
起草说明
起草过程中，我们于2020年12月1日至12月10日公开征求意见，期限为3个工作日。下一步拟提请区政府常务会议审议。"""

Run = Callable[[str], list[Finding]]


@pytest.fixture
def run(load_text: Callable[..., RuleSet]) -> Run:
    doc = document_from_text(NOTICE, path="停车.txt")

    def check(body: str, prelude: str = "") -> list[Finding]:
        # These tests are about scopes and exceptions: read every passage role (roles are tested apart).
        roles = "" if "roles" in body else "  roles any\n"
        ruleset = load_text(prelude + '\nrule T-1 "测试" {\n  severity error\n' + roles + body
                            + '\n  example fail "x"\n}\n')
        return check_document(doc, ruleset)

    return check


def articles(findings: list[Finding]) -> list[str | None]:
    return [f.location.article for f in findings]


def test_or_and_not(run: Run) -> None:
    assert articles(run('forbid "罚款" | "保证金"')) == ["第二条", "第三条"]
    assert articles(run('forbid "罚款" and "公示" in each article')) == ["第二条"]
    assert run('forbid "罚款" and not "公示" in each article') == []
    assert articles(run('forbid "罚款" and not "押金" in each article')) == ["第二条"]


def test_within_and_before(run: Run) -> None:
    [f] = run('forbid "城管局" within 5 chars of "罚款"')
    assert f.excerpt == "城管局处200元罚款"
    assert run('forbid "城管局" within 4 chars of "罚款"') == []
    assert run('forbid "罚款" within 8 chars of "城管局"')[0].excerpt == "城管局处200元罚款"
    assert articles(run('forbid "城管局" before "罚款"')) == ["第二条"]
    assert run('forbid "罚款" before "城管局"') == []
    assert run('forbid "城管局" before "罚款" within 2') == []


def test_unless_preceded_and_followed(run: Run) -> None:
    assert run('forbid "收取保证金" unless preceded by "不得"') == []
    assert articles(run('forbid "收取" unless preceded by "不得" within 1')) == ["第三条"]
    assert run('forbid "收取" unless preceded by ("不得" | "拟")') == []
    with pytest.raises(RuleError, match="括号"):
        run('forbid "收取" unless preceded by "不得" | "拟"')
    assert run('forbid "收取保证金" | "收取押金" unless preceded by ("不得" | "拟")') == []
    assert articles(run('forbid "收取保证金" | ("收取押金" unless preceded by "拟")')) == ["第三条"]
    assert run('forbid "罚款" unless followed by "公示" within 5') != []
    assert run('forbid "罚款" unless followed by "公示" within 6') == []
    assert run('forbid "罚款" unless followed by "公示"') != []  # another sentence


def test_unless_in_sentence_article_paragraph_title_section(run: Run) -> None:
    assert run('forbid "罚款" unless in sentence with "城管局"') == []
    assert articles(run('forbid "罚款" unless in sentence with "公示"')) == ["第二条"]
    assert run('forbid "罚款" unless in article with "公示"') == []
    assert run('forbid "罚款" unless in paragraph with "收费标准"') == []
    assert len(run('forbid "停车管理暂行办法" in each paragraph of package')) == 3
    assert len(run('forbid "停车管理暂行办法" unless in title in each paragraph of package')) == 2
    assert len(run('forbid "停车管理暂行办法" unless in title unless in paragraph with "印发给你们"'
                   ' in each paragraph of package')) == 1
    assert run('forbid "征求意见" in package unless in section "起草说明"') == []
    assert run('forbid "征求意见" unless in section "起草说明" in package') == []
    assert len(run('require "罚款" in each article unless preceded by "处200元"')) == 4
    assert run('forbid "征求意见" in package') != []


@pytest.mark.parametrize(("scope", "expected"), [
    ("in document", 1), ("in package", 1), ("in body", 1), ('in section "起草说明"', 1),
    ('in section "正文"', 0), ("in each paragraph", 1), ("in each sentence", 1), ("in title", 0),
    ("in tables", 0), ("in headers", 0),
])
def test_scopes_for_forbid(run: Run, scope: str, expected: int) -> None:
    assert len(run(f'forbid "征求意见" {scope}')) == expected


def test_each_sentence_of_section(run: Run) -> None:
    found = run('forbid "区" in each sentence of section "正文"')
    assert {f.location.article for f in found} == {None, "第二条", "第三条", "第四条"}
    assert len(run('forbid "区" in each sentence of section "起草说明"')) == 1
    assert len(run('forbid "区" in each paragraph of section "正文"')) == 4


def test_title_scope_and_require_in_title(run: Run) -> None:
    [f] = run('forbid "暂行" in title')
    assert (f.location.paragraph, f.excerpt) == (1, "暂行")
    assert run('require "办法" in title') == []
    [absent] = run('require "规定" in title')
    assert absent.location.part == "document" and absent.location.paragraph is None


def test_counts(run: Run) -> None:
    assert run('require at least 2 "停车场"') == []
    [f] = run('require at least 3 "停车场"')
    assert f.location.part == "document"
    [f] = run('require at most 1 "停车场"')
    assert (f.location.article, f.excerpt) == ("第三条", "停车场")
    assert run('require at most 2 "停车场"') == []
    assert run('assert count of "停车场" in each article == 2') == []
    assert len(run('assert count of "停车场" in document > 2')) == 1


def test_require_each_article_reports_each_unit(run: Run) -> None:
    assert articles(run('require "停车" in each article')) == ["第四条"]


def test_citations_scope_matches_whole_law_names_with_map(run: Run, write_rules: Callable[..., Path]) -> None:
    write_rules("中华人民共和国合同法第五十二条\t《中华人民共和国民法典》第一百五十三条、第一百五十四条\n", "m.tsv")
    prelude = 'list 废止 = "中华人民共和国合同法", "合同法"\nmap 对照 from "m.tsv"'
    [f] = run('message "{law}{articles}已废止，对应{map 对照}"\n  forbid 废止 in citations', prelude)
    assert f.message == "中华人民共和国合同法第五十二条已废止，对应《中华人民共和国民法典》第一百五十三条、第一百五十四条"
    assert f.excerpt == "中华人民共和国合同法" and f.location.article == "第一条"
    assert run('forbid "道路交通" in citations') == []
    assert len(run('forbid /道路交通/ in citations')) == 1


def test_regex_captures_and_where(run: Run) -> None:
    rule = 'forbid /期限为(?P<期限>[^。]+)/ in package where 期限 < 7 workdays'
    [f] = run('message "征求意见期限{期限}"\n  ' + rule)
    assert f.message == "征求意见期限3个工作日"
    assert run('forbid /期限为(?P<期限>[^。]+)/ in package where 期限 < 3 days') == []
    assert run('forbid /处(?P<金额>\\d+)元/ where 金额 > 500') == []
    assert len(run('forbid /处(?P<金额>\\d+)元/ where 金额 > 100')) == 1


def test_planned_not_done(run: Run) -> None:
    prelude = 'list 拟办词 = "拟", "将", "下一步"'
    assert run('require "常务会议" unless preceded by 拟办词 within 8 in package', prelude) != []
    assert run('require "常务会议" in package', prelude) == []


def test_facts_and_assertions(run: Run) -> None:
    assert run("require fact doc_number") == []
    assert len(run("require fact validity_end")) == 1
    assert run("assert effective_date >= issue_date") == []
    [f] = run("assert effective_date < issue_date")
    assert (f.location.paragraph, f.excerpt) == (9, "自2021年2月1日起施行")
    assert run("assert validity_end > 2020-01-01") == []  # unknown fact: no finding
    assert run("assert article_count == 4 and chapter_count == 0 and citation_count == 4") == []
    assert run('assert doc_number == "政规〔2021〕1号"') == []


def test_when_conditions(run: Run) -> None:
    [f] = run('when title contains "暂行" | "试行" then assert validity <= 2 years')
    assert f.excerpt == "5年" and f.location.article == "第四条"
    assert run('when title contains "试行" then assert validity <= 2 years') == []
    assert run('when not document contains "暂行" then forbid "罚款"') == []
    assert len(run('when package contains "征求意见" and has fact issue_date then forbid "罚款"')) == 1
    assert run('when section "起草说明" contains "合法性审核" or has fact validity_end then forbid "罚款"') == []
    assert len(run('when (title contains ("停车" and "通知")) then { forbid "罚款" forbid "保证金" }')) == 2


def test_sentence_values(run: Run) -> None:
    assert run('assert date in sentence with "施行" == 2021-02-01') == []
    assert run('assert duration in sentence with "有效期" == 5 years') == []
    assert run('assert number in sentence with "罚款" == 200') == []
    assert len(run('assert number in sentence with "罚款" < 100')) == 1


def test_malformed_numerals_are_skipped(load_text: Callable[..., RuleSet]) -> None:
    doc = document_from_text("第一条 处万万元罚款，或者处三百元罚款。\n第二条 期限为百日。")
    ruleset = load_text('rule N-1 "t" {\n severity info\n assert number in sentence with "罚款" == 300\n'
                        ' forbid /期限为(?P<期限>.+)。/ where 期限 > 3\n example fail "x"\n}\n')
    assert check_document(doc, ruleset) == []


def test_params(run: Run, load_text: Callable[..., RuleSet]) -> None:
    prelude = 'param 上限 = 2 years\nparam 开关 = true\nparam 机构 = "城管局"'
    assert len(run("assert validity <= param 上限", prelude)) == 1
    assert len(run('when param 开关 then forbid param 机构', prelude)) == 1
    assert len(run('forbid 机构', prelude)) == 1
    text = prelude + '\nrule P-1 "t" {\n severity info\n assert validity <= param 上限\n example fail "x"\n}\n'
    ruleset = load_text(text, params={"上限": "5 years", "开关": False})
    assert check_document(document_from_text(NOTICE), ruleset) == []
    assert ruleset.params["机构"] == ("城管局",)


def test_durations_written_in_chinese(load_text: Callable[..., RuleSet]) -> None:
    doc = document_from_text("第一条 公开征求意见期限为六个月。\n第二条 答复期限为7个工作日。\n第三条 期限为30日。")
    ruleset = load_text('rule W-1 "t" {\n severity info\n message "{article}{期限}{fact validity}"\n'
                        ' forbid /期限为(?P<期限>[^。]+)/ where 期限 < 1 months\n example fail "x"\n}\n')
    assert [f.message for f in check_document(doc, ruleset)] == ["第二条7个工作日"]


def test_templates(run: Run) -> None:
    [f] = run('message "{article}：{match}（{sentence}）{fact issue_date}{param 上限}{fact validity}{{}}"\n'
              '  fix "删除“{match}”"\n  forbid "罚款"', "param 上限 = 2 years")
    assert f.message == "第二条：罚款（第二条 违反本办法规定的，由区城管局处200元罚款。）2021年1月10日2年5年{}"
    assert f.fix == "删除“罚款”"
    assert f.context == "第二条 违反本办法规定的，由区城管局处200元罚款。"


def test_headers_tables_and_package_files(load_text: Callable[..., RuleSet]) -> None:
    blocks = [
        Block("XX区停车管理办法", index=1, file="pkg/正文.docx"),
        Block("第一条 收取保证金。", index=2, file="pkg/正文.docx"),
        Block("收费项目", index=3, file="pkg/正文.docx", cell=(0, 0, 0)),
        Block("保证金", index=4, file="pkg/正文.docx", cell=(0, 0, 1)),
        Block("内部资料 保证金", part="header", index=1, file="pkg/正文.docx"),
        Block("第1页 保证金", part="footer", index=1, file="pkg/正文.docx"),
        Block("起草中征求了意见。", index=1, file="pkg/起草说明.docx"),
    ]
    doc = Document(path="pkg", blocks=blocks, files=("pkg/正文.docx", "pkg/起草说明.docx"))
    structure = Structure(title=Fact("XX区停车管理办法", "XX区停车管理办法", 0, 0, 9),
                          sections=[Section("正文", 0, 6, "pkg/正文.docx")],
                          citations=[Citation("x", (), "《x》", 1, 0, 3)])
    ruleset = load_text('rule H-1 "t" {\n severity info\n forbid "保证金" in each paragraph of headers\n example fail "x"\n}\n'
                        'rule H-2 "t" {\n severity info\n forbid "保证金" in tables\n example fail "x"\n}\n'
                        'rule H-3 "t" {\n severity info\n require "征求" in section "起草说明"\n example fail "x"\n}\n'
                        'rule H-4 "t" {\n severity info\n forbid "保证金" in document\n example fail "x"\n}\n')
    found = {(f.rule, f.location.part, f.location.paragraph, f.location.file)
             for f in check_document(doc, ruleset, structure)}
    assert found == {("H-1", "header", 1, "pkg/正文.docx"), ("H-1", "footer", 1, "pkg/正文.docx"),
                     ("H-2", "body", 4, "pkg/正文.docx"),
                     ("H-4", "body", 2, "pkg/正文.docx")}


def test_findings_are_sorted_and_deduplicated(run: Run) -> None:
    found = run('forbid "停车场"\n  forbid "停车场" | "经营者"')
    keys = [f.sort_key() for f in found]
    assert keys == sorted(keys) and len(keys) == len(set(keys))
