"""Randomly assembled rule files either load or fail with a RuleError; the rules that load run on a real
notice without crashing. Covers the checker and compiler beyond what a parser-only test reaches."""
from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from normcheck.dsl import load_rules
from normcheck.engine import check_document
from normcheck.errors import RuleError
from normcheck.reader.plain import document_from_text

NOTICE = ("XX区人民政府关于印发《XX区养犬管理暂行办法》的通知\n第一条 根据《中华人民共和国动物防疫法》，制定本办法。\n"
          "第二条 违反本办法的，处200元罚款。不得收取保证金。\n第三条 本办法自2021年3月1日起施行，有效期3年。\n"
          "XX区人民政府\n2021年2月1日\n起草说明\n我们公开征求意见，期限为30日。")

# Mostly valid pieces, with a few that must be rejected at load (unknown name, bad regex, empty term).
atoms = st.sampled_from(['"罚款"', '"保证金"', "词表", "模式", '/处(?P<数>\\d+)元/', 'exact "ＡＢ"', "param 机构",
                         '"施行"', '"征求意见"', "/第.条/", '"不得"', '"罚款"', "模式", "词表"]
                        + ["未定义", "/(/", '""'])
unless = st.sampled_from(["", " unless preceded by 词表 within 4", " unless in title", " unless followed by \"的\"",
                          ' unless in section "起草说明"', " unless in article with 模式"])


@st.composite
def matchers(draw: st.DrawFn, depth: int = 0) -> str:
    if depth > 2 or draw(st.booleans()):
        return draw(atoms)
    a, b = draw(matchers(depth + 1)), draw(matchers(depth + 1))
    op = draw(st.sampled_from([" | ", " and ", " and not ", " within 5 chars of ", " before "]))
    return f"({a}{op}{b})"


scopes = st.sampled_from(["", " in package", " in each article", " in each sentence", ' in section "起草说明"',
                          " in citations", " in title", " in tables", " in headers", " in each paragraph of body"])
values = st.sampled_from(["validity", "issue_date", "effective_date", "article_count", "3 years", "2021-01-01",
                          "30", "param 天数", "param 上限", "数", "date in sentence with \"施行\"",
                          "count of \"罚\" in each article", "validity", "2 years", "数", "数", "nofact"])
ops = st.sampled_from(["<", "<=", "==", "!=", ">", ">="])


@st.composite
def checks(draw: st.DrawFn) -> str:
    kind = draw(st.integers(0, 5))
    m, s, u = draw(matchers()), draw(scopes), draw(unless)
    if kind == 0:
        return f"require {m}{u}{s}"
    if kind == 1:
        return f"forbid {m}{u}{s} where {draw(values)} {draw(ops)} {draw(values)}"
    if kind == 2:
        return f"forbid {m}{s}"
    if kind == 3:
        return f"require at {draw(st.sampled_from(['least', 'most']))} 2 {m}{s}"
    if kind == 4:
        return f"assert {draw(values)} {draw(ops)} {draw(values)}"
    return f"when title contains {draw(atoms)} then {{ require fact validity forbid {m} }}"


PRELUDE = ('list 词表 = "不得", "禁止"\npattern 模式 = /依照《[^》]+》/ | "依法"\nparam 机构 = "区人民政府"\n'
           'param 天数 = 30\nparam 上限 = 5 years\n')


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(checks(), min_size=1, max_size=3),
       st.sampled_from(["", "{match}{article}", "{sentence}{fact validity}", "{数}", "{nope}"]))
def test_random_rules_load_or_raise_rule_error(tmp_path: Path, body: list[str], message: str) -> None:
    path = tmp_path / "r.rules"
    path.write_text(PRELUDE + 'rule R-1 "随机" {\n severity warning\n message "' + message + '"\n '
                    + "\n ".join(body) + '\n example fail "x"\n}\n', encoding="utf-8")
    try:
        ruleset = load_rules([path], bundled=False)
    except RuleError as exc:
        assert exc.line is not None and exc.file is not None
        return
    for finding in check_document(document_from_text(NOTICE), ruleset):
        assert finding.rule == "R-1"
