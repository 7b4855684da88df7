"""Legacy formats go through LibreOffice on a copy; a fake ``soffice`` on PATH stands in for it."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from ooxml import build_docx, build_ole2, p

from normcheck.errors import InputError
from normcheck.reader import convert, read_path

FAKE = """#!{python}
import os, shutil, sys, time
args = sys.argv[1:]
with open(os.environ["FAKE_SOFFICE_LOG"], "a", encoding="utf-8") as log:
    log.write("\\t".join(args) + "\\n")
mode = os.environ.get("FAKE_SOFFICE_MODE", "ok")
if mode == "hang":
    time.sleep(30)
if mode == "fail":
    sys.exit(1)
outdir = args[args.index("--outdir") + 1]
source = args[-1]
stem = os.path.splitext(os.path.basename(source))[0]
shutil.copyfile(os.environ["FAKE_SOFFICE_OUTPUT"], os.path.join(outdir, stem + ".docx"))
"""


@pytest.fixture
def fake_soffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    script = bin_dir / "soffice"
    script.write_text(FAKE.format(python=sys.executable), encoding="utf-8")
    script.chmod(0o755)
    output = build_docx(tmp_path / "converted.docx", p("第一条 转换后的正文。"))
    log = tmp_path / "soffice.log"
    monkeypatch.setenv("PATH", str(bin_dir))
    monkeypatch.setenv("FAKE_SOFFICE_OUTPUT", str(output))
    monkeypatch.setenv("FAKE_SOFFICE_LOG", str(log))
    return log


def test_doc_converted_on_a_copy(tmp_path: Path, fake_soffice: Path) -> None:
    source = build_ole2(tmp_path / "办法.doc", ["WordDocument"])
    before = source.read_bytes()
    doc = read_path(source)
    assert [b.text for b in doc.blocks] == ["第一条 转换后的正文。"]
    assert doc.path == str(source) and doc.blocks[0].file == str(source)
    assert "LibreOffice" in doc.warnings[0]
    args = fake_soffice.read_text(encoding="utf-8").split("\t")
    assert "--headless" in args and args[args.index("--convert-to") + 1] == "docx"
    converted_input = Path(args[-1].strip())
    assert converted_input != source and not converted_input.exists()  # a temporary copy, cleaned up
    assert source.read_bytes() == before and sorted(os.listdir(tmp_path)) == sorted(
        ["bin", "converted.docx", "soffice.log", "办法.doc"])


@pytest.mark.parametrize(("name", "content"), [
    ("old.wps", None), ("renamed.docx", None), ("note.rtf", b"{\\rtf1\\ansi hello}"),
])
def test_other_legacy_formats_converted(tmp_path: Path, fake_soffice: Path, name: str, content: bytes | None) -> None:
    path = tmp_path / name
    if content is None:
        build_ole2(path, ["WordDocument"])
    else:
        path.write_bytes(content)
    assert read_path(path).blocks[0].text == "第一条 转换后的正文。"


def test_odt_converted(tmp_path: Path, fake_soffice: Path) -> None:
    from ooxml import zip_members
    odt = zip_members(tmp_path / "a.odt", {"mimetype": "application/vnd.oasis.opendocument.text",
                                          "content.xml": "<office:document-content/>"})
    assert read_path(odt).blocks[0].text == "第一条 转换后的正文。"


def test_converter_failure(tmp_path: Path, fake_soffice: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FAKE_SOFFICE_MODE", "fail")
    with pytest.raises(InputError) as info:
        read_path(build_ole2(tmp_path / "x.doc", ["WordDocument"]))
    assert info.value.code == "conversion-failed"


def test_converter_timeout(tmp_path: Path, fake_soffice: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FAKE_SOFFICE_MODE", "hang")
    monkeypatch.setattr(convert, "DEFAULT_TIMEOUT_SECONDS", 0.5)
    with pytest.raises(InputError) as info:
        read_path(build_ole2(tmp_path / "x.doc", ["WordDocument"]))
    assert info.value.code == "timeout"
