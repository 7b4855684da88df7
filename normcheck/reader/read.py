"""``read_path``: a document file or a filing-package folder → Document."""
from __future__ import annotations

from pathlib import Path

from normcheck.errors import InputError
from normcheck.model import Document
from normcheck.reader.files import read_file


def read_path(path: str | Path, *, max_unzipped_bytes: int | None = None) -> Document:
    """Read a document file (.docx/.docm/.dotx, .txt/.md, or via LibreOffice .doc/.wps/.odt/.rtf) or a
    filing-package folder. Raises InputError with a stable ``code`` and a one-line Chinese message."""
    target = Path(path)
    display = str(path)
    try:
        is_dir = target.is_dir()
        exists = is_dir or target.is_file()
    except OSError:
        exists, is_dir = False, False
    if not exists:
        from normcheck.reader.folder import irregular_reason

        code, reason = irregular_reason(target) or ("unsupported-format", "不是普通文件，无法读取")
        raise InputError(code, reason, path=display)
    try:
        if is_dir:
            from normcheck.reader.package_folder import read_package

            return read_package(target, display, max_unzipped_bytes=max_unzipped_bytes)
        return read_file(target, display, max_unzipped_bytes=max_unzipped_bytes)
    except InputError as exc:
        if exc.path is None:
            exc.path = display
        raise
    except (OSError, MemoryError, RecursionError) as exc:
        raise InputError("unreadable", f"无法读取文件（{type(exc).__name__}）", path=display) from None
