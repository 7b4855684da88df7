"""Every construct of the rule language parses into the AST node it names."""
from __future__ import annotations

import datetime as dt

import pytest

from normcheck.dsl import ast
from normcheck.dsl.parser import parse_rules
from normcheck.structure.facts import Duration


def statements(text: str) -> list[ast.Statement]:
    return parse_rules(text, "t.rules").statements


def matcher(text: str) -> ast.Matcher:
    [decl] = statements(f"pattern p = {text}")
    assert isinstance(decl, ast.PatternDecl)
    return decl.matcher


def rule(body: str) -> ast.RuleNode:
    [node] = statements('rule R-1 "标题" {\n' + body + "\n}")
    assert isinstance(node, ast.RuleNode)
    return node


def test_top_level_statements() -> None:
    st = statements('''
include "common.rules"   # a comment "with quotes"
tags consultation, legality-review
param 天数 = 30
param 小数 = 1.5
param 上限 = 5 years
param 机构 = "司法局", "法制机构"
param 开关 = true
param 关 = false
list 拟办词 = "拟", "将"
list 废止 from "data/x.txt"
map 对照 from "data/m.tsv"
''')
    assert st[0] == ast.Include("common.rules", (2, 9))
    assert isinstance(st[1], ast.TagsDecl) and [t for t, _ in st[1].tags] == ["consultation", "legality-review"]
    params = {s.name: s.value for s in st if isinstance(s, ast.ParamDecl)}
    assert params == {"天数": 30, "小数": 1.5, "上限": Duration(5, "year"), "机构": ("司法局", "法制机构"),
                      "开关": True, "关": False}
    lists = [s for s in st if isinstance(s, ast.ListDecl)]
    assert lists[0].terms == ("拟", "将") and lists[1].path == "data/x.txt"
    assert isinstance(st[-1], ast.MapDecl) and st[-1].path == "data/m.tsv"


def test_literals_regexes_names_and_escapes() -> None:
    assert matcher('"罚款"') == ast.Literal("罚款", False, (1, 13))
    assert matcher('exact "ABC"').exact is True  # type: ignore[union-attr]
    assert matcher(r'"a\"b\\c\nd"').text == 'a"b\\c\nd'  # type: ignore[union-attr]
    assert matcher(r"/处\d+元\/次/") == ast.Regex(r"处\d+元/次", False, (1, 13))
    assert matcher("exact /〔/").exact is True  # type: ignore[union-attr]
    assert matcher("拟办词") == ast.NameRef("拟办词", False, (1, 13))
    assert matcher("param 机构") == ast.NameRef("机构", True, (1, 19))


def test_operators_and_precedence() -> None:
    m = matcher('"a" | "b" and not "c"')
    assert isinstance(m, ast.AnyOf)
    loose = matcher('"a" | "b" unless in title')
    assert isinstance(loose, ast.WithExceptions) and isinstance(loose.matcher, ast.AnyOf)
    assert isinstance(m.items[1], ast.AllOf) and m.items[1].negated == (False, True)
    near = matcher('"a" within 20 chars of "b"')
    assert isinstance(near, ast.Within) and near.distance == 20
    before = matcher('"a" before "b" within 10')
    assert isinstance(before, ast.Before) and before.distance == 10
    assert matcher('"a" before "b"').distance is None  # type: ignore[union-attr]
    grouped = matcher('("a" | "b") and "c"')
    assert isinstance(grouped, ast.AllOf) and isinstance(grouped.items[0], ast.AnyOf)


def test_unless_clauses() -> None:
    m = matcher('罚款 unless preceded by 禁止词 within 6 unless followed by "的规定" unless in sentence with 上位法'
                ' unless in article with x unless in paragraph with y unless in title unless in section "起草说明"'
                ' unless preceded by 拟办词')
    assert isinstance(m, ast.WithExceptions)
    kinds = [(e.kind, e.distance, e.unit, e.section) for e in m.exceptions]
    assert kinds == [("preceded", 6, None, None), ("followed", None, None, None), ("near", None, "sentence", None),
                     ("near", None, "article", None), ("near", None, "paragraph", None),
                     ("title", None, None, None), ("section", None, None, "起草说明"),
                     ("preceded", None, None, None)]


@pytest.mark.parametrize(("text", "expected"), [
    ("in document", ast.Scope("document")),
    ("in package", ast.Scope("package")),
    ("in title", ast.Scope("title")),
    ('in section "起草说明"', ast.Scope("section", "起草说明")),
    ("in each article", ast.Scope("document", None, "article")),
    ("in each paragraph", ast.Scope("document", None, "paragraph")),
    ("in each sentence", ast.Scope("document", None, "sentence")),
    ("in tables", ast.Scope("tables")),
    ("in citations", ast.Scope("citations")),
    ("in headers", ast.Scope("headers")),
    ("in body", ast.Scope("body")),
    ('in each sentence of section "正文"', ast.Scope("section", "正文", "sentence")),
    ("in each paragraph of package", ast.Scope("package", None, "paragraph")),
])
def test_scopes(text: str, expected: ast.Scope) -> None:
    [check] = rule(f'require "x" {text}').checks
    assert isinstance(check, ast.Require) and check.scope is not None
    assert (check.scope.kind, check.scope.section, check.scope.each) == (expected.kind, expected.section,
                                                                          expected.each)


def test_rule_block_metadata_and_examples() -> None:
    node = rule('''severity warning
  tags consultation, filing
  basis "《组织法》第七十五条"
  message "未找到{article}"
  fix "补充"
  require "x"
  example fail "第一条"
  example pass "第二条"
  example fail file "examples/a.docx"''')
    assert (node.id, node.title, node.severity, node.basis) == ("R-1", "标题", "warning", "《组织法》第七十五条")
    assert [t for t, _ in node.tags] == ["consultation", "filing"]
    assert node.message is not None and node.message[0] == "未找到{article}"
    assert node.fix is not None and node.fix[0] == "补充"
    assert [(e.kind, e.text, e.is_file) for e in node.examples] == [
        ("fail", "第一条", False), ("pass", "第二条", False), ("fail", "examples/a.docx", True)]


def test_checks() -> None:
    node = rule('''severity error
  require "x" in package
  require at least 2 "y"
  require at most 1 "z" in each article
  forbid "罚款" in each sentence where 期限 < 7 workdays
  require fact doc_number
  assert effective_date >= issue_date
  when title contains "暂行" | "试行" then assert validity <= 2 years
  when has fact validity then { require "a" forbid "b" }''')
    kinds = [type(c).__name__ for c in node.checks]
    assert kinds == ["Require", "Require", "Require", "Forbid", "RequireFact", "Assert", "When", "When"]
    assert node.checks[1].least == 2 and node.checks[2].most == 1  # type: ignore[union-attr]
    forbid = node.checks[3]
    assert isinstance(forbid, ast.Forbid) and isinstance(forbid.where, ast.Compare)
    assert forbid.where.right == ast.Const(Duration(7, "workday"), forbid.where.right.pos)  # type: ignore[union-attr]
    assert len(node.checks[7].checks) == 2  # type: ignore[union-attr]


def test_conditions_and_values() -> None:
    node = rule('''severity info
  assert not (title contains "a" or document contains "b") and package contains "c"
  assert section "起草说明" contains "征求" and has fact issue_date
  assert param 开关
  assert date in sentence with "施行" >= 2021-01-01
  assert duration in sentence with "有效期" <= param 上限
  assert number in sentence with "罚款" < 1000
  assert count of "罚款" in each article <= 3
  assert doc_number != "x" and true == true and title == "办法"''')
    first = node.checks[0].cond  # type: ignore[union-attr]
    assert isinstance(first, ast.And) and isinstance(first.items[0], ast.Not)
    assert isinstance(first.items[0].cond, ast.Or)
    values = [c.cond for c in node.checks[3:7]]  # type: ignore[union-attr]
    assert [v.left.kind for v in values[:3]] == ["date", "duration", "number"]  # type: ignore[union-attr]
    assert values[0].right == ast.Const(dt.date(2021, 1, 1), values[0].right.pos)  # type: ignore[union-attr]
    assert isinstance(values[3].left, ast.CountOf)  # type: ignore[union-attr]
    last = node.checks[7].cond  # type: ignore[union-attr]
    assert isinstance(last, ast.And) and last.items[2].left == ast.FactValue("title", last.items[2].left.pos)


def test_bundled_common_pack_parses() -> None:
    from normcheck.dsl import bundled_rules_dir

    for path in sorted(bundled_rules_dir().glob("*.rules")):
        assert parse_rules(path.read_text(encoding="utf-8"), str(path)).statements
