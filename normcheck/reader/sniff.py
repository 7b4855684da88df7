"""Tell what a file really is from its first bytes (and, for OLE2 compound files, its stream names).

Extensions lie: a .doc renamed .docx, an encrypted .docx (an OLE2 file holding EncryptedPackage), an .odt
renamed .docx. The reader dispatches on what ``sniff`` says, and uses the extension only to break ties
between text formats.
"""
from __future__ import annotations

import os
import struct
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from normcheck import safeio

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_END_OF_CHAIN = 0xFFFFFFFE
_MAX_DIR_SECTORS = 4096

KIND_DOCX = "docx"
KIND_ODT = "odt"
KIND_OFD = "ofd"
KIND_ZIP = "zip"  # any zip; ``zip_kind`` tells docx, odt and ofd apart once the package is open
KIND_OLE_WORD = "ole-word"
KIND_OLE_ENCRYPTED = "ole-encrypted"
KIND_OLE_OTHER = "ole-other"
KIND_RTF = "rtf"
KIND_PDF = "pdf"
KIND_TEXT = "text"
KIND_EMPTY = "empty"
KIND_UNKNOWN = "unknown"

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")


def _open(path: Path) -> BinaryIO:
    """A regular file, opened without ever blocking (``safeio``)."""
    return os.fdopen(safeio.open_regular(path), "rb")


def sniff(path: Path) -> str:
    """One of the ``KIND_*`` names for the file at ``path`` (which must exist and be a regular file)."""
    with _open(path) as fh:
        head = fh.read(8)
    if not head:
        return KIND_EMPTY
    if head.startswith(b"PK"):
        return KIND_ZIP
    if head == OLE2_MAGIC:
        return _sniff_ole(path)
    if head.startswith(b"{\\rtf"):
        return KIND_RTF
    if head.startswith(b"%PDF"):
        return KIND_PDF
    if path.suffix.lower() in TEXT_SUFFIXES or _looks_like_text(path):
        return KIND_TEXT
    return KIND_UNKNOWN


def zip_kind(names: list[str], read_member: Callable[[str], bytes]) -> str:
    """What a zip package holds, from its member names (and the ODF ``mimetype`` member)."""
    lower = {name.lower(): name for name in names}
    if "mimetype" in lower and b"opendocument.text" in read_member(lower["mimetype"])[:200]:
        return KIND_ODT
    if "ofd.xml" in lower:
        return KIND_OFD
    return KIND_DOCX


def _looks_like_text(path: Path) -> bool:
    """UTF-16 text (with a BOM) or anything without NUL bytes in its first 4 KB."""
    with _open(path) as fh:
        sample = fh.read(4096)
    return sample.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" not in sample


def _sniff_ole(path: Path) -> str:
    names = ole_stream_names(path)
    if "encryptedpackage" in names or "encryptioninfo" in names:
        return KIND_OLE_ENCRYPTED
    if "worddocument" in names:
        return KIND_OLE_WORD
    return KIND_OLE_OTHER


def ole_stream_names(path: Path) -> set[str]:
    """Lower-cased names of the directory entries of an OLE2 compound file (empty set if unreadable)."""
    try:
        with _open(path) as fh:
            header = fh.read(512)
            if len(header) < 512:
                return set()
            sector_shift = struct.unpack_from("<H", header, 30)[0]
            if sector_shift not in (9, 12):
                return set()
            size = 1 << sector_shift
            first_dir = struct.unpack_from("<I", header, 48)[0]
            fat_sectors = [s for s in struct.unpack_from("<109I", header, 76) if s < _END_OF_CHAIN]
            fat = _read_fat(fh, fat_sectors, size)
            return _read_directory(fh, first_dir, fat, size)
    except (OSError, struct.error):
        return set()


def _read_sector(fh: object, sector: int, size: int) -> bytes:
    fh.seek((sector + 1) * size)  # type: ignore[attr-defined]
    return fh.read(size)  # type: ignore[attr-defined,no-any-return]


def _read_fat(fh: object, fat_sectors: list[int], size: int) -> list[int]:
    fat: list[int] = []
    for sector in fat_sectors:
        data = _read_sector(fh, sector, size)
        fat.extend(struct.unpack_from(f"<{len(data) // 4}I", data))
    return fat


def _read_directory(fh: object, first: int, fat: list[int], size: int) -> set[str]:
    names: set[str] = set()
    sector, seen = first, 0
    while sector < _END_OF_CHAIN and seen < _MAX_DIR_SECTORS:
        data = _read_sector(fh, sector, size)
        for offset in range(0, len(data) - 127, 128):
            length = struct.unpack_from("<H", data, offset + 64)[0]
            if 2 <= length <= 64:
                raw = data[offset:offset + length - 2]
                names.add(raw.decode("utf-16-le", errors="replace").lower())
        seen += 1
        sector = fat[sector] if sector < len(fat) else _END_OF_CHAIN
    return names
