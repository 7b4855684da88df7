"""Configuration, waivers, baseline, annotation and subcommands through the command line; inputs untouched."""
from __future__ import annotations

import hashlib
import json
import sys
import types
from pathlib import Path

import click
import docx
import jsonschema
import pytest
from click.testing import CliRunner, Result
from ooxml import build_docx, p
from pipeline_standins import write

import normcheck
from normcheck.cli import cli

pytestmark = pytest.mark.usefixtures("pipeline")


def invoke(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def rules_in(result: Result) -> list[list[str]]:
    return [[f["rule"] for f in entry["findings"]] for entry in json.loads(result.stdout)["files"]]


def test_config_found_upward_sets_selection_severity_format_and_fail_on(tmp_path: Path) -> None:
    write(tmp_path / "normcheck.toml", """
format = "json"
fail-on = "warning"
ignore = ["consultation"]
exclude = ["drafts"]
[severity]
NOTE-001 = "warning"
""")
    doc = write(tmp_path / "docs" / "a.txt", "本办法试行。")
    write(tmp_path / "docs" / "drafts" / "b.txt", "罚款")
    result = invoke(tmp_path / "docs")
    assert result.exit_code == 1
    files = json.loads(result.stdout)["files"]
    assert [(Path(f["path"]).name, [(x["rule"], x["severity"]) for x in f["findings"]]) for f in files] == [
        ("a.txt", [("NOTE-001", "warning")])]
    # Command-line options win over the file.
    assert invoke("--fail-on", "error", doc).exit_code == 0
    assert rules_in(invoke("--select", "consultation", doc)) == [["MISS-001"]]


def test_explicit_config_and_config_errors(tmp_path: Path) -> None:
    doc = write(tmp_path / "a.txt", "罚款")
    good = write(tmp_path / "cfg" / "mine.toml", 'format = "json"\nselect = ["FINE-001"]\nrules = ["x.rules"]\n')
    write(tmp_path / "cfg" / "x.rules", "LOCAL-9 罚款 info local")
    assert rules_in(invoke("--config", good, "--select", "FINE-001,local", doc)) == [["FINE-001", "LOCAL-9"]]
    for text in ('colour = "red"', 'select = ["NOPE-1"]', '[severity]\nNOPE-1 = "info"',
                 '[[waivers]]\npath = "*"\nrule = "FINE-001"'):
        bad = write(tmp_path / "bad.toml", text)
        result = invoke("--config", bad, doc)
        assert result.exit_code == 2 and result.stdout == "", text
        assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith("normcheck: ")
    assert invoke("--config", tmp_path / "absent.toml", doc).exit_code == 2


def test_pyproject_tool_section(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.normcheck]\nformat = "json"\nfail-on = "never"\n')
    doc = write(tmp_path / "a.txt", "罚款")
    result = invoke(doc)
    assert result.exit_code == 0 and rules_in(result) == [["MISS-001", "FINE-001"]]


def test_waivers_are_reported_and_unused_ones_warned(tmp_path: Path) -> None:
    write(tmp_path / "normcheck.toml", """
format = "json"
[[waivers]]
path = "old/*.txt"
rule = "FINE-001"
reason = "历史文件，已另行清理"
[[waivers]]
path = "gone.txt"
rule = "authority"
reason = "文件已删除"
""")
    doc = write(tmp_path / "old" / "a.txt", "征求意见。罚款。")
    result = invoke(doc)
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["files"][0]["findings"] == []
    assert [(w["finding"]["rule"], w["reason"]) for w in data["files"][0]["waived"]] == [
        ("FINE-001", "历史文件，已另行清理")]
    assert data["summary"]["waived"] == 1
    schema = json.loads((Path(normcheck.__file__).parent / "schemas" / "normcheck-report.schema.json").read_text(
        encoding="utf-8"))
    jsonschema.validate(data, schema)
    warnings = [line for line in result.stderr.splitlines() if "gone.txt" in line]
    assert len(warnings) == 1 and "authority" in warnings[0]


def test_baseline_reports_only_new_findings(tmp_path: Path) -> None:
    doc = write(tmp_path / "docs" / "a.txt", "罚款\n收费")
    base = tmp_path / "ci" / "baseline.json"
    first = invoke("--format", "json", "--write-baseline", base, doc)
    assert first.exit_code == 1 and base.is_file()
    assert invoke("--format", "json", "--baseline", base, doc).exit_code == 0
    doc.write_text("新增一段。\n罚款\n收费\n再次罚款", encoding="utf-8")
    later = invoke("--format", "json", "--baseline", base, doc)
    assert later.exit_code == 1 and rules_in(later) == [["FINE-001"]]
    assert "基线中已记录的 3 个问题未予报告" in later.stderr
    refused = invoke("--write-baseline", doc, doc)
    assert refused.exit_code == 2 and doc.read_text(encoding="utf-8").startswith("新增一段")
    assert invoke("--baseline", tmp_path / "absent.json", doc).exit_code == 2


def test_annotate_writes_commented_copies(tmp_path: Path) -> None:
    source = tmp_path / "in" / "办法.docx"
    source.parent.mkdir()
    build_docx(source, p("关于印发某办法的通知") + p("第一条 违者处以", "罚款。") + p("第二条 收费标准另定。"))
    out = tmp_path / "批注"
    result = invoke("--format", "json", "--annotate", out, source, write(tmp_path / "in" / "x.txt", "罚款"))
    assert result.exit_code == 1
    assert sorted(p.name for p in out.iterdir()) == ["办法.docx"]
    assert f"已生成批注副本 {out / '办法.docx'}" in result.stderr
    comments = list(docx.Document(str(out / "办法.docx")).comments)
    assert sorted(c.text.split("]")[0] for c in comments) == ["[FEE-001", "[FINE-001", "[MISS-001"]
    assert invoke("--annotate", source.parent, source).exit_code == 2


def test_dump_init_and_rules_subcommands(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    doc = write(tmp_path / "a.txt", "第一行\n\n第二行")
    dumped = invoke("dump", doc)
    assert dumped.exit_code == 0 and dumped.stdout == "第一行\n第二行\n"
    assert invoke("dump", "--parts", doc).exit_code == 0
    missing = invoke("dump", tmp_path / "absent.txt")
    assert missing.exit_code == 2 and missing.stderr.startswith(f"normcheck: {tmp_path / 'absent.txt'}: ")

    monkeypatch.chdir(tmp_path)
    assert invoke("init").exit_code == 0
    assert (tmp_path / "normcheck.toml").read_text(encoding="utf-8").startswith("# normcheck configuration")
    assert invoke("init").exit_code == 2
    assert invoke("init", tmp_path / "sub").exit_code == 0 and (tmp_path / "sub" / "normcheck.toml").is_file()

    monkeypatch.setitem(sys.modules, "normcheck.rules_cli", None)
    unavailable = invoke("rules", "list")
    assert unavailable.exit_code == 2 and "rules" in unavailable.stderr

    @click.group("rules")
    def group() -> None:
        """Stand-in rules group."""

    @group.command("list")
    def list_rules() -> None:
        click.echo("FINE-001")

    module = types.ModuleType("normcheck.rules_cli")
    module.rules_group = group  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "normcheck.rules_cli", module)
    listed = invoke("rules", "list")
    assert listed.exit_code == 0 and listed.stdout == "FINE-001\n"


def test_inputs_are_byte_identical_after_every_command(tmp_path: Path) -> None:
    source = tmp_path / "in" / "通知.docx"
    source.parent.mkdir()
    build_docx(source, p("关于某事的通知") + p("违者处以罚款。"))
    text = write(tmp_path / "in" / "a.txt", "罚款\n收费")
    digest = {path: hashlib.sha256(path.read_bytes()).hexdigest() for path in (source, text)}
    out = tmp_path / "out"
    commands = [
        [tmp_path / "in"], ["--format", "html", "--output", out / "r.html", tmp_path / "in"],
        ["--annotate", out / "ann", tmp_path / "in"], ["--write-baseline", out / "b.json", tmp_path / "in"],
        ["--baseline", out / "b.json", "--jobs", "2", tmp_path / "in"], ["dump", source], ["dump", text],
        ["--output", text, tmp_path / "in"], ["--annotate", tmp_path / "in", source],
    ]
    for args in commands:
        invoke(*args)
        assert {path: hashlib.sha256(path.read_bytes()).hexdigest() for path in digest} == digest, args
    assert sorted(p.name for p in (tmp_path / "in").iterdir()) == ["a.txt", "通知.docx"]
