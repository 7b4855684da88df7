from __future__ import annotations

import re
import unicodedata

import pytest
from rule_fixtures import BUNDLED_TAG_LABELS

from normcheck.model import FileResult, Finding, Location
from normcheck.report import render
from normcheck.report.text import render_text

ANSI = re.compile(r"\x1b\[[0-9;]*m")
LABELS = BUNDLED_TAG_LABELS


def _cells(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in line)


def test_golden_plain(results, golden):
    golden("report.txt", render_text(results, color=False, width=80, baseline_suppressed=2,
                                      unmatched_waivers=["old/*.docx: CC-001"], tag_labels=LABELS))


def test_plain_output_has_no_escape_codes_or_trailing_spaces(results):
    output = render_text(results, color=False, width=80)
    assert "\x1b" not in output
    assert all(line == line.rstrip() for line in output.splitlines())


def test_color_output_styles_the_match_instead_of_bracketing(results):
    output = render_text(results, color=True, width=80)
    assert ANSI.search(output)
    assert "〖" not in output
    assert "《中华人民共和国合同法》" in ANSI.sub("", output)


def test_match_is_bracketed_in_its_sentence(results):
    output = render_text(results, color=False, width=120)
    assert "根据〖《中华人民共和国合同法》〗制定本办法" in output


def test_excerpt_falls_back_to_block_text(results):
    # AUTH-002 has no sentence context: the text around the match comes from the document's block.
    output = render_text(results, color=False, width=120)
    assert "违反本办法的，〖处<script>alert(1)</script>500元罚款〗。" in output


@pytest.mark.parametrize("width", [30, 40, 57])
def test_narrow_width_respects_wide_characters(results, width):
    for line in render_text(results, color=False, width=width).splitlines():
        assert _cells(line) <= width, line


def test_sections_and_labels(results):
    output = render_text(results, color=False, width=120)
    first = output.split("docs/备案 包,1")[0]
    assert first.index("错误（2）") < first.index("警告（1）") < first.index("提示（1）")
    assert "[第一条，第2段]" in output and "[整个文件]" in output and "[页眉第1段]" in output
    assert "依据：《中华人民共和国民法典》第一千二百六十条" in output
    assert "修改建议：改为引用" in output


def test_unreadable_file_is_one_line(results):
    lines = [line for line in render_text(results, color=False, width=200).splitlines()
             if line.startswith("docs/broken.docx")]
    assert lines == ["docs/broken.docx — 无法读取（not-a-docx）：文件不是有效的 Word 文档（.docx）。"]


def test_summary_counts(results):
    output = render_text(results, color=False, width=100, baseline_suppressed=5,
                         unmatched_waivers=["old/*.docx: CC-001"], tag_labels=LABELS)
    summary = output[output.index("汇总"):]
    rows = {m.group(1): int(m.group(2)) for m in re.finditer(r"^\s*(\S.*?)\s+(\d+)$", summary, re.MULTILINE)}
    assert rows["检查文件"] == 4 and rows["无法读取"] == 1
    assert (rows["错误"], rows["警告"], rows["提示"]) == (3, 1, 1)
    assert rows["已豁免"] == 1 and rows["基线中已有（未列出）"] == 5
    assert rows["制定权限 (authority)"] == 2
    assert "豁免未匹配任何问题：old/*.docx: CC-001" in output


def test_markup_in_document_text_is_printed_literally():
    finding = Finding("R-1", "error", ("own-tag",), "[bold]标题[/bold]", "消息 [red]x[/red]", "", "",
                      Location("a.docx", "body", 1), excerpt="[link]")
    output = render_text([FileResult("a[1].docx", findings=[finding])], color=True, width=100)
    plain = ANSI.sub("", output)
    assert "[bold]标题[/bold]" in plain and "消息 [red]x[/red]" in plain and "a[1].docx" in plain
    assert "own-tag" in plain


def test_clean_run_and_dispatch(results):
    output = render("text", [FileResult("a.docx")], color=False, width=80, rules=None)
    assert "a.docx — 未发现问题" in output
    assert "汇总" in output


def test_default_width_follows_the_terminal(results, monkeypatch):
    monkeypatch.setenv("COLUMNS", "44")
    lines = render_text(results, color=False).splitlines()
    assert max(_cells(line) for line in lines) <= 44
    assert max(_cells(line) for line in lines) > 30


def test_tiny_width_still_renders(results):
    output = render_text(results, color=False, width=3)
    assert "CC-001" in output
