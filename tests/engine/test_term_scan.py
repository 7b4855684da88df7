"""The shared term scan: every occurrence of every term, overlapping ones included, whatever the size of
the term set (a wide set is scanned through a two-character encoding of the text)."""
from __future__ import annotations

import random

from normcheck.engine import scan
from normcheck.engine.scan import TermScanner


def _naive(terms: list[str], text: str) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    for term in set(terms):
        starts = [i for i in range(len(text) - len(term) + 1) if text.startswith(term, i)]
        if starts:
            found[term] = starts
    return found


def _sorted(found: dict[str, list[int]]) -> dict[str, list[int]]:
    return {term: sorted(starts) for term, starts in found.items()}


def test_narrow_and_wide_term_sets_find_the_same_occurrences() -> None:
    rng = random.Random(7)
    alphabet = [chr(c) for c in range(0x4E00, 0x4E40)] + ["a", "A", "。", "\n", "𠀀", "𠀁"]
    text = "".join(rng.choice(alphabet) for _ in range(3000))
    terms = sorted({"".join(rng.choice(alphabet) for _ in range(rng.randint(1, 3))) for _ in range(120)})
    narrow = TermScanner(terms)
    assert not narrow.encoded
    wide_terms = terms + [chr(0x5000 + i) + "罚" for i in range(scan._WIDE_ROOT + 1)]
    wide = TermScanner(wide_terms)
    assert wide.encoded
    expected = _naive(terms, text)
    assert _sorted(narrow.scan(text)) == expected
    found = _sorted(wide.scan(text))
    assert {t: s for t, s in found.items() if t in set(terms)} == expected
    assert set(found) - set(terms) == set()


def test_wide_scan_reports_offsets_in_characters_around_astral_characters() -> None:
    terms = [chr(0x6000 + i) + "款" for i in range(scan._WIDE_ROOT + 1)] + ["罚款", "款𠀀", "𠀀罚"]
    scanner = TermScanner(terms)
    assert scanner.encoded
    text = "𠀀罚款𠀀罚款"
    assert _sorted(scanner.scan(text)) == {"罚款": [1, 4], "款𠀀": [2], "𠀀罚": [0, 3]}


def test_overlapping_occurrences_are_all_reported() -> None:
    assert TermScanner(["罚款", "款项", "罚"]).scan("罚款项") == {"罚": [0], "罚款": [0], "款项": [1]}


def test_no_terms_scan_to_nothing() -> None:
    assert TermScanner([]).scan("罚款") == {}
