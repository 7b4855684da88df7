"""The one pass over a document's text that every rule shares: all literal terms of the loaded rules at
once (an Aho-Corasick automaton), and the regular expressions whose required literal pieces occur (an RE2
filter). Which rules can fire, and where the terms stand, follow from these two scans."""
from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Any

# Above this many distinct first characters the automaton scans a two-character encoding of the text:
# its nodes then have at most a few hundred children each (see ``_encoding``), and the scan stays as
# fast with thousands of terms as with a hundred.
_WIDE_ROOT = 256


class TermScanner:
    """Start offsets of every occurrence (overlapping ones included) of a fixed set of terms."""

    def __init__(self, terms: Iterable[str]) -> None:
        import ahocorasick  # type: ignore[import-not-found]

        self.terms = sorted(set(terms))
        self.encoded = len({term[0] for term in self.terms if term}) > _WIDE_ROOT
        automaton = ahocorasick.Automaton()
        for term in self.terms:
            if term:
                automaton.add_word(_encode(term) if self.encoded else term, term)
        self._automaton: Any = automaton
        self._empty = not self.terms
        if not self._empty:
            automaton.make_automaton()

    def scan(self, text: str) -> dict[str, list[int]]:
        found: dict[str, list[int]] = {}
        if self._empty:
            return found
        if self.encoded:
            # Every character is two in the encoding, so offsets halve.
            for end, term in self._automaton.iter(_encode(text)):
                found.setdefault(term, []).append((end + 1) // 2 - len(term))
        else:
            for end, term in self._automaton.iter(text):
                found.setdefault(term, []).append(end - len(term) + 1)
        return found


class _Encoding(dict[int, str]):
    """Character → two characters: its high bits from one range, its low byte from another, so that an
    encoded term can only match at the start of an encoded character."""

    def __missing__(self, code: int) -> str:
        return chr(0x1000 + (code >> 8)) + chr(0x200 + (code & 0xFF))


@functools.cache
def _encoding() -> _Encoding:
    table = _Encoding()
    for code in range(0x10000):
        table[code] = chr(0x100 + (code >> 8)) + chr(0x200 + (code & 0xFF))
    return table


def _encode(text: str) -> str:
    return text.translate(_encoding())
