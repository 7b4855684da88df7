"""Numbering definitions written by an attacker: any formats, start values, level texts and overrides give
labels within the per-label bound and the per-document budget, quickly, and never raise."""
from __future__ import annotations

from fuzzing import fuzz_settings, hang_guard
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from normcheck.reader.numbering import MAX_LABEL_CHARS, LabelBudget, Numbering

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FORMATS = ["decimal", "upperLetter", "lowerLetter", "upperRoman", "lowerRoman", "chineseCounting",
           "chineseLegalSimplified", "ideographTraditional", "decimalEnclosedCircle", "bullet", "none",
           "decimalZero", "decimalFullWidth", "ideographDigital", "unknownFormat"]
PIECES = ["%1", "%2", "%3", "%9", "第", "条", ".", "（", "）", "%", "%0", "\uf0b7"]
STARTS = st.one_of(st.integers(-5, 60), st.integers(-(2**70), 2**70), st.sampled_from(["x", "", "1e9", "-0",
                                                                                        "9" * 5000]))


def _level(ilvl: int, fmt: str, text: str, start: object) -> str:
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/></w:lvl>')


@fuzz_settings(200)
@given(levels=st.lists(st.tuples(st.sampled_from(FORMATS), st.lists(st.sampled_from(PIECES), max_size=400),
                                 STARTS), min_size=1, max_size=9),
       override=st.one_of(st.none(), STARTS),
       paragraphs=st.lists(st.integers(0, 9), min_size=1, max_size=80),
       budget=st.integers(0, 5000))
def test_numbering_labels_are_bounded(levels: list[tuple[str, list[str], object]], override: object,
                                      paragraphs: list[int], budget: int) -> None:
    lvls = "".join(_level(i, fmt, "".join(text), start) for i, (fmt, text, start) in enumerate(levels))
    overrides = "" if override is None else \
        f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{override}"/></w:lvlOverride>'
    xml = (f'<w:numbering xmlns:w="{W_NS}"><w:abstractNum w:abstractNumId="0">{lvls}</w:abstractNum>'
           f'<w:num w:numId="1"><w:abstractNumId w:val="0"/>{overrides}</w:num></w:numbering>')
    numbering = Numbering(etree.fromstring(xml.encode()), dict)
    numbering.budget = LabelBudget(budget)
    total = 0
    with hang_guard(10):
        for ilvl in paragraphs:
            label, _ = numbering.label("1", ilvl)
            assert len(label) <= MAX_LABEL_CHARS
            assert not any(0xD800 <= ord(c) <= 0xDFFF for c in label)
            total += len(label)
    assert total <= budget
