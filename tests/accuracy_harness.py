"""Measuring the bundled rules on a corpus of labelled excerpts: precision and recall per tag.

A corpus file ``<tag>.tsv`` has the header ``expect<TAB>note<TAB>text`` and one case a line: ``defect`` (the
tag's rules must flag it) or ``clean`` (a near miss they must leave alone), a short note, and the excerpt
with ``\\n`` between paragraphs. Every case is an excerpt of a filing package, so it is read in package mode
(``--mode package``); document mode is tested on its own in tests/structure and tests/realdev. A case *fires* for its tag when the bundled rules report at least one finding
of severity error or warning that carries the tag. Used by ``tests/accuracy`` (the tuned corpus) and
``tests/accuracy_blind`` (the held-out corpus).
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

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
class Outcome:
    case: Case
    fired: bool
    tag_rules: tuple[str, ...] = ()    # rules that reported the case's tag at error/warning
    other_rules: tuple[str, ...] = ()  # every other rule that reported anything (any tag, any severity)

    @property
    def wrong(self) -> bool:
        return self.fired != self.case.defect


@dataclass(frozen=True)
class Score:
    tag: str
    true_positive: int
    false_positive: int
    false_negative: int
    true_negative: int

    @classmethod
    def from_outcomes(cls, tag: str, outcomes: Iterable[Outcome]) -> Score:
        outcomes = list(outcomes)
        tp = sum(o.case.defect and o.fired for o in outcomes)
        fp = sum(not o.case.defect and o.fired for o in outcomes)
        fn = sum(o.case.defect and not o.fired for o in outcomes)
        tn = sum(not o.case.defect and not o.fired for o in outcomes)
        return cls(tag, tp, fp, fn, tn)

    @property
    def cases(self) -> int:
        return self.true_positive + self.false_positive + self.false_negative + self.true_negative

    @property
    def precision(self) -> float:
        flagged = self.true_positive + self.false_positive
        return self.true_positive / flagged if flagged else 1.0

    @property
    def recall(self) -> float:
        defects = self.true_positive + self.false_negative
        return self.true_positive / defects if defects else 1.0

    def meets(self, min_precision: float, min_recall: float) -> bool:
        return self.precision >= min_precision and self.recall >= min_recall


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
        cases.append(Case(path.stem, number, fields[0] == "defect", fields[1], fields[2].replace("\\n", "\n")))
    return cases


@lru_cache(maxsize=1)
def bundled_rules() -> Any:
    from normcheck.dsl import load_rules

    return load_rules()


def run_case(case: Case, rules: Any) -> Outcome:
    from normcheck.engine import check_document
    from normcheck.reader.plain import document_from_text
    from normcheck.structure import analyze

    doc = document_from_text(case.text, path="case.txt")
    findings = check_document(doc, rules, analyze(doc, mode="package"))
    tag_rules = sorted({f.rule for f in findings if f.severity in COUNTED_SEVERITIES and case.tag in f.tags})
    other = sorted({f"{f.rule}({f.severity})" for f in findings if f.rule not in tag_rules})
    return Outcome(case, bool(tag_rules), tuple(tag_rules), tuple(other))


def evaluate(path: Path, rules: Any | None = None) -> tuple[Score, tuple[Outcome, ...]]:
    """The score of one corpus file and the outcomes it got wrong."""
    rules = bundled_rules() if rules is None else rules
    outcomes = [run_case(case, rules) for case in load_cases(path)]
    return Score.from_outcomes(path.stem, outcomes), tuple(o for o in outcomes if o.wrong)


def format_table(scores: Iterable[Score]) -> str:
    rows = [f"{'tag':<22}{'cases':>6}{'TP':>5}{'FP':>5}{'FN':>5}{'TN':>5}{'precision':>11}{'recall':>8}"]
    for s in scores:
        rows.append(f"{s.tag:<22}{s.cases:>6}{s.true_positive:>5}{s.false_positive:>5}{s.false_negative:>5}"
                    f"{s.true_negative:>5}{s.precision:>11.3f}{s.recall:>8.3f}")
    return "\n".join(rows)


def describe_wrong(wrong: Iterable[Outcome]) -> str:
    lines = []
    for o in wrong:
        c = o.case
        kind = "missed" if c.defect else "false alarm"
        lines.append(f"  {c.tag}.tsv:{c.line} {kind}: {c.note}\n"
                     f"      {c.tag} rules fired: {', '.join(o.tag_rules) or 'none'}; "
                     f"other rules: {', '.join(o.other_rules) or 'none'}")
    return "\n".join(lines)
