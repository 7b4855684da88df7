"""The ``tree`` fixture: a fresh input tree per test, with its own cache folder and no colours."""
from __future__ import annotations

from pathlib import Path

import pytest
from fixture_tree import build_tree

__all__ = ["tree"]


@pytest.fixture()
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("NORMCHECK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("NO_COLOR", "1")
    return build_tree(tmp_path)
