"""File names that are not UTF-8 (GBK names as Windows zip tools leave them) are checked like any other,
in every format, with and without the cache and workers, and are shown escaped, never a crash."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from normcheck.cli import cli
from normcheck.report.printable import printable
from normcheck.report.sarif import artifact_uri

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
GBK = "停车管理办法".encode("gbk") + b".docx"
GBK_ATTACHMENT = "附件".encode("gbk") + b".docx"
FORMATS = ["text", "json", "sarif", "junit", "github", "html"]


def _name(raw: bytes) -> str:
    return os.fsdecode(raw)


@pytest.fixture()
def gbk_tree(tmp_path: Path) -> Path:
    tree = tmp_path / "tree"
    tree.mkdir()
    shutil.copy(SAMPLES / "parking-measures.docx", tree / _name(GBK))
    shutil.copy(SAMPLES / "rental-housing-interim.docx", tree / "plain.docx")
    package = tree / "pkg"
    shutil.copytree(SAMPLES / "temporary-assistance", package)
    shutil.copy(SAMPLES / "parking-measures.docx", package / _name(GBK_ATTACHMENT))
    return tree


def _invoke(*args: str) -> tuple[int, bytes, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=True)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, result.stdout_bytes, result.stderr


def test_printable_escapes_bytes_and_keeps_text() -> None:
    assert printable(_name(GBK_ATTACHMENT)) == "%B8%BD%BC%FE.docx"
    assert printable(_name(GBK)).encode("utf-8")  # parts of a GBK name can be valid UTF-8 too
    assert printable("第一条.docx") == "第一条.docx"
    assert printable("\ud800") == "\ufffd"
    assert artifact_uri(printable("pkg/" + _name(GBK_ATTACHMENT))) == "pkg/%B8%BD%BC%FE.docx"


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("cache", ["--no-cache", "--cache"])
def test_every_format_reports_a_gbk_name(gbk_tree: Path, fmt: str, jobs: str, cache: str) -> None:
    args = [str(gbk_tree), "--format", fmt, "--jobs", jobs, "--no-color"]
    if cache == "--no-cache":
        args.append(cache)
    code, out, _ = _invoke(*args)
    assert code == 1
    text = out.decode("utf-8")  # strict: the report is valid UTF-8
    # The attachment's name, its bytes percent-encoded (GitHub's workflow commands escape "%" once more).
    assert ("%25B8%25BD%25BC%25FE" if fmt == "github" else "%B8%BD%BC%FE") in text
    assert "/xb8" not in text.lower() and "\\xb8" not in text.lower()
    if fmt in ("json", "sarif"):
        json.loads(text)


def test_json_names_the_file_and_its_findings(gbk_tree: Path) -> None:
    code, out, _ = _invoke(str(gbk_tree / _name(GBK)), "--format", "json", "--no-cache")
    assert code == 1
    [entry] = json.loads(out)["files"]
    assert entry["error"] is None and entry["findings"]
    assert entry["path"].endswith(printable(_name(GBK)))


def test_package_attachment_with_a_gbk_name(gbk_tree: Path) -> None:
    code, out, _ = _invoke(str(gbk_tree / "pkg"), "--format", "json", "--no-cache")
    assert code == 1
    files = {f["location"]["file"] for f in json.loads(out)["files"][0]["findings"]}
    assert any(name.endswith("%B8%BD%BC%FE.docx") for name in files)


def test_output_file_baseline_and_annotate(gbk_tree: Path, tmp_path: Path) -> None:
    report, base, annotated = tmp_path / "r.json", tmp_path / "base.json", tmp_path / "annotated"
    assert _invoke(str(gbk_tree), "--format", "json", "-o", str(report))[0] == 1
    json.loads(report.read_bytes().decode("utf-8"))
    assert _invoke(str(gbk_tree), "--write-baseline", str(base))[0] == 1
    json.loads(base.read_bytes().decode("utf-8"))
    code, out, _ = _invoke(str(gbk_tree), "--baseline", str(base), "--format", "json")
    assert code == 0 and not any(f["findings"] for f in json.loads(out)["files"])
    assert _invoke(str(gbk_tree), "--annotate", str(annotated))[0] == 1
    assert (annotated / _name(GBK)).is_file()


def test_dump_of_a_gbk_name(gbk_tree: Path) -> None:
    code, out, _ = _invoke("dump", str(gbk_tree / _name(GBK)))
    assert code == 0 and out.decode("utf-8").strip()


def test_unreadable_gbk_name_is_a_one_line_error(gbk_tree: Path) -> None:
    broken = gbk_tree / _name(b"\xb5\xe7.docx")
    broken.write_bytes(b"PK\x03\x04 not a zip")
    code, out, err = _invoke(str(broken), str(gbk_tree / "plain.docx"), "--format", "json", "--no-cache")
    assert code == 2 and "Traceback" not in err
    errors = [f for f in json.loads(out)["files"] if f["error"]]
    assert len(errors) == 1 and errors[0]["path"].endswith("%B5%E7.docx")


def test_the_per_file_error_line_shows_the_name_escaped(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    folder = os.fsencode(tmp_path)
    name = folder + b"/" + "材料".encode("gbk") + b".docx"
    with open(name, "wb") as handle:
        handle.write(b"PK\x03\x04" + b"\x00" * 40)  # a zip header and nothing after it
    result = subprocess.run([sys.executable, "-m", "normcheck", os.fsdecode(name), "--no-cache"],
                            capture_output=True, timeout=120)
    assert result.returncode == 2
    line = result.stderr.decode("utf-8")
    assert "%B2%C4%C1%CF.docx" in line and "\\udc" not in line
