"""Open an OOXML package safely: zip limits checked before inflating, hardened XML parsing, relationships.

Nothing here trusts the file: the central directory is checked (entry count, declared sizes, compression
ratio) before any member is inflated, the bytes actually inflated are counted against the same budget, and
every XML part is parsed without DTDs, entities or network access. A part that declares a DOCTYPE is refused
outright, which covers entity-expansion bombs and external-entity (XXE) references alike.
"""
from __future__ import annotations

import posixpath
import re
import struct
import zipfile
import zlib
from pathlib import Path
from typing import NoReturn
from urllib.parse import unquote

from lxml import etree

from normcheck.errors import InputError
from normcheck.reader.partcache import PartCache

DEFAULT_MAX_UNZIPPED_BYTES = 300 * 1024 * 1024
MAX_ENTRIES = 5000
# Deflate tops out near 1032:1; real XML parts stay far below this on anything large.
MAX_RATIO = 200
RATIO_MIN_BYTES = 16 * 1024 * 1024
_CHUNK = 1 << 20

STRICT_NAMESPACES = {
    b"http://purl.oclc.org/ooxml/wordprocessingml/main":
        b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    b"http://purl.oclc.org/ooxml/officeDocument/relationships":
        b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    b"http://purl.oclc.org/ooxml/officeDocument/math": b"http://schemas.openxmlformats.org/officeDocument/2006/math",
    b"http://purl.oclc.org/ooxml/drawingml/main": b"http://schemas.openxmlformats.org/drawingml/2006/main",
    b"http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing":
        b"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
}
_STRICT_MARK = b"http://purl.oclc.org/ooxml/"
_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_REL_TYPE_PREFIXES = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/",
                      "http://purl.oclc.org/ooxml/officeDocument/relationships/",
                      "http://schemas.openxmlformats.org/package/2006/relationships/metadata/",
                      "http://schemas.microsoft.com/office/2006/relationships/")
_DOCTYPE_PATTERNS = (b"<!DOCTYPE", b"<\x00!\x00D\x00O\x00C\x00T\x00Y\x00P\x00E\x00",
                     b"\x00<\x00!\x00D\x00O\x00C\x00T\x00Y\x00P\x00E")
_ENCODING_DECL = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_XML_DECLARATION = re.compile(r"\s*<\?xml[^<>]*\?>")
# Everything zipfile and its decompressors (zlib, bz2, lzma) raise for a damaged or unsupported member.
_INFLATE_ERRORS: tuple[type[BaseException], ...] = (zipfile.BadZipFile, zlib.error, EOFError, ValueError, OSError,
                                                    NotImplementedError, RuntimeError, struct.error)
try:
    import lzma

    _INFLATE_ERRORS += (lzma.LZMAError,)
except ImportError:  # Python built without lzma: zipfile then raises RuntimeError for LZMA members
    pass
# Signature, general purpose flags, name and extra field lengths of a local file header (30 bytes).
_LOCAL_HEADER = struct.Struct("<4s2xH18xHH")
# Encrypted (bit 0), compressed patched data (bit 5), strong encryption (bit 6): zipfile's own path decides.
_UNPLAIN_FLAGS = 0x01 | 0x20 | 0x40
_RELATIONSHIPS: PartCache[list[tuple[str, str, str, str]]] = PartCache()
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                          huge_tree=False, remove_comments=True, remove_pis=True)


def rel_kind(rel_type: str) -> str:
    """The last segment of a relationship type, equal for transitional and Strict (e.g. ``officeDocument``)."""
    for prefix in _REL_TYPE_PREFIXES:
        if rel_type.startswith(prefix):
            return rel_type[len(prefix):]
    return rel_type.rsplit("/", 1)[-1]


class Package:
    """A zip-based OOXML package whose members are inflated lazily, within one byte budget."""

    def __init__(self, path: Path, max_unzipped_bytes: int | None = None) -> None:
        self.path = path
        self.budget = DEFAULT_MAX_UNZIPPED_BYTES if max_unzipped_bytes is None else max_unzipped_bytes
        self.strict = False
        try:
            self.zip = zipfile.ZipFile(path)
            infos = self.zip.infolist()
        except NotImplementedError:
            # zipfile refuses central directories that claim a newer zip specification than it implements.
            raise InputError("corrupt-zip", "文件已损坏或使用了不支持的 zip 格式版本，无法作为 Word 文档打开") from None
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, OSError, struct.error):
            raise InputError("corrupt-zip", "文件已损坏或不完整（可能下载或复制未完成），无法作为 Word 文档打开") from None
        self._check_directory(infos)
        self.members = {info.filename: info for info in infos}
        self._lower = {name.lower(): name for name in self.members}
        self._relationships: dict[str, list[tuple[str, str, str, str]]] = {}

    def close(self) -> None:
        self.zip.close()

    def _check_directory(self, infos: list[zipfile.ZipInfo]) -> None:
        if len(infos) > MAX_ENTRIES:
            raise InputError("zip-bomb", f"压缩包含有 {len(infos)} 个条目，超过上限 {MAX_ENTRIES}，拒绝读取")
        declared = sum(info.file_size for info in infos)
        if declared > self.budget:
            raise InputError("zip-bomb", f"压缩包解压后声明大小 {declared // (1 << 20)} MB，超过上限 "
                                         f"{self.budget // (1 << 20)} MB，拒绝读取")
        for info in infos:
            if info.file_size > RATIO_MIN_BYTES and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                raise InputError("zip-bomb", f"压缩包条目 {info.filename} 压缩比异常（超过 {MAX_RATIO}:1），拒绝读取")

    def find(self, name: str) -> str | None:
        """The member name matching ``name``, compared case-insensitively as Office does."""
        if name in self.members:
            return name
        return self._lower.get(name.lower())

    def read(self, name: str) -> bytes:
        """Inflate one member, counting its actual bytes against the package budget."""
        info = self.members[name]
        data = self._read_plain(info)
        if data is not None:
            self.budget -= len(data)
            return data
        chunks: list[bytes] = []
        try:
            with self.zip.open(info) as stream:
                while True:
                    chunk = stream.read(min(_CHUNK, self.budget + 1))
                    if not chunk:
                        break
                    self.budget -= len(chunk)
                    if self.budget < 0:
                        raise InputError("zip-bomb", f"压缩包条目 {name} 解压后超过大小上限，拒绝读取")
                    chunks.append(chunk)
        except InputError:
            raise
        except _INFLATE_ERRORS as exc:
            _inflate_failed(name, exc)
        return b"".join(chunks)

    def _read_plain(self, info: zipfile.ZipInfo) -> bytes | None:
        """The member's bytes in one read and one inflate, for a stored or deflated, unencrypted member whose
        inflated size and CRC come out as the central directory declares, within the budget; None for
        anything else, which ``read`` then takes through zipfile, whose errors it reports.

        This is what zipfile returns for such a member, without its per-member file object and chunked
        reads, which cost more than the inflating itself on the small parts of a document.
        """
        method, size = info.compress_type, info.file_size
        if (method not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) or info.flag_bits & _UNPLAIN_FLAGS
                or size > self.budget or (method == zipfile.ZIP_STORED and info.compress_size != size)):
            return None
        try:
            fp = self.zip.fp
            if fp is None:
                return None
            fp.seek(info.header_offset)
            header = fp.read(_LOCAL_HEADER.size)
            if len(header) != _LOCAL_HEADER.size:
                return None
            magic, flags, name_size, extra_size = _LOCAL_HEADER.unpack(header)
            name = fp.read(name_size)
            # zipfile compares the member name of the local header with the directory's in the same way.
            if magic != b"PK\x03\x04" or name.decode("utf-8" if flags & 0x800 else "cp437") != info.orig_filename:
                return None
            fp.seek(extra_size, 1)
            # Newer zipfile versions refuse a member overlapping the next one (a zip bomb): let it.
            end = getattr(info, "_end_offset", None)
            if end is not None and fp.tell() + info.compress_size > end:
                return None
            raw = fp.read(info.compress_size)
            if len(raw) != info.compress_size:
                return None
            # One byte more than declared tells a member that inflates to more than it declares.
            data = raw if method == zipfile.ZIP_STORED else zlib.decompressobj(-15).decompress(raw, size + 1)
        except (OSError, ValueError, EOFError, zlib.error, struct.error, UnicodeDecodeError):
            return None
        if len(data) != size or zlib.crc32(data) != info.CRC:
            return None
        return data

    def xml(self, name: str) -> etree._Element:
        """Parse one member as XML with the hardened parser (Strict namespaces mapped to transitional)."""
        return parse_xml(self.read(name), name, self)

    def relationships(self, source: str) -> list[tuple[str, str, str, str]]:
        """``(id, kind, target member, target mode)`` for ``source`` ("" for the package itself)."""
        rows = self._relationships.get(source)
        if rows is None:
            rows = self._relationships[source] = self._read_relationships(source)
        return rows

    def _read_relationships(self, source: str) -> list[tuple[str, str, str, str]]:
        folder, _, base = source.rpartition("/")
        rels_name = f"{folder + '/' if folder else ''}_rels/{base}.rels"
        member = self.find(rels_name)
        if member is None:
            return []

        def parse(data: bytes) -> list[tuple[str, str, str, str]]:
            rows = []
            for rel in parse_xml(data, member, self).iter(_REL_NS):
                target = rel.get("Target", "")
                mode = rel.get("TargetMode", "Internal")
                if mode == "Internal":
                    target = _resolve(folder, target)
                rows.append((rel.get("Id", ""), rel_kind(rel.get("Type", "")), target, mode))
            return rows

        # Shared with other packages that hold the same relationships part in the same folder: never changed.
        return _RELATIONSHIPS.get(self.read(member), self, parse, folder)


def _inflate_failed(name: str, exc: BaseException) -> NoReturn:
    """One own error for every way a member can fail to inflate: encrypted, unsupported method, damaged."""
    text = str(exc).lower()
    if "encrypted" in text or "password" in text or "encryption" in text:
        raise InputError("encrypted", "文件已加密（设置了密码），请去除密码后再检查") from None
    if isinstance(exc, NotImplementedError):
        raise InputError("corrupt-zip", f"文件已损坏：部件 {name} 使用了不支持的压缩方式，无法解压") from None
    raise InputError("corrupt-zip", f"文件已损坏：部件 {name} 无法解压（数据校验失败）") from None


def _resolve(folder: str, target: str) -> str:
    # Relationship targets are URIs: "document%202.xml" names the member "document 2.xml".
    target = unquote(target.split("#", 1)[0])
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(folder, target)) if folder else posixpath.normpath(target)


def parse_xml(data: bytes, name: str, package: Package | None = None) -> etree._Element:
    """Parse ``data`` safely; refuse DOCTYPEs, re-encode legacy encodings, map Strict namespaces."""
    head = data[:4096]
    if any(pattern in head for pattern in _DOCTYPE_PATTERNS) or b"<!ENTITY" in head:
        raise InputError("unsafe-xml", f"部件 {name} 含有 DOCTYPE/实体声明（可能是实体炸弹或外部实体引用），拒绝读取")
    if not data or data.isspace():
        raise InputError("empty", f"部件 {name} 是空的（0 字节），文件不完整")
    data = _to_utf8(data, name)
    if _STRICT_MARK in data:
        for strict, transitional in STRICT_NAMESPACES.items():
            data = data.replace(strict, transitional)
        if package is not None:
            package.strict = True
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        where = f"第 {exc.lineno} 行：" if exc.lineno else ""
        detail = (exc.msg or "").splitlines()[0][:160] if exc.msg else "语法错误"
        raise InputError("malformed-xml", f"部件 {name} 不是格式正确的 XML（{where}{detail}）") from None
    if root is None:
        raise InputError("malformed-xml", f"部件 {name} 不是格式正确的 XML")
    if root.getroottree().docinfo.doctype:
        raise InputError("unsafe-xml", f"部件 {name} 含有 DOCTYPE 声明，拒绝读取")
    return root


def _to_utf8(data: bytes, name: str) -> bytes:
    """Re-encode parts declared in GBK/GB2312/GB18030 (written by some Chinese tools) as UTF-8."""
    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return data
    match = _ENCODING_DECL.match(data[:200])
    if match is None:
        return data
    encoding = match.group(1).decode("ascii").lower()
    if encoding in ("utf-8", "utf8", "us-ascii", "ascii"):
        return data
    codec = "gb18030" if encoding in ("gbk", "gb2312", "gb18030", "cp936", "x-gbk") else encoding
    try:
        text = data.decode(codec)
    except (LookupError, UnicodeError):
        raise InputError("malformed-xml", f"部件 {name} 声明的编码 {encoding} 无法解码") from None
    declaration = _XML_DECLARATION.match(text)
    if declaration is None:
        raise InputError("malformed-xml", f"部件 {name} 的 XML 声明没有结束（缺少“?>”）") from None
    return b'<?xml version="1.0" encoding="UTF-8"?>' + text[declaration.end():].encode("utf-8", "surrogatepass")
