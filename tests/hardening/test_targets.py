"""What the command line names: an unreadable folder or file is reported and the rest is still checked;
the output guard protects every path named, selected or not; an empty path is a usage error; a document
--annotate cannot copy is that file's one-line error."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from ooxml import build_docx, p

from normcheck.cli import cli

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "parking-measures.docx"
FINE = "第一条 违反本办法的，处5000元罚款。"


def _invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=True)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, result.stdout, result.stderr


def _tree(tmp_path: Path) -> Path:
    tree = tmp_path / "tree"
    for folder in ("a", "locked", "locked/inner", "z"):
        (tree / folder).mkdir(parents=True)
    for name in ("a/one.docx", "locked/two.docx", "locked/inner/three.docx", "z/four.docx"):
        shutil.copy(SAMPLE, tree / name)
    return tree


def test_unreadable_sub_folder_is_reported_and_the_rest_checked(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    tree = _tree(tmp_path)
    locked = tree / "locked"
    real_iterdir = Path.iterdir

    def iterdir(self: Path):  # type: ignore[no-untyped-def]
        if self == locked:
            raise PermissionError(13, "Permission denied", str(self))
        return real_iterdir(self)

    monkeypatch.setattr(Path, "iterdir", iterdir)
    code, out, _ = _invoke(str(tree), "--format", "json", "--no-cache")
    assert code == 2
    files = {Path(f["path"]).relative_to(tree).as_posix(): f for f in json.loads(out)["files"]}
    assert files["locked"]["error"]["code"] == "unreadable"
    assert files["a/one.docx"]["findings"] and files["z/four.docx"]["findings"]


def _without_read_permission() -> list[str] | None:
    """A command prefix under which file permissions bind (root drops the capabilities that bypass them)."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    return [setpriv, "--bounding-set=-dac_override,-dac_read_search"] if setpriv else None


@pytest.mark.parametrize("layout", ["folder", "file"])
def test_real_permissions(tmp_path: Path, layout: str) -> None:
    prefix = _without_read_permission()
    if prefix is None:
        pytest.skip("running as root without setpriv: permissions cannot bind")
    tree = _tree(tmp_path)
    if layout == "folder":
        (tree / "locked").chmod(0)
        args = [str(tree)]
    else:
        (tree / "locked" / "two.docx").chmod(0)
        args = [str(tree / "locked" / "two.docx"), str(tree / "a" / "one.docx")]
    env = {**os.environ, "NORMCHECK_CACHE_DIR": str(tmp_path / "cache")}
    try:
        done = subprocess.run([*prefix, sys.executable, "-m", "normcheck", *args, "--format", "json"],
                              capture_output=True, text=True, timeout=120, env=env, check=False)
    finally:
        (tree / "locked").chmod(0o755)
        (tree / "locked" / "two.docx").chmod(0o644)
    assert done.returncode == 2, done.stderr
    files = json.loads(done.stdout)["files"]
    assert [f["error"]["code"] for f in files if f["error"]] == ["unreadable"]
    assert any(f["findings"] for f in files if f["path"].endswith("one.docx"))
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("how", ["folder", "file", "glob"])
def test_output_guard_knows_paths_the_configuration_excludes(tmp_path: Path, how: str) -> None:
    tree = _tree(tmp_path)
    target = tree / "z" / "four.docx"
    (tree / "normcheck.toml").write_text('exclude = ["z"]\n', encoding="utf-8")
    before = target.read_bytes()
    named = {"folder": str(tree), "file": str(target), "glob": str(tree / "z" / "*.docx")}[how]
    for option in ("-o", "--write-baseline"):
        code, _, _ = _invoke(named, str(tree / "a" / "one.docx"), "--config", str(tree / "normcheck.toml"),
                             option, str(target))
        assert code == 2
        assert target.read_bytes() == before


@pytest.mark.parametrize("args", [[""], ["", "{sample}"], ["  "]])
def test_empty_path_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(SAMPLE, tmp_path / "here.docx")
    code, out, _ = _invoke(*[a.format(sample=SAMPLE) for a in args], "--format", "json")
    assert code == 2 and not out.strip()


def _patch_member(path: Path, member: str, *, method: int | None = None, flags: int | None = None,
                  corrupt: bool = False) -> None:
    """Rewrite one member's compression method or flags in both headers, or damage its data."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(member)
    local = info.header_offset
    central = data.find(b"PK\x01\x02")
    while data[central + 46:central + 46 + len(member)] != member.encode():
        central = data.find(b"PK\x01\x02", central + 4)
    if method is not None:
        data[local + 8:local + 10] = method.to_bytes(2, "little")
        data[central + 10:central + 12] = method.to_bytes(2, "little")
    if flags is not None:
        data[local + 6:local + 8] = flags.to_bytes(2, "little")
        data[central + 8:central + 10] = flags.to_bytes(2, "little")
    if corrupt:
        start = local + 30 + len(member) + int.from_bytes(data[local + 28:local + 30], "little")
        for offset in range(start + 2, start + min(info.compress_size, 40)):
            data[offset] ^= 0x5A
    path.write_bytes(bytes(data))


IMAGE_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
              '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
              '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
              '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image1.png"/>'
              "</Relationships>")


def _damaged(tmp_path: Path, damage: str) -> Path:
    bad = tmp_path / "in" / "bad.docx"
    bad.parent.mkdir()
    image = {"word/media/image1.png": b"\x89PNG" + b"0" * 4000, "word/_rels/document.xml.rels": IMAGE_RELS}
    if damage == "foreign-comments-root":
        build_docx(bad, p(FINE), comments="", extra_parts={"word/comments.xml": "<foo/>"})
    else:
        build_docx(bad, p(FINE), extra_parts=image)
    if damage == "image-unsupported-compression":
        _patch_member(bad, "word/media/image1.png", method=99)
    elif damage == "image-encrypted-flag":
        _patch_member(bad, "word/media/image1.png", flags=0x1)
    elif damage == "image-corrupt-stream":
        _patch_member(bad, "word/media/image1.png", corrupt=True)
    elif damage == "styles-corrupt-stream":
        _patch_member(bad, "word/styles.xml", corrupt=True)
    return bad


def _annotate_with_a_good_one(tmp_path: Path, bad: Path) -> tuple[int, dict, str, Path]:  # type: ignore[type-arg]
    good = tmp_path / "in" / "good.docx"
    shutil.copy(SAMPLE, good)
    out = tmp_path / "annotated"
    code, report, err = _invoke(str(bad), str(good), "--annotate", str(out), "--format", "json", "--no-cache")
    files = {Path(f["path"]).name: f for f in json.loads(report)["files"]}
    assert set(files) == {"bad.docx", "good.docx"}
    assert files["bad.docx"]["error"] is None  # the check read what it needs
    assert (out / "good.docx").is_file() and "Traceback" not in err
    return code, files, err, out


@pytest.mark.parametrize("damage", ["image-unsupported-compression", "image-encrypted-flag",
                                    "image-corrupt-stream"])
def test_annotate_never_reads_parts_it_does_not_need(tmp_path: Path, damage: str) -> None:
    bad = _damaged(tmp_path, damage)
    code, files, err, out = _annotate_with_a_good_one(tmp_path, bad)
    assert code == 1, err
    with zipfile.ZipFile(bad) as original, zipfile.ZipFile(out / "bad.docx") as copy:
        kept, copied = original.getinfo("word/media/image1.png"), copy.getinfo("word/media/image1.png")
        assert (copied.compress_type, copied.flag_bits & 1, copied.CRC, copied.compress_size) == (
            kept.compress_type, kept.flag_bits & 1, kept.CRC, kept.compress_size)
        assert b"w:commentReference" in copy.read("word/document.xml")
        assert copy.read("word/comments.xml").count(b"<w:comment ") == len(files["bad.docx"]["findings"])


@pytest.mark.parametrize("damage", ["styles-corrupt-stream", "foreign-comments-root"])
def test_annotate_failure_on_a_part_it_needs_is_that_files_error(tmp_path: Path, damage: str) -> None:
    bad = _damaged(tmp_path, damage)
    code, _, err, out = _annotate_with_a_good_one(tmp_path, bad)
    assert code == 2, err
    assert not (out / "bad.docx").exists()
    assert len([line for line in err.splitlines() if "bad.docx" in line]) == 1
