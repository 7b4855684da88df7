"""Every file normcheck writes is written atomically: when the final rename fails (disk full, power cut),
the previous file is intact, no temporary file is left, and the run ends with exit code 2."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from fixture_tree import snapshot

from normcheck.cli import cli

SENTINEL = b"previous content, must survive\n"


@pytest.fixture()
def failing_rename(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    attempts: list[str] = []

    def refuse(source: str | os.PathLike[str], target: str | os.PathLike[str]) -> None:
        attempts.append(str(target))
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    return attempts


@pytest.mark.parametrize("option, name", [("--output", "report.json"), ("--write-baseline", "baseline.json"),
                                          ("--annotate", "parking-measures.docx")])
def test_a_failed_write_keeps_the_previous_file(tree: Path, tmp_path: Path, failing_rename: list[str],
                                                option: str, name: str) -> None:
    out = tmp_path / "out"
    out.mkdir()
    destination = out / name
    destination.write_bytes(SENTINEL)
    value = str(out) if option == "--annotate" else str(destination)
    before = snapshot(tree)
    result = CliRunner().invoke(cli, [str(tree / "parking-measures.docx"), "--format", "json", option, value])
    assert result.exit_code == 2
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)
    assert failing_rename, "the write must go through a rename"
    assert destination.read_bytes() == SENTINEL
    assert sorted(p.name for p in out.iterdir()) == [name]
    assert snapshot(tree) == before


def test_init_does_not_leave_a_partial_configuration(tmp_path: Path, failing_rename: list[str]) -> None:
    result = CliRunner().invoke(cli, ["init", str(tmp_path)])
    assert result.exit_code != 0
    assert failing_rename and list(tmp_path.iterdir()) == []


def test_stale_temporary_files_of_a_killed_write_are_removed(tmp_path: Path) -> None:
    import time

    from normcheck.cachestore import STALE_SECONDS
    from normcheck.output import write_atomic

    target = tmp_path / "report.json"
    stale = tmp_path / ".report.json.k1ll3d.tmp"
    busy = tmp_path / ".report.json.wr1t1ng.tmp"
    other = tmp_path / ".other.json.k1ll3d.tmp"
    for leftover in (stale, busy, other):
        leftover.write_text("partial")
    old = time.time() - 2 * STALE_SECONDS
    os.utime(stale, (old, old))
    os.utime(other, (old, old))
    write_atomic(target, "{}")
    assert target.read_text() == "{}"
    assert not stale.exists()
    assert busy.exists() and other.exists()  # another writer's file, and another target's, are left alone
