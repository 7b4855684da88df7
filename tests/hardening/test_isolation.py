"""Isolation: output is identical for every --jobs value, and a file whose check crashes its worker or
runs out of time is reported as that file's error (exit 2) while the other files are still checked."""
from __future__ import annotations

import os
import re
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fixture_tree import snapshot

from normcheck import runner
from normcheck.cli import cli
from normcheck.model import Document, Finding

RUN_TIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2}| UTC)?")


@pytest.mark.parametrize("fmt", ["json", "sarif", "junit", "github", "text", "html"])
def test_output_is_identical_for_every_jobs_value(tree: Path, fmt: str) -> None:
    outputs = []
    for jobs in ("1", "2", "3"):
        result = CliRunner().invoke(cli, [str(tree), "--format", fmt, "--jobs", jobs, "--no-color", "--no-cache",
                                          "--rules", str(tree / "tiny.rules")])
        assert result.exit_code == 2, result.output  # broken.docx
        # JUnit and HTML stamp the time of the run, which no --jobs value can make equal.
        outputs.append(RUN_TIME.sub("<time>", result.stdout))
    assert outputs[0] and outputs[0] == outputs[1] == outputs[2]


def _misbehaving_check(original):  # type: ignore[no-untyped-def]
    def check(self: runner.SelectedRules, doc: Document, structure: Any = None) -> list[Finding]:
        name = Path(doc.path).name
        if name == "crash.txt":
            os._exit(3)
        if name == "slow.txt":
            time.sleep(30)
        if name == "memory.txt":
            raise MemoryError()
        return original(self, doc, structure)

    return check


@pytest.fixture()
def hostile_tree(tree: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The tree plus copies whose check crashes the process, hangs, or runs out of memory. Forked
    workers inherit the patched check."""
    for name in ("crash.txt", "slow.txt", "memory.txt"):
        (tree / name).write_text("第一条 为了规范管理，制定本办法。\n", encoding="utf-8")
    monkeypatch.setattr(runner.SelectedRules, "check", _misbehaving_check(runner.SelectedRules.check))
    return tree


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_hanging_file_times_out_and_the_run_goes_on(hostile_tree: Path, jobs: int) -> None:
    (hostile_tree / "crash.txt").unlink()
    started = time.monotonic()
    result = CliRunner().invoke(cli, [str(hostile_tree), "--format", "json", "--jobs", str(jobs),
                                      "--timeout", "1"])
    assert time.monotonic() - started < 20
    assert result.exit_code == 2
    codes = _error_codes(result.stdout)
    assert codes["slow.txt"] == "timeout"
    assert codes["memory.txt"] in ("internal-error", "out-of-memory")
    assert codes["parking-measures.docx"] is None and codes["notes.txt"] is None


def test_a_crashing_worker_is_that_file_s_error(hostile_tree: Path) -> None:
    (hostile_tree / "slow.txt").unlink()
    before = snapshot(hostile_tree)
    result = CliRunner().invoke(cli, [str(hostile_tree), "--format", "json", "--jobs", "2"])
    assert result.exit_code == 2
    codes = _error_codes(result.stdout)
    assert codes["crash.txt"] == "crash"
    assert codes["parking-measures.docx"] is None and codes["draft.md"] is None
    assert codes["broken.docx"] == "corrupt-zip"
    assert snapshot(hostile_tree) == before


def test_order_does_not_depend_on_which_worker_finishes_first(hostile_tree: Path) -> None:
    (hostile_tree / "slow.txt").unlink()
    (hostile_tree / "crash.txt").unlink()
    paths = []
    for jobs in ("1", "2"):
        result = CliRunner().invoke(cli, [str(hostile_tree), "--format", "json", "--jobs", jobs])
        paths.append(list(_error_codes(result.stdout)))
    assert paths[0] == paths[1] and len(paths[0]) >= 8


def _error_codes(stdout: str) -> dict[str, str | None]:
    import json

    report = json.loads(stdout)
    return {Path(entry["path"]).name: (entry["error"] or {}).get("code") for entry in report["files"]}
