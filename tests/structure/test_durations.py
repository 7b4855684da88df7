import pytest

from normcheck.structure import Duration, find_durations


@pytest.mark.parametrize("text, amount, unit", [
    ("3年", 3, "year"), ("三年", 3, "year"), ("六个月", 6, "month"), ("6个月", 6, "month"),
    ("30日", 30, "day"), ("三十天", 30, "day"), ("7个工作日", 7, "workday"), ("十五个工作日", 15, "workday"),
    ("两年", 2, "year"), ("２年", 2, "year"), ("两周", 14, "day"), ("30个自然日", 30, "day"), ("两个星期", 14, "day"),
])
def test_single_duration(text: str, amount: int, unit: str) -> None:
    assert find_durations(text) == [(Duration(amount, unit), 0, len(text))]


def test_durations_in_sentences() -> None:
    text = "本办法自发布之日起30日后施行，有效期为三年；征求意见期限不少于7个工作日。"
    found = find_durations(text)
    assert [d for d, _, _ in found] == [Duration(30, "day"), Duration(3, "year"), Duration(7, "workday")]
    assert [text[s:e] for _, s, e in found] == ["30日", "三年", "7个工作日"]


@pytest.mark.parametrize("text", [
    "2020年2月19日", "二〇二〇年二月十九日", "6月", "十八周岁", "三年级", "2.5年", "第3年", "2020年度", "2月30日",
    "三周年",
])
def test_not_durations(text: str) -> None:
    assert find_durations(text) == []


def test_duration_lengths() -> None:
    assert Duration(7, "workday").days == pytest.approx(9.8)
    assert Duration(2, "year").years == pytest.approx(2.0)
