"""Configuration files: discovery, every key, validation errors, globs."""
from __future__ import annotations

from pathlib import Path

import pytest

from normcheck.config import (
    STARTER,
    Config,
    find_config,
    glob_match,
    load_config,
    parse_config,
    validate_against_rules,
)
from normcheck.errors import ConfigError


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_every_key_is_read(tmp_path: Path) -> None:
    path = write(tmp_path / "normcheck.toml", """
select = ["consultation", "CC-001"]
ignore = "FILING-002"
rules = ["local/office.rules"]
include = ["docs/**"]
exclude = ["docs/archive"]
fail-on = "warning"
format = "json"
[severity]
CC-001 = "warning"
[params]
"征求意见最短天数" = 30
[[waivers]]
path = "docs/old/*.docx"
rule = "CC-001"
reason = "已于2021年清理"
""")
    config = load_config(path)
    assert config.select == ["consultation", "CC-001"]
    assert config.ignore == ["FILING-002"]
    assert config.rules == [tmp_path / "local/office.rules"]
    assert config.severity == {"CC-001": "warning"}
    assert config.params == {"征求意见最短天数": 30}
    assert config.fail_on == "warning" and config.format == "json"
    assert [(w.path, w.rule, w.reason) for w in config.waivers] == [("docs/old/*.docx", "CC-001", "已于2021年清理")]
    assert config.root == tmp_path.resolve()
    assert config.wants(tmp_path / "docs/a.docx")
    assert not config.wants(tmp_path / "docs/archive/b.docx")
    assert not config.wants(tmp_path / "other/c.docx")


@pytest.mark.parametrize("text", [
    'selct = ["x"]',
    'fail-on = "sometimes"',
    'format = "pdf"',
    '[severity]\nX-1 = "fatal"',
    '[[waivers]]\npath = "a.docx"\nrule = "X-1"',
    '[[waivers]]\npath = "a.docx"\nrule = "X-1"\nreason = "  "',
    '[[waivers]]\npath = "a.docx"\nrule = "X-1"\nreason = "r"\nexpires = 1',
    'select = [1, 2]',
    'params = 3',
    'select = [',
])
def test_mistakes_are_config_errors(tmp_path: Path, text: str) -> None:
    path = write(tmp_path / "normcheck.toml", text)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert "\n" not in str(caught.value)
    assert str(path) in str(caught.value)


def test_missing_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError):
        load_config(tmp_path / "absent.toml")


def test_found_upward_and_pyproject_needs_its_section(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[project]\nname = 'x'\n")
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert find_config(deep) != (tmp_path / "pyproject.toml").resolve()
    write(tmp_path / "pyproject.toml", "[tool.normcheck]\nfail-on = 'info'\n")
    found = find_config(deep / "file.docx")
    assert found == (tmp_path / "pyproject.toml").resolve()
    assert load_config(found).fail_on == "info"
    write(tmp_path / "a" / "normcheck.toml", "fail-on = 'never'\n")
    assert find_config(deep) == (tmp_path / "a" / "normcheck.toml").resolve()


def test_unknown_rule_ids_and_tags_are_rejected() -> None:
    ids, tags = {"CC-001", "CONSULT-001"}, {"civil-code", "consultation"}
    validate_against_rules(parse_config({"select": ["civil-code", "CONSULT-001"]}), ids, tags)
    bad = [{"select": ["civil_code"]}, {"ignore": ["CC-01"]}, {"severity": {"civil-code": "info"}},
           {"waivers": [{"path": "*", "rule": "CC-002", "reason": "r"}]}]
    for data in bad:
        with pytest.raises(ConfigError):
            validate_against_rules(parse_config(data), ids, tags)


@pytest.mark.parametrize("pattern, path, expected", [
    ("*.docx", "a/b/c.docx", True),
    ("docs/*.docx", "docs/a.docx", True),
    ("docs/*.docx", "docs/sub/a.docx", False),
    ("docs/**/*.docx", "docs/sub/deep/a.docx", True),
    ("docs/**/*.docx", "docs/a.docx", True),
    ("docs", "docs/x/y.txt", True),
    ("docs", "documents/y.txt", False),
    ("a?.txt", "ab.txt", True),
    ("a?.txt", "a/.txt", False),
    ("~$*", "folder/~$draft.docx", True),
])
def test_glob_match(pattern: str, path: str, expected: bool) -> None:
    assert glob_match(pattern, path) is expected


def test_starter_config_is_valid(tmp_path: Path) -> None:
    config = load_config(write(tmp_path / "normcheck.toml", STARTER))
    assert isinstance(config, Config) and config.fail_on == "error"


def test_init_lists_every_bundled_param_with_a_default_that_loads(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from normcheck.cli import cli
    from normcheck.dsl import load_rules

    result = CliRunner().invoke(cli, ["init", str(tmp_path)])
    assert result.exit_code == 0, result.output
    text = (tmp_path / "normcheck.toml").read_text(encoding="utf-8")
    defaults = load_rules().params
    uncommented = "\n".join(line[2:] if line.startswith('# "') else line for line in text.splitlines())
    config = load_config(write(tmp_path / "uncommented.toml", uncommented))
    assert set(config.params) == set(defaults)
    assert load_rules(params=config.params).params == defaults
