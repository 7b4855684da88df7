"""What a part's bytes parse to, kept for the next document carrying the same bytes.

Documents made from one template carry byte-identical styles, numbering and relationships parts, so a
folder of them parses these once. A part is found again by its whole content, never by its name or size, so a hit gives
exactly what parsing would. The cache is small (a few entries, parts up to ``MAX_PART_BYTES``), and what
it holds is shared: its users must never change it.
"""
from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, Protocol, TypeVar

T = TypeVar("T")
MAX_ENTRIES = 8
MAX_PART_BYTES = 2 << 20


class StrictMarked(Protocol):
    strict: bool  # set by parsing a part written in Strict OOXML (``package.Package``)


class PartCache(Generic[T]):
    """Results of ``parse(data)`` by ``data``, least recently used dropped first."""

    def __init__(self, entries: int = MAX_ENTRIES) -> None:
        self._entries = entries
        self._results: OrderedDict[Hashable, tuple[T, bool]] = OrderedDict()

    def get(self, data: bytes, package: StrictMarked, parse: Callable[[bytes], T], context: str = "") -> T:
        """``parse(data)``, or its result for the same bytes (and ``context``, anything else the result
        depends on) seen before. ``package.strict`` is set as the parse would set it (a part in Strict OOXML
        marks the package)."""
        key = (context, data)
        hit = self._results.get(key)
        if hit is not None:
            self._results.move_to_end(key)
            result, strict = hit
            package.strict = package.strict or strict
            return result
        before, package.strict = package.strict, False
        try:
            result = parse(data)
        finally:
            strict, package.strict = package.strict, before or package.strict
        if len(data) <= MAX_PART_BYTES:
            self._results[key] = (result, strict)
            if len(self._results) > self._entries:
                self._results.popitem(last=False)
        return result
