"""Render one numbering counter in a Word ``w:numFmt`` (chineseCounting, ideographTraditional, decimal…)."""
from __future__ import annotations

from functools import lru_cache

_DIGITS = "〇一二三四五六七八九"
_LEGAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_PAREN = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
_FULLSTOP = "⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛"
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
          (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
# No counter Word shows is longer; the bound keeps a crafted start value (upperLetter 2³¹ would be 82
# million letters) from expanding.
MAX_NUMBER_CHARS = 32
# Symbol-font bullets are stored as private-use code points; show the glyph Word draws.
BULLET_GLYPHS = {"\uf0b7": "•", "\uf0a7": "▪", "\uf0d8": "➢", "\uf0fc": "✓", "\uf076": "❖", "\uf06e": "■",
                 "\uf0a8": "◆", "\uf06c": "●", "\uf075": "◆", "\uf0e8": "➔", "\uf0de": "▲"}


def chinese_counting(n: int, digits: str = _DIGITS, units: str = "十百千", big: str = "万亿", zero: str = "零") -> str:
    """一, 十, 十一, 二十, 一百零一, 一百二十三, 一千零五十, 一万…, as Word's chineseCounting shows them."""
    if n == 0:
        return digits[0]
    if n < 0:
        return "负" + chinese_counting(-n, digits, units, big, zero)
    groups: list[int] = []
    while n:
        groups.append(n % 10000)
        n //= 10000
    out = ""
    need_zero = False
    for pos in range(len(groups) - 1, -1, -1):
        group = groups[pos]
        if group == 0:
            need_zero = bool(out)
            continue
        if out and (need_zero or group < 1000):
            out += zero
        out += _group(group, digits, units, zero)
        if pos:
            out += big[(pos - 1) % len(big)]
        need_zero = False
    if out.startswith(digits[1] + units[0]) and len(groups) == 1 and groups[0] < 20:
        out = out[1:]
    return out


def _group(n: int, digits: str, units: str, zero_char: str) -> str:
    out, zero = "", False
    for power, unit in ((1000, units[2]), (100, units[1]), (10, units[0]), (1, "")):
        d = n // power % 10
        if d == 0:
            zero = bool(out)
            continue
        if zero:
            out += zero_char
            zero = False
        out += digits[d] + unit
    return out


def _letters(n: int, upper: bool) -> str:
    base = "ABCDEFGHIJKLMNOPQRSTUVWXYZ" if upper else "abcdefghijklmnopqrstuvwxyz"
    # Word repeats the letter: 27 → AA, 53 → AAA.
    return base[(n - 1) % 26] * min((n - 1) // 26 + 1, MAX_NUMBER_CHARS) if n > 0 else str(n)


def _roman(n: int) -> str:
    if n <= 0:
        return str(n)
    out = "M" * min(n // 1000, MAX_NUMBER_CHARS)
    n %= 1000
    for value, sym in _ROMAN:
        while n >= value:
            out += sym
            n -= value
    return out


def _table(n: int, table: str) -> str:
    return table[n - 1] if 1 <= n <= len(table) else str(n)


@lru_cache(maxsize=4096)
def format_number(n: int, fmt: str) -> str:
    """The text of counter ``n`` in ``fmt``; unknown formats fall back to decimal, as Word does. At most
    ``MAX_NUMBER_CHARS`` characters, however large ``n`` is (a crafted start value must not expand)."""
    return _format(n, fmt)[:MAX_NUMBER_CHARS]


def _format(n: int, fmt: str) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "koreanCounting",
               "taiwaneseCounting", "taiwaneseCountingThousand"):
        return chinese_counting(n)
    if fmt == "chineseLegalSimplified":
        return chinese_counting(n, _LEGAL_DIGITS, "拾佰仟", "萬億")
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return ("-" if n < 0 else "") + "".join(_DIGITS[int(d)] for d in str(abs(n)))
    if fmt == "ideographTraditional":
        return _TIANGAN[(n - 1) % 10] if n > 0 else str(n)
    if fmt in ("ideographZodiac", "ideographZodiacTraditional"):
        return _DIZHI[(n - 1) % 12] if n > 0 else str(n)
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return "".join(chr(ord(d) + 0xFEE0) for d in str(n))
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese", "ideographEnclosedCircle"):
        return _table(n, _CIRCLED)
    if fmt == "decimalEnclosedParen":
        return _table(n, _PAREN)
    if fmt == "decimalEnclosedFullstop":
        return _table(n, _FULLSTOP)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "upperLetter":
        return _letters(n, True)
    if fmt == "lowerLetter":
        return _letters(n, False)
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "none":
        return ""
    return str(n)
