"""One reading discipline for every file normcheck opens besides documents: regular files only, a cap on
the bytes actually read, never blocking. Named pipes, devices and /proc files as configuration, baseline,
rule file, rule data or include are one-line errors, at once."""
from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from normcheck import safeio

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "parking-measures.docx"
SECRET = "NORMCHECK_TEST_SECRET_VALUE"
RULE = 'rule T-1 "t" {{\n  severity info\n  {body}\n  example pass "甲"\n}}\n'


def run(*args: str, cwd: Path | None = None, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, SECRET: "s3cr3t-" * 50}
    return subprocess.run([sys.executable, "-m", "normcheck", *args], capture_output=True, text=True,
                          timeout=timeout, env=env, cwd=cwd, check=False)


def _clean_failure(done: subprocess.CompletedProcess[str]) -> None:
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert SECRET not in done.stderr + done.stdout


def _in_thread(action):
    outcome: list[object] = []

    def target() -> None:
        try:
            outcome.append(action())
        except OSError as exc:
            outcome.append(exc)

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(5)
    assert outcome, "blocked"
    return outcome[0]


@pytest.fixture()
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe"
    os.mkfifo(path)
    return path


def test_fifo_is_refused_without_blocking(fifo: Path) -> None:
    assert isinstance(_in_thread(lambda: safeio.read_bytes(fifo, 100)), safeio.NotRegularFile)


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null", "/dev/urandom"])
def test_devices_are_refused(device: str) -> None:
    with pytest.raises(safeio.NotRegularFile):
        safeio.read_bytes(device, 100)


def test_cap_counts_bytes_read_not_the_reported_size(tmp_path: Path) -> None:
    # /proc files report a size of 0 and still hold bytes.
    assert Path("/proc/self/environ").stat().st_size == 0
    with pytest.raises(safeio.FileTooLarge):
        safeio.read_bytes("/proc/self/environ", 8)
    exact = tmp_path / "f"
    exact.write_bytes(b"x" * 100)
    assert safeio.read_bytes(exact, 100) == b"x" * 100
    with pytest.raises(safeio.FileTooLarge):
        safeio.read_bytes(exact, 99)


@pytest.mark.parametrize("option", ["--config", "--baseline"])
@pytest.mark.parametrize("kind", ["fifo", "/dev/zero", "/dev/urandom", "folder"])
def test_config_and_baseline_that_are_not_regular_files(tmp_path: Path, fifo: Path, option: str, kind: str) -> None:
    target = {"fifo": str(fifo), "folder": str(tmp_path)}.get(kind, kind)
    _clean_failure(run(str(SAMPLE), option, target, "--no-cache"))


@pytest.mark.parametrize("value", ["5", "[1, 2]", '"text"', "true"])
def test_pyproject_tool_normcheck_that_is_not_a_table(tmp_path: Path, value: str) -> None:
    (tmp_path / "pyproject.toml").write_text(f"[tool]\nnormcheck = {value}\n", encoding="utf-8")
    doc = tmp_path / "a.txt"
    doc.write_text("第一条 内容。\n", encoding="utf-8")
    _clean_failure(run(str(doc), "--no-cache", cwd=tmp_path))
    _clean_failure(run(str(doc), "--no-cache", "--config", str(tmp_path / "pyproject.toml")))


@pytest.mark.parametrize("source", ["fifo", "/dev/zero", "/proc/self/environ"])
def test_rule_data_that_is_not_a_text_file(tmp_path: Path, fifo: Path, source: str) -> None:
    target = str(fifo) if source == "fifo" else source
    rules = tmp_path / "data.rules"
    rules.write_text(f'list 词表 from "{target}"\n' + RULE.format(body="forbid 词表"), encoding="utf-8")
    _clean_failure(run(str(SAMPLE), "--rules", str(rules), "--no-cache"))


@pytest.mark.parametrize("source", ["fifo", "/dev/zero", "/proc/self/environ", "link.rules"])
def test_include_of_something_that_is_not_a_rule_file(tmp_path: Path, fifo: Path, source: str) -> None:
    (tmp_path / "link.rules").symlink_to("/proc/self/environ")
    target = str(fifo) if source == "fifo" else source
    rules = tmp_path / "inc.rules"
    rules.write_text(f'include "{target}"\n' + RULE.format(body='forbid "甲"'), encoding="utf-8")
    done = run(str(SAMPLE), "--rules", str(rules), "--no-cache")
    _clean_failure(done)
    assert len(done.stderr.strip().splitlines()) <= 3


def test_rule_file_holding_an_environment_is_not_echoed(tmp_path: Path) -> None:
    planted = tmp_path / "env.rules"
    planted.write_bytes(b"\0".join(f"{k}={v}".encode() for k, v in {**os.environ, SECRET: "x" * 300}.items()))
    _clean_failure(run(str(SAMPLE), "--rules", str(planted), "--no-cache"))


def test_error_on_a_huge_line_echoes_only_a_window(tmp_path: Path) -> None:
    rules = tmp_path / "long.rules"
    rules.write_text("rule X-1 " + "甲" * 50_000 + f" {SECRET} ?\n", encoding="utf-8")
    done = run(str(SAMPLE), "--rules", str(rules), "--no-cache")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert max(len(line) for line in done.stderr.splitlines()) < 400


def test_rule_file_and_folder_member_that_are_fifos(tmp_path: Path) -> None:
    folder = tmp_path / "pack"
    folder.mkdir()
    os.mkfifo(folder / "x.rules")
    _clean_failure(run(str(SAMPLE), "--rules", str(folder), "--no-cache"))
