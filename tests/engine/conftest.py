"""Engine tests: fixtures from ``tests/rule_fixtures.py``."""
from __future__ import annotations

from rule_fixtures import _private_cache, load_text, write_rules

__all__ = ["_private_cache", "load_text", "write_rules"]
