"""Bounds: deep XML nesting, a 10 MB paragraph, a table of 10,000 rows and a pack of 1,000 rules are each
handled in bounded time, with a result or the project's own error."""
from __future__ import annotations

import functools
import time
from pathlib import Path

import pytest
from ooxml import build_docx, p

from normcheck.errors import InputError
from normcheck.reader import read_path

NEUTRAL = "区停车主管部门负责本区停车工作的统筹协调和监督管理，街道办事处应当配合做好辖区内相关工作。"
FINE = "违反本办法的，处5000元罚款。"
FINE_RULE = """\
rule BIG-FINE "设定罚款" {
  severity error
  message "{match}"
  forbid "罚款" in each sentence
  example fail "处以罚款。"
  example pass "无"
}
"""


@functools.cache
def _bundled() -> object:
    from normcheck.dsl import load_rules

    return load_rules()


def _check(path: Path, ruleset: object) -> list[object]:
    from normcheck.engine import check_document
    from normcheck.structure import analyze

    doc = read_path(path)
    return list(check_document(doc, ruleset, analyze(doc)))


@pytest.mark.parametrize("opening, closing", [
    ("<w:sdt><w:sdtContent>", "</w:sdtContent></w:sdt>"),
    ("<w:tbl><w:tr><w:tc>", "</w:tc></w:tr></w:tbl>"),
    ("<w:ins w:id=\"1\" w:author=\"a\">", "</w:ins>"),
])
def test_nesting_deeper_than_the_parser_allows_is_malformed_xml(tmp_path: Path, opening: str,
                                                                  closing: str) -> None:
    path = build_docx(tmp_path / "deep.docx", opening * 100_000 + p("第一条 内容") + closing * 100_000)
    started = time.monotonic()
    with pytest.raises(InputError) as caught:
        read_path(path)
    assert caught.value.code == "malformed-xml"
    assert time.monotonic() - started < 10


def test_deep_nesting_within_the_limit_is_read(tmp_path: Path) -> None:
    depth = 80  # 3 elements per level: 240 levels, under libxml2's 256
    body = "<w:tbl><w:tr><w:tc>" * depth + p("第一条 最里层的内容") + "</w:tc></w:tr></w:tbl>" * depth
    doc = read_path(build_docx(tmp_path / "nested.docx", body))
    assert [b.text for b in doc.blocks if b.part == "body"] == ["第一条 最里层的内容"]


def test_ten_megabyte_paragraph(tmp_path: Path) -> None:
    sentences = [FINE if n % 200 == 0 else NEUTRAL for n in range(10_000_000 // len(NEUTRAL.encode()))]
    text = "".join(sentences)
    assert len(text.encode()) >= 9_900_000
    path = build_docx(tmp_path / "huge-paragraph.docx", p(text))
    from normcheck.dsl import load_rules

    rules_file = tmp_path / "fine.rules"
    rules_file.write_text(FINE_RULE, encoding="utf-8")
    started = time.monotonic()
    findings = _check(path, load_rules([rules_file], bundled=False))
    assert len(findings) == sentences.count(FINE)
    _check(path, _bundled())
    assert time.monotonic() - started < 60


def test_table_of_ten_thousand_rows(tmp_path: Path) -> None:
    rows = "".join(f"<w:tr><w:tc>{p(str(i + 1))}</w:tc><w:tc>{p(f'收费项目{i + 1}，每小时2元')}</w:tc></w:tr>"
                   for i in range(10_000))
    path = build_docx(tmp_path / "table.docx", f"<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>{rows}</w:tbl>"
                      + p("第一条 违反本办法的，处5000元罚款。"))
    started = time.monotonic()
    doc = read_path(path)
    cells = [b for b in doc.blocks if b.cell is not None]
    assert len(cells) == 20_000
    assert cells[-1].cell == (0, 9_999, 1) and cells[-1].text == "收费项目10000，每小时2元"
    assert doc.blocks[-1].cell is None and doc.blocks[-1].index == 20_001
    _check(path, _bundled())
    assert time.monotonic() - started < 30


def _rule_pack(count: int) -> str:
    rules = []
    for n in range(count):
        matcher = f'"词语{n:04d}甲"' if n % 2 else f"/规则{n:04d}[号条]/"
        rules.append(f'rule GEN-{n:04d} "生成的规则{n}" {{\n  severity warning\n  tags filing\n'
                     f'  message "{{match}}"\n  forbid {matcher} in each sentence\n'
                     f'  example fail "文中有词语{n:04d}甲和规则{n:04d}号"\n  example pass "无关"\n}}\n')
    return "".join(rules)


def test_rule_pack_of_a_thousand_rules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from normcheck.authoring.examples import run_examples
    from normcheck.dsl import load_rules
    from normcheck.engine import check_document
    from normcheck.reader.plain import document_from_text

    monkeypatch.setenv("NORMCHECK_CACHE_DIR", str(tmp_path / "cache"))
    pack = tmp_path / "big.rules"
    pack.write_text(_rule_pack(1_000), encoding="utf-8")
    started = time.monotonic()
    ruleset = load_rules([pack])
    assert len([r for r in ruleset.rules if r.id.startswith("GEN-")]) == 1_000
    doc = document_from_text("第一条 本条写有词语0007甲。\n第二条 依据规则0500号。\n第三条 又见词语0999甲。\n"
                             + NEUTRAL * 200)
    fired = sorted(f.rule for f in check_document(doc, ruleset) if f.rule.startswith("GEN-"))
    assert fired == ["GEN-0007", "GEN-0500", "GEN-0999"]
    results = run_examples(ruleset, [f"GEN-{n:04d}" for n in range(0, 1_000, 50)])
    assert results and all(r.ok for r in results)
    assert time.monotonic() - started < 45
