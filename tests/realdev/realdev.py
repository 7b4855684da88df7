"""The real-document regression set: 80 published Shanghai normative documents (docs/) and one label file.

``labels.tsv`` has one row per error/warning finding normcheck has reported on these documents, judged
``right`` or ``wrong`` with a one-line legal reason, and one row per real defect found by reading
(``missed`` while normcheck does not report it). Columns: doc, rule, severity, tags, part, paragraph,
article, excerpt, verdict, reason.

A finding is matched to a label by (doc, rule, part, paragraph, excerpt). A defect (a ``right`` or ``missed``
row) counts as found when a finding of its tag stands at its paragraph (or, for an absence, anywhere in the
document at document level).

Run ``python tests/realdev/realdev.py`` for the table of precision and recall per tag.
"""
from __future__ import annotations

import csv
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).parent
DOCS = HERE / "docs"
LABELS = HERE / "labels.tsv"
COLUMNS = ["doc", "rule", "severity", "tags", "part", "paragraph", "article", "excerpt", "verdict", "reason"]
VERDICTS = ("right", "wrong", "missed")
REPORTED = ("error", "warning")
TAGS = ("authority", "fair-competition", "civil-code", "filing", "consultation", "legality-review",
        "collective-decision", "citation")


@dataclass(frozen=True)
class Label:
    doc: str
    rule: str
    severity: str
    tags: tuple[str, ...]
    part: str
    paragraph: int | None
    excerpt: str
    verdict: str
    reason: str

    @property
    def key(self) -> tuple[object, ...]:
        return (self.doc, self.rule, self.part, self.paragraph, self.excerpt)


@dataclass(frozen=True)
class Reported:
    doc: str
    rule: str
    severity: str
    tags: tuple[str, ...]
    part: str
    paragraph: int | None
    article: str
    excerpt: str
    message: str

    @property
    def key(self) -> tuple[object, ...]:
        return (self.doc, self.rule, self.part, self.paragraph, self.excerpt)


def load_labels(path: Path = LABELS) -> list[Label]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    if not rows or rows[0] != COLUMNS:
        raise ValueError(f"{path.name}:1: header must be {'<TAB>'.join(COLUMNS)}")
    labels = []
    for number, row in enumerate(rows[1:], start=2):
        if not row:
            continue
        if len(row) != len(COLUMNS) or row[8] not in VERDICTS or not row[9].strip():
            raise ValueError(f"{path.name}:{number}: expected {len(COLUMNS)} columns, a verdict and a reason")
        labels.append(Label(row[0], row[1], row[2], tuple(t for t in row[3].split(",") if t), row[4],
                            int(row[5]) if row[5] else None, row[7], row[8], row[9]))
    return labels


def run_normcheck() -> list[Reported]:
    """Every error/warning finding of the bundled rules on every document, each file read in the mode
    normcheck detects (these are published texts: document mode)."""
    from normcheck.dsl import load_rules
    from normcheck.engine import check_document
    from normcheck.reader import read_path
    from normcheck.structure import analyze

    rules = load_rules()
    reported = []
    for path in sorted(DOCS.glob("*.docx")):
        doc = read_path(path)
        for f in check_document(doc, rules, analyze(doc)):
            if f.severity in REPORTED:
                reported.append(Reported(path.name[:4], f.rule, f.severity, f.tags, f.location.part,
                                         f.location.paragraph, f.location.article or "", f.excerpt, f.message))
    return reported


@dataclass
class Tally:
    right: int = 0
    wrong: int = 0
    unlabelled: int = 0
    defects: int = 0
    found: int = 0

    @property
    def precision(self) -> float:
        judged = self.right + self.wrong
        return self.right / judged if judged else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.defects if self.defects else 1.0


def defect_found(label: Label, reported: list[Reported]) -> bool:
    tag = label.tags[0] if label.tags else ""
    for r in reported:
        if r.doc != label.doc or tag not in r.tags:
            continue
        if label.paragraph is None and r.part == "document":
            return True
        if label.paragraph is not None and r.paragraph == label.paragraph:
            return True
    return False


def score(labels: list[Label], reported: list[Reported]) -> tuple[dict[str, Tally], list[Reported]]:
    """Per-tag tallies, and the reported findings that have no label."""
    verdicts = {label.key: label.verdict for label in labels if label.verdict in ("right", "wrong")}
    tallies = {tag: Tally() for tag in TAGS}
    unlabelled = []
    for r in reported:
        verdict = verdicts.get(r.key)
        if verdict is None:
            unlabelled.append(r)
        for tag in r.tags:
            tally = tallies.setdefault(tag, Tally())
            if verdict == "right":
                tally.right += 1
            elif verdict == "wrong":
                tally.wrong += 1
            else:
                tally.unlabelled += 1
    for label in defects(labels):
        tally = tallies.setdefault(label.tags[0], Tally())
        tally.defects += 1
        tally.found += defect_found(label, reported)
    return tallies, unlabelled


def defects(labels: list[Label]) -> list[Label]:
    """The real defects: findings judged right and defects found by reading, one per (doc, tag, paragraph)
    (a defect first recorded as missed and later reported has both rows)."""
    seen: set[tuple[object, ...]] = set()
    chosen = []
    for label in labels:
        if label.verdict not in ("right", "missed") or not label.tags:
            continue
        key = (label.doc, label.tags[0], label.paragraph)
        if key not in seen:
            seen.add(key)
            chosen.append(label)
    return chosen


def table(tallies: dict[str, Tally]) -> str:
    lines = [f"{'tag':<22}{'right':>6}{'wrong':>6}{'new':>5}{'precision':>10}{'defects':>8}{'found':>6}{'recall':>8}"]
    for tag, t in tallies.items():
        lines.append(f"{tag:<22}{t.right:>6}{t.wrong:>6}{t.unlabelled:>5}{t.precision:>10.3f}{t.defects:>8}"
                     f"{t.found:>6}{t.recall:>8.3f}")
    return "\n".join(lines)


def main() -> int:
    labels = load_labels()
    reported = run_normcheck()
    tallies, unlabelled = score(labels, reported)
    print(table(tallies))
    print(f"\n{len(reported)} error/warning findings; {len(unlabelled)} without a label")
    counts = Counter(r.rule for r in reported)
    print("by rule: " + ", ".join(f"{rule} {n}" for rule, n in sorted(counts.items())))
    for r in unlabelled:
        print("\t".join([r.doc, r.rule, r.severity, ",".join(r.tags), r.part, str(r.paragraph or ""), r.article,
                         r.excerpt, "?", r.message[:80]]))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parent.parent))
    raise SystemExit(main())
