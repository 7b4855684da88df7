"""Build .docx fixtures from hand-written OOXML, laid out the way Word writes them.

Tests import this module as ``from ooxml import build_docx, p, r`` (``tests/`` is put on ``sys.path`` by
``tests/conftest.py``). The API is small and stable:

``build_docx(path, body_xml, *, numbering=None, styles=None, headers=(), footers=(), footnotes=None,
endnotes=None, comments=None, core=None, strict=False, main_name="word/document.xml", document_xml=None,
extra_parts=None, omit=()) -> Path``
    Writes a complete package. ``body_xml`` is the inner XML of ``w:body``; ``numbering`` / ``styles`` the
    inner XML of ``w:numbering`` / ``w:styles``; each entry of ``headers`` / ``footers`` the inner XML of one
    ``w:hdr`` / ``w:ftr``; ``footnotes`` / ``endnotes`` / ``comments`` the inner XML of their root (the
    separator footnotes Word always writes are added for you). ``core`` maps core-property names (``title``,
    ``creator``, ``created``, ``modified``, ``last_modified_by``, ``subject``) to values. ``strict`` writes
    Strict OOXML namespaces and relationship types. ``document_xml`` replaces the whole main part (bytes or
    str) for malformed-input tests; ``extra_parts`` adds raw zip members; ``omit`` drops members by name.

``build_ole2(path, streams)`` writes a minimal OLE2 compound file (legacy .doc, encrypted .docx).

``p(*runs, style=None, num=None, ppr="")`` and ``r(text, rpr="")`` write a paragraph and a run;
``num=(num_id, ilvl)`` adds direct numbering. ``lvl(...)``, ``abstract_num(...)`` and ``num(...)`` write
numbering definitions. ``zip_members(path, members)`` writes an arbitrary zip.

All text arguments are inserted verbatim: escape ``<`` and ``&`` yourself when they must be literal.
"""
from __future__ import annotations

import zipfile
from collections.abc import Iterable, Mapping
from pathlib import Path

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL_BASE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
CORE_REL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"

STRICT_MAP = {
    W: "http://purl.oclc.org/ooxml/wordprocessingml/main",
    R: "http://purl.oclc.org/ooxml/officeDocument/relationships",
    "http://schemas.openxmlformats.org/drawingml/2006/main": "http://purl.oclc.org/ooxml/drawingml/main",
    "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing":
        "http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing",
    "http://schemas.openxmlformats.org/officeDocument/2006/math": "http://purl.oclc.org/ooxml/officeDocument/math",
}

NS_DECLS = (
    f'xmlns:w="{W}" xmlns:r="{R}" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup" '
    'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
    'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" '
    'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" mc:Ignorable="w14"'
)

_CT_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml"
_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def r(text: str, rpr: str = "") -> str:
    """One run with one ``w:t`` (space-preserving); ``rpr`` is the inner XML of ``w:rPr``."""
    props = f"<w:rPr>{rpr}</w:rPr>" if rpr else ""
    return f'<w:r>{props}<w:t xml:space="preserve">{text}</w:t></w:r>'


def p(*runs: str, style: str | None = None, num: tuple[int, int] | None = None, ppr: str = "") -> str:
    """One paragraph. Plain strings among ``runs`` that do not start with ``<`` become runs."""
    props = ""
    if style is not None:
        props += f'<w:pStyle w:val="{style}"/>'
    if num is not None:
        props += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
    props += ppr
    body = "".join(x if x.startswith("<") else r(x) for x in runs)
    return f"<w:p>{'<w:pPr>' + props + '</w:pPr>' if props else ''}{body}</w:p>"


def lvl(ilvl: int, fmt: str, text: str, *, start: int = 1, restart: int | None = None, suff: str | None = None,
        pstyle: str | None = None, is_lgl: bool = False) -> str:
    """One ``w:lvl`` of an abstract numbering definition."""
    extra = f'<w:lvlRestart w:val="{restart}"/>' if restart is not None else ""
    extra += f'<w:pStyle w:val="{pstyle}"/>' if pstyle else ""
    extra += "<w:isLgl/>" if is_lgl else ""
    suffix = f'<w:suff w:val="{suff}"/>' if suff else ""
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>{extra}{suffix}'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>')


def abstract_num(abstract_id: int, *levels: str, style_link: str | None = None,
                 num_style_link: str | None = None) -> str:
    links = f'<w:styleLink w:val="{style_link}"/>' if style_link else ""
    links += f'<w:numStyleLink w:val="{num_style_link}"/>' if num_style_link else ""
    return (f'<w:abstractNum w:abstractNumId="{abstract_id}"><w:multiLevelType w:val="multilevel"/>'
            f'{links}{"".join(levels)}</w:abstractNum>')


def num(num_id: int, abstract_id: int, start_overrides: Mapping[int, int] | None = None) -> str:
    overrides = "".join(f'<w:lvlOverride w:ilvl="{k}"><w:startOverride w:val="{v}"/></w:lvlOverride>'
                        for k, v in (start_overrides or {}).items())
    return f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{overrides}</w:num>'


def zip_members(path: str | Path, members: Mapping[str, bytes | str]) -> Path:
    """Write ``members`` (name → content) as a deflated zip at ``path``."""
    path = Path(path)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data.encode("utf-8") if isinstance(data, str) else data)
    return path


def _rels(items: Iterable[tuple[str, str, str]]) -> str:
    rows = "".join(f'<Relationship Id="{rid}" Type="{typ}" Target="{target}"/>' for rid, typ, target in items)
    return f'{_DECL}<Relationships xmlns="{PKG_RELS}">{rows}</Relationships>'


def _core_xml(core: Mapping[str, str]) -> str:
    names = {"title": "dc:title", "subject": "dc:subject", "creator": "dc:creator", "keywords": "cp:keywords",
             "description": "dc:description", "last_modified_by": "cp:lastModifiedBy",
             "created": "dcterms:created", "modified": "dcterms:modified"}
    fields = []
    for key, value in core.items():
        tag = names[key]
        attr = ' xsi:type="dcterms:W3CDTF"' if tag.startswith("dcterms:") else ""
        fields.append(f"<{tag}{attr}>{value}</{tag}>")
    return (f'{_DECL}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
            'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/'
            'terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' + "".join(fields)
            + "</cp:coreProperties>")


def _notes(kind: str, inner: str) -> str:
    sep = (f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>'
           f'<w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r>'
           f'</w:p></w:{kind}>')
    return f"{_DECL}<w:{kind}s {NS_DECLS}>{sep}{inner}</w:{kind}s>"


def _to_strict(text: str) -> str:
    for old, new in STRICT_MAP.items():
        text = text.replace(old, new)
    return text.replace(REL_BASE + "/", "http://purl.oclc.org/ooxml/officeDocument/relationships/")


def build_docx(path: str | Path, body_xml: str, *, numbering: str | None = None, styles: str | None = None,
               headers: Iterable[str] = (), footers: Iterable[str] = (), footnotes: str | None = None,
               endnotes: str | None = None, comments: str | None = None, core: Mapping[str, str] | None = None,
               strict: bool = False, main_name: str = "word/document.xml",
               document_xml: bytes | str | None = None, extra_parts: Mapping[str, bytes | str] | None = None,
               omit: Iterable[str] = ()) -> Path:
    """Write a .docx package at ``path`` (see the module docstring) and return the path."""
    main_dir, _, main_file = main_name.rpartition("/")
    prefix = main_dir + "/" if main_dir else ""
    parts: dict[str, str | bytes] = {}
    rels: list[tuple[str, str, str]] = []
    overrides = [(main_name, f"{_CT_MAIN}.document.main+xml")]

    def add(kind: str, name: str, xml: str, content_type: str) -> None:
        parts[prefix + name] = xml
        rels.append((f"rId{len(rels) + 1}", f"{REL_BASE}/{kind}", name))
        overrides.append((prefix + name, content_type))

    add("styles", "styles.xml", f"{_DECL}<w:styles {NS_DECLS}>{styles or ''}</w:styles>",
        f"{_CT_MAIN}.styles+xml")
    if numbering is not None:
        add("numbering", "numbering.xml", f"{_DECL}<w:numbering {NS_DECLS}>{numbering}</w:numbering>",
            f"{_CT_MAIN}.numbering+xml")
    sect_refs = ""
    for i, inner in enumerate(headers, 1):
        add("header", f"header{i}.xml", f"{_DECL}<w:hdr {NS_DECLS}>{inner}</w:hdr>", f"{_CT_MAIN}.header+xml")
        sect_refs += f'<w:headerReference w:type="default" r:id="rId{len(rels)}"/>'
    for i, inner in enumerate(footers, 1):
        add("footer", f"footer{i}.xml", f"{_DECL}<w:ftr {NS_DECLS}>{inner}</w:ftr>", f"{_CT_MAIN}.footer+xml")
        sect_refs += f'<w:footerReference w:type="default" r:id="rId{len(rels)}"/>'
    if footnotes is not None:
        add("footnotes", "footnotes.xml", _notes("footnote", footnotes), f"{_CT_MAIN}.footnotes+xml")
    if endnotes is not None:
        add("endnotes", "endnotes.xml", _notes("endnote", endnotes), f"{_CT_MAIN}.endnotes+xml")
    if comments is not None:
        add("comments", "comments.xml", f"{_DECL}<w:comments {NS_DECLS}>{comments}</w:comments>",
            f"{_CT_MAIN}.comments+xml")

    if document_xml is None:
        sect = f'<w:sectPr>{sect_refs}<w:pgSz w:w="11906" w:h="16838"/></w:sectPr>'
        parts[main_name] = f"{_DECL}<w:document {NS_DECLS}><w:body>{body_xml}{sect}</w:body></w:document>"
    else:
        parts[main_name] = document_xml
    parts[f"{prefix}_rels/{main_file}.rels"] = _rels(rels)

    pkg_rels = [("rId1", f"{REL_BASE}/officeDocument", main_name)]
    if core is not None:
        parts["docProps/core.xml"] = _core_xml(core)
        pkg_rels.append(("rId2", CORE_REL, "docProps/core.xml"))
        overrides.append(("docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"))
    parts["_rels/.rels"] = _rels(pkg_rels)
    ct_rows = "".join(f'<Override PartName="/{name}" ContentType="{ct}"/>' for name, ct in overrides)
    parts["[Content_Types].xml"] = (
        f'{_DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        f'<Default Extension="xml" ContentType="application/xml"/>{ct_rows}</Types>')

    if strict:
        parts = {k: _to_strict(v) if isinstance(v, str) else v for k, v in parts.items()}
    parts.update(extra_parts or {})
    for name in omit:
        parts.pop(name, None)
    # Word writes [Content_Types].xml first; some readers sniff that order.
    ordered = {"[Content_Types].xml": parts.pop("[Content_Types].xml")} if "[Content_Types].xml" in parts else {}
    ordered.update(parts)
    return zip_members(path, ordered)


def build_ole2(path: str | Path, streams: Iterable[str]) -> Path:
    """Write a minimal OLE2 compound file whose directory names ``streams`` (empty streams), e.g.
    ``["WordDocument"]`` for a legacy .doc or ``["EncryptionInfo", "EncryptedPackage"]`` for an encrypted
    .docx. Only the header, one FAT sector and the directory are written: enough to identify the file."""
    import struct

    names = ["Root Entry", *streams]
    end, free = 0xFFFFFFFE, 0xFFFFFFFF
    dir_sectors = (len(names) + 3) // 4
    header = bytearray(512)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIIII", header, 40, 0, 1, 1, 0, 4096, end, 0, end, 0)
    struct.pack_into("<109I", header, 76, 0, *([free] * 108))
    fat = [0xFFFFFFFD] + [i + 2 for i in range(dir_sectors - 1)] + [end]
    fat_sector = struct.pack(f"<{len(fat)}I", *fat) + b"\xff" * (512 - 4 * len(fat))
    directory = bytearray(512 * dir_sectors)
    for i, name in enumerate(names):
        raw = name.encode("utf-16-le")
        entry = 128 * i
        directory[entry:entry + len(raw)] = raw
        struct.pack_into("<HBB", directory, entry + 64, len(raw) + 2, 5 if i == 0 else 2, 1)
        struct.pack_into("<III", directory, entry + 68, free, free, 1 if i == 0 and len(names) > 1 else free)
    path = Path(path)
    path.write_bytes(bytes(header) + fat_sector + bytes(directory))
    return path
