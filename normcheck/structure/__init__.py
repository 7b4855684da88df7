"""Structure: the anatomy of a normative document (title, 文号, articles, dates, sections, citations).

The public names are resolved on first use: the rule language needs only the fact types, and a run whose
results all come from the result cache never analyses a document.
"""
from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

from normcheck.structure.facts import (
    Article,
    Citation,
    Duration,
    Fact,
    Section,
    Structure,
)

if TYPE_CHECKING:
    from normcheck.structure.analyze import analyze
    from normcheck.structure.dates import find_dates, find_durations
    from normcheck.structure.numbers import parse_chinese_number
    from normcheck.structure.sentences import split_sentences

__all__ = [
    "Article", "Citation", "Duration", "Fact", "Section", "Structure",
    "analyze", "find_dates", "find_durations", "parse_chinese_number", "split_sentences",
]

_HOMES = {
    "analyze": "normcheck.structure.analyze",
    "find_dates": "normcheck.structure.dates",
    "find_durations": "normcheck.structure.dates",
    "parse_chinese_number": "normcheck.structure.numbers",
    "split_sentences": "normcheck.structure.sentences",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'normcheck.structure' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


class _Package(types.ModuleType):
    def __setattr__(self, name: str, value: Any) -> None:
        # Importing the submodule ``analyze`` binds that module to the package's name ``analyze``, which
        # is the function.
        if name == "analyze" and isinstance(value, types.ModuleType):
            value = value.analyze
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
