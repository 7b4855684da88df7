"""Inputs that once escaped as foreign exceptions (found by tests/fuzz/). Each must now end in the
project's own error type with a stable code.

Fixtures:
- ``deflate-stream-corrupt.docx``: samples/parking-measures.docx with one bit of the deflate stream of
  word/document.xml flipped (zlib.error from inside zipfile).
- ``lzma-stream-corrupt.docx``: a small package whose word/document.xml is LZMA-compressed (method 14),
  with its LZMA properties header damaged (lzma.LZMAError from inside zipfile).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from normcheck.errors import InputError
from normcheck.reader import read_path

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _code(name: str) -> str:
    with pytest.raises(InputError) as caught:
        read_path(FIXTURES / name)
    assert caught.value.message
    return caught.value.code


def test_corrupt_deflate_stream_is_a_corrupt_zip() -> None:
    assert _code("deflate-stream-corrupt.docx") == "corrupt-zip"


@pytest.mark.xfail(strict=True, raises=Exception, reason="normcheck/reader/package.py Package.read does not "
                   "catch lzma.LZMAError: a damaged LZMA member escapes as a foreign exception")
def test_corrupt_lzma_stream_is_a_corrupt_zip() -> None:
    assert _code("lzma-stream-corrupt.docx") == "corrupt-zip"


def test_corrupt_members_end_as_a_file_error_in_a_run() -> None:
    from normcheck.dsl import load_rules
    from normcheck.runner import SelectedRules, check_target

    selected = SelectedRules(load_rules())
    result, trace = check_target(FIXTURES / "deflate-stream-corrupt.docx", selected)
    assert trace is None and result.error is not None and result.error.code == "corrupt-zip"
