"""Stored elements checklists, so that a result taken from the result cache gets its checklist without
reading and analysing the document again.

A key covers the normcheck code, the path as given, the ``--mode`` and the bytes of the file (or of every file of a
package folder), like the result cache's keys; a value is the checklist as JSON, never code. Entries live
beside the result cache, in ``checklists/``, sealed and read like its entries (``normcheck.cachestore``): a
damaged, planted or non-regular entry is a miss, and storing never fails a run.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from normcheck import cachestore, safeio
from normcheck.report.checklist import ChecklistItem

_FORMAT = 2
MAX_ENTRY_BYTES = 16 * 1024 * 1024
_FIELDS = ("key", "label", "status", "value", "data", "file", "paragraph", "source")


class ChecklistStore:
    def __init__(self, directory: str | Path | None = None) -> None:
        if directory is None:
            from normcheck.cache import default_cache_dir

            directory = default_cache_dir().parent / "checklists"
        self.directory = Path(directory)

    def key(self, path: str, mode: str | None = None) -> str | None:
        from normcheck.cache import code_fingerprint, content_hash

        digest = hashlib.sha256(f"normcheck-checklist-{_FORMAT}\0".encode("ascii"))
        try:
            parts = (code_fingerprint(), path, mode or "", content_hash(path))
        except OSError:
            return None
        for part in parts:
            digest.update(safeio.path_bytes(part) + b"\0")  # a file name that is not UTF-8 keeps its bytes
        return digest.hexdigest()

    def _entry(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def get(self, key: str) -> list[ChecklistItem] | None:
        payload = cachestore.read_entry(self.directory, self._entry(key), "checklist", key, MAX_ENTRY_BYTES)
        if payload is None:
            return None
        try:
            data = json.loads(payload)
            if data.get("key") != key or data.get("format") != _FORMAT:
                return None
            return [ChecklistItem(**{name: item[name] for name in _FIELDS}) for item in data["items"]]
        except Exception:  # noqa: BLE001 - whatever a damaged entry raises, it is a miss
            return None

    def put(self, key: str, items: list[ChecklistItem]) -> None:
        try:
            payload = {"format": _FORMAT, "key": key,
                       "items": [{name: getattr(item, name) for name in _FIELDS} for item in items]}
            data = json.dumps(payload, ensure_ascii=True, separators=(",", ":")).encode("ascii")
        except (ValueError, TypeError, RecursionError, MemoryError):
            return
        cachestore.write_entry(self.directory, self._entry(key), "checklist", key, data, MAX_ENTRY_BYTES)
