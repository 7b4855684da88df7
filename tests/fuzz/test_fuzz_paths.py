"""File names made of arbitrary bytes (not UTF-8, control characters, look-alikes of escapes): every one is
checked, cached, reported in every format as valid UTF-8, and never crashes a run."""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from click.testing import CliRunner
from fuzzing import DOCX_FIXTURES, fuzz_settings, hang_guard
from hypothesis import example, given
from hypothesis import strategies as st

from normcheck.cli import cli

NAME_BYTES = st.binary(min_size=1, max_size=24).filter(lambda b: b"/" not in b and b"\0" not in b
                                                       and b not in (b".", b".."))
TEXT = "前进区停车管理办法\n第一条 违反本办法的，处5000元罚款。\n".encode()


def _run(*args: str) -> tuple[int, bytes]:
    with hang_guard():
        result = CliRunner().invoke(cli, list(args), catch_exceptions=True)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, result.stdout_bytes


@fuzz_settings(12)
@given(st.lists(NAME_BYTES, min_size=1, max_size=3, unique=True), st.sampled_from(["json", "sarif", "text"]),
       st.sampled_from(["1", "2"]))
@example([b"\xb8\xbd\xbc\xfe.docx"], "sarif", "1")
@example([b"\\xb8.txt", b"\xb8.txt"], "json", "2")
@example([b"\xed\xa0\x80.md"], "text", "1")
def test_arbitrary_byte_names(names: list[bytes], fmt: str, jobs: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        os.environ["NORMCHECK_CACHE_DIR"] = str(root / "cache")
        tree = root / "tree"
        tree.mkdir()
        for number, raw in enumerate(names):
            data = DOCX_FIXTURES[0].read_bytes() if raw.lower().endswith(b".docx") or number == 0 else TEXT
            (tree / os.fsdecode(raw)).write_bytes(data)
        for _ in range(2):  # cold, then from the cache
            code, out = _run(str(tree), "--format", fmt, "--jobs", jobs, "--no-color")
            assert code in (0, 1, 2)
            text = out.decode("utf-8")
            if fmt == "json":
                assert len(json.loads(text)["files"]) >= 1
            elif fmt == "sarif":
                json.loads(text)
