"""Writing files safely: every file normcheck writes goes through a temporary file and a rename, and never
lands on one of the documents being checked.

Two destinations are not files to replace: a symbolic link is followed, and its target is written
atomically (the link stays a link); a device or a named pipe that already exists (``-o /dev/stdout``,
``-o /dev/null``) is written to directly, because renaming a file over it would replace the device itself.
"""
from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

from normcheck.errors import ConfigError


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write ``data`` to ``path`` so that readers see either the old file or the complete new one.

    Raises ``OSError`` naming ``path`` when the system refuses (a full device, a folder, a link loop)."""
    path = Path(path)
    # A stray surrogate (a file name that is not UTF-8) is written escaped, never a crash.
    payload = data.encode("utf-8", "backslashreplace") if isinstance(data, str) else data
    try:
        _write(path, payload)
    except OSError as exc:
        if exc.filename is None:
            raise OSError(exc.errno, exc.strerror or str(exc), str(path)) from None
        raise


def _write(path: Path, payload: bytes) -> None:
    try:
        mode: int | None = path.stat().st_mode
    except OSError:
        mode = None
    if mode is not None and not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        with open(path, "wb") as stream:
            stream.write(payload)
        return
    if path.is_symlink():
        # A dangling link is followed too: the file is created where the link points.
        target = Path(os.path.realpath(path))
        if target.is_symlink():
            raise OSError(errno.ELOOP, os.strerror(errno.ELOOP), str(path))
        path = target
    folder = path.parent if str(path.parent) else Path(".")
    folder.mkdir(parents=True, exist_ok=True)
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
