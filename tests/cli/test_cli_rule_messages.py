"""Checking documents with an office's own rules shows what loading them noticed, once, on stderr."""
from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from normcheck.cli import cli
from normcheck.dsl import bundled_rules_dir

RULE = '''rule OWN-001 "不可能匹配的规则" {
  severity warning
  tags authority
  basis "示例"
  message "示例"
  fix "示例"
  forbid /罚款$元/
  example pass "第一条 处罚款。"
}
'''


def _doc(tmp_path: Path) -> Path:
    doc = tmp_path / "文件.txt"
    doc.write_text("第一条 为了规范管理，制定本办法。\n", encoding="utf-8")
    return doc


def test_a_pattern_that_can_never_match_is_a_warning(tmp_path: Path) -> None:
    rules = tmp_path / "own.rules"
    rules.write_text(RULE, encoding="utf-8")
    result = CliRunner().invoke(cli, ["--rules", str(rules), "--no-cache", str(_doc(tmp_path))])
    assert result.exit_code in (0, 1), result.output
    warnings = [line for line in result.stderr.splitlines() if "不可能匹配" in line]
    assert len(warnings) == 1 and warnings[0].startswith("normcheck: 警告：")


def test_a_copied_pack_replacing_the_bundled_one_is_noticed(tmp_path: Path) -> None:
    copy = tmp_path / "authority.rules"
    copy.write_text((bundled_rules_dir() / "authority.rules").read_text(encoding="utf-8"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["--rules", str(copy), "--no-cache", str(_doc(tmp_path))])
    assert result.exit_code in (0, 1), result.output
    assert any(line.startswith("normcheck: 提示：") and "authority" in line for line in result.stderr.splitlines())


def test_the_bundled_rules_alone_say_nothing(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["--no-cache", str(_doc(tmp_path))])
    assert "警告" not in result.stderr and "提示" not in result.stderr
