"""The rule language's `suggest` clause, the 文号 normalizer and accepting tracked changes."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml

from normcheck.api import check_document
from normcheck.dsl import load_rules
from normcheck.errors import RuleError
from normcheck.model import Block, Document
from normcheck.reader import read_path
from normcheck.revisions import accept_all_changes
from normcheck.suggest import normalize_doc_number, plan_edits

RULE = """
param 上限 = 5 years
map 改名 from "names.tsv"
rule T-001 "旧称" {{
  severity warning
  message "旧称“{{match}}”"
  forbid "社会福利机构送养"
  {clause}
}}
"""


def load(tmp_path: Path, clause: str) -> object:
    (tmp_path / "names.tsv").write_text("社会福利机构送养\t儿童福利机构送养\n", encoding="utf-8")
    path = tmp_path / "t.rules"
    path.write_text(RULE.format(clause=clause), encoding="utf-8")
    return load_rules([path], bundled=False)


@pytest.mark.parametrize(("clause", "expected"), [
    ('suggest replace "社会福利" with "儿童福利"', "儿童福利机构送养"),
    ('suggest replace with "{map 改名}"', "儿童福利机构送养"),
    ('suggest replace with "〖{match}〗"', "〖社会福利机构送养〗"),
])
def test_replacements_are_planned(tmp_path: Path, clause: str, expected: str) -> None:
    rules = load(tmp_path, clause)
    doc = Document(path="a.txt", blocks=[Block(text="第三条 社会福利机构送养的儿童，由该机构办理。", index=1, file="a.txt")],
                   files=("a.txt",))
    findings = check_document(doc, rules)
    [edit] = plan_edits(doc, findings, rules)
    text = doc.blocks[0].text
    assert (text[:edit.start] + edit.new + text[edit.end:]).startswith("第三条 " + expected)


@pytest.mark.parametrize("clause", [
    'suggest replace citation with "民法典" using 没有的表',
    "suggest normalize 没有的方式",
    'suggest insert "，有效期5年" after fact 没有的事实',
    'suggest replace with "{article}"',
    'suggest replace with "{没有}"',
    'suggest replace "" with "甲"',
    'suggest normalize doc_number\n  suggest normalize doc_number',
])
def test_clause_mistakes_fail_to_compile(tmp_path: Path, clause: str) -> None:
    with pytest.raises(RuleError):
        load(tmp_path, clause)


def test_insert_after_a_fact(tmp_path: Path) -> None:
    rules = load(tmp_path, 'suggest insert "，有效期{param 上限}" after fact effective_rule')
    source = tmp_path / "x.txt"
    source.write_text("某区社会福利机构送养管理办法\n第一条 社会福利机构送养的儿童。\n第二条 本办法自2024年1月1日起施行。\n",
                      encoding="utf-8")
    doc = read_path(source)
    [edit] = plan_edits(doc, check_document(doc, rules), rules)
    assert edit.start == edit.end and edit.new == "，有效期5年"
    assert edit.block.text[:edit.start].endswith("自2024年1月1日起施行")


@pytest.mark.parametrize(("written", "fixed"), [
    ("前政规[2024]第4号", "前政规〔2024〕4号"), ("前政规〔2024〕04号", "前政规〔2024〕4号"),
    ("前政规【2024】12号", "前政规〔2024〕12号"), ("前政规(24)3号", "前政规〔2024〕3号"),
    ("前政规〔2024〕3号", "前政规〔2024〕3号"), ("京政发［2019］第010号", "京政发〔2019〕10号"),
])
def test_doc_number_normalizer(written: str, fixed: str) -> None:
    assert normalize_doc_number(written) == fixed


def _docx_with(xml: str) -> bytes:
    word = docx.Document()
    paragraph = word.add_paragraph("甲")
    for piece in parse_xml(f'<w:body xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                           f"{xml}</w:body>"):
        paragraph._p.append(piece)
    word.add_paragraph("末段")
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def test_accept_keeps_insertions_and_drops_deletions() -> None:
    data = _docx_with('<w:del w:id="1" w:author="a" w:date="2024-01-01T00:00:00"><w:r><w:delText>乙</w:delText></w:r>'
                      '</w:del><w:ins w:id="2" w:author="a" w:date="2024-01-01T00:00:00"><w:r><w:t>丙</w:t></w:r>'
                      '</w:ins><w:r><w:rPr><w:b/><w:rPrChange w:id="3" w:author="a"><w:rPr/></w:rPrChange></w:rPr>'
                      "<w:t>丁</w:t></w:r>")
    accepted = accept_all_changes(data)
    word = docx.Document(io.BytesIO(accepted))
    assert [p.text for p in word.paragraphs] == ["甲丙丁", "末段"]
    xml = zipfile.ZipFile(io.BytesIO(accepted)).read("word/document.xml").decode("utf-8")
    assert "w:ins " not in xml and "w:del " not in xml and "rPrChange" not in xml and "<w:b/>" in xml


def test_accept_merges_a_deleted_paragraph_mark() -> None:
    word = docx.Document()
    first = word.add_paragraph("上段")
    word.add_paragraph("下段")
    marker = parse_xml('<w:pPr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:rPr>'
                       '<w:del w:id="5" w:author="a" w:date="2024-01-01T00:00:00"/></w:rPr></w:pPr>')
    first._p.insert(0, marker)
    buffer = io.BytesIO()
    word.save(buffer)
    accepted = docx.Document(io.BytesIO(accept_all_changes(buffer.getvalue())))
    assert [p.text for p in accepted.paragraphs] == ["上段下段"]
