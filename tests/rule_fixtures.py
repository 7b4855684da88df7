"""Fixtures shared by tests/dsl and tests/engine: rule files written on the fly and a rule cache shared by
the session (compiling the same small rule files again in every test would only cost time)."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from normcheck.dsl import RuleSet, load_rules


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NORMCHECK_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "rule-cache"))


@pytest.fixture
def write_rules(tmp_path: Path) -> Callable[..., Path]:
    def write(text: str, name: str = "test.rules") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture
def load_text(write_rules: Callable[..., Path]) -> Callable[..., RuleSet]:
    def load(text: str, **kwargs: object) -> RuleSet:
        return load_rules([write_rules(text)], bundled=False, **kwargs)  # type: ignore[arg-type]

    return load


# The Chinese labels the bundled rule files declare for their tags, in declaration order.
BUNDLED_TAG_LABELS = {"consultation": "征求意见", "legality-review": "合法性审核", "collective-decision": "集体审议",
                      "civil-code": "民法典", "authority": "制定权限", "fair-competition": "公平竞争", "filing": "备案",
                      "citation": "引用核验"}
