import datetime as dt

import pytest

from normcheck.structure import analyze

from .docs import NOTICE_AND_NORM, text_doc


def test_signature_date_of_the_notice() -> None:
    s = analyze(text_doc(NOTICE_AND_NORM))
    assert s.issue_date is not None
    assert (s.issue_date.value, s.issue_date.block, s.issue_date.text) == (dt.date(2020, 12, 28), 6, "2020年12月28日")
    assert s.issue_day == dt.date(2020, 12, 28)


@pytest.mark.parametrize("written, expected", [
    ("二〇二〇年二月十九日", dt.date(2020, 2, 19)),
    ("二○二○年二月十九日", dt.date(2020, 2, 19)),
    ("2020年2月19日", dt.date(2020, 2, 19)),
    ("2020-02-19", dt.date(2020, 2, 19)),
    ("XX区人民政府　　2020年2月19日", dt.date(2020, 2, 19)),
    ("（2020年2月19日）", dt.date(2020, 2, 19)),
])
def test_signature_date_forms(written: str, expected: dt.date) -> None:
    s = analyze(text_doc(f"XX区人民政府关于加强物业管理的通知\n各街道办事处：\n一、加强管理。\nXX区人民政府\n{written}"))
    assert s.issue_date is not None and s.issue_date.value == expected


def test_date_in_a_sentence_is_not_the_issue_date() -> None:
    s = analyze(text_doc("XX区人民政府关于印发《XX区物业管理办法》的通知\n各街道办事处：\n"
                         "《XX区物业管理办法》已经2020年12月21日区政府第38次常务会议审议通过，现印发给你们。"))
    assert s.issue_date is None


def test_printing_date_of_the_imprint_is_not_the_issue_date() -> None:
    s = analyze(text_doc("XX区物业管理办法\n第一条 为规范管理，制定本办法。\n抄送：区委各部门。\n"
                         "XX区人民政府办公室 2020年12月28日印发"))
    assert s.issue_date is None


def test_norm_without_notice_signed_at_the_end() -> None:
    s = analyze(text_doc("XX区物业管理办法\n第一条 为规范管理，制定本办法。\n第二条 本办法自2021年1月1日起施行。\n"
                         "XX区住房和城乡建设局\n2020年12月1日"))
    assert s.issue_date is not None and s.issue_date.value == dt.date(2020, 12, 1)
    assert s.authority is not None and s.authority.value == "XX区住房和城乡建设局"


def test_dates_of_the_drafting_explanation_are_not_the_issue_date() -> None:
    s = analyze(text_doc("XX区人民政府关于印发《XX区物业管理办法》的通知\n各街道办事处：\n现印发给你们。\n"
                         "XX区人民政府\n2020年12月28日\nXX区物业管理办法\n第一条 为规范管理，制定本办法。\n"
                         "关于《XX区物业管理办法》的起草说明\n一、背景\nXX区住房和城乡建设局\n2020年11月2日"))
    assert s.issue_date is not None and s.issue_date.value == dt.date(2020, 12, 28)


def test_table_cell_date_is_not_a_signature() -> None:
    from normcheck.model import Block, Document

    doc = Document("x.docx", [Block("XX区物业管理办法", index=1), Block("第一条 为规范管理，制定本办法。", index=2),
                              Block("2020年12月1日", index=3, cell=(0, 0, 1), kind="cell")])
    assert analyze(doc).issue_date is None
