"""Chinese numerals (一百二十三, 二〇二〇, 壹佰, 两) and Arabic digits (ASCII or full-width) as integers."""
from __future__ import annotations

from functools import lru_cache

# Full-width digits fold to ASCII one character for one character, so offsets never move.
FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")

DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "○": 0, "Ｏ": 0, "O": 0,
    "一": 1, "壹": 1, "幺": 1,
    "二": 2, "贰": 2, "貳": 2, "两": 2, "兩": 2,
    "三": 3, "叁": 3, "參": 3,
    "四": 4, "肆": 4,
    "五": 5, "伍": 5,
    "六": 6, "陆": 6, "陸": 6,
    "七": 7, "柒": 7,
    "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}
SMALL_UNITS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
LARGE_UNITS: dict[str, int] = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}

# A character class for regexes: any character that can be part of a number parse_chinese_number reads.
# The Latin letter O is left out on purpose: it would turn ordinary words into numbers.
NUMERAL_CLASS = "0-9０-９〇○零一二两三四五六七八九十百千万壹贰叁肆伍陆柒捌玖拾佰仟"


def parse_chinese_number(s: str) -> int:
    """Read ``s`` as a whole number: 一百二十三 → 123, 十一 → 11, 一千零五 → 1005, 二〇二〇 → 2020,
    两 → 2, 壹佰贰拾 → 120, ３０ → 30, 三万五 → 35000. Raises ValueError when ``s`` is not a number."""
    return _parse(s) if len(s) <= 16 else _parse.__wrapped__(s)


@lru_cache(maxsize=4096)  # article and day numbers repeat endlessly within and across documents
def _parse(s: str) -> int:
    text = s.strip().translate(FULLWIDTH_DIGITS)
    if not text:
        raise ValueError("empty number")
    if text.isascii() and text.isdigit():
        return int(text)
    tokens = _tokens(text, s)
    if all(kind == "digit" for kind, _ in tokens):
        return _positional(tokens)
    return _with_units(tokens, s)


def _tokens(text: str, original: str) -> list[tuple[str, int]]:
    """Split into ("digit", value) and ("unit", size) tokens; an Arabic run is one digit token."""
    tokens: list[tuple[str, int]] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch.isascii() and ch.isdigit():
            j = i
            while j < len(text) and text[j].isascii() and text[j].isdigit():
                j += 1
            tokens.append(("digit", int(text[i:j])))
            i = j
            continue
        if ch in DIGITS:
            tokens.append(("digit", DIGITS[ch]))
        elif ch in SMALL_UNITS:
            tokens.append(("unit", SMALL_UNITS[ch]))
        elif ch in LARGE_UNITS:
            tokens.append(("unit", LARGE_UNITS[ch]))
        else:
            raise ValueError(f"not a number: {original!r}")
        i += 1
    return tokens


def _positional(tokens: list[tuple[str, int]]) -> int:
    """二〇二〇 → 2020: digits read one after another, as in years."""
    value = 0
    for _, digit in tokens:
        value = value * (10 ** len(str(digit))) + digit if digit >= 10 else value * 10 + digit
    return value


def _with_units(tokens: list[tuple[str, int]], original: str) -> int:
    total = 0          # completed 亿 groups
    wan = 0            # completed 万 group below the current 亿
    current = 0        # value below 万
    pending: int | None = None
    last_unit = 0      # the last unit applied, for the abbreviated tail (一百二 → 120)
    small_ceiling = 10_000
    zero_gap = False
    seen_wan = False
    for kind, value in tokens:
        if kind == "digit":
            if value == 0 and pending is None:
                zero_gap = True
                continue
            if pending is not None:
                raise ValueError(f"not a number: {original!r}")
            pending = value
            continue
        if value < 10_000:
            if value >= small_ceiling:
                raise ValueError(f"not a number: {original!r}")
            if pending is None:
                if value != 10:
                    raise ValueError(f"not a number: {original!r}")
                pending = 1  # 十二 means 一十二
            current += pending * value
            small_ceiling = value
        elif value == 10_000:
            if seen_wan or (pending is None and current == 0):
                raise ValueError(f"not a number: {original!r}")
            wan = (current + (pending or 0)) * 10_000
            current, small_ceiling, seen_wan = 0, 10_000, True
        else:
            group = wan + current + (pending or 0)
            if group == 0:
                raise ValueError(f"not a number: {original!r}")
            total = (total + group) * 100_000_000
            wan, current, small_ceiling, seen_wan = 0, 0, 10_000, False
        pending, last_unit, zero_gap = None, value, False
    if pending is not None:
        # 一百二 is 120 and 三万五 is 35000, but 一百零二 is 102.
        current += pending if zero_gap or last_unit <= 10 else pending * (last_unit // 10)
    return total + wan + current


_WRITTEN_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """An article number as written in Chinese legal texts: 3 → 三, 12 → 十二, 105 → 一百零五."""
    if n < 10:
        return _WRITTEN_DIGITS[n]
    if n < 20:
        return "十" + (_WRITTEN_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _WRITTEN_DIGITS[n // 10] + "十" + (_WRITTEN_DIGITS[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        head = _WRITTEN_DIGITS[n // 100] + "百"
        if rest == 0:
            return head
        if rest < 10:
            return head + "零" + _WRITTEN_DIGITS[rest]
        return head + (_WRITTEN_DIGITS[rest // 10] + "十" + (_WRITTEN_DIGITS[rest % 10] if rest % 10 else ""))
    thousands, rest = divmod(n, 1000)
    head = _WRITTEN_DIGITS[thousands] + "千" if thousands < 10 else str(thousands) + "千"
    if rest == 0:
        return head
    return head + ("零" if rest < 100 else "") + chinese_number(rest)
