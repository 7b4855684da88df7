"""Shared test set-up: make ``tests/`` importable so every test directory can ``import ooxml``."""
from __future__ import annotations

import sys
from pathlib import Path

_TESTS = str(Path(__file__).resolve().parent)
if _TESTS not in sys.path:
    sys.path.insert(0, _TESTS)

# Every test gets a private NORMCHECK_CACHE_DIR: no test reads or writes the user's cache.
from private_cache import _session_rule_cache, private_cache  # noqa: E402

__all__ = ["_session_rule_cache", "private_cache"]
