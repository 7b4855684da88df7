"""Members read in one inflate (``Package._read_plain``) come out exactly as zipfile's own path gives them,
and every member it declines or that fails is left to that path, whose errors are the ones reported."""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ooxml import abstract_num, build_docx, lvl, num, p, r

from normcheck.errors import InputError
from normcheck.reader import read_path
from normcheck.reader.package import Package

_SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _outcome(path: Path) -> object:
    try:
        doc = read_path(path, max_unzipped_bytes=400_000)
    except InputError as exc:
        return (exc.code, exc.message)
    return (doc.blocks, doc.warnings, doc.metadata)


def _both(path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[object, object]:
    fast = _outcome(path)
    with monkeypatch.context() as patch:
        patch.setattr(Package, "_read_plain", lambda self, info: None)
        return fast, _outcome(path)


def _sample(tmp_path: Path, compression: int) -> bytes:
    numbering = abstract_num(1, lvl(0, "chineseCounting", "第%1条", suff="space")) + num(1, 1)
    body = p("关于印发《办法》的通知") + p(r("为了规范。"), num=(1, 0)) + p("第二段" * 200, num=(1, 0))
    path = build_docx(tmp_path / "seed.docx", body, numbering=numbering, headers=[p("页眉")], core={"title": "t"})
    if compression != zipfile.ZIP_DEFLATED:
        with zipfile.ZipFile(path) as src:
            members = [(info.filename, src.read(info)) for info in src.infolist()]
        with zipfile.ZipFile(path, "w", compression) as out:
            for name, data in members:
                out.writestr(name, data)
    return path.read_bytes()


@pytest.mark.parametrize("compression", [zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED, zipfile.ZIP_BZIP2])
def test_intact_package_reads_the_same(compression: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "intact.docx"
    path.write_bytes(_sample(tmp_path, compression))
    fast, slow = _both(path, monkeypatch)
    assert fast == slow and not isinstance(fast[0], str)


@_SETTINGS
@given(data=st.data(), compression=st.sampled_from([zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED]))
def test_damaged_package_reads_or_fails_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 data: st.DataObject, compression: int) -> None:
    damaged = bytearray(_sample(tmp_path, compression))
    for _ in range(data.draw(st.integers(1, 6))):
        pos = data.draw(st.integers(0, len(damaged) - 1))
        damaged[pos] = data.draw(st.integers(0, 255))
    path = tmp_path / "damaged.docx"
    path.write_bytes(bytes(damaged))
    fast, slow = _both(path, monkeypatch)
    assert fast == slow


def test_member_inflating_beyond_its_declared_size_is_left_to_zipfile(tmp_path: Path) -> None:
    path = build_docx(tmp_path / "big.docx", p("正文" * 5000))
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo("word/document.xml")
    package = Package(path)
    try:
        info.file_size -= 10  # as if the directory understated the size
        assert package._read_plain(info) is None
    finally:
        package.close()
