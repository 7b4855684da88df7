"""A private cache folder per test, so that no test reads or writes the user's cache.

Each test gets an empty result cache; the compiled-rule cache (``rules/``) is shared by the session through
a symbolic link, because compiling the bundled rules again in every test would only cost time.
"""
from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def _session_rule_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("normcheck-rule-cache")


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory, _session_rule_cache: Path,
                  monkeypatch: pytest.MonkeyPatch) -> Path:
    """``NORMCHECK_CACHE_DIR`` of this test (results are under ``results/``)."""
    folder = tmp_path_factory.mktemp("normcheck-cache")
    (folder / "rules").symlink_to(_session_rule_cache, target_is_directory=True)
    monkeypatch.setenv("NORMCHECK_CACHE_DIR", str(folder))
    return folder
