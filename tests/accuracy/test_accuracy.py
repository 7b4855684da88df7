"""Precision and recall of the bundled rules, per tag, on the hand-written (tuned) corpus in this folder.

Each ``<tag>.tsv`` holds realistic excerpts: ``defect`` cases the tag's rules must flag and ``clean`` near
misses they must leave alone (format and counting: ``tests/accuracy_harness.py``). Run
``python tests/accuracy/test_accuracy.py`` (or ``pytest -s``) to see the table.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

if __name__ == "__main__":  # run as a script: make tests/ importable, as tests/conftest.py does under pytest
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from accuracy_harness import (
    Case,
    Outcome,
    Score,
    bundled_rules,
    describe_wrong,
    evaluate,
    format_table,
    load_cases,
)

CORPUS_DIR = Path(__file__).resolve().parent
MIN_PRECISION = 0.95
MIN_RECALL = 0.9
MIN_CASES = 30


def corpus_files() -> list[Path]:
    return sorted(CORPUS_DIR.glob("*.tsv"))


def test_score_arithmetic() -> None:
    def outcome(defect: bool, fired: bool) -> Outcome:
        return Outcome(Case("t", 2, defect, "n", "x"), fired)

    score = Score.from_outcomes("t", [outcome(True, True), outcome(True, True), outcome(True, False),
                                      outcome(False, True), outcome(False, False)])
    assert (score.true_positive, score.false_positive, score.false_negative, score.true_negative) == (2, 1, 1, 1)
    assert score.precision == pytest.approx(2 / 3)
    assert score.recall == pytest.approx(2 / 3)
    assert Score.from_outcomes("t", [outcome(True, False)]).recall == 0.0


def test_load_cases_rejects_malformed_lines(tmp_path: Path) -> None:
    bad = tmp_path / "x.tsv"
    bad.write_text("expect\tnote\ttext\nmaybe\tnote\tsome text\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"x\.tsv:2"):
        load_cases(bad)
    bad.write_text("expect,note,text\n", encoding="utf-8")
    with pytest.raises(ValueError, match="header"):
        load_cases(bad)


def test_load_cases_splits_paragraphs(tmp_path: Path) -> None:
    good = tmp_path / "consultation.tsv"
    good.write_text("expect\tnote\ttext\nclean\tn\t第一段\\n第二段\n", encoding="utf-8")
    (case,) = load_cases(good)
    assert case.tag == "consultation" and case.text == "第一段\n第二段" and not case.defect


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.stem)
def test_corpus_is_balanced(path: Path) -> None:
    cases = load_cases(path)
    defects = sum(c.defect for c in cases)
    assert len(cases) >= MIN_CASES
    assert 0.4 <= defects / len(cases) <= 0.6
    assert path.stem in bundled_rules().tags, f"{path.stem} is not a tag of the bundled rules"


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.stem)
def test_accuracy(path: Path) -> None:
    score, wrong = evaluate(path)
    print("\n" + format_table([score]))
    if wrong:
        print(describe_wrong(wrong))
    assert score.precision >= MIN_PRECISION, describe_wrong(wrong)
    assert score.recall >= MIN_RECALL, describe_wrong(wrong)


if __name__ == "__main__":
    results = [evaluate(path) for path in corpus_files()]
    print(format_table(score for score, _ in results))
    misses = [o for _, wrong in results for o in wrong]
    if misses:
        print("\nmisclassified:\n" + describe_wrong(misses))
    sys.exit(0 if all(score.meets(MIN_PRECISION, MIN_RECALL) for score, _ in results) else 1)
