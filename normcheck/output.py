"""Writing files safely: every file normcheck writes goes through a temporary file and a rename, and never
lands on one of the documents being checked."""
from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from normcheck.errors import ConfigError


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write ``data`` to ``path`` so that readers see either the old file or the complete new one."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    folder.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        # mkstemp creates the file private (0600); give it the mode a plain open() would have.
        os.chmod(temp_name, _file_mode(path))
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


def _file_mode(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def input_files(paths: Iterable[Path]) -> set[Path]:
    """Every file that is or lies inside one of ``paths``, resolved."""
    found: set[Path] = set()
    for path in paths:
        resolved = Path(path).resolve()
        if resolved.is_dir():
            found.update(p.resolve() for p in resolved.rglob("*") if p.is_file())
        elif resolved.exists():
            found.add(resolved)
    return found


def refuse_input(path: Path, inputs: set[Path], what: str) -> None:
    """Raise ``ConfigError`` when ``path`` would overwrite one of the checked documents."""
    if Path(path).resolve() in inputs:
        raise ConfigError(f"{path}: {what}不能写到被检查的文件上")
