import datetime as dt

import pytest

from normcheck.structure import Duration, analyze

from .docs import NOTICE_AND_NORM, text_doc

HEAD = "XX区人民政府关于印发《XX区物业管理办法》的通知\n各街道办事处：\n现印发给你们。\nXX区人民政府\n{issued}\nXX区物业管理办法\n第一条 为规范管理，制定本办法。\n"


def norm(closing: str, issued: str = "2020年12月28日") -> object:
    return analyze(text_doc(HEAD.format(issued=issued) + "第二条 " + closing))


def test_date_and_years() -> None:
    s = analyze(text_doc(NOTICE_AND_NORM))
    assert s.effective_rule is not None and s.effective_rule.value == "date"
    assert s.effective_date is not None and s.effective_date.value == dt.date(2021, 2, 1)
    assert s.effective_date.text == "自2021年2月1日起施行" and s.effective_date.block == 18
    assert s.validity is not None and s.validity.value == Duration(5, "year") and s.validity.text == "5年"
    assert s.validity_end is None


def test_validity_until_a_date() -> None:
    s = norm("本办法自2021年2月1日起施行，有效期至2025年12月31日。")
    assert s.effective_date.value == dt.date(2021, 2, 1)
    assert s.validity is None
    assert s.validity_end is not None and s.validity_end.value == dt.date(2025, 12, 31)


def test_from_issue_with_validity() -> None:
    s = norm("本办法自印发之日起施行，有效期5年。")
    assert (s.effective_rule.value, s.effective_rule.text) == ("on-issue", "自印发之日起施行")
    assert s.effective_date is not None and s.effective_date.value == dt.date(2020, 12, 28)
    assert s.validity.value == Duration(5, "year")


def test_from_publication_without_an_issue_date() -> None:
    s = analyze(text_doc("XX区物业管理办法\n第一条 本办法自发布之日起施行。"))
    assert s.effective_rule.value == "on-publication"
    assert s.effective_date is None


def test_no_validity() -> None:
    s = norm("本办法自2021年1月1日起施行。《XX区XX暂行办法》（前政规〔2017〕2号）同时废止。")
    assert s.effective_date.value == dt.date(2021, 1, 1)
    assert s.validity is None and s.validity_end is None


def test_thirty_days_after_publication() -> None:
    s = norm("本规定自发布之日起30日后施行，有效期3年。", issued="2020年3月1日")
    assert s.effective_rule.value == "days-after:30"
    assert s.effective_date.value == dt.date(2020, 3, 31)
    assert s.validity.value == Duration(3, "year")


@pytest.mark.parametrize("closing, rule, expected", [
    ("本办法自公布之日起三十日后施行。", "days-after:30", dt.date(2020, 3, 31)),
    ("本办法自印发之日起2个月后施行。", "months-after:2", dt.date(2020, 5, 1)),
    ("本办法自印发之日起10个工作日后施行。", "workdays-after:10", dt.date(2020, 3, 13)),
])
def test_later_start_forms(closing: str, rule: str, expected: dt.date) -> None:
    s = norm(closing, issued="2020年3月1日")
    assert s.effective_rule.value == rule and s.effective_date.value == expected


def test_retroactive_effective_date_is_reported_as_written() -> None:
    s = norm("本意见自2020年3月1日起施行。", issued="2020年3月15日")
    assert s.effective_date.value == dt.date(2020, 3, 1)
    assert s.issue_date.value == dt.date(2020, 3, 15)


@pytest.mark.parametrize("closing, amount, unit", [
    ("本办法自2021年1月1日起施行，有效期为三年。", 3, "year"),
    ("本办法有效期五年。", 5, "year"),
    ("本办法有效期限为2年。", 2, "year"),
    ("本办法试行期间有效期6个月。", 6, "month"),
])
def test_validity_wordings(closing: str, amount: int, unit: str) -> None:
    assert norm(closing).validity.value == Duration(amount, unit)


def test_validity_from_and_until() -> None:
    s = norm("本办法有效期自2021年1月1日至2025年12月31日。")
    assert s.validity_end.value == dt.date(2025, 12, 31)


def test_statement_about_the_document_beats_a_quoted_law() -> None:
    s = norm("本办法自2021年2月1日起施行。\n第三条 《中华人民共和国民法典》自2021年1月1日起施行，相关合同依照其规定。")
    assert s.effective_date.value == dt.date(2021, 2, 1)


def test_closing_article_of_the_drafting_explanation_is_ignored() -> None:
    s = norm("本办法自2021年2月1日起施行。\n关于《XX区物业管理办法》的起草说明\n建议本办法自2022年1月1日起施行，有效期5年。")
    assert s.effective_date.value == dt.date(2021, 2, 1)
    assert s.validity is None


def test_mention_of_validity_without_a_term() -> None:
    s = norm("本办法自2021年2月1日起施行。有效期届满前六个月，由起草部门组织评估。")
    assert s.validity is None and s.validity_end is None


def test_term_beyond_the_calendar_has_no_date() -> None:
    s = norm("本办法自发布之日起99999999日后施行。")
    assert s.effective_rule.value == "days-after:99999999"
    assert s.effective_date is None


@pytest.mark.parametrize("closing, expected", [
    ("本办法自2021年2月1日施行。", dt.date(2021, 2, 1)),
    ("本办法于2021年2月1日起实施。", dt.date(2021, 2, 1)),
    ("本办法自二〇二一年二月一日起执行。", dt.date(2021, 2, 1)),
])
def test_effective_date_wordings(closing: str, expected: dt.date) -> None:
    assert norm(closing).effective_date.value == expected


def test_a_date_merely_followed_by_implementation_is_not_an_effective_date() -> None:
    s = norm("按照2019年12月1日实施的《XX规定》执行。")
    assert s.effective_date is None and s.effective_rule is None


@pytest.mark.parametrize("closing, amount", [("本办法有效期：3年。", 3), ("本办法自2021年1月1日起试行，试行期为二年。", 2)])
def test_more_validity_wordings(closing: str, amount: int) -> None:
    assert norm(closing).validity.value == Duration(amount, "year")
