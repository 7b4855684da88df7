"""What the reader skipped reaches the user: JSON ``warnings`` and a 读取提示 line in the text report."""
from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from ooxml import build_docx, p, r

from normcheck.cli import cli


def _with_equation(tmp_path: Path) -> Path:
    body = p(r("第一条 停车泊位面积按下式计算：")) + p(r("面积"), "<m:oMath><m:r><m:t>S=ab</m:t></m:r></m:oMath>")
    return build_docx(tmp_path / "equation.docx", body)


def test_json_lists_reader_warnings(tmp_path: Path) -> None:
    target = _with_equation(tmp_path)
    result = CliRunner().invoke(cli, [str(target), "--format", "json", "--fail-on", "never"])
    assert result.exit_code == 0, result.output
    warnings = json.loads(result.output)["files"][0]["warnings"]
    assert len(warnings) == 1 and "公式" in warnings[0]


def test_text_report_shows_reader_warnings(tmp_path: Path) -> None:
    target = _with_equation(tmp_path)
    result = CliRunner().invoke(cli, [str(target), "--no-color", "--fail-on", "never"])
    assert result.exit_code == 0, result.output
    assert "读取提示" in result.output


def test_clean_file_has_no_reader_warnings(tmp_path: Path) -> None:
    target = build_docx(tmp_path / "plain.docx", p(r("第一条 为规范停车管理，制定本办法。")))
    result = CliRunner().invoke(cli, [str(target), "--format", "json", "--fail-on", "never"])
    assert json.loads(result.output)["files"][0]["warnings"] == []
