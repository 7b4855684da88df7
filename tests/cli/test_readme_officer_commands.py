"""The README's officer commands for the review opinion, tracked-change copies, the ledger and expiry run as
written (in a copy of the samples) and produce what they promise."""
from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WORDS = ("--format opinion", "--suggest", "ledger ", "--expiring-within")
COMMANDS = [line.split("#")[0].strip() for line in (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
            if line.startswith("normcheck ") and any(w in line for w in WORDS)]


def test_the_readme_has_them() -> None:
    assert len(COMMANDS) == 4


@pytest.mark.parametrize("command", COMMANDS)
def test_command_runs_as_written(command: str, tmp_path: Path) -> None:
    shutil.copytree(ROOT / "samples", tmp_path / "samples", ignore=shutil.ignore_patterns("source", "*.py"))
    args = shlex.split(command)[1:]
    done = subprocess.run([sys.executable, "-m", "normcheck", *args], cwd=tmp_path, capture_output=True, text=True,
                          timeout=300, check=False)
    assert done.returncode in (0, 1), done.stderr
    for written in re.findall(r"(?:--output|--suggest) (\S+)", command):
        target = tmp_path / written
        assert target.is_file() or any(target.glob("*.docx")), written
