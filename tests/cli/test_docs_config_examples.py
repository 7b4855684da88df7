"""The TOML examples in docs/configuration.md must be accepted as written by the bundled rule set."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from normcheck.config import load_config
from normcheck.dsl import load_rules
from normcheck.runner import select_rules

DOC = Path(__file__).resolve().parents[2] / "docs" / "configuration.md"
EXAMPLES = re.findall(r"```toml\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)


def test_the_page_has_examples() -> None:
    assert EXAMPLES


@pytest.mark.parametrize("number", range(len(EXAMPLES)))
def test_example_loads_and_selects(number: int, tmp_path: Path) -> None:
    text = re.sub(r"^rules = .*$", "", EXAMPLES[number], flags=re.M)  # extra rule files do not exist here
    target = tmp_path / "normcheck.toml"
    target.write_text(text, encoding="utf-8")
    config = load_config(target)
    ruleset = load_rules(params=config.params or None)
    select_rules(ruleset, config.select, config.ignore, config.severity)
