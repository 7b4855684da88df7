"""LibreOffice headless for the round-trip tests. The tests that need it are skipped when ``soffice`` is
missing; ``.ci/run`` installs it so that CI runs them."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")


def convert(source: Path, target_format: str, folder: Path, profile: Path, timeout: float = 180) -> Path:
    """``soffice --headless --convert-to FORMAT``; returns the converted file. A private profile folder keeps
    concurrent test runs apart."""
    assert SOFFICE is not None
    folder.mkdir(parents=True, exist_ok=True)
    done = subprocess.run([SOFFICE, f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless",
                           "--norestore", "--convert-to", target_format, "--outdir", str(folder), str(source)],
                          capture_output=True, text=True, timeout=timeout, check=False)
    extension = target_format.split(":")[0]
    produced = folder / f"{source.stem}.{extension}"
    assert done.returncode == 0 and produced.is_file(), f"LibreOffice failed: {done.stdout}\n{done.stderr}"
    return produced
