"""Periods: date ranges written in a sentence, and the days between two date values."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from normcheck.dsl import RuleSet
from normcheck.engine import check_document
from normcheck.engine.periods import Period, add_months, find_period
from normcheck.model import Finding
from normcheck.reader.plain import document_from_text
from normcheck.structure.facts import Duration

D = dt.date


@pytest.mark.parametrize(("text", "start", "end", "span"), [
    ("2024年3月4日至3月8日在网站公开征求意见", D(2024, 3, 4), D(2024, 3, 8), "2024年3月4日至3月8日"),
    ("自2023年9月1日起至9月3日止", D(2023, 9, 1), D(2023, 9, 3), "2023年9月1日起至9月3日"),
    ("时间为2023年3月4日—3月8日。", D(2023, 3, 4), D(2023, 3, 8), "2023年3月4日—3月8日"),
    ("2020年10月12日至20日", D(2020, 10, 12), D(2020, 10, 20), "2020年10月12日至20日"),
    ("2022年12月5日至2023年1月4日", D(2022, 12, 5), D(2023, 1, 4), "2022年12月5日至2023年1月4日"),
    ("2022年12月5日至1月4日", D(2022, 12, 5), D(2023, 1, 4), "2022年12月5日至1月4日"),
    ("2021年5月6日 ～ 5月9日", D(2021, 5, 6), D(2021, 5, 9), "2021年5月6日 ～ 5月9日"),
])
def test_find_period_reads_range_wordings(text: str, start: D, end: D, span: str) -> None:
    found = find_period(text)
    assert found is not None
    period, lo, hi = found
    assert (period.start, period.end, text[lo:hi]) == (start, end, span)


def test_find_period_needs_a_range_and_a_year() -> None:
    assert find_period("2023年7月3日起在网站公开征求意见，为期1个月") is None
    assert find_period("2023年7月3日发布，8月1日截止") is None  # two dates, no range between them
    assert find_period("2023年8月9日至2023年8月1日") is None  # end before start, both with a year
    assert find_period("自9月1日起至9月3日止") is None
    found = find_period("自9月1日起至9月3日止", 2023)
    assert found is not None and found[0] == Period(D(2023, 9, 1), D(2023, 9, 3))


def test_lengths_inclusive_and_weekdays() -> None:
    week = Period(D(2024, 3, 4), D(2024, 3, 8))  # Monday to Friday
    assert (week.days, week.workdays) == (5, 5)
    assert Period(D(2020, 10, 12), D(2020, 10, 20)).workdays == 7  # spans one weekend
    assert Period(D(2024, 3, 9), D(2024, 3, 10)).workdays == 0  # a weekend
    five = Period(D(2026, 1, 1), D(2030, 12, 31))
    assert five.measure(Duration(5, "year")) == (1826.0, 1826.0)
    assert Period(D(2026, 1, 1), D(2031, 1, 1)).measure(Duration(5, "year"))[0] > 1826
    assert add_months(D(2024, 1, 31), 1) == D(2024, 2, 29)


@given(st.dates(min_value=D(1990, 1, 1), max_value=D(2090, 1, 1)), st.integers(0, 400))
def test_weekday_count_matches_a_day_by_day_count(start: D, length: int) -> None:
    period = Period(start, start + dt.timedelta(days=length))
    by_day = sum(1 for i in range(length + 1) if (start + dt.timedelta(days=i)).weekday() < 5)
    assert period.workdays == by_day and period.days == length + 1


DRAFT = """XX区人民政府关于印发《XX区市场主体登记办法》的通知
现将办法印发给你们。
第一条 本办法自2024年5月1日起施行，有效期至2029年4月30日。
XX区人民政府
2024年4月1日
起草说明
区市场监管局于3月4日至3月8日在区政府网站公开征求意见，收到意见2条。
本办法经区司法局合法性审核。"""


@pytest.fixture
def run(load_text: Callable[..., RuleSet]) -> Callable[[str], list[Finding]]:
    def check(body: str, text: str = DRAFT) -> list[Finding]:
        # Period arithmetic over drafting records: read every passage role.
        ruleset = load_text('rule P-1 "期间" {\n severity error\n roles any\n message "期间{match}"\n' + body
                            + '\n example fail "x"\n}\n')
        return check_document(document_from_text(text), ruleset)

    return check


def test_period_in_sentence_takes_the_issue_year_and_reports_the_range(run: Callable[[str], list[Finding]]) -> None:
    [f] = run('assert period in sentence with "征求意见" >= 7 workdays')
    assert f.message == "期间3月4日至3月8日" and f.excerpt == "3月4日至3月8日"
    assert run('assert period in sentence with "征求意见" >= 5 workdays') == []
    assert run('assert period in sentence with "征求意见" == 5 days') == []
    assert len(run('assert period in sentence with "征求意见" >= 30 days')) == 1
    assert run('assert period in sentence with "合法性审核" >= 30 days') == []  # no range there: unknown


def test_period_between_date_values(run: Callable[[str], list[Finding]]) -> None:
    assert run("assert period from effective_date to validity_end <= 5 years") == []
    [f] = run("assert period from effective_date to validity_end <= 4 years")
    assert f.excerpt == "2029年4月30日"
    assert run("assert period from issue_date to validity_end > 5 years") == []
    assert run("assert period from 2024-01-01 to 2024-12-31 == 366 days") == []
    assert run('assert period from date in sentence with "施行" to 2024-05-07 == 5 workdays') == []
    # a fact that is absent makes the comparison unknown
    assert run("assert period from effective_date to validity_end > 10 years",
               "XX办法\n第一条 本办法自2024年5月1日起施行。") == []


def test_range_capture_in_forbid_where(run: Callable[[str], list[Finding]]) -> None:
    text = "起草说明\n于2024年3月4日至3月8日公开征求意见。\n于2024年4月1日至4月30日再次公开征求意见。"
    findings = run(r'forbid /于(?P<期间>[^公]+)公开/ in document where 期间 < 7 workdays', text)
    assert [f.location.paragraph for f in findings] == [2]  # the second line


def test_captures_as_period_ends(run: Callable[[str], list[Finding]]) -> None:
    text = ("起草说明\n区司法局于2024年1月29日受理，组织法律顾问提出意见后，于2月7日出具审核意见。\n"
            "区司法局于2024年3月4日受理，于3月5日出具审核意见。\n区司法局于2024年3月4日受理，于次日出具审核意见。")
    rule = (r'forbid /于(?P<收到>[^，]+日)受理[^。]*于(?P<出具>[^，于]+日)出具/ in each paragraph'
            " where period from 收到 to 出具 < 5 workdays")
    assert [f.location.paragraph for f in run(rule, text)] == [3]  # 次日 is no date: unknown
    later = r'forbid /于(?P<收到>[^，]+日)受理/ in each paragraph where period from 收到 to 2024-03-29 > 20 workdays'
    assert [f.location.paragraph for f in run(later, text)] == [2]  # 3月4日 to 3月29日 is exactly 20


def test_period_after_leaves_out_the_first_day(run: Callable[[str], list[Finding]]) -> None:
    assert run("assert period after 2024-03-01 to 2024-03-31 == 30 days") == []
    assert run("assert period from 2024-03-01 to 2024-03-31 == 31 days") == []
    assert run("assert period after 2024-03-01 to 2024-03-01 == 0 days") == []
    assert run("assert period after 2024-03-01 to 2024-03-01 == 0 workdays") == []
    assert run("assert period after 2024-03-01 to 2024-03-08 == 5 workdays") == []  # Friday to Friday
    [f] = run("assert period after issue_date to 2024-05-20 <= 1 months")
    assert f.excerpt == "2024年4月1日"
