"""Read a .docx/.docm/.dotx package into a Document: main story, headers, footers, notes and comments.

The package is opened lazily with zipfile + lxml (see ``package.py``): only the parts that hold text, plus
numbering.xml and (on demand) styles.xml, are inflated. The main part is found through the package
relationships, so a main part not named ``word/document.xml`` and Strict OOXML both work. A main part of
``streaming.STREAM_MIN_BYTES`` or more is walked while it is parsed, so that a long document never holds
its whole XML tree (see ``streaming.py``).
"""
from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TypedDict

from lxml import etree

from normcheck.errors import InputError
from normcheck.model import Block, Document, make_block
from normcheck.reader.numbering import Definitions, Numbering, StyleInfo, parse_numbering, parse_styles
from normcheck.reader.package import Package, parse_xml
from normcheck.reader.partcache import PartCache
from normcheck.reader.story import Paragraph, StoryWalker, W
from normcheck.reader.streaming import (
    OTHER_OFFICE,
    check_main_root,
    should_stream,
    stream_body,
)

_CORE_FIELDS = {
    "{http://purl.org/dc/elements/1.1/}title": "title",
    "{http://purl.org/dc/elements/1.1/}subject": "subject",
    "{http://purl.org/dc/elements/1.1/}creator": "creator",
    "{http://purl.org/dc/elements/1.1/}description": "description",
    "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}keywords": "keywords",
    "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}lastModifiedBy": "last_modified_by",
    "{http://purl.org/dc/terms/}created": "created",
    "{http://purl.org/dc/terms/}modified": "modified",
}
# Styles and numbering definitions are never changed once parsed, so documents sharing a template share them.
_STYLES: PartCache[dict[str, StyleInfo]] = PartCache()
_NUMBERING: PartCache[Definitions] = PartCache()
_NOTE_SKIP = frozenset(("separator", "continuationSeparator", "continuationNotice"))
_DIGITS = re.compile(r"(\d+)")


def _natural(name: str) -> list[object]:
    return [int(x) if x.isdigit() else x for x in _DIGITS.split(name)]


def read_docx(path: Path, *, max_unzipped_bytes: int | None = None, display: str | None = None) -> Document:
    """Read the package at ``path``; blocks and the Document name ``display`` (default: ``path``)."""
    package = Package(path, max_unzipped_bytes)
    try:
        return read_docx_package(package, str(path) if display is None else display)
    finally:
        package.close()


def _main_part(package: Package) -> str:
    rels = package.relationships("")
    target = next((t for _, kind, t, mode in rels if kind == "officeDocument" and mode == "Internal"), None)
    if target is None:
        target = "word/document.xml"
    member = package.find(target)
    if member is None:
        other = next((label for prefix, label in OTHER_OFFICE.items() if target.startswith(prefix)), None)
        if other:
            raise InputError("not-a-docx", f"这是 {other}，不是 Word 文档")
        raise InputError("not-a-docx", "压缩包中没有 Word 主文档部件（不是有效的 .docx 文件）")
    return member


def read_docx_package(package: Package, name: str) -> Document:
    """Read an already opened package (see ``read_docx``)."""
    main = _main_part(package)
    data = package.read(main)
    flags = _story_flags(data)
    hiding_styles: list[bool] = []
    streamed = should_stream(data)
    root: etree._Element | None = None
    if not streamed:
        root = parse_xml(data, main, package)
        check_main_root(root, main)
    try:
        rels = package.relationships(main)

        def members(kind: str) -> list[str]:
            found = {package.find(t) for _, k, t, mode in rels if k == kind and mode == "Internal"}
            return sorted((m for m in found if m is not None), key=_natural)

        @cache
        def load_styles() -> dict[str, StyleInfo]:
            styles = members("styles")
            if not styles:
                return {}
            return _STYLES.get(package.read(styles[0]), package,
                               lambda data: parse_styles(parse_xml(data, styles[0], package)))

        def styles_hide() -> bool:
            if not hiding_styles:
                hiding_styles.append(any(info.vanish for info in load_styles().values()))
            return hiding_styles[0]

        numbering_parts = members("numbering")
    except InputError:
        if streamed:
            # As when the main part is parsed first: its own fault is the one reported.
            check_main_root(parse_xml(data, main, package), main)
        raise
    # The main part while it is being streamed, not yet known to be well formed.
    unchecked_main = [data] if streamed else []

    def load_numbering() -> Definitions:
        # numbering.xml is read when a paragraph first resolves to a numbering instance, if ever.
        if not numbering_parts:
            return parse_numbering(None)
        try:
            return _NUMBERING.get(package.read(numbering_parts[0]), package,
                                  lambda data: parse_numbering(parse_xml(data, numbering_parts[0], package)))
        except InputError:
            for main_data in unchecked_main:
                check_main_root(parse_xml(main_data, main, package), main)
            raise

    numbering = Numbering(None, load_styles, load_definitions=load_numbering)
    warnings: list[str] = []
    blocks: list[Block] = []

    _allow_style_hiding(flags, data, styles_hide)
    walker = StoryWalker(root, numbering, warnings, **flags)
    if root is None:
        stream_body(data, main, package, walker)
        unchecked_main.clear()
    else:
        body = root.find(W + "body")
        if body is not None:
            walker.story(body)
    paragraphs = walker.paragraphs
    # The walker and the flags may still hold the main part's bytes (for a probe never asked): let them go.
    del data, root, flags, walker
    counts: dict[str, int] = {}
    _append(blocks, paragraphs, "body", name, main, counts)

    for part, kind in (("header", "header"), ("footer", "footer")):
        for member in members(kind):
            part_root, flags = _parse_part(package, member, styles_hide)
            walker = StoryWalker(part_root, numbering.fresh(), warnings, **flags)
            walker.story(part_root)
            _append(blocks, walker.paragraphs, part, name, member, counts)
    for part, kind, tag in (("footnote", "footnotes", "footnote"), ("endnote", "endnotes", "endnote"),
                            ("comment", "comments", "comment")):
        for member in members(kind):
            part_root, flags = _parse_part(package, member, styles_hide)
            walker = StoryWalker(part_root, numbering.fresh(), warnings, **flags)
            for note in part_root.iter(W + tag):
                if note.get(W + "type", "") not in _NOTE_SKIP:
                    walker.story(note)
            _append(blocks, walker.paragraphs, part, name, member, counts)

    metadata = _core_properties(package)
    if package.strict:
        metadata.setdefault("conformance", "strict")
    return Document(path=name, blocks=blocks, metadata=metadata, warnings=warnings, files=(name,))


def _parse_part(package: Package, member: str, styles_hide: Callable[[], bool]
                ) -> tuple[etree._Element, StoryFlags]:
    """Parse a story part, and tell from its raw bytes whether hidden text or deletions can occur at all."""
    data = package.read(member)
    flags = _story_flags(data)
    _allow_style_hiding(flags, data, styles_hide)
    return parse_xml(data, member, package), flags


def _allow_style_hiding(flags: StoryFlags, data: bytes, styles_hide: Callable[[], bool]) -> None:
    # Text can also be hidden by a character style: only worth a look when runs name styles at all.
    if not flags["may_hide"] and b"rStyle" in data and styles_hide():
        flags["may_hide"] = True


class StoryFlags(TypedDict):
    """What the raw bytes of a part rule out, for ``StoryWalker``."""

    may_hide: bool
    may_delete_marks: bool | Callable[[], bool]


def _story_flags(data: bytes) -> StoryFlags:
    # Non-UTF-8 parts are re-encoded by parse_xml; in UTF-16 the ASCII probes would miss.
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return {"may_hide": True, "may_delete_marks": True}
    # Looking for deletions is left to the first paragraph mark that has run properties: many parts have none.
    return {"may_hide": b"anish" in data, "may_delete_marks": lambda: b"del" in data or b"moveFrom" in data}


def _append(blocks: list[Block], paragraphs: list[Paragraph], part: str, file: str, member: str,
            counts: dict[str, int]) -> None:
    """Add the paragraphs of one part as Blocks, numbered on from the blocks of the same ``part`` already
    read (``counts`` holds how many: every block of one package has the same ``file``)."""
    index = counts.get(part, 0)
    add = blocks.append
    for text, label, style, outline, cell, xml_index, kind in paragraphs:
        index += 1
        add(make_block(text, part, index, file, kind, label, style, outline, cell, xml_index, member))
    counts[part] = index


def _core_properties(package: Package) -> dict[str, str]:
    target = next((t for _, kind, t, mode in package.relationships("")
                   if kind == "core-properties" and mode == "Internal"), None)
    member = package.find(target) if target else None
    if member is None:
        return {}
    try:
        root = package.xml(member)
    except InputError as exc:
        if exc.code in ("unsafe-xml", "zip-bomb"):
            raise
        return {}  # damaged metadata must not stop the text from being checked
    metadata: dict[str, str] = {}
    for child in root:
        key = _CORE_FIELDS.get(child.tag) if isinstance(child.tag, str) else None
        text = (child.text or "").strip()
        if key and text:
            metadata[key] = text
    return metadata

