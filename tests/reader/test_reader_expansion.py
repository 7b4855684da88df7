"""Every expansion the reader does is bounded: numbering labels (per label and per document), symbols that
would be surrogates, and fields that never end (a warning, not silently lost text)."""
from __future__ import annotations

import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from ooxml import abstract_num, build_docx, lvl, num, p, r

from normcheck.cli import cli
from normcheck.reader import read_path
from normcheck.reader.numbering import MAX_LABEL_CHARS, MAX_LABEL_CHARS_PER_DOCUMENT
from normcheck.reader.numfmt import MAX_NUMBER_CHARS, format_number
from normcheck.reader.story import WARN_FIELD, WARN_NUMBERING

HUGE = 2**31 - 1


def _numbered(tmp_path: Path, level: str, paragraphs: int) -> Path:
    body = "".join(p(f"第{i}段。", num=(1, 0)) for i in range(paragraphs))
    return build_docx(tmp_path / "n.docx", body, numbering=abstract_num(0, level) + num(1, 0))


@pytest.mark.parametrize("level", [
    lvl(0, "upperLetter", "%1.", start=HUGE),
    lvl(0, "lowerLetter", "%1.", start=10**40),
    lvl(0, "upperRoman", "%1.", start=HUGE),
    lvl(0, "chineseCounting", "第%1条", start=10**30),
    lvl(0, "decimal", "%1" * 5000, start=HUGE),
    lvl(0, "upperLetter", "%1" * 3000, start=10**9),
    lvl(0, "bullet", "•" * 10_000),
])
def test_labels_are_bounded(tmp_path: Path, level: str) -> None:
    path = _numbered(tmp_path, level, 200)
    started = time.monotonic()
    doc = read_path(path)
    assert time.monotonic() - started < 10
    assert len(doc.blocks) == 200
    assert all(len(b.label) <= MAX_LABEL_CHARS for b in doc.blocks)
    assert all(b.text.endswith("段。") for b in doc.blocks)


def test_labels_of_a_document_share_one_budget(tmp_path: Path) -> None:
    count = MAX_LABEL_CHARS_PER_DOCUMENT // MAX_LABEL_CHARS + 500
    path = _numbered(tmp_path, lvl(0, "decimal", "%1" * 5000), count)
    doc = read_path(path)
    assert sum(len(b.label) for b in doc.blocks) <= MAX_LABEL_CHARS_PER_DOCUMENT
    assert WARN_NUMBERING in doc.warnings
    assert len(doc.blocks) == count  # the text is all there, only labels past the budget are dropped


def test_ordinary_numbering_has_no_warning(tmp_path: Path) -> None:
    doc = read_path(_numbered(tmp_path, lvl(0, "chineseCounting", "第%1条"), 30))
    assert [b.label for b in doc.blocks[:3]] == ["第一条", "第二条", "第三条"]
    assert WARN_NUMBERING not in doc.warnings


@pytest.mark.parametrize("fmt", ["upperLetter", "lowerLetter", "upperRoman", "lowerRoman", "decimal",
                                 "chineseCounting", "chineseLegalSimplified", "ideographDigital"])
def test_one_counter_is_bounded(fmt: str) -> None:
    assert len(format_number(10**50, fmt)) <= MAX_NUMBER_CHARS
    assert format_number(28, "upperLetter") == "BB" and format_number(1994, "upperRoman") == "MCMXCIV"


@pytest.mark.parametrize("code", ["D800", "DFFF", "DBFF", "FFFE", "FFFF", "0001", "009F", "F0D800"])
def test_symbols_never_produce_surrogates_or_controls(tmp_path: Path, code: str) -> None:
    sym = f'<w:r><w:sym w:font="Arial" w:char="{code}"/></w:r>'
    path = build_docx(tmp_path / "s.docx", p(r("前"), sym, r("后。")))
    doc = read_path(path)
    assert doc.blocks[0].text == "前后。"
    result = CliRunner().invoke(cli, ["dump", str(path)])
    assert result.exit_code == 0 and result.stdout_bytes.decode("utf-8").strip() == "前后。"
    result = CliRunner().invoke(cli, [str(path), "--format", "json", "--no-cache"])
    assert result.exit_code in (0, 1), result.output


def test_unterminated_field_is_a_warning(tmp_path: Path) -> None:
    begin = '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r>'
    path = build_docx(tmp_path / "f.docx", p("第一条 可见。") + p(begin, r("其后的文字。")) + p("第二条 内容。"))
    doc = read_path(path)
    assert doc.blocks[0].text == "第一条 可见。"
    assert WARN_FIELD in doc.warnings


def test_terminated_field_has_no_warning(tmp_path: Path) -> None:
    field = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r>'
             '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + r("3")
             + '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
    doc = read_path(build_docx(tmp_path / "g.docx", p("第", field, "页")))
    assert doc.blocks[0].text == "第3页" and WARN_FIELD not in doc.warnings
