import datetime as dt

import pytest

from normcheck.structure import find_dates

D = dt.date


@pytest.mark.parametrize("text, expected", [
    ("二〇二〇年二月十九日", D(2020, 2, 19)),
    ("二○二○年二月十九日", D(2020, 2, 19)),
    ("二零二零年十二月三十一日", D(2020, 12, 31)),
    ("二O二O年二月十九日", D(2020, 2, 19)),
    ("2020年2月19日", D(2020, 2, 19)),
    ("2020年02月09日", D(2020, 2, 9)),
    ("2020 年 2 月 19 日", D(2020, 2, 19)),
    ("２０２０年２月１９日", D(2020, 2, 19)),
    ("2020-02-19", D(2020, 2, 19)),
    ("2020.2.19", D(2020, 2, 19)),
    ("2020/2/19", D(2020, 2, 19)),
    ("２０２０－０２－１９", D(2020, 2, 19)),
])
def test_single_date_with_offsets(text: str, expected: dt.date) -> None:
    assert find_dates(text) == [(expected, 0, len(text))]


def test_dates_inside_running_text_keep_their_offsets() -> None:
    text = "本办法自2021年2月1日起施行，有效期至2025年12月31日。"
    found = find_dates(text)
    assert [d for d, _, _ in found] == [D(2021, 2, 1), D(2025, 12, 31)]
    assert [text[s:e] for _, s, e in found] == ["2021年2月1日", "2025年12月31日"]


@pytest.mark.parametrize("text", ["2020年2月30日", "2021年2月29日", "2020年13月1日", "2020-02-30", "二〇二〇年二月三十日"])
def test_impossible_dates_are_ignored(text: str) -> None:
    assert find_dates(text) == []


def test_month_and_day_take_the_year_written_before() -> None:
    text = "于2020年3月1日至3月31日在区政府网站公开征求意见"
    assert [d for d, _, _ in find_dates(text)] == [D(2020, 3, 1), D(2020, 3, 31)]
    assert [d for d, _, _ in find_dates("2020年，我区于3月5日召开会议")] == [D(2020, 3, 5)]


def test_month_and_day_without_any_year_are_not_dates() -> None:
    assert find_dates("每年3月1日前报送") == []


def test_near_misses() -> None:
    assert find_dates("版本1.2020.1.5") == []
    assert find_dates("12020年1月1日") == []
    assert find_dates("第2020号") == []
    assert find_dates("") == []
