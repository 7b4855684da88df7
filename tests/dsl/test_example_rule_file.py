"""docs/examples/我局规则/收费.rules is the tutorial's two rules, as the README's commands use it."""
from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from normcheck.cli import cli

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "docs" / "examples" / "我局规则" / "收费.rules"


def test_example_file_is_the_tutorial() -> None:
    tutorial = (ROOT / "docs" / "rule-language.md").read_text(encoding="utf-8")
    first = re.findall(r"```\n(# 我局规则/收费\.rules\n.*?)```", tutorial, flags=re.S)
    second = re.findall(r"```\n(list 本局拟办词.*?)```", tutorial, flags=re.S)
    assert len(first) == 1 and len(second) == 1
    assert EXAMPLE.read_text(encoding="utf-8") == first[0] + "\n" + second[0]


def test_example_rules_pass_their_examples() -> None:
    result = CliRunner().invoke(cli, ["rules", "test", str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines()[-1] == "7 passed, 0 failed"


def test_example_rules_add_to_a_check() -> None:
    result = CliRunner().invoke(cli, [str(ROOT / "samples" / "sme-support-measures"), "--rules",
                                      str(EXAMPLE.parent), "--select", "FEE-001,FEE-002", "--format", "json"])
    assert result.exit_code == 1, result.output
    assert '"rule": "FEE-001"' in result.output and '"rule": "FEE-002"' in result.output
