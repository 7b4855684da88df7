"""Globs of include, exclude and waivers match in linear time: adversarial patterns against long names
answer at once, and --timeout is not needed to stop them."""
from __future__ import annotations

import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from normcheck.cli import cli
from normcheck.config import ConfigError, parse_config
from normcheck.globmatch import MAX_GLOB_CHARS, glob_match

ADVERSARIAL = [("*a" * 40 + "b", "a" * 20_000), ("**/" * 50 + "*a*a*a*a*a*a*a*ab", "a/" * 3000 + "a" * 5000),
               ("?" * 500 + "*" * 500 + "b", "c" * 50_000), ("**" * 300 + "x", "y" * 50_000)]


@pytest.mark.parametrize("pattern, path", ADVERSARIAL)
def test_adversarial_globs_answer_at_once(pattern: str, path: str) -> None:
    started = time.monotonic()
    assert not glob_match(pattern, path)
    assert time.monotonic() - started < 1


def test_names_that_are_not_utf8_still_match() -> None:
    import os

    name = os.fsdecode(b"docs/\xb8\xbd.docx")
    assert glob_match("docs/*.docx", name) and glob_match("docs/??.docx", name)
    assert not glob_match("docs/?.docx", name)


def test_overlong_glob_is_a_config_error() -> None:
    with pytest.raises(ConfigError):
        parse_config({"exclude": ["a" * (MAX_GLOB_CHARS + 1)]})
    with pytest.raises(ConfigError):
        parse_config({"waivers": [{"path": "*" * (MAX_GLOB_CHARS + 1), "rule": "X", "reason": "r"}]})


def test_adversarial_exclude_and_waiver_in_a_run(tmp_path: Path) -> None:
    pattern = "*a" * 40 + "b"
    (tmp_path / "normcheck.toml").write_text(
        f'exclude = ["{pattern}"]\n[[waivers]]\npath = "{pattern}"\nrule = "filing"\nreason = "r"\n',
        encoding="utf-8")
    doc = tmp_path / ("a" * 200 + ".txt")
    doc.write_text("第一条 内容。\n", encoding="utf-8")
    started = time.monotonic()
    result = CliRunner().invoke(cli, [str(doc), "--config", str(tmp_path / "normcheck.toml"), "--no-cache"])
    assert result.exit_code in (0, 1), result.output
    assert time.monotonic() - started < 30
