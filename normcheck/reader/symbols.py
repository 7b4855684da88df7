"""Characters of ``w:sym`` elements, which name a symbol font and a code point in that font's encoding."""
from __future__ import annotations

_GREEK_LOWER = dict(zip("abcdefghijklmnopqrstuvwxyz", "αβχδεφγηιϕκλμνοπθρστυϖωξψζ"))
_GREEK_UPPER = dict(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "ΑΒΧΔΕΦΓΗΙϑΚΛΜΝΟΠΘΡΣΤΥςΩΞΨΖ"))
_SYMBOL = {0xB4: "×", 0xB8: "÷", 0xA3: "≤", 0xB3: "≥", 0xB1: "±", 0xB0: "°", 0xAE: "→", 0xAC: "←", 0xAD: "↑",
           0xAF: "↓", 0xB7: "•", 0xD6: "√", 0xA5: "∞", 0xB9: "≠", 0xBB: "≈", 0xBA: "≡", 0xD7: "·", 0x2D: "−"}
_WINGDINGS = {0xFC: "✓", 0xFB: "✗", 0xFD: "☒", 0xFE: "☑", 0xA8: "☐", 0x6C: "●", 0x6E: "■", 0xA7: "▪",
              0xD8: "➢", 0x76: "❖", 0x71: "❑", 0x77: "◆", 0xE8: "➔", 0x4A: "☺"}


def symbol_char(font: str, code: int) -> str:
    """The Unicode text for ``code`` in ``font`` (private-use F0xx code points count as their low byte)."""
    if 0xF000 <= code <= 0xF0FF:
        code -= 0xF000
    font = font.lower()
    if font == "symbol":
        ch = chr(code) if 0x20 <= code < 0x7F else ""
        return _GREEK_LOWER.get(ch) or _GREEK_UPPER.get(ch) or _SYMBOL.get(code) or ch
    if font.startswith("wingdings"):
        return _WINGDINGS.get(code, "")
    return chr(code) if is_text_char(code) else ""


def is_text_char(code: int) -> bool:
    """Whether ``code`` is a character that may stand in text: not a control character, not a surrogate
    (which no Unicode text may hold, and no UTF-8 can encode), not a noncharacter."""
    return (0x20 <= code < 0x110000 and not 0x7F <= code <= 0x9F and not 0xD800 <= code <= 0xDFFF
            and not 0xFDD0 <= code <= 0xFDEF and code & 0xFFFE != 0xFFFE)
