"""Readers: turn a file or a filing-package folder into a Document (blocks in reading order).

``read_path`` dispatches on what the file really is (its first bytes), not on its extension;
``discover`` expands command-line paths into check targets; ``dump_text`` renders ``normcheck dump``.
"""
from __future__ import annotations

from pathlib import Path

from normcheck.errors import InputError
from normcheck.model import Document
from normcheck.reader.dump import dump_text
from normcheck.reader.folder import discover
from normcheck.reader.plain import document_from_text

__all__ = ["discover", "document_from_text", "dump_text", "read_path"]

_CONVERTIBLE = {".doc": "Word 97-2003 文档（.doc）", ".wps": "WPS 文字文档（.wps）", ".wpt": "WPS 文字模板（.wpt）"}


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


def read_file(path: Path, display: str, *, max_unzipped_bytes: int | None = None) -> Document:
    """Read one file, choosing the reader from its content."""
    from normcheck.reader import sniff as s

    kind = s.sniff(path)
    if kind == s.KIND_ZIP:
        from normcheck.reader.docx import read_docx_package
        from normcheck.reader.package import Package

        package = Package(path, max_unzipped_bytes)
        try:
            kind = s.zip_kind(list(package.members), package.read)
            if kind == s.KIND_DOCX:
                return read_docx_package(package, display)
        finally:
            package.close()
    if kind == s.KIND_TEXT:
        from normcheck.reader.plain import read_text

        return read_text(path, display, max_bytes=max_unzipped_bytes)
    if kind == s.KIND_EMPTY:
        raise InputError("empty", "文件是空的（0 字节）")
    if kind == s.KIND_OLE_ENCRYPTED:
        raise InputError("encrypted", "文件已加密（设置了打开密码），请在 Word/WPS 中去除密码后再检查")
    if kind in (s.KIND_PDF, s.KIND_OFD):
        what = "PDF" if kind == s.KIND_PDF else "OFD"
        raise InputError("unsupported-format", f"不支持的格式：这是 {what} 文件，请提供 .docx 格式的文件")
    if kind == s.KIND_OLE_OTHER:
        raise InputError("unsupported-format", "不支持的格式：这是 Office 复合文档，但不是 Word 文档")
    if kind == s.KIND_UNKNOWN:
        raise InputError("unsupported-format", "不支持的格式：无法识别的文件类型")
    from normcheck.reader.convert import convert_and_read

    if kind == s.KIND_OLE_WORD:
        what = _CONVERTIBLE.get(path.suffix.lower(), _CONVERTIBLE[".doc"])
        if path.suffix.lower() in (".docx", ".docm", ".dotx"):
            what = f"改了扩展名的旧版 {_CONVERTIBLE['.doc']}"
    elif kind == s.KIND_ODT:
        what = "OpenDocument 文本（.odt）"
    else:
        what = "RTF 文档（.rtf）"
    return convert_and_read(path, what, display=display, max_unzipped_bytes=max_unzipped_bytes)
