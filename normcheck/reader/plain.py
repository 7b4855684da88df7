"""Plain text (.txt, .md) and in-memory text as a Document: each non-empty line is one body block.

Files are decoded by what their bytes allow: a BOM (UTF-8, UTF-16), then strict UTF-8, then GB18030 (a
superset of GBK and GB2312, which Chinese Windows tools still write). Markdown headings lose their ``#``
markers, which a reader of the rendered page never sees, and keep their depth as the outline level.
"""
from __future__ import annotations

import re
from pathlib import Path

from normcheck import safeio
from normcheck.errors import InputError
from normcheck.model import Block, Document

_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*$")
MARKDOWN_SUFFIXES = (".md", ".markdown")


def document_from_text(text: str, path: str = "<text>") -> Document:
    """Build a Document from text; each non-blank line becomes one body paragraph (1-based index)."""
    blocks: list[Block] = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        stripped = line.strip()
        if not stripped:
            continue
        blocks.append(Block(text=stripped, part="body", index=len(blocks) + 1, file=path))
    return Document(path=path, blocks=blocks, files=(path,))


def decode_text(data: bytes) -> tuple[str, str]:
    """``(text, encoding)`` for the bytes of a text file; InputError when no encoding fits."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), codec.replace("-sig", "")
            except UnicodeDecodeError:
                break
    for codec in ("utf-8", "gb18030"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text:
            return text, codec
    raise InputError("unsupported-format", "无法识别文本文件的编码（支持 UTF-8、UTF-16、GB18030/GBK）")


def markdown_document(text: str, path: str) -> Document:
    """Like ``document_from_text``, with ATX heading markers removed and their depth kept as outline."""
    doc = document_from_text(text, path)
    for i, block in enumerate(doc.blocks):
        match = _HEADING.match(block.text)
        if match and match.group(2):
            doc.blocks[i] = Block(text=match.group(2), part="body", index=block.index, file=path,
                                  outline=len(match.group(1)) - 1)
    return doc


def read_text(path: Path, display: str | None = None, *, max_bytes: int | None = None) -> Document:
    """Read a .txt/.md file (encoding detected) into a Document; refuse files over ``max_bytes``."""
    from normcheck.reader.package import DEFAULT_MAX_UNZIPPED_BYTES

    name = str(path) if display is None else display
    limit = DEFAULT_MAX_UNZIPPED_BYTES if max_bytes is None else max_bytes
    try:
        data = safeio.read_bytes(path, limit)
    except safeio.FileTooLarge:
        raise InputError("too-large", f"文本文件过大（上限 {limit // (1 << 20)} MB）") from None
    except OSError as exc:
        raise InputError("unreadable", f"无法读取文件（{exc.strerror or exc}）") from None
    if not data.strip():
        raise InputError("empty", "文件是空的")
    text, _ = decode_text(data)
    if path.suffix.lower() in MARKDOWN_SUFFIXES:
        return markdown_document(text, name)
    return document_from_text(text, name)
