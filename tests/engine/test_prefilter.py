"""The regex prefilter decides from literal pieces alone which patterns can match. It may let a pattern run
that then finds nothing, but it must never hold back one that matches: checked for every bundled pattern
on real documents, the samples and generated text."""
from __future__ import annotations

import random
from pathlib import Path

import pytest

from normcheck.dsl import load_rules
from normcheck.engine.fold import fold
from normcheck.engine.prefilter import ALWAYS, RegexPrefilter, atoms, holds, requirement
from normcheck.engine.scan import TermScanner

TESTS = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(("source", "present", "absent"), [
    ("罚款", {"罚款"}, set()),
    ("将(?:于|在)提交", {"将于提交"}, {"将于", "提交"}),
    ("(依照|根据)《[^》]{2,10}》", {"依照《", "》"}, {"依照", "》"}),
    ("的?(行政)?(处罚)?决定(书|前)?|程序", {"决定"}, {"处罚"}),
    ("[0-9]{4}年度", {"年度"}, {"年"}),
    ("第[一二三]条", {"第一条"}, {"第四条"}),
    ("ABC公司", {"abc公司"}, {"ABC公司"}),
])
def test_requirements(source: str, present: set[str], absent: set[str]) -> None:
    need = requirement(source)
    assert holds(need, present)
    assert not holds(need, absent)


@pytest.mark.parametrize("source", ["\\p{Han}{3}", "x?y?", ".*", "[^。]+", "(?i:abc)", "[甲乙]"])
def test_patterns_that_can_match_anything_always_run(source: str) -> None:
    assert requirement(source) == ALWAYS


def test_long_alternations_keep_their_pieces_as_atoms() -> None:
    need = requirement("(?:甲|乙|丙|丁)(?:一|二|三|四|五)办法")
    assert need != ALWAYS and "办法" in "".join(atoms(need))


def _texts() -> list[str]:
    from normcheck.reader import read_path

    files = sorted((TESTS / "realdev" / "docs").glob("*.docx")) + sorted((TESTS.parent / "samples").glob("*.docx"))
    texts = [fold("\n".join(block.text for block in read_path(f).blocks)) for f in files]
    rng = random.Random(5)
    pieces = [t[i:i + 40] for t in texts for i in range(0, len(t), 997)]
    texts += ["".join(rng.sample(pieces, 12)) for _ in range(40)]
    return texts


def test_no_bundled_pattern_that_matches_is_held_back() -> None:
    library = load_rules().rules[0].library
    patterns = [p for p in library._regexes.values() if p.index is not None]
    scanner = TermScanner(library._terms | RegexPrefilter(library._set_sources).atoms)
    prefilter = RegexPrefilter(library._set_sources)
    held_back = ran = 0
    for text in _texts():
        hits = prefilter.hits(scanner.scan(text))
        for pattern in patterns:
            if pattern.index in hits:
                ran += 1
                continue
            held_back += 1
            assert next(iter(pattern.regex.finditer(text)), None) is None, pattern.regex.source
    assert held_back > ran  # the prefilter does hold most patterns back


def test_requirements_round_trip_through_json_and_damage_is_refused() -> None:
    from normcheck.engine.prefilter import from_json, to_json

    needs = [requirement(s) for s in ("罚款", "将(?:于|在)提交", "x?y?", "(依照|根据)《[^》]{2,10}》")]
    assert from_json(to_json(needs), len(needs)) == needs
    for damaged in (b"", b"{", b"[]", to_json(needs)[:-3], b'[["lit", 3]]', b'[["and", []]]', b'[["exec", "x"]]'):
        assert from_json(damaged, len(needs)) is None
    assert from_json(to_json(needs), len(needs) + 1) is None


def test_a_second_load_reads_the_stored_requirements(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from normcheck.engine import prefilter

    monkeypatch.setenv("NORMCHECK_CACHE_DIR", str(tmp_path))
    first = load_rules().rules[0].library
    first.scan_terms("罚款")
    derived: list[str] = []
    original = prefilter.requirement
    monkeypatch.setattr(prefilter, "requirement", lambda source: derived.append(source) or original(source))
    second = load_rules().rules[0].library
    second.scan_terms("罚款")
    assert derived == []
    assert second._regex_set.requirements == first._regex_set.requirements
    for entry in tmp_path.rglob("prefilter-*"):
        entry.write_bytes(b"damaged")
    third = load_rules().rules[0].library
    third.scan_terms("罚款")
    assert derived and third._regex_set.requirements == first._regex_set.requirements
