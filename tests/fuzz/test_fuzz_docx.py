"""Mutated real .docx files: the reader and the whole check return a result or the project's own error.

Each example takes one of the sample packages and applies a few mutations to its zip members (dropped,
truncated, duplicated, renamed, recompressed) or to their XML (bytes flipped, elements nested deeply,
attributes removed, odd characters inserted), or damages the zip file itself.
"""
from __future__ import annotations

import functools
import io
import re
import tempfile
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from fuzzing import DOCX_FIXTURES, fuzz_settings, own_outcome
from hypothesis import given
from hypothesis import strategies as st

Member = tuple[str, bytes, int]
METHODS = [zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA]
WRAPPERS = [("<w:sdt><w:sdtContent>", "</w:sdtContent></w:sdt>"),
            ("<w:tbl><w:tr><w:tc>", "<w:p/></w:tc></w:tr></w:tbl>"),
            ("<w:ins w:id=\"1\">", "</w:ins>"),
            ("<w:customXml w:element=\"x\">", "</w:customXml>"),
            ("<w:smartTag>", "</w:smartTag>"),
            ("<x:n xmlns:x=\"urn:x\">", "</x:n>")]
ODD_TEXT = ["&#0;", "&#xD800;", "&#xFFFE;", "\u0000", "\udcff".encode("utf-8", "surrogatepass").decode("latin-1"),
            "<!DOCTYPE x [<!ENTITY e \"e\">]>", "&e;", "<![CDATA[第一条]]>", "<?pi data?>", "<!-- c -->",
            "\u202e第一条", "\ufeff", "〔2024〕", "<w:t>", "</w:t>", "<w:numPr><w:ilvl w:val=\"9\"/><w:numId w:val=\"999\"/></w:numPr>",
            "<w:ilvl w:val=\"-1\"/>", "<w:start w:val=\"99999999999999999999\"/>", "<w:lvlText w:val=\"%9%9%1\"/>"]
ATTRIBUTE = re.compile(rb"\s[\w:]+=\"[^\"]*\"")


@functools.cache
def _members(path: Path) -> tuple[Member, ...]:
    with zipfile.ZipFile(path) as zf:
        return tuple((info.filename, zf.read(info), info.compress_type) for info in zf.infolist())


def _pack(members: list[Member]) -> bytes:
    buffer = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(buffer, "w") as zf:
        warnings.simplefilter("ignore")  # duplicate names are one of the mutations
        for name, data, method in members:
            zf.writestr(zipfile.ZipInfo(name), data, compress_type=method)
    return buffer.getvalue()


@st.composite
def _entry_mutation(draw: st.DrawFn, members: list[Member]) -> None:
    if not members:
        return
    index = draw(st.integers(0, len(members) - 1))
    name, data, method = members[index]
    kind = draw(st.sampled_from(["drop", "truncate", "duplicate", "rename", "recompress", "flip", "nest",
                                 "strip-attributes", "insert"]))
    if kind == "drop":
        del members[index]
    elif kind == "truncate":
        members[index] = (name, data[: draw(st.integers(0, max(len(data) - 1, 0)))], method)
    elif kind == "duplicate":
        replacement = draw(st.sampled_from([data, data[: len(data) // 2], b"<x/>"]))
        members.insert(draw(st.integers(0, len(members))), (name, replacement, method))
    elif kind == "rename":
        members[index] = (draw(st.sampled_from([name.upper(), name + "x", "/" + name, name.replace("/", "\\"),
                                                "../" + name, "word/document.xml"])), data, method)
    elif kind == "recompress":
        members[index] = (name, data, draw(st.sampled_from(METHODS)))
    elif kind == "flip":
        flipped = bytearray(data)
        for _ in range(draw(st.integers(1, 8))):
            if flipped:
                flipped[draw(st.integers(0, len(flipped) - 1))] = draw(st.integers(0, 255))
        members[index] = (name, bytes(flipped), method)
    elif kind == "nest":
        members[index] = (name, _nest(data, draw(st.sampled_from(WRAPPERS)),
                                      draw(st.sampled_from([2, 50, 300, 3000]))), method)
    elif kind == "strip-attributes":
        found = list(ATTRIBUTE.finditer(data))
        keep = draw(st.sets(st.integers(0, max(len(found) - 1, 0)), max_size=len(found)))
        out, last = [], 0
        for number, match in enumerate(found):
            if number not in keep:
                out += [data[last:match.start()]]
                last = match.end()
        members[index] = (name, b"".join(out) + data[last:], method)
    else:
        position = draw(st.integers(0, len(data)))
        odd = draw(st.sampled_from(ODD_TEXT)).encode("utf-8", "surrogatepass")
        members[index] = (name, data[:position] + odd + data[position:], method)


def _nest(data: bytes, wrapper: tuple[str, str], depth: int) -> bytes:
    """Wrap the content of the first ``w:body`` (or the root's content) ``depth`` times."""
    opening, closing = (part.encode("utf-8") for part in wrapper)
    start = data.find(b"<w:body>")
    if start < 0:
        start = data.find(b">", data.find(b"<", data.find(b"?>") + 2)) - len(b"<w:body>") + 1
    start += len(b"<w:body>")
    end = data.rfind(b"<w:sectPr")
    if end < start:
        end = data.rfind(b"</")
    if end < start:
        return data
    return data[:start] + opening * depth + data[start:end] + closing * depth + data[end:]


@st.composite
def mutated_docx(draw: st.DrawFn) -> bytes:
    fixture = draw(st.sampled_from(DOCX_FIXTURES))
    members = list(_members(fixture))
    for _ in range(draw(st.integers(1, 3))):
        draw(_entry_mutation(members))
    packed = _pack(members)
    damage = draw(st.sampled_from(["none", "none", "none", "truncate", "flip"]))
    if damage == "truncate":
        packed = packed[: draw(st.integers(0, len(packed)))]
    elif damage == "flip":
        raw = bytearray(packed)
        for _ in range(draw(st.integers(1, 4))):
            raw[draw(st.integers(0, len(raw) - 1))] ^= 1 << draw(st.integers(0, 7))
        packed = bytes(raw)
    return packed


@functools.cache
def _rules() -> object:
    from normcheck.dsl import load_rules

    return load_rules()


def check_bytes(data: bytes, suffix: str = ".docx") -> None:
    """Read, dump, analyse and check ``data`` as a file: any outcome but the project's errors fails."""
    from normcheck.engine import check_document
    from normcheck.reader import dump_text, read_path
    from normcheck.structure import analyze

    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / f"fuzz{suffix}"
        target.write_bytes(data)

        def pipeline() -> int:
            doc = read_path(target, max_unzipped_bytes=50_000_000)
            dump_text(doc, True)
            findings = check_document(doc, _rules(), analyze(doc))
            return len(findings)

        own_outcome(pipeline)
        assert target.read_bytes() == data, "the input must never change"


def test_fixtures_are_there() -> None:
    assert len(DOCX_FIXTURES) >= 5


@fuzz_settings(400)
@given(mutated_docx())
def test_mutated_packages_give_a_result_or_an_own_error(data: bytes) -> None:
    check_bytes(data)


@fuzz_settings(100)
@given(st.binary(max_size=4096), st.sampled_from([".docx", ".txt", ".md", ".doc", ""]))
def test_arbitrary_bytes_give_a_result_or_an_own_error(data: bytes, suffix: str) -> None:
    check_bytes(data, suffix)


@fuzz_settings(60)
@given(st.sampled_from(DOCX_FIXTURES), st.integers(0, 2**32 - 1))
def test_prefixes_of_a_real_file_give_a_result_or_an_own_error(fixture: Path, seed: int) -> None:
    data = fixture.read_bytes()
    check_bytes(data[: seed % len(data)])


MEMBER_NAMES = ["正文.docx", "起草说明.docx", "合法性审核意见书.docx", "备案报告.docx", "附件1.docx", "说明.txt",
                "征求意见情况.md", "~$正文.docx", "会议纪要.doc", "README.md"]


@fuzz_settings(100)
@given(st.lists(st.tuples(st.sampled_from(MEMBER_NAMES),
                          st.one_of(mutated_docx(), st.binary(max_size=64),
                                    st.sampled_from(DOCX_FIXTURES).map(lambda p: p.read_bytes()),
                                    st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass")))),
                min_size=1, max_size=4, unique_by=lambda member: member[0]))
def test_filing_package_folders_give_a_result_or_an_own_error(members: list[tuple[str, bytes]]) -> None:
    from normcheck.engine import check_document
    from normcheck.errors import NormcheckError
    from normcheck.reader import discover, read_path
    from normcheck.structure import analyze

    with tempfile.TemporaryDirectory() as folder:
        package = Path(folder) / "报送材料"
        package.mkdir()
        for name, data in members:
            (package / name).write_bytes(data)

        def pipeline() -> int:
            targets = discover([package])
            for target in targets:
                try:
                    doc = read_path(target)
                except NormcheckError:
                    continue
                check_document(doc, _rules(), analyze(doc))
            return len(targets)

        own_outcome(pipeline)
        assert {p.name: p.read_bytes() for p in package.iterdir()} == dict(members)


def _declared(declaration: str, encoding: str = "utf-8", bom: bytes = b"") -> bytes:
    """The main part of the first sample, re-declared and re-encoded."""
    original = _members(DOCX_FIXTURES[0])
    body = next(data for name, data, _ in original if name == "word/document.xml").decode("utf-8")
    body = body[body.index("?>") + 2:] if body.startswith("<?xml") else body
    return bom + (declaration + body).encode(encoding, "replace")


DECLARATIONS = {
    "none": lambda: _declared(""),
    "utf8-bom": lambda: _declared('<?xml version="1.0" encoding="UTF-8"?>', bom=b"\xef\xbb\xbf"),
    "gbk": lambda: _declared('<?xml version="1.0" encoding="GBK"?>', "gbk"),
    "gb18030-says-utf8": lambda: _declared('<?xml version="1.0" encoding="UTF-8"?>', "gb18030"),
    "utf16-bom": lambda: _declared('<?xml version="1.0" encoding="UTF-16"?>', "utf-16"),
    "utf16-says-utf8": lambda: _declared('<?xml version="1.0" encoding="UTF-8"?>', "utf-16-le"),
    "utf7": lambda: _declared('<?xml version="1.0" encoding="UTF-7"?>'),
    "unknown-codec": lambda: _declared('<?xml version="1.0" encoding="x-no-such-codec"?>'),
    "leading-space": lambda: _declared('\n <?xml version="1.0" encoding="UTF-8"?>'),
    "twice": lambda: _declared('<?xml version="1.0"?><?xml version="1.0" encoding="GBK"?>'),
    "unterminated-utf8": lambda: _declared('<?xml version="1.0" encoding="UTF-8" '),
    "unterminated-gbk": lambda: _declared('<?xml version="1.0" encoding="GBK" ', "gbk"),
    "unterminated-utf7-twice": lambda: _declared('<?xml version="1.0" encoding="UTF-7" <?xml version="1.0"?>'),
    "idna": lambda: _declared('<?xml version="1.0" encoding="idna"?>'),
}


@pytest.mark.parametrize("make", [pytest.param(make, id=name) for name, make in DECLARATIONS.items()])
def test_xml_declarations_give_a_result_or_an_own_error(make: Callable[[], bytes]) -> None:
    members = [(name, make() if name == "word/document.xml" else data, method)
               for name, data, method in _members(DOCX_FIXTURES[0])]
    check_bytes(_pack(members))
