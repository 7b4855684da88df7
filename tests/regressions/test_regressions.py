"""Inputs that once escaped as foreign exceptions (found by tests/fuzz/). Each must now end in the
project's own error type with a stable code.

Inputs that once blocked or were misreported are built in a temporary folder (a named pipe and a
dangling link cannot be committed).

Fixtures:
- ``deflate-stream-corrupt.docx``: samples/parking-measures.docx with one bit of the deflate stream of
  word/document.xml flipped (zlib.error from inside zipfile).
- ``lzma-stream-corrupt.docx``: a small package whose word/document.xml is LZMA-compressed (method 14),
  with its LZMA properties header damaged (lzma.LZMAError from inside zipfile).
- ``zip-version-unsupported.docx``: found by bench/fuzz_atheris.py; its central directory claims a zip
  version zipfile does not implement (NotImplementedError from ``zipfile.ZipFile()``).
- ``xml-declaration-unterminated.docx``: found by bench/fuzz_atheris.py (xml target); the sample package
  with a main part that starts ``<?xml version="1.0" encoding="UTF-7" <?xml`` (ValueError while
  re-encoding a declared non-UTF-8 part).
- ``baseline-findings-null.json``, ``baseline-count-infinity.json``: hand-edited baselines (found by
  tests/fuzz/test_fuzz_config.py).
"""
from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import stat
import struct
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from normcheck.errors import InputError
from normcheck.reader import read_path

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def _code(name: str) -> str:
    with pytest.raises(InputError) as caught:
        read_path(FIXTURES / name)
    assert caught.value.message
    return caught.value.code


def test_corrupt_deflate_stream_is_a_corrupt_zip() -> None:
    assert _code("deflate-stream-corrupt.docx") == "corrupt-zip"


def test_corrupt_lzma_stream_is_a_corrupt_zip() -> None:
    assert _code("lzma-stream-corrupt.docx") == "corrupt-zip"


def test_unsupported_zip_version_is_a_corrupt_zip() -> None:
    assert _code("zip-version-unsupported.docx") == "corrupt-zip"


def test_unterminated_xml_declaration_is_malformed_xml() -> None:
    assert _code("xml-declaration-unterminated.docx") == "malformed-xml"


def _damaged(tmp_path: Path, method: int, damage: Callable[[bytearray, int], None]) -> Path:
    """The first sample with word/document.xml stored by ``method`` and its stored bytes damaged."""
    source = SAMPLES / "parking-measures.docx"
    target = tmp_path / f"damaged-{method}.docx"
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w") as copy:
        for info in original.infolist():
            copy.writestr(info.filename, original.read(info),
                          compress_type=method if info.filename == "word/document.xml" else info.compress_type)
    data = bytearray(target.read_bytes())
    with zipfile.ZipFile(target) as written:
        info = written.getinfo("word/document.xml")
    # The local header is 30 bytes plus the name and extra field; the stored stream follows it.
    name_length, extra_length = struct.unpack("<HH", data[info.header_offset + 26:info.header_offset + 30])
    damage(data, info.header_offset + 30 + name_length + extra_length)
    target.write_bytes(bytes(data))
    return target


def _flip_stream(data: bytearray, start: int) -> None:
    for offset in range(start + 2, start + 40, 3):
        data[offset] ^= 0x5A


def _unknown_method(data: bytearray, start: int) -> None:
    # zipfile takes the method from the central directory entry when it opens a member.
    entry = data.index(b"PK\x01\x02")
    while entry >= 0:
        name_length = struct.unpack("<H", data[entry + 28:entry + 30])[0]
        if data[entry + 46:entry + 46 + name_length] == b"word/document.xml":
            data[entry + 10:entry + 12] = struct.pack("<H", 99)
            return
        entry = data.find(b"PK\x01\x02", entry + 46)
    raise AssertionError("no central directory entry for word/document.xml")


@pytest.mark.parametrize("method", [zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA])
def test_every_damaged_compression_method_is_a_corrupt_zip(tmp_path: Path, method: int) -> None:
    with pytest.raises(InputError) as caught:
        read_path(_damaged(tmp_path, method, _flip_stream))
    assert caught.value.code == "corrupt-zip" and "word/document.xml" in caught.value.message


def test_an_unknown_compression_method_is_named(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        read_path(_damaged(tmp_path, zipfile.ZIP_DEFLATED, _unknown_method))
    assert caught.value.code == "corrupt-zip" and "压缩方式" in caught.value.message


def test_corrupt_members_end_as_a_file_error_in_a_run() -> None:
    from normcheck.dsl import load_rules
    from normcheck.runner import SelectedRules, check_target

    selected = SelectedRules(load_rules())
    result, trace = check_target(FIXTURES / "deflate-stream-corrupt.docx", selected)
    assert trace is None and result.error is not None and result.error.code == "corrupt-zip"


class _Hang(BaseException):
    """Not an OSError, so that no reader handler turns the guard itself into an input error."""


def _read_within(path: Path, seconds: int) -> object:
    def expire(signum: int, frame: object) -> None:
        raise _Hang(f"read_path({path.name}) still blocked after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        return read_path(path)
    except InputError as exc:
        return exc
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _package(tmp_path: Path) -> Path:
    package = tmp_path / "报送材料"
    package.mkdir()
    shutil.copy(SAMPLES / "temporary-assistance" / "正文.docx", package / "正文.docx")
    shutil.copy(SAMPLES / "temporary-assistance" / "起草说明.docx", package / "起草说明.docx")
    return package


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_in_a_package_does_not_block(tmp_path: Path) -> None:
    package = _package(tmp_path)
    os.mkfifo(package / "备案报告.docx")
    outcome = _read_within(package, 5)
    assert isinstance(outcome, InputError) and outcome.code == "unsupported-format"
    assert "备案报告.docx" in outcome.message and "命名管道" in outcome.message


def test_a_dangling_link_in_a_package_is_named(tmp_path: Path) -> None:
    package = _package(tmp_path)
    (package / "备案报告.docx").symlink_to(tmp_path / "已删除.docx")
    outcome = _read_within(package, 20)
    assert isinstance(outcome, InputError) and outcome.code == "not-found"
    assert "备案报告.docx" in outcome.message and "链接" in outcome.message


def test_an_unreadable_member_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from normcheck.reader import files

    package = _package(tmp_path)
    original = files.read_file

    def refuse(path: Path, display: str, **options: object) -> object:
        if path.name == "起草说明.docx":
            raise PermissionError(13, "Permission denied", str(path))
        return original(path, display, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(files, "read_file", refuse)
    outcome = _read_within(package, 20)
    assert isinstance(outcome, InputError) and outcome.code == "unreadable"
    assert "起草说明.docx" in outcome.message and "Permission denied" in outcome.message


@pytest.mark.parametrize("name", ["baseline-findings-null.json", "baseline-count-infinity.json"])
def test_malformed_baselines_are_config_errors(name: str) -> None:
    from normcheck import baseline
    from normcheck.errors import ConfigError

    with pytest.raises(ConfigError) as caught:
        baseline.load(FIXTURES / name)
    assert "\n" not in str(caught.value) and str(FIXTURES / name) in str(caught.value)


@pytest.mark.parametrize("text", [
    '{"normcheck-baseline": true, "findings": []}',
    '{"normcheck-baseline": 1.0, "findings": []}',
    '{"normcheck-baseline": 1, "findings": {"file": "a.docx"}}',
    '{"normcheck-baseline": 1, "findings": [null]}',
    '{"normcheck-baseline": 1, "findings": [{"file": 1, "rule": "CC-001", "fingerprint": "0"}]}',
    '{"normcheck-baseline": 1, "findings": [{"file": "a.docx", "rule": "CC-001"}]}',
    '{"normcheck-baseline": 1, "findings": [{"file": "a.docx", "rule": "CC-001", "fingerprint": "0", "count": NaN}]}',
    '{"normcheck-baseline": 1, "findings": [{"file": "a.docx", "rule": "CC-001", "fingerprint": "0", "count": -1}]}',
    '{"normcheck-baseline": 1, "findings": [{"file": "a.docx", "rule": "CC-001", "fingerprint": "0", "count": 2.5}]}',
    '{"normcheck-baseline": 1, "findings": [{"file": "a.docx", "rule": "CC-001", "fingerprint": "0", "count": "3"}]}',
    '{"normcheck-baseline": 1, "findings": [{"file": "a.docx", "rule": "CC-001", "fingerprint": "0", "count": 1'
    + "0" * 5000 + "}]}",
    "[" * 100_000 + "]" * 100_000,
])
def test_baselines_of_the_wrong_shape_are_config_errors(tmp_path: Path, text: str) -> None:
    from normcheck import baseline
    from normcheck.errors import ConfigError

    path = tmp_path / "baseline.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        baseline.load(path)
    assert "\n" not in str(caught.value)


def test_a_well_formed_hand_written_baseline_loads(tmp_path: Path) -> None:
    from normcheck import baseline

    path = tmp_path / "baseline.json"
    path.write_text('{"normcheck-baseline": 1, "findings": [{"file": "a.docx", "rule": "CC-001", "fingerprint": '
                    '"0"}, {"file": "a.docx", "rule": "CC-001", "fingerprint": "0", "count": 2}]}', encoding="utf-8")
    assert baseline.load(path) == {("a.docx", "CC-001", "0"): 3}
    path.write_text('{"normcheck-baseline": 1}', encoding="utf-8")
    assert not baseline.load(path)


def test_a_malformed_baseline_on_the_command_line_is_one_line_and_exit_2(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from normcheck.cli import cli

    bad = tmp_path / "baseline.json"
    shutil.copy(FIXTURES / "baseline-findings-null.json", bad)
    result = CliRunner().invoke(cli, [str(SAMPLES / "parking-measures.docx"), "--no-cache", "--baseline", str(bad)])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.stderr.strip().splitlines()
    assert lines[-1].startswith(f"normcheck: {bad}: ") and "Traceback" not in result.stderr


def test_output_through_a_symlink_writes_the_target(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from normcheck.cli import cli

    (tmp_path / "real").mkdir()
    link = tmp_path / "report.json"
    link.symlink_to(tmp_path / "real" / "report.json")
    result = CliRunner().invoke(cli, [str(SAMPLES / "parking-measures.docx"), "--format", "json", "-o", str(link)])
    assert result.exit_code in (0, 1)
    assert link.is_symlink()
    assert (tmp_path / "real" / "report.json").read_text(encoding="utf-8").startswith("{")


def test_output_through_a_link_onto_an_input_is_refused(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from normcheck.cli import cli

    document = tmp_path / "通知.docx"
    shutil.copy(SAMPLES / "parking-measures.docx", document)
    before = document.read_bytes()
    link = tmp_path / "report.json"
    link.symlink_to(document)
    result = CliRunner().invoke(cli, [str(document), "--no-cache", "--format", "json", "-o", str(link)])
    assert result.exit_code == 2 and document.read_bytes() == before and link.is_symlink()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_output_to_a_named_pipe_is_written_through_it(tmp_path: Path) -> None:
    import threading

    from normcheck.output import write_atomic

    pipe = tmp_path / "report.pipe"
    os.mkfifo(pipe)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()))
    reader.start()
    write_atomic(pipe, "报告")
    reader.join(10)
    assert received == ["报告".encode()] and stat.S_ISFIFO(pipe.lstat().st_mode)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_output_to_a_full_device_is_one_line_and_exit_2(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from normcheck.cli import cli

    # Through a link of our own, so that a regression replaces the link, never the device.
    link = tmp_path / "full"
    link.symlink_to("/dev/full")
    result = CliRunner().invoke(cli, [str(SAMPLES / "parking-measures.docx"), "--no-cache", "-o", str(link)])
    assert result.exit_code == 2 and link.is_symlink()
    assert result.stderr.strip() == f"normcheck: {link}: 无法写入（{os.strerror(errno.ENOSPC)}）"


@pytest.mark.skipif(not Path("/dev/stdout").exists(), reason="needs /dev/stdout")
def test_output_to_standard_output_through_a_link(tmp_path: Path) -> None:
    link = tmp_path / "stdout"
    link.symlink_to("/dev/stdout")
    run = subprocess.run([sys.executable, "-m", "normcheck", str(SAMPLES / "parking-measures.docx"), "--no-cache",
                          "--format", "json", "-o", str(link)], capture_output=True, timeout=120, check=False)
    assert run.returncode in (0, 1), run.stderr.decode()
    assert json.loads(run.stdout)["files"][0]["path"].endswith("parking-measures.docx")
    assert link.is_symlink()


def test_a_link_loop_as_output_is_an_os_error_naming_it(tmp_path: Path) -> None:
    from normcheck.output import write_atomic

    loop = tmp_path / "loop.json"
    loop.symlink_to(loop)
    with pytest.raises(OSError) as caught:
        write_atomic(loop, "{}")
    assert caught.value.filename == str(loop) and loop.is_symlink()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_bad_inputs_on_the_command_line_are_one_line_each_and_the_rest_is_checked(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from normcheck.cli import cli

    pipe = tmp_path / "管道.docx"
    os.mkfifo(pipe)
    package = _package(tmp_path)
    (package / "备案报告.docx").symlink_to(tmp_path / "已删除.docx")
    bad = [FIXTURES / "lzma-stream-corrupt.docx", FIXTURES / "zip-version-unsupported.docx",
           FIXTURES / "xml-declaration-unterminated.docx", pipe, package]
    good = SAMPLES / "parking-measures.docx"
    result = CliRunner().invoke(cli, [*map(str, bad), str(good), "--no-cache", "--format", "json"])
    assert result.exit_code == 2, result.stderr
    report = json.loads(result.stdout)
    by_path = {entry["path"]: entry for entry in report["files"]}
    assert by_path[str(good)]["error"] is None and by_path[str(good)]["findings"]
    lines = result.stderr.strip().splitlines()
    for path in bad:
        line = next(line for line in lines if line.startswith(f"normcheck: {path}: "))
        assert by_path[str(path)]["error"]["message"] in line
    assert "Traceback" not in result.stderr
