"""Writing files safely: every file normcheck writes goes through a temporary file and a rename, and never
lands on one of the documents being checked.

Two destinations are not files to replace: a symbolic link is followed, and its target is written
atomically (the link stays a link); a device or a named pipe that already exists (``-o /dev/stdout``,
``-o /dev/null``) is written to directly, because renaming a file over it would replace the device itself.
"""
from __future__ import annotations

import errno
import glob
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from normcheck.cachestore import remove_stale_temporaries
from normcheck.errors import ConfigError

_GLOB_CHARS = frozenset("*?[")


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
    # A run killed while writing this file (kill -9, a cancelled CI job) left its temporary file behind.
    remove_stale_temporaries(folder, prefix=f".{path.name}.", suffix=".tmp")
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
    """Every file that is or lies inside one of ``paths`` (globs expanded), resolved: the output guard
    protects whatever the command line names, whether the configuration selects it or not."""
    found: set[Path] = set()
    for path in paths:
        candidates = [Path(path)]
        if not candidates[0].exists() and _GLOB_CHARS & set(str(path)):
            candidates = [Path(match) for match in glob.glob(str(path), recursive=True)]
        for candidate in candidates:
            resolved = _resolved(candidate)
            if resolved is None:
                continue
            if resolved.is_dir():
                found.update(_files_below(resolved))
            elif os.path.lexists(resolved):
                found.add(resolved)
    return found


def _files_below(folder: Path) -> Iterator[Path]:
    """Files below ``folder``; a sub-folder that cannot be listed is skipped (it cannot be checked either)."""
    for dirpath, _, filenames in os.walk(folder):
        for name in filenames:
            resolved = _resolved(Path(dirpath, name))
            if resolved is not None:
                yield resolved


def _resolved(path: Path) -> Path | None:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a link loop: nothing can be read there, nothing to protect
        return None


def refuse_input(path: Path, inputs: set[Path], what: str) -> None:
    """Raise ``ConfigError`` when ``path`` would overwrite one of the checked documents."""
    if Path(path).resolve() in inputs:
        raise ConfigError(f"{path}: {what}不能写到被检查的文件上")
