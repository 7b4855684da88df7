"""One voice: the [review] table, Chinese help and errors, waiver reasons in the terminal."""
from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner, Result
from docx.oxml.ns import qn

from normcheck.cli import cli
from normcheck.config import load_config, starter_config
from normcheck.errors import ConfigError
from normcheck.review import Reviewer, parse_days

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def invoke(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_review_table_is_read(tmp_path: Path) -> None:
    config = load_config(write(tmp_path / "normcheck.toml", """
expiring-within = "3m"
[review]
name = "张三"
office = "前进区司法局"
timezone = "Asia/Shanghai"
opinion-title = "对《{title}》的审查意见"
template = "模板/意见.docx"
"""))
    assert config.review == Reviewer(name="张三", initials="张三", office="前进区司法局", timezone="Asia/Shanghai",
                                     opinion_title="对《{title}》的审查意见",
                                     template=tmp_path / "模板" / "意见.docx")
    assert config.expiring_within == 90


@pytest.mark.parametrize("table", [
    '[review]\nnickname = "x"', '[review]\nname = ""', '[review]\ntimezone = "Mars/Base"',
    'review = "x"', 'expiring-within = "soon"', '[review]\nopinion-title = "{name}"',
])
def test_review_mistakes_are_config_errors(tmp_path: Path, table: str) -> None:
    with pytest.raises(ConfigError):
        load_config(write(tmp_path / "normcheck.toml", table))


@pytest.mark.parametrize(("text", "days"), [("90d", 90), ("2w", 14), ("3m", 90), ("1y", 365), ("30天", 30),
                                            ("3个月", 90)])
def test_windows(text: str, days: int) -> None:
    assert parse_days(text) == days


def test_starter_config_documents_review_and_loads(tmp_path: Path) -> None:
    text = starter_config({})
    assert "[review]" in text and "expiring-within" in text
    uncommented = text.replace('# name = "张三"', 'name = "张三"')
    assert load_config(write(tmp_path / "normcheck.toml", uncommented)).review.name == "张三"


def test_help_and_usage_errors_are_chinese() -> None:
    help_text = invoke("--help").stdout
    assert "用法" in help_text and "显示本帮助并退出" in help_text and "--format" in help_text
    assert "Show this message" not in help_text and "Usage:" not in help_text
    wrong = invoke("--bogus-option", "x")
    assert wrong.exit_code == 2 and "没有选项" in wrong.stderr


def test_annotate_signs_with_the_reviewer(tmp_path: Path) -> None:
    source = tmp_path / "docs" / "parking.docx"
    source.parent.mkdir()
    shutil.copy(SAMPLES / "parking-measures.docx", source)
    write(tmp_path / "normcheck.toml", '[review]\nname = "王五"\ninitials = "WW"\n')
    result = invoke("--annotate", tmp_path / "out", "--no-cache", source)
    assert result.exit_code == 1
    comments = list(docx.Document(str(tmp_path / "out" / "parking.docx")).comments)
    assert comments
    assert {c._comment_elm.get(qn("w:author")) for c in comments} == {"王五"}


def test_waiver_reasons_in_the_terminal(tmp_path: Path) -> None:
    source = tmp_path / "docs" / "parking.docx"
    source.parent.mkdir()
    shutil.copy(SAMPLES / "parking-measures.docx", source)
    write(tmp_path / "normcheck.toml", '[[waivers]]\npath = "docs/*.docx"\nrule = "AUTH-001"\n'
                                       'reason = "罚款条款已由上位法授权另行核实"\n')
    result = invoke("--no-color", "--no-cache", source)
    assert "AUTH-001" in result.stdout and "罚款条款已由上位法授权另行核实" in result.stdout
