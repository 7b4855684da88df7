"""The progress bar: only on a terminal and for more than three files, always on stderr."""
from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from pipeline_standins import write

from normcheck import cli


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_no_bar_for_few_files_or_without_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stderr", Terminal())
    with cli._progress(3, color=False) as tick:
        assert tick is None
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    with cli._progress(50, color=False) as tick:
        assert tick is None


def test_bar_on_a_terminal_counts_every_file(monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    with cli._progress(4, color=False) as tick:
        assert tick is not None
        for _ in range(4):
            tick()
    assert "4/4" in terminal.getvalue()


@pytest.mark.usefixtures("pipeline")
def test_everything_excluded_is_said_on_stderr(tmp_path: Path) -> None:
    write(tmp_path / "normcheck.toml", 'exclude = ["*.txt"]\n')
    doc = write(tmp_path / "a.txt", "罚款")
    result = CliRunner().invoke(cli.cli, ["--format", "json", str(doc)])
    assert result.exit_code == 0 and "没有要检查的文件" in result.stderr
