"""Atomic writes: complete files only, usual permissions, no temporary files left behind."""
from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from normcheck.errors import ConfigError
from normcheck.output import input_files, refuse_input, write_atomic


def test_new_files_get_the_umask_mode_and_existing_files_keep_theirs(tmp_path: Path) -> None:
    mask = os.umask(0o022)
    try:
        write_atomic(tmp_path / "sub" / "new.json", "{}")
        assert stat.S_IMODE((tmp_path / "sub" / "new.json").stat().st_mode) == 0o644
        kept = tmp_path / "kept.txt"
        kept.write_text("old", encoding="utf-8")
        kept.chmod(0o640)
        write_atomic(kept, b"new")
        assert kept.read_bytes() == b"new" and stat.S_IMODE(kept.stat().st_mode) == 0o640
    finally:
        os.umask(mask)
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["kept.txt", "new.json", "sub"]


def test_a_failed_write_leaves_no_temporary_file(tmp_path: Path) -> None:
    (tmp_path / "target").mkdir()
    with pytest.raises(OSError):
        write_atomic(tmp_path / "target", "x")
    assert [p.name for p in tmp_path.iterdir()] == ["target"]


def test_inputs_include_files_inside_folders(tmp_path: Path) -> None:
    (tmp_path / "pkg" / "sub").mkdir(parents=True)
    inner = tmp_path / "pkg" / "sub" / "a.docx"
    inner.write_bytes(b"x")
    single = tmp_path / "b.txt"
    single.write_text("x", encoding="utf-8")
    inputs = input_files([tmp_path / "pkg", single, tmp_path / "absent"])
    assert inputs == {inner.resolve(), single.resolve()}
    with pytest.raises(ConfigError):
        refuse_input(Path(os.path.relpath(inner)), inputs, "报告")
    refuse_input(tmp_path / "pkg" / "report.json", inputs, "报告")
