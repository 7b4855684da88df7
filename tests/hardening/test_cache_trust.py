"""The result cache trusts nothing it reads: tampered, planted, oversized, non-regular or deeply nested
entries are misses, and a failure to store never fails a finished check."""
from __future__ import annotations

import json
import os
import stat
import threading
import time
from pathlib import Path

import pytest

from normcheck import cachestore
from normcheck.cache import ResultCache, check_cached
from normcheck.model import FileResult, Finding, Location

KEY = "a" * 64


def _result(severity: str = "error") -> FileResult:
    finding = Finding(rule="R-1", severity=severity, tags=("filing",), title="t", message="m", basis="b",
                      fix="f", location=Location("a.docx", "body", 1, None, 0, 2), excerpt="x", context="x")
    return FileResult(path="a.docx", findings=[finding])


@pytest.fixture()
def store(tmp_path: Path) -> ResultCache:
    return ResultCache(tmp_path / "results")


def _payload(store: ResultCache, key: str = KEY) -> dict:
    return json.loads(store.entry(key).read_bytes().split(b"\n", 2)[2])


def _reseal_without_secret(store: ResultCache, edit) -> None:
    """What somebody who can write the folder but not read the secret can do: edit and re-hash."""
    data = _payload(store)
    edit(data)
    payload = json.dumps(data).encode()
    store.entry(KEY).write_bytes(cachestore.seal(os.urandom(32), "result", KEY, payload))


@pytest.mark.parametrize("edit", [
    lambda d: d["result"].__setitem__("findings", []),
    lambda d: d["result"]["findings"][0].__setitem__("severity", "info"),
])
def test_tampered_entries_are_misses(store: ResultCache, edit) -> None:
    assert store.put(KEY, _result())
    _reseal_without_secret(store, edit)
    assert store.get(KEY) is None


def test_edited_payload_under_the_old_checksum_is_a_miss(store: ResultCache) -> None:
    assert store.put(KEY, _result())
    entry = store.entry(KEY)
    entry.write_bytes(entry.read_bytes().replace(b'"severity":"error"', b'"severity":"info"'))
    assert store.get(KEY) is None


def test_replaced_secret_invalidates_every_entry(store: ResultCache) -> None:
    assert store.put(KEY, _result())
    secret = store.directory / cachestore.SECRET_NAME
    secret.unlink()
    assert store.get(KEY) is None
    assert store.put(KEY, _result()) and store.get(KEY) is not None
    assert stat.S_IMODE(secret.stat().st_mode) == 0o600


def test_secret_others_can_read_is_never_used_and_is_replaced(store: ResultCache) -> None:
    assert store.put(KEY, _result())
    secret = store.directory / cachestore.SECRET_NAME
    exposed = secret.read_bytes()
    secret.chmod(0o640)
    assert store.get(KEY) is None
    assert store.put("b" * 64, _result())  # a new private secret replaces it
    assert stat.S_IMODE(secret.stat().st_mode) == 0o600 and secret.read_bytes() != exposed
    assert store.get(KEY) is None and store.get("b" * 64) is not None


def test_fifo_entry_is_a_miss_at_once(store: ResultCache) -> None:
    assert store.put(KEY, _result())
    entry = store.entry(KEY)
    entry.unlink()
    os.mkfifo(entry)
    outcome: list[object] = []
    reader = threading.Thread(target=lambda: outcome.append(store.get(KEY)), daemon=True)
    reader.start()
    reader.join(5)
    assert outcome == [None]


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_link_to_a_device_is_a_miss(store: ResultCache, device: str) -> None:
    assert store.put(KEY, _result())
    store.entry(KEY).unlink()
    store.entry(KEY).symlink_to(device)
    started = time.monotonic()
    assert store.get(KEY) is None
    assert time.monotonic() - started < 2


def test_oversized_entry_is_a_miss_without_reading_it_all(store: ResultCache, monkeypatch) -> None:
    from normcheck import cache

    assert store.put(KEY, _result())
    monkeypatch.setattr(cache, "MAX_ENTRY_BYTES", 100)
    assert store.get(KEY) is None
    assert not store.put("b" * 64, _result())


def test_deep_nesting_is_a_miss(store: ResultCache) -> None:
    assert store.put(KEY, _result())
    secret = cachestore.read_secret(store.directory)
    assert secret is not None
    deep = b"[" * 200_000 + b"]" * 200_000
    store.entry(KEY).write_bytes(cachestore.seal(secret, "result", KEY, deep))
    assert store.get(KEY) is None


@pytest.mark.parametrize("failure", [MemoryError, OSError])
def test_failure_while_storing_never_fails_the_check(tmp_path: Path, store: ResultCache, monkeypatch,
                                                      failure: type[BaseException]) -> None:
    doc = tmp_path / "d.txt"
    doc.write_text("第一条 内容。\n", encoding="utf-8")

    def broken(*args: object, **kwargs: object) -> None:
        raise failure()

    monkeypatch.setattr(cachestore, "write_private", broken)
    result = check_cached(doc, lambda p: _result(), store, "r", "c")
    assert [f.rule for f in result.findings] == ["R-1"]
    monkeypatch.setattr(store, "put", broken)
    result = check_cached(doc, lambda p: _result(), store, "r", "c")
    assert [f.rule for f in result.findings] == ["R-1"]


def test_stale_temporary_files_are_removed(store: ResultCache) -> None:
    assert store.put(KEY, _result())
    folder = store.entry(KEY).parent
    stale, fresh = folder / ".tmp-stale.tmp", folder / ".tmp-fresh.tmp"
    stale.write_bytes(b"x")
    fresh.write_bytes(b"x")
    old = time.time() - 2 * cachestore.STALE_SECONDS
    os.utime(stale, (old, old))
    assert store.put(KEY, _result())
    assert not stale.exists() and fresh.exists()


def test_surrogate_paths_round_trip(store: ResultCache) -> None:
    name = os.fsdecode(b"\xb9\xab\xce\xc4.docx")  # a GBK name, undecodable as UTF-8
    original = FileResult(path=name, findings=_result().findings)
    assert store.put(KEY, original)
    again = store.get(KEY)
    assert again is not None and again.path == name
