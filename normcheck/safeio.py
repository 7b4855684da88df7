"""One reading discipline for every file normcheck opens that is not a document (configuration, baseline,
rule files and their data, cache entries): regular files only, a size cap counted in bytes actually
read, and never blocking.

The file is opened with ``O_NONBLOCK`` so that opening a named pipe with no writer returns at once, then
``fstat`` on the open descriptor (not the name, which could be swapped in between) must say it is a regular
file; a device such as ``/dev/zero`` reports a size of 0, so the cap is enforced on what ``read`` returns,
never on ``st_size``.
"""
from __future__ import annotations

import errno
import os
import re
import stat

_CHUNK = 1 << 20
_SURROGATE = re.compile("[\ud800-\udfff]")


class NotRegularFile(OSError):
    """The path names a folder, a named pipe, a device or a socket."""

    reason = "不是普通文件"


class FileTooLarge(OSError):
    """The file holds more bytes than the caller accepts."""

    reason = "文件过大"


def reason(exc: OSError) -> str:
    """A short Chinese reason for a refused or failed read, for one-line error messages."""
    if isinstance(exc, (NotRegularFile, FileTooLarge)):
        return exc.reason
    if isinstance(exc, FileNotFoundError):
        return "文件不存在"
    if isinstance(exc, PermissionError):
        return "没有读取权限"
    if isinstance(exc, IsADirectoryError):
        return "不是普通文件"
    return exc.strerror or exc.__class__.__name__


def open_regular(path: str | os.PathLike[str], *, follow_symlinks: bool = True) -> int:
    """A read-only descriptor on ``path``, which must be a regular file (the caller closes it)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    if not follow_symlinks:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotRegularFile(errno.EINVAL, NotRegularFile.reason, os.fsdecode(path))
    except BaseException:
        os.close(fd)
        raise
    return fd


def read_fd(fd: int, limit: int, name: str = "") -> bytes:
    """Every byte of an open descriptor, or ``FileTooLarge`` once more than ``limit`` bytes came."""
    chunks: list[bytes] = []
    total = 0
    while True:
        try:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - total))
        except BlockingIOError:
            raise NotRegularFile(errno.EAGAIN, NotRegularFile.reason, name) from None
        if not chunk:
            return b"".join(chunks)
        total += len(chunk)
        if total > limit:
            raise FileTooLarge(errno.EFBIG, FileTooLarge.reason, name)
        chunks.append(chunk)


def read_bytes(path: str | os.PathLike[str], limit: int, *, follow_symlinks: bool = True) -> bytes:
    """The bytes of the regular file ``path``; raises ``OSError`` (``NotRegularFile``, ``FileTooLarge``,
    ``FileNotFoundError``...) otherwise. Never blocks, never holds more than ``limit`` + 1 MB."""
    fd = open_regular(path, follow_symlinks=follow_symlinks)
    try:
        return read_fd(fd, limit, os.fsdecode(path))
    finally:
        os.close(fd)


def read_text(path: str | os.PathLike[str], limit: int, encoding: str = "utf-8") -> str:
    """``read_bytes`` decoded; undecodable bytes raise ``UnicodeDecodeError`` (a ``ValueError``)."""
    return read_bytes(path, limit).decode(encoding)


def shown(path: str | os.PathLike[str]) -> str:
    """``path`` as text that can always be printed and encoded as UTF-8 (``escape_surrogates``)."""
    text = os.fspath(path)
    if isinstance(text, bytes):
        text = os.fsdecode(text)
    return escape_surrogates(text)


def escape_surrogates(text: str) -> str:
    """``text`` with each byte of a file name that is not UTF-8 (kept by Python as a lone surrogate
    U+DC80…U+DCFF) shown percent-encoded, ``%B8``, and any other lone surrogate as U+FFFD."""
    return _SURROGATE.sub(_escape, text) if _SURROGATE.search(text) else text


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"%{code - 0xDC00:02X}" if 0xDC80 <= code <= 0xDCFF else "\ufffd"


def path_bytes(path: str | os.PathLike[str]) -> bytes:
    """A path as bytes for hashing: the file system's bytes, whatever their encoding."""
    text = os.fspath(path)
    if isinstance(text, bytes):
        return text
    try:
        return os.fsencode(text)
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogatepass")
