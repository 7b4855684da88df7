"""A large main part is read while it is parsed (bounded memory); the result must equal the full parse."""
from __future__ import annotations

from pathlib import Path

import pytest
from ooxml import abstract_num, build_docx, lvl, num, p, r

from normcheck.errors import InputError
from normcheck.model import Document
from normcheck.reader import docx as docx_reader
from normcheck.reader import read_path, streaming

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def read_both(path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Document, Document, int]:
    """The document read from the full tree and read streamed, and how many times streaming ran."""
    calls = []
    real = docx_reader.stream_body

    def spy(*args: object) -> None:
        calls.append(1)
        real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(docx_reader, "stream_body", spy)
    monkeypatch.setattr(streaming, "STREAM_MIN_BYTES", 1 << 40)
    full = read_path(path)
    assert not calls
    monkeypatch.setattr(streaming, "STREAM_MIN_BYTES", 0)
    streamed = read_path(path)
    return full, streamed, len(calls)


def _box(text: str) -> str:
    return ('<w:r><w:pict><v:shape><v:textbox><w:txbxContent>' + p(text)
            + "</w:txbxContent></v:textbox></v:shape></w:pict></w:r>")


DELETED_MARK = '<w:rPr><w:del w:id="1" w:author="a" w:date="2024-01-01T00:00:00Z"/></w:rPr>'
FIELD_BEGIN = '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>REF x</w:instrText></w:r>'
FIELD_REST = ('<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + r("域结果")
              + '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
TABLE = ("<w:tbl><w:tr><w:tc>" + p("甲") + "</w:tc><w:tc><w:tcPr><w:gridSpan w:val=\"2\"/></w:tcPr>" + p("乙")
         + "</w:tc></w:tr><w:tr><w:trPr><w:gridBefore w:val=\"1\"/></w:trPr><w:tc>" + p("丙")
         + "</w:tc></w:tr></w:tbl>")
BODIES = {
    # A paragraph whose mark is deleted merges into the next block; its text box follows the merged text.
    "merge-with-box": p(r("前半"), _box("框中文字"), ppr=DELETED_MARK) + p("后半。") + p("下一段。"),
    "merge-before-table": p("被并段落", ppr=DELETED_MARK) + TABLE + p("表后。"),
    "field-across-paragraphs": p(FIELD_BEGIN) + p(FIELD_REST) + p("其后。"),
    "content-control-and-wrappers": ('<w:sdt><w:sdtContent>' + p("控件段落。") + "</w:sdtContent></w:sdt>"
                                     + '<w:customXml w:element="x">' + p("自定义包装。") + "</w:customXml>"),
    "numbered": p("总则", num=(1, 0)) + p("第一条内容。", num=(1, 1)) + p("第二条内容。", num=(1, 1)),
}
NUMBERING = (abstract_num(0, lvl(0, "chineseCounting", "第%1章"), lvl(1, "chineseCounting", "第%2条"))
             + num(1, 0))


@pytest.mark.parametrize("name", sorted(BODIES))
def test_streamed_equals_full_parse(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = build_docx(tmp_path / f"{name}.docx", BODIES[name], numbering=NUMBERING)
    full, streamed, calls = read_both(path, monkeypatch)
    assert calls == 1
    assert full.blocks and streamed.blocks == full.blocks
    assert (streamed.warnings, streamed.metadata) == (full.warnings, full.metadata)


def test_merge_with_box_keeps_xml_indexes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = build_docx(tmp_path / "m.docx", BODIES["merge-with-box"])
    _, streamed, _ = read_both(path, monkeypatch)
    assert [(b.text, b.xml_index) for b in streamed.blocks] == [("前半后半。", 0), ("框中文字", 1), ("下一段。", 3)]


@pytest.mark.parametrize("path", sorted(SAMPLES.rglob("*.docx")), ids=lambda path: path.name)
def test_samples_streamed_equal_full_parse(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    full, streamed, calls = read_both(path, monkeypatch)
    assert calls == 1
    assert (streamed.blocks, streamed.warnings, streamed.metadata) == (full.blocks, full.warnings, full.metadata)


@pytest.mark.parametrize("document_xml", [
    '<w:document xmlns:w="' + W_NS + '"><w:body>' + p("未闭合") + "<w:p></w:body></w:document>",
    '<w:hdr xmlns:w="' + W_NS + '"><w:body>' + p("不是正文") + "</w:body></w:hdr>",
    '<w:document xmlns:w="' + W_NS + '"><w:body>' + p("半截"),
    # Streamed, the damaged numbering part is read at the first numbered paragraph, in an earlier slice than
    # the fault of the main part.
    '<w:document xmlns:w="' + W_NS + '"><w:body>' + p("编号段落", num=(1, 0)) + p("正文。" * 1000) * 40
    + "<w:p></w:body></w:document>",
])
def test_bad_main_part_fails_the_same_way(document_xml: str, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    path = build_docx(tmp_path / "bad.docx", "", document_xml=document_xml, numbering="<w:bad")
    errors = []
    for threshold in (1 << 40, 0):
        monkeypatch.setattr(streaming, "STREAM_MIN_BYTES", threshold)
        with pytest.raises(InputError) as caught:
            read_path(path)
        errors.append((caught.value.code, str(caught.value)))
    assert errors[0] == errors[1]


def test_only_large_plain_utf8_parts_are_streamed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(streaming, "STREAM_MIN_BYTES", 200)
    body = b"<w:body>" + b"<w:p/>" * 40 + b"</w:body></w:document>"
    head = b'<w:document xmlns:w="' + W_NS.encode() + b'">'
    assert streaming.should_stream(b'<?xml version="1.0" encoding="UTF-8"?>' + head + body)
    assert streaming.should_stream(head + body)
    assert not streaming.should_stream(head + b"<w:body/></w:document>")
    assert not streaming.should_stream(b'<?xml version="1.0" encoding="GBK"?>' + head + body)
    assert not streaming.should_stream(b"<!DOCTYPE x>" + head + body)
    assert not streaming.should_stream(head.replace(W_NS.encode(), b"http://purl.oclc.org/ooxml/wordprocessingml/main")
                                       + body)
    assert not streaming.should_stream(b"\xff\xfe" + head + body)


@pytest.mark.parametrize("feed", [64, 97, 256, 1000])
def test_chain_of_deleted_marks_across_feed_boundaries(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        feed: int) -> None:
    # Paragraphs joined by deleted marks, long enough that the chain spans many feeds of the parser.
    chain = "".join(p(f"第{i}段，", ppr=DELETED_MARK) for i in range(40)) + p("链尾。")
    body = p("开头。") + chain + p(r("前"), _box("框"), ppr=DELETED_MARK) + p("后。") + chain + p("结尾。")
    path = build_docx(tmp_path / "chain.docx", body)
    monkeypatch.setattr(streaming, "_FEED_BYTES", feed)
    full, streamed, calls = read_both(path, monkeypatch)
    assert calls == 1
    assert [b.text for b in streamed.blocks] == [b.text for b in full.blocks]
    assert streamed.blocks == full.blocks
    assert sum(b.text.count("第0段") for b in streamed.blocks) == 2
