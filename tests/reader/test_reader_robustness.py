"""No input makes the reader fail with anything but InputError: damaged zips, random bytes, odd XML."""
from __future__ import annotations

import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ooxml import abstract_num, build_docx, lvl, num, p, r

from normcheck.errors import InputError
from normcheck.model import Document
from normcheck.reader import read_path

_SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _read_or_input_error(path: Path) -> Document | None:
    try:
        return read_path(path)
    except InputError as exc:
        assert exc.code and exc.message and "\n" not in exc.message
        return None


def _sample(tmp_path: Path) -> bytes:
    numbering = abstract_num(1, lvl(0, "chineseCounting", "第%1条", suff="space")) + num(1, 1)
    body = p("关于印发《办法》的通知") + p(r("为了规范。"), num=(1, 0)) + p("第二段", num=(1, 0))
    path = build_docx(tmp_path / "seed.docx", body, numbering=numbering, headers=[p("页眉")], core={"title": "t"})
    return path.read_bytes()


@_SETTINGS
@given(data=st.data())
def test_damaged_packages(tmp_path: Path, data: st.DataObject) -> None:
    original = _sample(tmp_path)
    damaged = bytearray(original)
    for _ in range(data.draw(st.integers(1, 8))):
        pos = data.draw(st.integers(0, len(damaged) - 1))
        damaged[pos] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(1, len(damaged)))
    path = tmp_path / "damaged.docx"
    path.write_bytes(bytes(damaged[:cut]))
    _read_or_input_error(path)


@_SETTINGS
@given(blob=st.binary(max_size=2048), suffix=st.sampled_from([".docx", ".doc", ".txt", ".md", ".wps", ""]))
def test_random_bytes(tmp_path: Path, blob: bytes, suffix: str) -> None:
    path = tmp_path / f"random{suffix}"
    path.write_bytes(blob)
    _read_or_input_error(path)


@_SETTINGS
@given(xml=st.text(alphabet=st.sampled_from(list("<>/=\"' wptr:&;#x0123abc中文")), max_size=300))
def test_arbitrary_main_part_text(tmp_path: Path, xml: str) -> None:
    path = build_docx(tmp_path / "x.docx", "", document_xml=xml)
    _read_or_input_error(path)


def test_corrupt_deflate_stream(tmp_path: Path) -> None:
    path = build_docx(tmp_path / "deflate.docx", p("正文" * 3000))
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo("word/document.xml")
    data = bytearray(path.read_bytes())
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for i in range(start + 10, start + 60):
        data[i] ^= 0x5A
    path.write_bytes(bytes(data))
    assert _read_or_input_error(path) is None


def test_deeply_nested_content_controls(tmp_path: Path) -> None:
    def nested(depth: int) -> str:
        return "<w:sdt><w:sdtContent>" * depth + p("深处的段落。") + "</w:sdtContent></w:sdt>" * depth

    doc = _read_or_input_error(build_docx(tmp_path / "deep.docx", nested(100)))
    assert doc is not None and [b.text for b in doc.blocks] == ["深处的段落。"]
    # Beyond the XML parser's depth limit the file is refused rather than walked.
    assert _read_or_input_error(build_docx(tmp_path / "deeper.docx", nested(5000))) is None
