"""The ``tree`` fixture: a fresh input tree per test, with a private cache and no colours."""
from __future__ import annotations

from pathlib import Path

import pytest
from fixture_tree import build_tree
from private_cache import _session_rule_cache, private_cache

__all__ = ["_session_rule_cache", "private_cache", "tree"]


@pytest.fixture()
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("NORMCHECK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("NO_COLOR", "1")
    return build_tree(tmp_path)
