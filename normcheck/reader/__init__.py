"""Readers: turn a file or a filing-package folder into a Document (blocks in reading order).

``read_path`` dispatches on what the file really is (its first bytes), not on its extension;
``discover`` expands command-line paths into check targets; ``dump_text`` renders ``normcheck dump``.
"""
from __future__ import annotations

from normcheck.reader.dump import dump_text
from normcheck.reader.files import read_file
from normcheck.reader.folder import discover
from normcheck.reader.plain import document_from_text
from normcheck.reader.read import read_path

__all__ = ["discover", "document_from_text", "dump_text", "read_file", "read_path"]
