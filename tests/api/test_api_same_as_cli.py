"""``check_path(..., config=...)`` and ``normcheck --config ... --format json`` run one pipeline: with the
same configuration file they report the same files, findings, waived findings and checklists."""
from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import normcheck
from normcheck.cli import cli
from normcheck.config import load_config
from normcheck.model import FileResult

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
DOCUMENTS = ("parking-measures.docx", "rental-housing-interim.docx", "greening-regulations.docx",
             "property-management.docx", "adoption-registration.docx")
CONFIG = """\
select = ["civil-code", "consultation", "filing", "legality-review"]
ignore = ["CC-021"]
exclude = ["docs/adoption-registration.docx"]
expiring-within = "100y"

[severity]
"CONSULT-004" = "info"
"FILE-008" = "error"

[[waivers]]
path = "docs/parking-measures.docx"
rule = "CC-001"
reason = "引用的条文已在修订中处理"
"""


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    for name in DOCUMENTS:
        shutil.copy(SAMPLES / name, docs / name)
    (tmp_path / "normcheck.toml").write_text(CONFIG, encoding="utf-8")
    return tmp_path


def cli_files(folder: Path) -> list[dict[str, Any]]:
    result = CliRunner().invoke(cli, ["--format", "json", "--no-cache", "--jobs", "1", "--config",
                                      str(folder / "normcheck.toml"), str(folder / "docs")], catch_exceptions=False)
    assert result.exit_code == 1, result.output
    files: list[dict[str, Any]] = json.loads(result.stdout)["files"]
    return files


def api_files(results: list[FileResult]) -> list[dict[str, Any]]:
    files = []
    for result in results:
        entry: dict[str, Any] = {
            "path": result.path,
            "error": result.error.to_json() if result.error else None,
            "findings": [finding.to_json() for finding in result.findings],
            "waived": [{"finding": w.finding.to_json(), "reason": w.reason} for w in result.waived],
            "warnings": list(result.warnings),
        }
        if result.checklist is not None:
            entry["checklist"] = [item.to_json() for item in result.checklist]
        files.append(entry)
    return files


def test_api_and_cli_report_the_same_with_the_same_config(folder: Path) -> None:
    reported = cli_files(folder)
    by_path = normcheck.check_path(folder / "docs", config=folder / "normcheck.toml")
    by_config = normcheck.check_path(folder / "docs", config=load_config(folder / "normcheck.toml"))
    assert api_files(by_path) == reported
    assert api_files(by_config) == reported

    # The configuration took effect in every respect, so the equality above means something.
    rules = {f["rule"] for entry in reported for f in entry["findings"]}
    severities = {(f["rule"], f["severity"]) for entry in reported for f in entry["findings"]}
    waived = [(entry["path"], w["finding"]["rule"]) for entry in reported for w in entry["waived"]]
    assert not any(path.endswith("adoption-registration.docx") for path in (e["path"] for e in reported))
    assert waived and all(path.endswith("parking-measures.docx") and rule == "CC-001" for path, rule in waived)
    assert "CC-021" not in rules and not any(rule.startswith(("AUTH-", "FAIR-")) for rule in rules)
    assert ("CONSULT-004", "info") in severities and ("FILE-008", "error") in severities
    assert rules & {"FILE-EXP-001", "FILE-EXP-002"}
    assert all("checklist" in entry for entry in reported)


def test_api_without_config_is_the_cli_without_one(folder: Path, tmp_path: Path) -> None:
    (folder / "normcheck.toml").unlink()
    empty = tmp_path / "empty.toml"
    empty.write_text("", encoding="utf-8")
    result = CliRunner().invoke(cli, ["--format", "json", "--no-cache", "--config", str(empty), str(folder / "docs")],
                                catch_exceptions=False)
    assert api_files(normcheck.check_path(folder / "docs")) == json.loads(result.stdout)["files"]


def test_api_arguments_narrow_the_configuration(folder: Path) -> None:
    config = folder / "normcheck.toml"
    [result] = normcheck.check_path(folder / "docs" / "parking-measures.docx", config=config, select=["CONSULT-004"],
                                    severity={"CONSULT-004": "error"})
    assert {(f.rule, f.severity) for f in result.findings} == {("CONSULT-004", "error")}
    [waived] = normcheck.check_path(folder / "docs" / "parking-measures.docx", config=config, ignore=["consultation"])
    assert not any(f.rule.startswith("CONSULT-") for f in waived.findings)
    assert [w.finding.rule for w in waived.waived] and all(w.finding.rule == "CC-001" for w in waived.waived)
