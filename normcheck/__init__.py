"""normcheck: a rules-based compliance checker for Chinese administrative normative documents.

The library API is ``check_path``, ``check_document`` and ``load_rules``; they are imported lazily so that
``import normcheck`` stays cheap for the command line.
"""
from __future__ import annotations

from typing import Any

from normcheck.version import __version__

__all__ = ["__version__", "check_document", "check_path", "load_rules"]


def __getattr__(name: str) -> Any:
    if name in ("check_path", "check_document", "load_rules"):
        from normcheck import api

        return getattr(api, name)
    raise AttributeError(f"module 'normcheck' has no attribute {name!r}")
