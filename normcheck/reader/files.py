"""One file → Document, the reader chosen by what the file really is (its first bytes), not its extension."""
from __future__ import annotations

from pathlib import Path

from normcheck.errors import InputError
from normcheck.model import Document

_CONVERTIBLE = {".doc": "Word 97-2003 文档（.doc）", ".wps": "WPS 文字文档（.wps）", ".wpt": "WPS 文字模板（.wpt）"}


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
