"""Sentence spans: split at 。！？；!?; and line breaks, never inside a quotation or a 《…》 title."""
from __future__ import annotations

import re

TERMINATORS = frozenset("。！？；!?;")
# Closing marks that belong to the sentence they follow: “……。” and （……。）
_TRAILERS = frozenset("”’」』）)》〉】]\"'")
_PAIRS = {"“": "”", "‘": "’", "「": "」", "『": "』", "《": "》", "〈": "〉"}
_CLOSERS = {close: open_ for open_, close in _PAIRS.items()}
_SEARCH_DEPTH = 16
_TERMINATOR = re.compile("[" + re.escape("".join(sorted(TERMINATORS))) + "]")
_MARK = re.compile("[" + re.escape('"' + "".join(_PAIRS) + "".join(_CLOSERS)) + "]")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of each sentence of ``text``, terminator included, surrounding white space
    excluded, empty sentences dropped. A quotation or title mark that is never closed protects nothing,
    so one stray “ cannot swallow the rest of a paragraph."""
    spans: list[tuple[int, int]] = []
    line_start = 0
    for line in text.split("\n"):
        _split_line(text, line_start, line_start + len(line), spans)
        line_start += len(line) + 1
    return spans


def _split_line(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    protected = _protected_ranges(text, start, end)
    # A quotation that ends with its own terminator (……。”) ends the sentence with it.
    quote_ends = {hi for lo, hi in protected if hi - 2 > lo and text[hi - 2] in TERMINATORS}
    # Only terminators and quotation ends can cut a sentence: visit those positions, not every character.
    candidates = [m.start() for m in _TERMINATOR.finditer(text, start, end)]
    if quote_ends:
        candidates = sorted(set(candidates).union(q for q in quote_ends if q < end))
    cut = start
    i = start
    guard = 0
    k = 0
    while k < len(candidates):
        if candidates[k] < i:
            k += 1
            continue
        i = candidates[k]
        while guard < len(protected) and protected[guard][1] <= i:
            guard += 1
        inside = guard < len(protected) and protected[guard][0] < i
        ends_here = text[i] in TERMINATORS and not inside
        if ends_here or i in quote_ends:
            j = i + 1 if ends_here else i
            while j < end and (text[j] in TERMINATORS or text[j] in _TRAILERS):
                j += 1
            if j > cut:
                _add(text, cut, j, spans)
                cut = i = j
                continue
        i += 1
        k += 1
    _add(text, cut, end, spans)


def _protected_ranges(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Outermost matched quotation/title pairs in text[start:end] as (open, close + 1), in order."""
    stack: list[tuple[str, int]] = []
    ranges: list[tuple[int, int]] = []
    for match in _MARK.finditer(text, start, end):
        i = match.start()
        ch = text[i]
        if ch == '"':
            if stack and stack[-1][0] == '"':
                _close(stack, ranges, i)
            else:
                stack.append((ch, i))
        elif ch in _PAIRS:
            stack.append((ch, i))
        else:
            # Unwind past marks that were never closed, but only if this closer has an opener.
            # The search is bounded so that thousands of unclosed marks stay linear.
            floor = max(len(stack) - _SEARCH_DEPTH, 0)
            depth = next((k for k in range(len(stack) - 1, floor - 1, -1) if stack[k][0] == _CLOSERS[ch]), None)
            if depth is not None:
                del stack[depth + 1:]
                _close(stack, ranges, i)
    if not ranges:
        return ranges
    ranges.sort()
    merged: list[tuple[int, int]] = []
    for lo, hi in ranges:
        if merged and lo < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
        else:
            merged.append((lo, hi))
    return merged


def _close(stack: list[tuple[str, int]], ranges: list[tuple[int, int]], i: int) -> None:
    _, opened = stack.pop()
    ranges.append((opened, i + 1))


def _add(text: str, lo: int, hi: int, spans: list[tuple[int, int]]) -> None:
    while lo < hi and text[lo].isspace():
        lo += 1
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    if lo < hi:
        spans.append((lo, hi))
