from normcheck.model import Block, Document
from normcheck.structure import analyze

from .docs import NOTICE_AND_NORM, text_doc


def test_articles_chapters_and_supplementary_chapter() -> None:
    s = analyze(text_doc(NOTICE_AND_NORM))
    assert [(a.number, a.label, a.block_start, a.block_end) for a in s.articles] == [
        (1, "第一条", 10, 11), (2, "第二条", 11, 13), (3, "第三条", 14, 16), (4, "第四条", 17, 18), (5, "第五条", 18, 19)]
    assert [a.chapter for a in s.articles] == ["第一章 总则", "第一章 总则", "第二章 物业服务", "第三章 附则", "第三章 附则"]
    assert [(c.value, c.text, c.block) for c in s.chapters] == [
        (1, "第一章 总则", 9), (2, "第二章 物业服务", 13), (3, "第三章 附则", 16)]
    assert s.supplementary is not None and (s.supplementary.value, s.supplementary.block) == (3, 16)


def test_article_inside_a_sentence_or_a_reference_is_no_heading() -> None:
    s = analyze(text_doc("第一条 为规范管理，制定本办法。\n依照本办法第一条的规定处理。\n第一条规定的事项，由区政府负责。\n"
                         "第二条第二款所称单位，是指企业。\n第二条 本办法自2021年1月1日起施行。"))
    assert [(a.number, a.block_start, a.block_end) for a in s.articles] == [(1, 0, 4), (2, 4, 5)]


def test_large_article_numbers_and_arabic_numbers() -> None:
    s = analyze(text_doc("第一百二十三条 甲。\n第124条 乙。\n第一百二十五条　丙。"))
    assert [a.number for a in s.articles] == [123, 124, 125]


def test_articles_from_automatic_numbering_labels() -> None:
    doc = Document("x.docx", [
        Block("XX区物业管理办法", index=1),
        Block("第一章 总则", index=2, label="第一章"),
        Block("第一条 为了规范物业管理，制定本办法。", index=3, label="第一条"),
        Block("第二条规定由区政府组织实施本办法。", index=4, label="第二条"),
        Block("第二章 附则", index=5, label="第二章"),
        Block("第三条 本办法自2021年1月1日起施行。", index=6, label="第三条"),
    ])
    s = analyze(doc)
    assert [(a.number, a.label, a.block_start, a.block_end, a.chapter) for a in s.articles] == [
        (1, "第一条", 2, 3, "第一章 总则"), (2, "第二条", 3, 4, "第一章 总则"), (3, "第三条", 5, 6, "第二章 附则")]
    assert s.supplementary is not None and s.supplementary.value == 2


def test_numbering_continues_across_chapters_as_written() -> None:
    s = analyze(text_doc("第一章 总则\n第一条 甲。\n第二条 乙。\n第二章 管理\n第一条 丙。"))
    assert [a.number for a in s.articles] == [1, 2, 1]
    assert [a.chapter for a in s.articles] == ["第一章 总则", "第一章 总则", "第二章 管理"]


def test_section_headings_end_an_article() -> None:
    s = analyze(text_doc("第一章 总则\n第一节 一般规定\n第一条 甲。\n乙。\n第二节 特别规定\n第二条 丙。\n附则\n第三条 丁。"))
    assert [(a.number, a.block_start, a.block_end) for a in s.articles] == [(1, 2, 4), (2, 5, 6), (3, 7, 8)]
    assert [c.value for c in s.chapters] == [1]
    assert s.supplementary is not None and s.supplementary.block == 6 and s.supplementary.value is None


def test_imprint_and_file_change_end_an_article() -> None:
    s = analyze(text_doc("第一条 甲。\n抄送：区委各部门。\nXX区人民政府办公室 2020年12月28日印发"))
    assert [(a.block_start, a.block_end) for a in s.articles] == [(0, 1)]
    doc = Document("pkg", [Block("第一条 甲。", index=1, file="a.docx"), Block("乙。", index=2, file="a.docx"),
                           Block("丙。", index=1, file="b.docx")])
    assert [(a.block_start, a.block_end) for a in analyze(doc).articles] == [(0, 2)]


def test_non_body_blocks_neither_open_nor_continue_articles() -> None:
    doc = Document("x.docx", [
        Block("第一条 甲。", index=1), Block("第二条 页眉", part="header", index=1), Block("乙。", index=2),
    ])
    assert [(a.number, a.block_start, a.block_end) for a in analyze(doc).articles] == [(1, 0, 1)]


def test_table_cells_hold_no_article_headings() -> None:
    doc = Document("x.docx", [
        Block("修改前", index=1, cell=(0, 0, 0)), Block("第三条 原条文", index=2, cell=(0, 1, 0)),
        Block("第一条 正文。", index=3),
    ])
    assert [a.block_start for a in analyze(doc).articles] == [2]


def test_articles_quoted_in_the_drafting_explanation_are_not_articles() -> None:
    s = analyze(text_doc("XX区物业管理办法\n第一条 甲。\n第二条 乙。\n关于《XX区物业管理办法》的起草说明\n"
                         "一、主要内容\n第一条 明确了立法目的。"))
    assert [a.number for a in s.articles] == [1, 2]
    assert s.articles[-1].block_end == 3


def test_article_at_finds_the_article_of_a_block() -> None:
    s = analyze(text_doc(NOTICE_AND_NORM))
    assert [(a.number if (a := s.article_at(b)) else None) for b in range(len(text_doc(NOTICE_AND_NORM).blocks))] == [
        None] * 10 + [1, 2, 2, None, 3, 3, None, 4, 5, None, None]
