import pytest
from hypothesis import given
from hypothesis import strategies as st

from normcheck.structure import parse_chinese_number


@pytest.mark.parametrize("text, expected", [
    ("一百二十三", 123), ("十一", 11), ("二十", 20), ("十", 10), ("一千零五", 1005), ("一千零五十", 1050),
    ("〇", 0), ("零", 0), ("○", 0), ("两", 2), ("两千", 2000), ("壹贰叁", 123), ("壹佰贰拾叁", 123),
    ("123", 123), ("１２３", 123), ("二〇二〇", 2020), ("二○二四", 2024), ("二零二零", 2020),
    ("一百二", 120), ("三万五", 35000), ("一万零五百", 10500), ("十万", 100000), ("一亿二千万", 120000000),
    ("一百一十", 110), ("三十一", 31), (" 五 ", 5), ("3万", 30000),
])
def test_reads_numbers(text: str, expected: int) -> None:
    assert parse_chinese_number(text) == expected


@pytest.mark.parametrize("text", ["", "  ", "abc", "十十", "百", "一二十", "万", "二十x", "第三", "三条", "-1", "1.5"])
def test_rejects_garbage(text: str) -> None:
    with pytest.raises(ValueError):
        parse_chinese_number(text)


def _spell(n: int) -> str:
    """Standard spelling of 0 < n < 10000, as written in article numbers."""
    digits = "零一二三四五六七八九"
    parts, zero = [], False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d, n = divmod(n, unit)
        if d:
            if zero:
                parts.append("零")
            parts.append(digits[d] + name)
            zero = False
        elif parts:
            zero = True
    text = "".join(parts)
    return text[1:] if text.startswith("一十") else text


@given(st.integers(min_value=1, max_value=9999))
def test_round_trip_of_standard_spelling(n: int) -> None:
    assert parse_chinese_number(_spell(n)) == n


@given(st.text(max_size=12))
def test_never_raises_anything_but_value_error(text: str) -> None:
    try:
        assert parse_chinese_number(text) >= 0
    except ValueError:
        pass
