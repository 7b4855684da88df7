"""The rule language: parse, check and compile ``.rules`` files (see docs/rule-language-spec.md).

The public names are resolved on first use, so that a check whose rule files come from the on-disk AST
cache never imports the parser or Lark. The example runner is in ``normcheck.authoring.examples``.
"""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from normcheck.dsl.loader import RuleSet, bundled_rules_dir, load_rules
    from normcheck.dsl.parser import parse_rules

__all__ = ["RuleSet", "bundled_rules_dir", "load_rules", "parse_rules"]

_HOMES = {
    "RuleSet": "normcheck.dsl.loader",
    "bundled_rules_dir": "normcheck.dsl.loader",
    "load_rules": "normcheck.dsl.loader",
    "parse_rules": "normcheck.dsl.parser",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'normcheck.dsl' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
