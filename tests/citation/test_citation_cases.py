"""Real citations, data-driven: each wrong citation is reported by its rule; each correct one by no rule
of the ``citation`` tag."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from normcheck.api import check_document, load_rules

HERE = Path(__file__).parent
SIGNATURE = "上海市某某区人民政府"


def _rows(name: str) -> list[list[str]]:
    rows = []
    for line in (HERE / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


WRONG = _rows("wrong_citations.tsv")
CORRECT = _rows("correct_citations.tsv")


@pytest.fixture(scope="module")
def rules():  # type: ignore[no-untyped-def]
    return load_rules()


def _document(sentence: str, issued: str) -> str:
    day = dt.date.fromisoformat(issued)
    return f"{sentence}\n{SIGNATURE}\n{day.year}年{day.month}月{day.day}日\n"


def _citation_rules(rules, sentence: str, issued: str) -> set[str]:  # type: ignore[no-untyped-def]
    findings = check_document(_document(sentence, issued), rules, select=["citation"])
    return {f.rule for f in findings}


def test_enough_cases() -> None:
    assert len(WRONG) >= 30
    assert len(CORRECT) >= 60


@pytest.mark.parametrize(("rule", "issued", "sentence"), [row[:3] for row in WRONG],
                         ids=[f"{row[0]}-{n}" for n, row in enumerate(WRONG)])
def test_wrong_citation_is_reported(rules, rule: str, issued: str, sentence: str) -> None:  # type: ignore[no-untyped-def]
    found = _citation_rules(rules, sentence, issued)
    assert rule in found, found


@pytest.mark.parametrize(("issued", "sentence"), [row[:2] for row in CORRECT],
                         ids=[f"ok-{n}" for n in range(len(CORRECT))])
def test_correct_citation_is_silent(rules, issued: str, sentence: str) -> None:  # type: ignore[no-untyped-def]
    assert _citation_rules(rules, sentence, issued) == set()
