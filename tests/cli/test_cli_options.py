"""``normcheck PATH...`` through click's CliRunner: every option and every exit code."""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from ooxml import build_docx, p
from pipeline_standins import write

from normcheck.cli import cli
from normcheck.errors import InputError

pytestmark = pytest.mark.usefixtures("pipeline")


def invoke(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def report(result: Result) -> dict:  # type: ignore[type-arg]
    return json.loads(result.stdout)


def rules_in(result: Result) -> list[list[str]]:
    return [[f["rule"] for f in entry["findings"]] for entry in report(result)["files"]]


@pytest.fixture()
def docs(tmp_path: Path) -> dict[str, Path]:
    return {
        "clean": write(tmp_path / "clean.txt", "征求意见情况已说明。"),
        "error": write(tmp_path / "error.txt", "征求意见。违者处以罚款。"),
        "warning": write(tmp_path / "warning.txt", "征求意见。收费标准另定。"),
        "info": write(tmp_path / "info.txt", "征求意见。本办法试行。"),
        "broken": write(tmp_path / "broken.txt", "BROKEN"),
    }


@pytest.mark.parametrize("name, fail_on, code", [
    ("clean", None, 0), ("error", None, 1), ("warning", None, 0), ("warning", "warning", 1),
    ("info", "warning", 0), ("info", "info", 1), ("error", "never", 0), ("broken", None, 2),
    ("broken", "never", 2),
])
def test_exit_codes(docs: dict[str, Path], name: str, fail_on: str | None, code: int) -> None:
    args = ["--format", "json", docs[name]] + (["--fail-on", fail_on] if fail_on else [])
    assert invoke(*args).exit_code == code


def test_two_wins_over_one_and_the_other_inputs_are_still_checked(docs: dict[str, Path], tmp_path: Path) -> None:
    result = invoke("--format", "json", docs["error"], docs["broken"], tmp_path / "absent.txt")
    assert result.exit_code == 2
    files = report(result)["files"]
    assert [f["error"]["code"] if f["error"] else None for f in files] == [None, "corrupt-zip", "not-found"]
    assert files[0]["findings"][0]["rule"] == "FINE-001"
    lines = result.stderr.splitlines()
    assert f"normcheck: {docs['broken']}: 文件已损坏" in lines
    assert any(line.startswith(f"normcheck: {tmp_path / 'absent.txt'}: ") for line in lines)


def test_every_format_renders_and_keeps_the_exit_code(docs: dict[str, Path]) -> None:
    for fmt in ("text", "json", "sarif", "junit", "github", "html"):
        result = invoke("--format", fmt, docs["error"])
        assert result.exit_code == 1, fmt
        assert "FINE-001" in result.stdout, fmt
    assert json.loads(invoke("--format", "sarif", docs["error"]).stdout)["version"] == "2.1.0"


def test_text_report_without_colour(docs: dict[str, Path]) -> None:
    result = invoke("--no-color", docs["error"])
    assert "FINE-001" in result.stdout and "\x1b[" not in result.stdout


def test_output_file_is_written_and_never_onto_an_input(docs: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "reports" / "r.json"
    result = invoke("--format", "json", "--output", out, docs["error"])
    assert result.exit_code == 1 and result.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["summary"]["error"] == 1
    before = docs["error"].read_bytes()
    refused = invoke("--format", "json", "--output", docs["error"], docs["error"])
    assert refused.exit_code == 2 and docs["error"].read_bytes() == before
    assert refused.stderr.count("\n") == 1 and refused.stderr.startswith("normcheck: ")
    inside = invoke("--output", docs["clean"], tmp_path)
    assert inside.exit_code == 2 and docs["clean"].read_text(encoding="utf-8") == "征求意见情况已说明。"


def test_select_and_ignore_by_id_or_tag(docs: dict[str, Path], tmp_path: Path) -> None:
    both = write(tmp_path / "both.txt", "罚款 收费 试行")
    assert rules_in(invoke("--format", "json", "--select", "authority", both)) == [["FINE-001", "FEE-001"]]
    assert rules_in(invoke("--format", "json", "--select", "FINE-001,filing", both)) == [["FINE-001", "NOTE-001"]]
    assert rules_in(invoke("--format", "json", "--select", "FINE-001", "--select", "NOTE-001", both)) == [
        ["FINE-001", "NOTE-001"]]
    assert rules_in(invoke("--format", "json", "--ignore", "authority,consultation", both)) == [["NOTE-001"]]
    assert invoke("--format", "json", "--ignore", "authority", docs["error"]).exit_code == 0
    for option in ("--select", "--ignore"):
        result = invoke(option, "authorty", both)
        assert result.exit_code == 2 and "authorty" in result.stderr and result.stdout == ""


def test_extra_rules_and_broken_rule_files(tmp_path: Path) -> None:
    doc = write(tmp_path / "d.txt", "征求意见。应当备案。")
    extra = write(tmp_path / "office.rules", "LOCAL-001 备案 warning filing")
    result = invoke("--format", "json", "--rules", extra, "--fail-on", "warning", doc)
    assert result.exit_code == 1 and rules_in(result) == [["LOCAL-001"]]
    bad = write(tmp_path / "bad.rules", "syntax error here")
    broken = invoke("--rules", bad, doc)
    assert broken.exit_code == 2 and f"{bad}:1:1" in broken.stderr and "^" in broken.stderr


def test_jobs_do_not_change_the_output(tmp_path: Path) -> None:
    for n in range(6):
        write(tmp_path / "set" / f"{n}.txt", "罚款 收费" if n % 2 else "征求意见")
    # Without the cache, so that the workers really check the files the first run checked.
    one = invoke("--format", "json", "--jobs", "1", "--no-cache", tmp_path / "set")
    three = invoke("--format", "json", "-j", "3", "--no-cache", tmp_path / "set")
    assert one.exit_code == three.exit_code == 1
    assert one.stdout == three.stdout
    assert invoke("--jobs", "0", tmp_path / "set").exit_code == 2


def test_timeout_and_debug(tmp_path: Path) -> None:
    slow = write(tmp_path / "slow.txt", "SLEEP 3")
    result = invoke("--format", "json", "--timeout", "0.2", slow)
    assert result.exit_code == 2 and report(result)["files"][0]["error"]["code"] == "timeout"
    failing = write(tmp_path / "raise.txt", "RAISE")
    quiet = invoke("--format", "json", failing)
    assert quiet.exit_code == 2 and "Traceback" not in quiet.stderr
    loud = invoke("--format", "json", "--debug", failing)
    assert loud.exit_code == 2 and "Traceback" in loud.stderr and "ZeroDivisionError" in loud.stderr


def test_version_help_and_missing_paths() -> None:
    assert re.fullmatch(r"normcheck \d+\.\d+\.\d+（法律法规库 \d{4}-\d{2}-\d{2}）\n", invoke("--version").stdout)
    helped = invoke("--help")
    assert helped.exit_code == 0 and "--fail-on" in helped.stdout and "dump FILE" in helped.stdout
    nothing = invoke()
    assert nothing.exit_code == 2 and nothing.stderr.startswith("normcheck: ")
    assert invoke("--format", "pdf", "x.txt").exit_code == 2


def test_a_file_named_like_a_subcommand(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "dump", "罚款")
    result = invoke("--format", "json", "./dump")
    assert result.exit_code == 1 and rules_in(result) == [["MISS-001", "FINE-001"]]


def test_unwritable_outputs_are_one_line_errors(docs: dict[str, Path], tmp_path: Path) -> None:
    blocker = write(tmp_path / "blocker", "a file where a folder should be")
    source = build_docx(tmp_path / "a.docx", p("关于某事的通知") + p("违者处以罚款。"))
    for args in (["--output", blocker / "r.json"], ["--write-baseline", blocker / "b.json"],
                 ["--annotate", blocker / "sub"]):
        result = invoke(*args, source)
        assert result.exit_code == 2, args
        assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith("normcheck: "), args
    refused = CliRunner().invoke(cli, ["init", str(blocker)])
    assert refused.exit_code == 2 and "Traceback" not in refused.stderr


def _limit_reader(path: Path, *, max_unzipped_bytes: int | None = None) -> Any:
    import resource

    raise InputError("empty", f"RLIMIT_AS={resource.getrlimit(resource.RLIMIT_AS)[0]}")


def test_max_memory_limits_each_worker(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    resource = pytest.importorskip("resource")
    import normcheck.reader

    monkeypatch.setattr(normcheck.reader, "read_path", _limit_reader)
    paths = [write(tmp_path / f"{n}.txt", "x") for n in range(2)]
    unlimited = resource.getrlimit(resource.RLIMIT_AS)[0]
    for extra, megabytes in (((), 2048), (("--max-memory", "1536"), 1536), (("--max-memory", "0"), None)):
        result = invoke("--format", "json", "--jobs", "2", "--no-cache", *extra, *paths)
        expected = megabytes * 1024 * 1024 if megabytes else unlimited
        assert result.exit_code == 2
        assert [f["error"]["message"] for f in report(result)["files"]] == [f"RLIMIT_AS={expected}"] * 2
    assert invoke("--max-memory", "-1", *paths).exit_code == 2
    assert invoke("--max-memory", "lots", *paths).exit_code == 2
