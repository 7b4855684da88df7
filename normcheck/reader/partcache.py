"""What a part's bytes parse to, kept for the next document carrying the same bytes.

Documents made from one template carry byte-identical styles and numbering parts, so a folder of them
parses these once. A part is found again by its whole content, never by its name or size, so a hit gives
exactly what parsing would. The cache is small (a few entries, parts up to ``MAX_PART_BYTES``), and what
it holds is shared: its users must never change it.
"""
from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import Generic, TypeVar

from normcheck.reader.package import Package

T = TypeVar("T")
MAX_ENTRIES = 8
MAX_PART_BYTES = 2 << 20


class PartCache(Generic[T]):
    """Results of ``parse(data)`` by ``data``, least recently used dropped first."""

    def __init__(self, entries: int = MAX_ENTRIES) -> None:
        self._entries = entries
        self._results: OrderedDict[bytes, tuple[T, bool]] = OrderedDict()

    def get(self, data: bytes, package: Package, parse: Callable[[bytes], T]) -> T:
        """``parse(data)``, or its result for the same bytes seen before. ``package.strict`` is set as the
        parse would set it (a part in Strict OOXML marks the package)."""
        hit = self._results.get(data)
        if hit is not None:
            self._results.move_to_end(data)
            result, strict = hit
            package.strict = package.strict or strict
            return result
        before, package.strict = package.strict, False
        try:
            result = parse(data)
        finally:
            strict, package.strict = package.strict, before or package.strict
        if len(data) <= MAX_PART_BYTES:
            self._results[data] = (result, strict)
            if len(self._results) > self._entries:
                self._results.popitem(last=False)
        return result
