"""The one pass over a document's text that every rule shares: an Aho-Corasick automaton over all literal
terms of the loaded rules and the literal pieces their regular expressions require (see
normcheck.engine.prefilter). Which rules can fire, which regexes can match, and where the terms stand
follow from this scan."""
from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Any

# Above this many distinct first characters the automaton scans a two-character encoding of the text:
# its nodes then have at most 256 children each (see ``_encoding``), and the scan stays as fast with
# thousands of terms as with a hundred.
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
            # Every character is two in the encoding: offsets halve, and a match that starts in the middle
            # of a character is no match.
            for end, term in self._automaton.iter(_encode(text)):
                start = end + 1 - 2 * len(term)
                if not start & 1:
                    found.setdefault(term, []).append(start >> 1)
        else:
            for end, term in self._automaton.iter(text):
                found.setdefault(term, []).append(end - len(term) + 1)
        return found


class _Encoding(dict[int, str]):
    """Character → two characters, its high and its low byte (as UTF-16-BE read as Latin-1 writes a
    character of the Basic Multilingual Plane); a character beyond it gets a pair no such character has."""

    def __missing__(self, code: int) -> str:
        return chr(0x100 + (code >> 8)) + chr(code & 0xFF)


@functools.cache
def _encoding() -> _Encoding:
    table = _Encoding()
    for code in range(0x10000):
        table[code] = chr(code >> 8) + chr(code & 0xFF)
    return table


def _encode(text: str) -> str:
    if not text or max(text) <= "\uffff":
        return text.encode("utf-16-be", "surrogatepass").decode("latin-1")
    return text.translate(_encoding())
