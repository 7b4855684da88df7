"""Parts with the same bytes parse once; a hit gives what parsing gives, Strict marking included."""
from __future__ import annotations

from pathlib import Path

import pytest
from ooxml import build_docx, p

from normcheck.errors import InputError
from normcheck.reader import read_path
from normcheck.reader.package import Package, parse_xml
from normcheck.reader.partcache import PartCache

STYLES = ('<w:style w:type="paragraph" w:styleId="Heading1"><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>'
          '<w:style w:type="paragraph" w:styleId="Heading2"><w:basedOn w:val="Heading1"/>'
          '<w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>')


def test_same_bytes_parse_once(tmp_path: Path) -> None:
    package = Package(build_docx(tmp_path / "a.docx", p("正文")))
    calls: list[bytes] = []

    def parse(data: bytes) -> int:
        calls.append(data)
        return len(data)

    cache: PartCache[int] = PartCache(entries=2)
    try:
        assert [cache.get(data, package, parse) for data in (b"a", b"bb", b"a", b"ccc", b"bb")] == [1, 2, 1, 3, 2]
    finally:
        package.close()
    # "bb" was the least recently used when "ccc" came in.
    assert calls == [b"a", b"bb", b"ccc", b"bb"]


def test_hit_marks_a_strict_package_as_the_parse_did(tmp_path: Path) -> None:
    strict = b'<w:styles xmlns:w="http://purl.oclc.org/ooxml/wordprocessingml/main"/>'
    cache: PartCache[str] = PartCache()
    for name in ("first.docx", "second.docx"):
        package = Package(build_docx(tmp_path / name, p("正文")))
        try:
            cache.get(strict, package, lambda data, package=package: parse_xml(data, "styles.xml", package).tag)
            assert package.strict
        finally:
            package.close()


def test_failed_parse_is_not_kept(tmp_path: Path) -> None:
    package = Package(build_docx(tmp_path / "a.docx", p("正文")))
    cache: PartCache[object] = PartCache()
    try:
        for _ in range(2):
            with pytest.raises(InputError):
                cache.get(b"<w:styles", package, lambda data: parse_xml(data, "styles.xml", package))
    finally:
        package.close()


def test_documents_sharing_styles_read_as_alone(tmp_path: Path) -> None:
    body = p("第一章", style="Heading1") + p("第一节", style="Heading2") + p("正文")
    paths = [build_docx(tmp_path / f"{i}.docx", body, styles=STYLES) for i in range(3)]
    docs = [read_path(path) for path in paths]
    assert [[b.outline for b in doc.blocks] for doc in docs] == [[0, 1, None]] * 3


def test_same_relationships_in_another_folder_resolve_there(tmp_path: Path) -> None:
    body = p("第一章", style="Heading1") + p("正文")
    first = read_path(build_docx(tmp_path / "word.docx", body, styles=STYLES, headers=[p("页眉甲")]))
    second = read_path(build_docx(tmp_path / "other.docx", body, styles=STYLES, headers=[p("页眉乙")],
                                  main_name="content/main.xml"))
    for doc, header, member in ((first, "页眉甲", "word/header1.xml"), (second, "页眉乙", "content/header1.xml")):
        assert [(b.text, b.outline) for b in doc.blocks if b.part == "body"] == [("第一章", 0), ("正文", None)]
        assert [(b.text, b.xml_part) for b in doc.blocks if b.part == "header"] == [(header, member)]
