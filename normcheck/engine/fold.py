"""Case and width folding on a shadow text of the same length, so match offsets map back one to one.

Full-width ASCII (！ to ～) becomes half-width, the ideographic space a space, the lenticular and square
brackets 〔〕 ［］ 【】 become [ ], and letters are lower-cased (only where lower-casing keeps the length).
"""
from __future__ import annotations

import functools

_BRACKETS = {"〔": "[", "〕": "]", "［": "[", "］": "]", "【": "[", "】": "]", "\u3000": " "}


@functools.cache
def _table() -> dict[int, str]:
    table = {code: chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)}
    table.update({ord(k): v for k, v in _BRACKETS.items()})
    return table


def fold(text: str) -> str:
    """The shadow of ``text``: same length, width-, bracket- and case-folded."""
    folded = text.translate(_table())
    lowered = folded.lower()
    if len(lowered) == len(folded):
        return lowered
    # A few characters (e.g. "İ") grow when lower-cased; keep those as they are.
    return "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in folded)


def fold_regex_source(source: str) -> str:
    """Fold the literal characters of a regular expression the way ``fold`` folds the text.

    Only non-ASCII characters change (full-width forms and brackets); each becomes an escaped ASCII
    character so that ``〔`` turns into ``\\[`` and never into a character-class bracket. Case is handled
    by the case-insensitive flag, not here, so that ``\\D`` stays ``\\D``.
    """
    table = _table()
    out: list[str] = []
    escaped = False
    for ch in source:
        mapped = table.get(ord(ch))
        if mapped is None:
            out.append(ch)
            escaped = ch == "\\" and not escaped
            continue
        if mapped.isalnum() or mapped == " " or escaped:
            out.append(mapped)
        else:
            out.append("\\" + mapped)
        escaped = False
    return "".join(out)
