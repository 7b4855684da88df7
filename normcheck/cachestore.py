"""Cache entries with integrity: data only (never code), sealed with a keyed checksum, read defensively.

Each cache folder (``results/``, ``rules/``) holds its own secret: 32 random bytes in a file named
``secret``, created with mode 0600 and accepted only when it is a regular file (not a link) that belongs
to the current user and that nobody else can read or write; one that fails this is never used for
reading, and is replaced before the next write. An entry is a header line, the hex
HMAC-SHA256 of (purpose, key, payload) under that secret, and the payload. Somebody who can write the
cache folder but cannot read the secret can therefore delete entries, or replace them with something
that is a miss, but cannot make normcheck use a result it did not compute itself.

Any doubt — no usable secret, an entry that is not a regular file, too large, unsealed, sealed for
another key, or whose payload does not decode — is a miss. Writing never raises: a full or read-only
cache folder only costs speed.
"""
from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import secrets
import stat
import tempfile
import time
from pathlib import Path

from normcheck import safeio

SECRET_NAME = "secret"
_SECRET_BYTES = 32
_MAGIC = b"normcheck-sealed-1\n"
_MAC_HEX = 64
# Temporary files older than this are left by a process that was killed while writing.
STALE_SECONDS = 3600.0


def cache_dir() -> Path:
    """normcheck's cache folder: ``$NORMCHECK_CACHE_DIR``, else ``$XDG_CACHE_HOME/normcheck``, else
    ``~/.cache/normcheck``."""
    explicit = os.environ.get("NORMCHECK_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "normcheck"


def _owned_privately(info: os.stat_result) -> bool:
    if not stat.S_ISREG(info.st_mode):
        return False
    if hasattr(os, "geteuid") and (info.st_uid != os.geteuid() or info.st_mode & 0o077):
        return False
    return True


def read_secret(folder: Path) -> bytes | None:
    """The folder's secret, or None when there is none that can be trusted."""
    try:
        fd = safeio.open_regular(folder / SECRET_NAME, follow_symlinks=False)
    except OSError:
        return None
    try:
        if not _owned_privately(os.fstat(fd)):
            return None
        value = safeio.read_fd(fd, _SECRET_BYTES)
    except OSError:
        return None
    finally:
        os.close(fd)
    return value if len(value) == _SECRET_BYTES else None


def secret(folder: Path, *, create: bool) -> bytes | None:
    """The folder's secret; with ``create``, made on first use or when the one there cannot be trusted
    (atomically: every process that races to create it ends up with the one that won)."""
    value = read_secret(folder)
    if value is not None or not create:
        return value
    try:
        if os.path.lexists(folder / SECRET_NAME):
            # One that cannot be trusted (readable by others, another owner, a link): replace it. Every
            # entry sealed with it becomes a miss, which only costs speed.
            os.unlink(folder / SECRET_NAME)
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, temp = tempfile.mkstemp(prefix=".secret-", suffix=".tmp", dir=folder)
        try:
            os.write(fd, secrets.token_bytes(_SECRET_BYTES))
            os.close(fd)
            with contextlib.suppress(FileExistsError):
                os.link(temp, folder / SECRET_NAME)
        finally:
            os.unlink(temp)
    except OSError:
        return None
    return read_secret(folder)


def _mac(key_secret: bytes, purpose: str, key: str, payload: bytes) -> bytes:
    mac = hmac.new(key_secret, digestmod=hashlib.sha256)
    mac.update(purpose.encode("ascii") + b"\0" + key.encode("ascii", "replace") + b"\0")
    mac.update(payload)
    return mac.hexdigest().encode("ascii")


def seal(key_secret: bytes, purpose: str, key: str, payload: bytes) -> bytes:
    return _MAGIC + _mac(key_secret, purpose, key, payload) + b"\n" + payload


def unseal(key_secret: bytes, purpose: str, key: str, data: bytes) -> bytes | None:
    """The payload of a sealed entry, or None when it was not sealed for ``purpose`` and ``key`` with this
    secret (compared in constant time)."""
    head = len(_MAGIC) + _MAC_HEX + 1
    if len(data) < head or not data.startswith(_MAGIC) or data[head - 1:head] != b"\n":
        return None
    payload = data[head:]
    if not hmac.compare_digest(data[len(_MAGIC):head - 1], _mac(key_secret, purpose, key, payload)):
        return None
    return payload


def read_entry(folder: Path, path: Path, purpose: str, key: str, limit: int) -> bytes | None:
    """The verified payload of the entry at ``path``, or None (a miss) on any doubt."""
    key_secret = secret(folder, create=False)
    if key_secret is None:
        return None
    try:
        data = safeio.read_bytes(path, limit, follow_symlinks=False)
    except (OSError, ValueError):
        return None
    return unseal(key_secret, purpose, key, data)


def write_entry(folder: Path, path: Path, purpose: str, key: str, payload: bytes, limit: int) -> bool:
    """Seal and store ``payload`` at ``path`` atomically; False when it cannot be (never raises for a
    full, read-only or missing folder, nor for running out of memory while writing)."""
    try:
        if len(payload) > limit:
            return False
        key_secret = secret(folder, create=True)
        if key_secret is None:
            return False
        write_private(path, seal(key_secret, purpose, key, payload))
    except (OSError, MemoryError, ValueError):
        return False
    return True


def write_private(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename; clears temporary files that a
    process killed while writing left in the same folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(path.parent)
    fd, temp = tempfile.mkstemp(prefix=".tmp-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def remove_stale_temporaries(folder: Path, prefix: str = ".", suffix: str = ".tmp",
                             older_than: float = STALE_SECONDS) -> int:
    """Delete ``prefix*suffix`` files in ``folder`` not modified for ``older_than`` seconds; returns how
    many. Only regular files are touched; errors are ignored (another process may be doing the same)."""
    removed = 0
    now = time.time()
    try:
        names = os.listdir(folder)
    except OSError:
        return 0
    for name in names:
        if not (name.startswith(prefix) and name.endswith(suffix)):
            continue
        candidate = folder / name
        try:
            info = candidate.lstat()
            if stat.S_ISREG(info.st_mode) and now - info.st_mtime > older_than:
                candidate.unlink()
                removed += 1
        except OSError:
            continue
    return removed
