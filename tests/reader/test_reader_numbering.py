"""Automatic numbering rendered as Word shows it."""
from __future__ import annotations

from pathlib import Path

import pytest
from ooxml import abstract_num, build_docx, lvl, num, p

from normcheck.errors import InputError
from normcheck.reader import read_path
from normcheck.reader.numfmt import chinese_counting, format_number
from normcheck.reader.package import Package

ARTICLES = abstract_num(1, lvl(0, "chineseCounting", "第%1章", suff="space"),
                        lvl(1, "chineseCounting", "第%2条", suff="space", restart=0),
                        lvl(2, "chineseCounting", "（%3）", suff="nothing"))


@pytest.mark.parametrize(("n", "text"), [(1, "一"), (9, "九"), (10, "十"), (11, "十一"), (19, "十九"), (20, "二十"),
                                         (21, "二十一"), (100, "一百"), (101, "一百零一"), (110, "一百一十"),
                                         (123, "一百二十三"), (1000, "一千"), (1050, "一千零五十"),
                                         (10001, "一万零一")])
def test_chinese_counting(n: int, text: str) -> None:
    assert chinese_counting(n) == text


@pytest.mark.parametrize(("n", "fmt", "text"), [
    (1, "ideographTraditional", "甲"), (3, "ideographTraditional", "丙"), (10, "ideographTraditional", "癸"),
    (7, "decimal", "7"), (12, "decimalFullWidth", "１２"), (3, "decimalEnclosedCircle", "③"),
    (3, "chineseLegalSimplified", "叁"), (28, "upperLetter", "BB"), (4, "lowerRoman", "iv"), (5, "decimalZero", "05"),
    (2, "none", ""), (2020, "ideographDigital", "二〇二〇"), (2, "someFutureFormat", "2"),
])
def test_formats(n: int, fmt: str, text: str) -> None:
    assert format_number(n, fmt) == text


def test_chinese_counting_up_to_123(dump_docx_xml) -> None:
    numbering = abstract_num(1, lvl(0, "chineseCounting", "%1、", suff="nothing")) + num(1, 1)
    body = "".join(p(f"段{i}", num=(1, 0)) for i in range(1, 124))
    lines = dump_docx_xml(body, numbering=numbering).splitlines()
    assert lines[0] == "一、段1"
    assert lines[9] == "十、段10"
    assert lines[10] == "十一、段11"
    assert lines[122] == "一百二十三、段123"


def test_articles_continue_across_chapters_and_items_restart(dump_docx_xml) -> None:
    body = (p("总则", num=(1, 0)) + p("为了规范管理，制定本办法。", num=(1, 1)) + p("本办法适用于：", num=(1, 1))
            + p("住宅；", num=(1, 2)) + p("商铺。", num=(1, 2)) + p("附则", num=(1, 0))
            + p("本办法自印发之日起施行。", num=(1, 1)) + p("其他；", num=(1, 2)))
    assert dump_docx_xml(body, numbering=ARTICLES + num(1, 1)).splitlines() == [
        "第一章 总则", "第一条 为了规范管理，制定本办法。", "第二条 本办法适用于：", "（一）住宅；", "（二）商铺。",
        "第二章 附则", "第三条 本办法自印发之日起施行。", "（一）其他；"]


def test_counters_continue_across_unnumbered_paragraphs(dump_docx_xml) -> None:
    numbering = abstract_num(1, lvl(0, "decimal", "%1.")) + num(1, 1)
    body = p("甲", num=(1, 0)) + p("说明文字") + p("") + p("乙", num=(1, 0))
    assert dump_docx_xml(body, numbering=numbering).splitlines() == ["1.\t甲", "说明文字", "2.\t乙"]


def test_multilevel_decimal(dump_docx_xml) -> None:
    numbering = abstract_num(1, lvl(0, "decimal", "%1.", suff="space"), lvl(1, "decimal", "%1.%2", suff="space"),
                             lvl(2, "decimal", "%1.%2.%3", suff="space")) + num(1, 1)
    body = (p("a", num=(1, 0)) + p("b", num=(1, 1)) + p("c", num=(1, 2)) + p("d", num=(1, 2)) + p("e", num=(1, 1))
            + p("f", num=(1, 0)) + p("g", num=(1, 1)))
    assert dump_docx_xml(body, numbering=numbering).splitlines() == [
        "1. a", "1.1 b", "1.1.1 c", "1.1.2 d", "1.2 e", "2. f", "2.1 g"]


def test_lvl_restart_zero_never_restarts(dump_docx_xml) -> None:
    body = p("总则", num=(1, 0)) + p("甲", num=(1, 1)) + p("分则", num=(1, 0)) + p("乙", num=(1, 1))
    assert dump_docx_xml(body, numbering=ARTICLES + num(1, 1)).splitlines() == [
        "第一章 总则", "第一条 甲", "第二章 分则", "第二条 乙"]


def test_items_restart_by_default_after_higher_level(dump_docx_xml) -> None:
    numbering = abstract_num(1, lvl(0, "chineseCounting", "第%1条", suff="space"),
                             lvl(1, "chineseCounting", "（%2）", suff="nothing")) + num(1, 1)
    body = p("甲", num=(1, 0)) + p("x", num=(1, 1)) + p("y", num=(1, 1)) + p("乙", num=(1, 0)) + p("z", num=(1, 1))
    assert dump_docx_xml(body, numbering=numbering).splitlines() == [
        "第一条 甲", "（一）x", "（二）y", "第二条 乙", "（一）z"]


def test_ideograph_traditional_and_start(dump_docx_xml) -> None:
    numbering = abstract_num(1, lvl(0, "ideographTraditional", "%1、", suff="nothing")) + num(1, 1)
    numbering += abstract_num(2, lvl(0, "decimal", "%1.", start=5, suff="nothing")) + num(2, 2)
    body = p("一", num=(1, 0)) + p("二", num=(1, 0)) + p("三", num=(1, 0)) + p("五", num=(2, 0))
    assert dump_docx_xml(body, numbering=numbering).splitlines() == ["甲、一", "乙、二", "丙、三", "5.五"]


def test_start_override_restarts_shared_list(dump_docx_xml) -> None:
    numbering = (abstract_num(1, lvl(0, "chineseCounting", "（%1）", suff="nothing")) + num(1, 1) + num(2, 1)
                 + num(3, 1, {0: 1}))
    body = (p("a", num=(1, 0)) + p("b", num=(1, 0)) + p("c", num=(2, 0)) + p("d", num=(3, 0))
            + p("e", num=(3, 0)))
    # numIds 1 and 2 share one abstract list and continue; numId 3 restarts at its startOverride.
    assert dump_docx_xml(body, numbering=numbering).splitlines() == ["（一）a", "（二）b", "（三）c", "（一）d", "（二）e"]


def test_numbering_from_style_and_based_on_chain(dump_docx_xml) -> None:
    styles = ('<w:style w:type="paragraph" w:styleId="Article"><w:name w:val="条"/><w:pPr><w:numPr>'
              '<w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
              '<w:style w:type="paragraph" w:styleId="ArticleBold"><w:basedOn w:val="Article"/></w:style>'
              '<w:style w:type="paragraph" w:styleId="Chapter"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr>'
              '<w:outlineLvl w:val="0"/></w:pPr></w:style>')
    numbering = abstract_num(1, lvl(0, "chineseCounting", "第%1章", suff="space", pstyle="Chapter"),
                             lvl(1, "chineseCounting", "第%2条", suff="space", restart=0)) + num(1, 1)
    body = p("总则", style="Chapter") + p("甲", style="Article") + p("乙", style="ArticleBold") + p("丙", style="Other")
    doc_lines = dump_docx_xml(body, numbering=numbering, styles=styles).splitlines()
    assert doc_lines == ["第一章 总则", "第一条 甲", "第二条 乙", "丙"]


def test_num_id_zero_switches_style_numbering_off(read_docx_xml) -> None:
    styles = ('<w:style w:type="paragraph" w:styleId="Article"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr>'
              '</w:pPr></w:style>')
    numbering = abstract_num(1, lvl(0, "chineseCounting", "第%1条", suff="space")) + num(1, 1)
    body = p("甲", style="Article") + p("不编号", style="Article", num=(0, 0)) + p("乙", style="Article")
    doc = read_docx_xml(body, numbering=numbering, styles=styles)
    assert [b.text for b in doc.blocks] == ["第一条 甲", "不编号", "第二条 乙"]
    assert [b.label for b in doc.blocks] == ["第一条", "", "第二条"]
    assert [b.style for b in doc.blocks] == ["Article"] * 3


def test_num_style_link(dump_docx_xml) -> None:
    styles = ('<w:style w:type="numbering" w:styleId="LawList"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr>'
              '</w:pPr></w:style>')
    numbering = (abstract_num(1, lvl(0, "chineseCounting", "第%1条", suff="space"), style_link="LawList")
                 + abstract_num(2, num_style_link="LawList") + num(1, 1) + num(2, 2))
    body = p("甲", num=(2, 0)) + p("乙", num=(1, 0))
    assert dump_docx_xml(body, numbering=numbering, styles=styles).splitlines() == ["第一条 甲", "第二条 乙"]


def test_bullet_and_legal_numbering(dump_docx_xml) -> None:
    numbering = (abstract_num(1, lvl(0, "bullet", "\uf0b7", suff="space")) + num(1, 1)
                 + abstract_num(2, lvl(0, "chineseCounting", "%1、", suff="nothing"),
                                lvl(1, "decimal", "%1.%2", suff="space", is_lgl=True)) + num(2, 2))
    body = p("要点", num=(1, 0)) + p("甲", num=(2, 0)) + p("乙", num=(2, 1))
    assert dump_docx_xml(body, numbering=numbering).splitlines() == ["• 要点", "一、甲", "1.1 乙"]


def test_numbering_part_read_only_when_a_paragraph_is_numbered(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                                               ) -> None:
    numbering = abstract_num(1, lvl(0, "chineseCounting", "第%1条", suff="space")) + num(1, 1)
    inflated: list[str] = []
    real_read = Package.read

    def read(self: Package, name: str) -> bytes:
        inflated.append(name)
        return real_read(self, name)

    monkeypatch.setattr(Package, "read", read)
    plain = read_path(build_docx(tmp_path / "plain.docx", p("甲") + p("乙", style="Normal"), numbering=numbering))
    assert [b.text for b in plain.blocks] == ["甲", "乙"] and "word/numbering.xml" not in inflated
    numbered = read_path(build_docx(tmp_path / "numbered.docx", p("甲") + p("乙", num=(1, 0)), numbering=numbering))
    assert [b.text for b in numbered.blocks] == ["甲", "第一条 乙"] and "word/numbering.xml" in inflated


def test_damaged_numbering_part_fails_the_document_that_uses_it(tmp_path: Path) -> None:
    damaged = {"word/numbering.xml": "<w:numbering"}
    unused = build_docx(tmp_path / "unused.docx", p("甲"), numbering="", extra_parts=damaged)
    assert [b.text for b in read_path(unused).blocks] == ["甲"]
    used = build_docx(tmp_path / "used.docx", p("甲", num=(1, 0)), numbering="", extra_parts=damaged)
    with pytest.raises(InputError) as info:
        read_path(used)
    assert info.value.code == "malformed-xml"
