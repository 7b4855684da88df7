"""Edit a .docx through python-docx while reading only the parts the edit needs.

python-docx loads every part the relationships reach (images, embedded objects, headers...), so one image
with a compression Python lacks, an encryption flag or a corrupt stream would stop a copy that never needed
it. Here python-docx gets a slim package — the main part, its styles and comments parts, every other
relationship of the main part marked external so that nothing behind it is loaded — and the copy is then
assembled from the original archive: the parts python-docx changed or added come from its output, the
relationships and content types are the original ones plus what it added, and every other member is copied
as its raw compressed bytes, never decompressed.
"""
from __future__ import annotations

import copy
import io
import posixpath
import struct
import zipfile
from collections.abc import Callable
from typing import Any

from lxml import etree

REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
OFFICE_DOCUMENT = "/officeDocument"
# The parts an annotated copy reads and may change besides the main part.
NEEDED = ("/styles", "/comments")
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def _rels_name(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


def _target(source_part: str, rel: etree._Element) -> str:
    target = rel.get("Target", "")
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source_part), target))


def _internal(rel: etree._Element) -> bool:
    return rel.get("TargetMode", "Internal") != "External"


def _xml(data: bytes) -> etree._Element:
    return etree.fromstring(data, _PARSER)


def _bytes(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _main_part(archive: zipfile.ZipFile) -> str:
    for rel in _xml(archive.read("_rels/.rels")).iter(f"{{{REL_NS}}}Relationship"):
        if rel.get("Type", "").endswith(OFFICE_DOCUMENT) and _internal(rel):
            return _target("", rel)
    raise KeyError("no main document part")


def edit_docx(source: Any, edit: Callable[[Any], None]) -> bytes:
    """The bytes of ``source`` (a path) after ``edit(python_docx_document)``, reading only the main part,
    its styles and its comments (see the module docstring)."""
    import docx

    with zipfile.ZipFile(source) as archive:
        names = set(archive.namelist())
        main = _main_part(archive)
        rels_name = _rels_name(main)
        rels = _xml(archive.read(rels_name)) if rels_name in names else etree.Element(f"{{{REL_NS}}}Relationships")
        needed = {main}
        slim_rels = copy.deepcopy(rels)
        for rel in slim_rels.iter(f"{{{REL_NS}}}Relationship"):
            if not _internal(rel):
                continue
            target = _target(main, rel)
            if rel.get("Type", "").endswith(NEEDED) and target in names:
                needed.add(target)
            else:
                rel.set("TargetMode", "External")  # known to python-docx, never loaded
        slim = io.BytesIO()
        with zipfile.ZipFile(slim, "w", zipfile.ZIP_DEFLATED) as out:
            out.writestr("[Content_Types].xml", archive.read("[Content_Types].xml"))
            package_rels = etree.Element(f"{{{REL_NS}}}Relationships")
            etree.SubElement(package_rels, f"{{{REL_NS}}}Relationship", Id="rId1", Type=_main_rel_type(archive),
                             Target=main)
            out.writestr("_rels/.rels", _bytes(package_rels))
            out.writestr(rels_name, _bytes(slim_rels))
            for name in sorted(needed):
                out.writestr(name, archive.read(name))
        word = docx.Document(io.BytesIO(slim.getvalue()))
        edit(word)
        saved_buffer = io.BytesIO()
        word.save(saved_buffer)
        with zipfile.ZipFile(saved_buffer) as saved:
            return _assemble(archive, saved, main, rels_name, rels, needed)


def _main_rel_type(archive: zipfile.ZipFile) -> str:
    for rel in _xml(archive.read("_rels/.rels")).iter(f"{{{REL_NS}}}Relationship"):
        if rel.get("Type", "").endswith(OFFICE_DOCUMENT):
            return rel.get("Type", "")
    raise KeyError("no main document part")


def _assemble(archive: zipfile.ZipFile, saved: zipfile.ZipFile, main: str, rels_name: str,
              rels: etree._Element, needed: set[str]) -> bytes:
    saved_names = set(saved.namelist())
    known = {rel.get("Id") for rel in rels.iter(f"{{{REL_NS}}}Relationship")}
    added: set[str] = set()
    if rels_name in saved_names:
        for rel in _xml(saved.read(rels_name)).iter(f"{{{REL_NS}}}Relationship"):
            if rel.get("Id") not in known:
                rels.append(copy.deepcopy(rel))
                if _internal(rel):
                    added.add(_target(main, rel))
    types = _merged_types(archive.read("[Content_Types].xml"), saved.read("[Content_Types].xml"))
    changed = {name: saved.read(name) for name in (needed | added) if name in saved_names}
    changed[rels_name] = _bytes(rels)
    changed["[Content_Types].xml"] = types
    result = io.BytesIO()
    with zipfile.ZipFile(result, "w", zipfile.ZIP_DEFLATED) as out:
        for info in archive.infolist():
            if info.filename in changed:
                out.writestr(info.filename, changed.pop(info.filename))
            else:
                _copy_raw(archive, info, out)
        for name in sorted(changed):
            out.writestr(name, changed[name])
    return result.getvalue()


def _merged_types(original: bytes, saved: bytes) -> bytes:
    root = _xml(original)
    def key(el: etree._Element) -> str:
        return f"{el.tag}|{el.get('PartName') or el.get('Extension', '')}".lower()

    have = {key(el) for el in root}
    for el in _xml(saved):
        if key(el) not in have:
            root.append(copy.deepcopy(el))
    return _bytes(root)


def _copy_raw(archive: zipfile.ZipFile, info: zipfile.ZipInfo, out: zipfile.ZipFile) -> None:
    """Append ``info``'s member to ``out`` as its stored compressed bytes, without decompressing them."""
    source = archive.fp
    assert source is not None and out.fp is not None
    source.seek(info.header_offset)
    header = source.read(30)
    if len(header) < 30 or header[:4] != b"PK\x03\x04":
        raise zipfile.BadZipFile(f"bad local header for {info.filename}")
    name_length, extra_length = struct.unpack("<HH", header[26:30])
    source.seek(info.header_offset + 30 + name_length + extra_length)
    data = source.read(info.compress_size)
    if len(data) != info.compress_size:
        raise zipfile.BadZipFile(f"truncated member {info.filename}")
    clone = copy.copy(info)
    clone.flag_bits &= ~0x08  # sizes and CRC go in the local header: no data descriptor follows
    clone.extra = b""
    clone.header_offset = out.fp.tell()
    out.fp.write(clone.FileHeader(zip64=clone.file_size > zipfile.ZIP64_LIMIT
                                  or clone.compress_size > zipfile.ZIP64_LIMIT))
    out.fp.write(data)
    out.filelist.append(clone)
    out.NameToInfo[clone.filename] = clone
    out.start_dir = out.fp.tell()
    out._didModify = True  # type: ignore[attr-defined]
