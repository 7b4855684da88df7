"""Cache entries damaged, truncated, spliced or forged in any way are misses: the result cache and the
compiled-rule cache give back exactly what was stored, or nothing, and never raise."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from fuzzing import fuzz_settings, hang_guard
from hypothesis import given
from hypothesis import strategies as st

from normcheck import cachestore
from normcheck.cache import ResultCache
from normcheck.dsl import astjson
from normcheck.dsl.parser import parse_rules
from normcheck.model import FileError, FileResult, Finding, Location

KEY = "c" * 64
RULE_TEXT = 'rule F-1 "t" {\n  severity error\n  tags x\n  forbid "罚款" in each sentence\n  example fail "罚款"\n}\n'


def _result() -> FileResult:
    finding = Finding("R-1", "error", ("filing",), "标题", "消息", "依据", "建议",
                      Location("a.docx", "body", 3, "第三条", 1, 4), "罚款", "处以罚款")
    return FileResult("a.docx", [finding], None, warnings=["警告"])


MUTATIONS = st.one_of(
    st.tuples(st.just("flip"), st.integers(0, 10_000), st.integers(1, 255)),
    st.tuples(st.just("truncate"), st.integers(0, 10_000), st.just(0)),
    st.tuples(st.just("insert"), st.integers(0, 10_000), st.integers(0, 255)),
    st.tuples(st.just("replace-payload"), st.integers(0, 5), st.just(0)),
)
PAYLOADS = [b"", b"{}", b"[" * 50_000, b'{"format":2,"key":"KEY","result":{"path":"a","error":null,"findings":[],'
            b'"warnings":[]}}', b"\xff\xfe", b'{"n":"posix.system","f":{}}', b"1e99999", b"9" * 10_000]


def _mutate(data: bytes, mutation: tuple[str, int, int]) -> bytes:
    kind, where, value = mutation
    where %= max(len(data), 1)
    if kind == "flip":
        return data[:where] + bytes([data[where] ^ value]) + data[where + 1:] if data else data
    if kind == "truncate":
        return data[:where]
    if kind == "insert":
        return data[:where] + bytes([value]) + data[where:]
    head = data.split(b"\n", 2)
    return b"\n".join(head[:2] + [PAYLOADS[where % len(PAYLOADS)].replace(b"KEY", KEY.encode())])


@fuzz_settings(150)
@given(st.lists(MUTATIONS, min_size=1, max_size=4), st.booleans())
def test_result_entries(mutations: list[tuple[str, int, int]], error_entry: bool) -> None:
    original = FileResult("b.docx", error=FileError("corrupt-zip", "坏")) if error_entry else _result()
    with tempfile.TemporaryDirectory() as folder:
        store = ResultCache(Path(folder))
        assert store.put(KEY, original)
        entry = store.entry(KEY)
        data = entry.read_bytes()
        for mutation in mutations:
            data = _mutate(data, mutation)
        entry.write_bytes(data)
        with hang_guard(10):
            again = store.get(KEY)
        if again is not None:
            assert (again.path, again.error, again.findings, again.warnings) == (
                original.path, original.error, original.findings, original.warnings)
            assert data == store.entry(KEY).read_bytes()


@fuzz_settings(100)
@given(st.lists(MUTATIONS, min_size=1, max_size=4))
def test_rule_ast_entries(mutations: list[tuple[str, int, int]]) -> None:
    from normcheck.dsl import cache

    parsed = parse_rules(RULE_TEXT, "f.rules")
    with tempfile.TemporaryDirectory() as folder:
        os.environ["NORMCHECK_CACHE_DIR"] = folder
        cache.store(KEY, parsed)
        entry = cache.rules_dir() / f"{KEY}.json"
        data = entry.read_bytes()
        for mutation in mutations:
            data = _mutate(data, mutation)
        entry.write_bytes(data)
        with hang_guard(10):
            loaded = cache.load(KEY)
        assert loaded is None or loaded == parsed


@fuzz_settings(100)
@given(st.binary(max_size=2_000))
def test_arbitrary_bytes_never_unseal_or_decode(data: bytes) -> None:
    secret = b"s" * 32
    assert cachestore.unseal(secret, "result", KEY, data) is None
    try:
        astjson.loads(data)
    except ValueError:
        pass
