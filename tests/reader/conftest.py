"""Fixtures for reader tests: build a .docx from hand-written OOXML and read it back."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from ooxml import build_docx

from normcheck.model import Document
from normcheck.reader import dump_text, read_path


@pytest.fixture
def read_docx_xml(tmp_path: Path) -> Callable[..., Document]:
    """``read_docx_xml(body_xml, **build_docx_options) -> Document``."""
    counter = iter(range(10_000))

    def build_and_read(body: str, **options: Any) -> Document:
        path = build_docx(tmp_path / f"doc{next(counter)}.docx", body, **options)
        return read_path(path)

    return build_and_read


@pytest.fixture
def dump_docx_xml(read_docx_xml: Callable[..., Document]) -> Callable[..., str]:
    """``dump_docx_xml(body_xml, parts=False, **build_docx_options) -> str`` (the ``normcheck dump`` text)."""

    def build_and_dump(body: str, parts: bool = False, **options: Any) -> str:
        return dump_text(read_docx_xml(body, **options), parts=parts)

    return build_and_dump
