"""Documents written by LibreOffice's Word export (committed .docx files, no LibreOffice needed) read as shown.

The files under ``fixtures/libreoffice`` were made by ``make_fixtures.py`` there (LibreOffice 7.4, from flat
ODF sources). The expected text was checked against LibreOffice's own text rendering of each .docx
(``soffice --convert-to txt``). Where the two differ, the document XML decides, read as Word shows it:

* LibreOffice's text export indents list paragraphs, keeps footnote and endnote citation marks ("…防疫法》1，")
  and leaves out headers, footers, notes, comments and frames; normcheck drops the marks and puts the other
  parts under ``## …`` lines, and a frame's text right after its anchor paragraph.
* It always puts a space after a list label; the "%1." level has no ``w:suff``, so Word puts a tab there,
  as normcheck does. A line break (``w:br``) ends a line there; ``dump`` prints it as a space.
* It writes the empty paragraph of a vertically merged continuation cell (``w:vMerge`` continue) as a blank
  line; Word shows nothing there, and normcheck has no block for it.
* It keeps deleted text (``w:del``) and hidden text (``w:vanish``), which Word does not show.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from normcheck.model import Document
from normcheck.reader import dump_text, read_path

FIXTURES = Path(__file__).parent / "fixtures" / "libreoffice"

ARTICLES = """\
前进区养犬管理办法
第一章 总则
第一条 为了规范养犬行为，根据《动物防疫法》，制定本办法。
第二条 本办法适用于本区行政区域内的养犬管理。
第二章 登记
第三条 养犬人应当办理下列事项：
（一） 办理养犬登记；
（二） 为犬只注射狂犬病疫苗。
第四条 本办法自2027年1月1日起施行。
## header
前进区人民政府规范性文件
## footer
第1页
## footnote
指《中华人民共和国动物防疫法》。
"""

TABLE_FRAME = """\
附件：收费标准
养犬登记收费标准
事项
金额
备注
登记
100元
每年
一次
年检
50元
收费依据见下框。
依据：区发改委批复。
以上标准自公布之日起执行。
"""

TRACKED_CHANGES = """\
第一条 违反本办法规定的，处二百元以下罚款。
第二条 本办法由区公安分局负责解释。
第三条 本办法自公布之日起施行。
"""

LISTS_FIELDS = """\
办理步骤：
1.\t提交申请 （可网上办理）
2.\t领取证件
变更步骤：
1.\t提交变更材料
5.\t注销登记
咨询电话：\t12345
网址：区政府网站。
印发日期：2026年11月1日
## endnote
以印发文件为准。
## comment
请核对网址。
"""

def read(name: str) -> Document:
    return read_path(FIXTURES / name)


@pytest.mark.parametrize(("name", "expected"), [
    pytest.param("articles.docx", ARTICLES, id="articles"),
    pytest.param("table_frame.docx", TABLE_FRAME, id="table_frame"),
    pytest.param("tracked_changes.docx", TRACKED_CHANGES, id="tracked_changes"),
    pytest.param("lists_fields.docx", LISTS_FIELDS, id="lists_fields"),
])
def test_dump(name: str, expected: str) -> None:
    assert dump_text(read(name), parts=True) == expected


def test_lists_fields_apart_from_style_hidden_text() -> None:
    lines = dump_text(read("lists_fields.docx"), parts=True).splitlines()
    expected = LISTS_FIELDS.splitlines()
    contact = expected.index("咨询电话：\t12345")
    assert lines[contact].startswith(expected[contact])
    assert lines[:contact] + lines[contact + 1:] == expected[:contact] + expected[contact + 1:]


def test_articles_numbering() -> None:
    doc = read("articles.docx")
    body = [b for b in doc.blocks if b.part == "body"]
    # Chapter numbers come from the Heading 1 style's w:numPr (LibreOffice's outline numbering), article
    # numbers from the paragraphs' own w:numPr; both in LibreOffice's taiwaneseCountingThousand format.
    assert [(b.label, b.style, b.outline) for b in body] == [
        ("", "Title", None), ("第一章", "Heading1", 0), ("第一条", "Article", None), ("第二条", "Article", None),
        ("第二章", "Heading1", 0), ("第三条", "Article", None), ("（一）", "Article", None),
        ("（二）", "Article", None), ("第四条", "Article", None)]
    assert doc.metadata["title"] == "前进区养犬管理办法"
    assert doc.warnings == []


def test_table_cells_and_frame() -> None:
    doc = read("table_frame.docx")
    cells = [(b.text, b.cell) for b in doc.blocks if b.cell is not None]
    assert cells == [("养犬登记收费标准", (0, 0, 0)), ("事项", (0, 1, 0)), ("金额", (0, 1, 1)), ("备注", (0, 1, 2)),
                     ("登记", (0, 2, 0)), ("100元", (0, 2, 1)), ("每年", (0, 2, 2)), ("一次", (0, 2, 2)),
                     ("年检", (0, 3, 0)), ("50元", (0, 3, 1))]
    anchor, box = (b for b in doc.blocks if b.text in ("收费依据见下框。", "依据：区发改委批复。"))
    # The frame's paragraph is the wps:txbx copy (mc:Choice), right after its anchor; the v:textbox copy in
    # mc:Fallback is the next w:p and is not read.
    assert box.index == anchor.index + 1 and box.xml_index == anchor.xml_index + 1


def test_tracked_changes_deleted_paragraph_mark() -> None:
    doc = read("tracked_changes.docx")
    # The wholly deleted paragraph (text and mark in w:del, w:p 1) is merged into the next one: no text of
    # its own, and the merged block starts at its w:p.
    assert [b.xml_index for b in doc.blocks] == [0, 1, 3]
    assert doc.warnings == []


def test_lists_fields_direct_hidden_text_warns() -> None:
    doc = read("lists_fields.docx")
    assert doc.blocks[0].text == "办理步骤："
    assert doc.warnings == ["文档含有隐藏文字（w:vanish），按 Word 默认显示效果未读取"]
    assert [b.label for b in doc.blocks if b.label] == ["1.", "2.", "1.", "5."]
