"""docs/rules/ is generated from the rule files (``normcheck rules docs``): it cannot drift from them."""
from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from normcheck.authoring.ruledocs import BEGIN, END, pages
from normcheck.cli import cli
from normcheck.dsl import load_rules

DOCS = Path(__file__).resolve().parents[2] / "docs" / "rules"


def test_docs_rules_match_the_rule_files() -> None:
    stale = [path.name for path, content in pages(load_rules().rules, DOCS).items()
             if not path.is_file() or path.read_text(encoding="utf-8") != content]
    assert stale == [], "run: normcheck rules docs docs/rules"


def test_every_rule_appears_once_in_its_page() -> None:
    for rule in load_rules().rules:
        text = (DOCS / f"{Path(rule.file).stem}.md").read_text(encoding="utf-8")
        assert text.count(f"### `{rule.id}` {rule.title}") == 1


def test_rules_docs_command_writes_and_checks(tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(cli, ["rules", "docs", str(tmp_path), "--check"]).exit_code == 1
    assert runner.invoke(cli, ["rules", "docs", str(tmp_path)]).exit_code == 0
    page = (tmp_path / "authority.md").read_text(encoding="utf-8")
    assert BEGIN in page and END in page and "`AUTH-001`" in page
    assert runner.invoke(cli, ["rules", "docs", str(tmp_path), "--check"]).exit_code == 0
