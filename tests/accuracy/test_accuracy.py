"""Precision and recall of the bundled rules, per tag, on the hand-written corpus in this folder.

Each ``<tag>.tsv`` holds realistic excerpts: ``defect`` cases the tag's rules must flag and ``clean`` near
misses they must leave alone. A case *fires* for a tag when the bundled rules report at least one finding of
severity error or warning that carries the tag. Run ``python tests/accuracy/test_accuracy.py`` (or
``pytest -s``) to see the table.
"""
from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest

CORPUS_DIR = Path(__file__).resolve().parent
MIN_PRECISION = 0.95
MIN_RECALL = 0.9
MIN_CASES = 30
HEADER = ["expect", "note", "text"]
EXPECTATIONS = ("defect", "clean")
COUNTED_SEVERITIES = frozenset({"error", "warning"})


@dataclass(frozen=True)
class Case:
    tag: str
    line: int
    defect: bool
    note: str
    text: str


@dataclass(frozen=True)
class Score:
    tag: str
    true_positive: int
    false_positive: int
    false_negative: int
    true_negative: int

    @classmethod
    def from_outcomes(cls, tag: str, outcomes: Iterable[tuple[bool, bool]]) -> Score:
        """``outcomes`` pairs (the case is a defect, the tag fired on it)."""
        counts = {(True, True): 0, (False, True): 0, (True, False): 0, (False, False): 0}
        for defect, fired in outcomes:
            counts[(defect, fired)] += 1
        return cls(tag, counts[(True, True)], counts[(False, True)], counts[(True, False)], counts[(False, False)])

    @property
    def precision(self) -> float:
        flagged = self.true_positive + self.false_positive
        return self.true_positive / flagged if flagged else 1.0

    @property
    def recall(self) -> float:
        defects = self.true_positive + self.false_negative
        return self.true_positive / defects if defects else 1.0


def load_cases(path: Path) -> list[Case]:
    """Read one corpus file; a malformed line raises ValueError naming file and line."""
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines or lines[0].split("\t") != HEADER:
        raise ValueError(f"{path.name}:1: header must be {'<TAB>'.join(HEADER)}")
    cases = []
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) != 3 or fields[0] not in EXPECTATIONS or not fields[2].strip():
            raise ValueError(f"{path.name}:{number}: expected 'defect|clean<TAB>note<TAB>text'")
        text = fields[2].replace("\\n", "\n")
        cases.append(Case(path.stem, number, fields[0] == "defect", fields[1], text))
    return cases


def corpus_files() -> list[Path]:
    return sorted(CORPUS_DIR.glob("*.tsv"))


@lru_cache(maxsize=1)
def bundled_rules() -> Any:
    from normcheck.dsl import load_rules

    return load_rules()


def fired_tags(text: str, rules: Any) -> set[str]:
    from normcheck.engine import check_document
    from normcheck.reader.plain import document_from_text

    findings = check_document(document_from_text(text, path="case.txt"), rules)
    return {tag for f in findings if f.severity in COUNTED_SEVERITIES for tag in f.tags}


def evaluate(cases: list[Case], rules: Any) -> tuple[Score, list[Case]]:
    """The score for the cases' tag and the cases it got wrong."""
    outcomes = []
    wrong = []
    for case in cases:
        fired = case.tag in fired_tags(case.text, rules)
        outcomes.append((case.defect, fired))
        if fired != case.defect:
            wrong.append(case)
    return Score.from_outcomes(cases[0].tag, outcomes), wrong


def format_table(scores: list[Score]) -> str:
    rows = [f"{'tag':<22}{'cases':>6}{'TP':>5}{'FP':>5}{'FN':>5}{'TN':>5}{'precision':>11}{'recall':>8}"]
    for s in scores:
        total = s.true_positive + s.false_positive + s.false_negative + s.true_negative
        rows.append(f"{s.tag:<22}{total:>6}{s.true_positive:>5}{s.false_positive:>5}{s.false_negative:>5}"
                    f"{s.true_negative:>5}{s.precision:>11.3f}{s.recall:>8.3f}")
    return "\n".join(rows)


def describe_misses(wrong: list[Case]) -> str:
    return "\n".join(f"  {c.tag}.tsv:{c.line} {'missed' if c.defect else 'false alarm'}: {c.note}" for c in wrong)


def run_all() -> tuple[list[Score], list[Case]]:
    rules = bundled_rules()
    scores, misses = [], []
    for path in corpus_files():
        score, wrong = evaluate(load_cases(path), rules)
        scores.append(score)
        misses.extend(wrong)
    return scores, misses


# ---- tests ----------------------------------------------------------------------------------------------

def test_score_arithmetic() -> None:
    score = Score.from_outcomes("t", [(True, True), (True, True), (True, False), (False, True), (False, False)])
    assert (score.true_positive, score.false_positive, score.false_negative, score.true_negative) == (2, 1, 1, 1)
    assert score.precision == pytest.approx(2 / 3)
    assert score.recall == pytest.approx(2 / 3)
    assert Score.from_outcomes("t", [(True, False)]).recall == 0.0


def test_load_cases_rejects_malformed_lines(tmp_path: Path) -> None:
    bad = tmp_path / "x.tsv"
    bad.write_text("expect\tnote\ttext\nmaybe\tnote\tsome text\n", encoding="utf-8")
    with pytest.raises(ValueError, match="x.tsv:2"):
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
    score, wrong = evaluate(load_cases(path), bundled_rules())
    print("\n" + format_table([score]))
    if wrong:
        print(describe_misses(wrong))
    assert score.precision >= MIN_PRECISION, describe_misses(wrong)
    assert score.recall >= MIN_RECALL, describe_misses(wrong)


if __name__ == "__main__":
    all_scores, all_misses = run_all()
    print(format_table(all_scores))
    if all_misses:
        print("\nmisclassified:\n" + describe_misses(all_misses))
    sys.exit(0 if all(s.precision >= MIN_PRECISION and s.recall >= MIN_RECALL for s in all_scores) else 1)
