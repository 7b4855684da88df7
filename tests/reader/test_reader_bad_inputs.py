"""Every bad input is an InputError with a stable code and one line of Chinese, quickly, without side effects."""
from __future__ import annotations

import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from ooxml import build_docx, build_ole2, p, zip_members

from normcheck.errors import InputError
from normcheck.reader import discover, read_path


@pytest.fixture(autouse=True)
def no_converter(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    yield


def read_error(path: Path, **options: int) -> InputError:
    start = time.perf_counter()
    with pytest.raises(InputError) as info:
        read_path(path, **options)
    assert time.perf_counter() - start < 2.0
    error = info.value
    assert "\n" not in error.message and error.message
    assert any("\u4e00" <= ch <= "\u9fff" for ch in error.message)
    assert error.path == str(path)
    return error


def test_missing_file(tmp_path: Path) -> None:
    assert read_error(tmp_path / "nope.docx").code == "not-found"
    with pytest.raises(InputError) as info:
        discover([tmp_path / "nope.docx"])
    assert info.value.code == "not-found"


def test_directory_without_documents(tmp_path: Path) -> None:
    folder = tmp_path / "pkg"
    folder.mkdir()
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4\n")
    (folder / "~$锁文件.docx").write_bytes(b"lock")
    assert read_error(folder).code == "no-documents"
    with pytest.raises(InputError) as info:
        discover([folder])
    assert info.value.code == "no-documents"


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.docx"
    path.write_bytes(b"")
    assert read_error(path).code == "empty"


def test_legacy_doc_renamed_docx(tmp_path: Path) -> None:
    error = read_error(build_ole2(tmp_path / "renamed.docx", ["WordDocument", "1Table"]))
    assert error.code == "needs-conversion"
    assert ".doc" in error.message and "另存为" in error.message


def test_encrypted_docx(tmp_path: Path) -> None:
    error = read_error(build_ole2(tmp_path / "secret.docx", ["EncryptionInfo", "EncryptedPackage"]))
    assert error.code == "encrypted"


def test_other_ole2_file(tmp_path: Path) -> None:
    assert read_error(build_ole2(tmp_path / "book.docx", ["Workbook"])).code == "unsupported-format"


def test_legacy_doc_and_wps_without_converter(tmp_path: Path) -> None:
    doc_error = read_error(build_ole2(tmp_path / "old.doc", ["WordDocument"]))
    wps_error = read_error(build_ole2(tmp_path / "old.wps", ["WordDocument"]))
    assert doc_error.code == wps_error.code == "needs-conversion"
    assert "WPS" in wps_error.message and "LibreOffice" in wps_error.message


def test_zip_without_main_document(tmp_path: Path) -> None:
    path = build_docx(tmp_path / "nomain.docx", p("x"), omit=["word/document.xml"])
    assert read_error(path).code == "not-a-docx"
    plain_zip = zip_members(tmp_path / "photos.docx", {"a.txt": "hello"})
    assert read_error(plain_zip).code == "not-a-docx"


def test_excel_workbook_named_docx(tmp_path: Path) -> None:
    rels = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship '
            'Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>')
    path = zip_members(tmp_path / "book.docx", {"[Content_Types].xml": "<Types/>", "_rels/.rels": rels,
                                                "xl/workbook.xml": "<workbook/>"})
    error = read_error(path)
    assert error.code == "not-a-docx" and "Excel" in error.message


def test_truncated_zip(tmp_path: Path) -> None:
    good = build_docx(tmp_path / "good.docx", p("正文" * 2000))
    data = good.read_bytes()
    cut = tmp_path / "cut.docx"
    cut.write_bytes(data[: len(data) // 2])
    assert read_error(cut).code == "corrupt-zip"


def test_malformed_xml(tmp_path: Path) -> None:
    path = build_docx(tmp_path / "bad.docx", "", document_xml="<w:document><w:body><w:p></w:body>")
    assert read_error(path).code == "malformed-xml"


def test_entity_bomb(tmp_path: Path) -> None:
    bomb = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">'
            '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p>'
            '<w:r><w:t>&lol3;</w:t></w:r></w:p></w:body></w:document>')
    assert read_error(build_docx(tmp_path / "bomb.docx", "", document_xml=bomb)).code == "unsafe-xml"


def test_external_entity_never_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("机密内容", encoding="utf-8")
    xxe = (f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "{secret.as_uri()}">'
           '<!ENTITY y SYSTEM "http://127.0.0.1:9/x">]>'
           '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p>'
           '<w:r><w:t>&x;&y;</w:t></w:r></w:p></w:body></w:document>')
    error = read_error(build_docx(tmp_path / "xxe.docx", "", document_xml=xxe))
    assert error.code == "unsafe-xml" and "机密" not in error.message


def test_doctype_in_other_part(tmp_path: Path) -> None:
    styles = '<?xml version="1.0"?>\n<!DOCTYPE w:styles>\n<w:styles/>'
    path = build_docx(tmp_path / "dt.docx", p("x", style="A"), extra_parts={"word/styles.xml": styles})
    assert read_error(path).code == "unsafe-xml"


def test_zip_bomb_declared_size_over_limit(tmp_path: Path) -> None:
    path = build_docx(tmp_path / "big.docx", p("正文" * 50_000))
    assert read_error(path, max_unzipped_bytes=100_000).code == "zip-bomb"


def test_zip_bomb_compression_ratio(tmp_path: Path) -> None:
    zeros = b"<w:document/>" + b" " * (40 * 1024 * 1024)
    path = build_docx(tmp_path / "ratio.docx", "", document_xml=zeros)
    assert read_error(path).code == "zip-bomb"


def test_zip_with_lying_sizes_is_refused(tmp_path: Path) -> None:
    path = build_docx(tmp_path / "liar.docx", p("内容" * 20_000))
    with zipfile.ZipFile(path) as zf:
        assert zf.getinfo("word/document.xml").file_size > 100
    data = bytearray(path.read_bytes())
    name = b"word/document.xml"
    pos = data.find(b"PK\x01\x02")
    while data[pos + 46:pos + 46 + int.from_bytes(data[pos + 28:pos + 30], "little")] != name:
        pos = data.find(b"PK\x01\x02", pos + 4)
        assert pos != -1
    # The central directory now claims 100 bytes; inflating more than that must not go unnoticed.
    data[pos + 24:pos + 28] = (100).to_bytes(4, "little")
    path.write_bytes(bytes(data))
    assert read_error(path).code in ("corrupt-zip", "zip-bomb")


def test_gbk_declared_xml_is_read(tmp_path: Path) -> None:
    xml = ('<?xml version="1.0" encoding="GBK"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
           'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>规范性文件</w:t></w:r></w:p></w:body></w:document>')
    for encoding in ("GBK", "GB2312", "gb18030"):
        data = xml.replace("GBK", encoding).encode("gb18030")
        doc = read_path(build_docx(tmp_path / f"{encoding}.docx", "", document_xml=data))
        assert [b.text for b in doc.blocks] == ["规范性文件"]


def test_gbk_declaration_that_never_ends(tmp_path: Path) -> None:
    xml = ('<?xml version="1.0" encoding="GBK" <w:document xmlns:w="http://schemas.openxmlformats.org/'
           'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>规范性文件</w:t></w:r></w:p></w:body></w:document>')
    path = build_docx(tmp_path / "unterminated.docx", "", document_xml=xml.encode("gb18030"))
    assert read_error(path).code == "malformed-xml"


@pytest.mark.parametrize("encoding", ["idna", "punycode", "undefined", "rot13", "base64", "utf-32"])
def test_declared_encodings_python_cannot_use_for_text(tmp_path: Path, encoding: str) -> None:
    xml = (f'<?xml version="1.0" encoding="{encoding}"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
           'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>规范性文件</w:t></w:r></w:p></w:body></w:document>')
    path = build_docx(tmp_path / f"{encoding}.docx", "", document_xml=xml.encode("utf-8"))
    assert read_error(path).code == "malformed-xml"


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_device_is_never_opened(tmp_path: Path) -> None:
    link = tmp_path / "设备.docx"
    link.symlink_to("/dev/zero")
    error = read_error(link)
    assert error.code == "unsupported-format" and "设备" in error.message
    with pytest.raises(InputError) as info:
        discover([link])
    assert info.value.code == "unsupported-format"


def test_zero_byte_main_part(tmp_path: Path) -> None:
    assert read_error(build_docx(tmp_path / "zero.docx", "", document_xml=b"")).code == "empty"


def test_pdf_and_ofd_unsupported(tmp_path: Path) -> None:
    pdf = tmp_path / "scan.docx"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    ofd = zip_members(tmp_path / "doc.ofd", {"OFD.xml": "<ofd:OFD/>"})
    binary = tmp_path / "blob.bin"
    binary.write_bytes(b"\x00\x01\x02\x03garbage\x00")
    for path in (pdf, ofd, binary):
        assert read_error(path).code == "unsupported-format"


def test_reading_never_writes_to_inputs(tmp_path: Path) -> None:
    path = build_docx(tmp_path / "ro.docx", p("正文"))
    before = (path.read_bytes(), path.stat().st_mtime_ns, sorted(tmp_path.iterdir()))
    read_path(path)
    assert before == (path.read_bytes(), path.stat().st_mtime_ns, sorted(tmp_path.iterdir()))
