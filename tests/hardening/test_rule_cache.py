"""The compiled-rule cache holds data, never code: planted or damaged entries are misses, never run."""
from __future__ import annotations

import json
import os
import pickle
import stat
from pathlib import Path

import pytest

from normcheck import cachestore
from normcheck.dsl import astjson, bundled_rules_dir, cache, load_rules
from normcheck.dsl.parser import grammar_text, parse_rules

RULE = 'rule P-1 "t" {\n  severity error\n  tags x\n  forbid "罚款"\n  example fail "处以罚款"\n}\n'
OTHER = 'rule P-1 "t" {\n  severity info\n  tags x\n  forbid "不会出现的词"\n  example pass "处以罚款"\n}\n'


class _Plant:
    """Unpickling this runs ``os.system``: the marker file appears only if the pickle is ever loaded."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return os.system, (f"touch {self.marker}",)


def _key(text: str) -> str:
    return cache.cache_key(cache.parser_fingerprint(grammar_text()), text)


def _summary(path: Path) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(r.id, r.severity, tuple(r.tags)) for r in load_rules([path], bundled=False).rules]


@pytest.fixture()
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("NORMCHECK_CACHE_DIR", str(folder))
    return folder / "rules"


@pytest.mark.parametrize("name", sorted(p.name for p in bundled_rules_dir().glob("*.rules")))
def test_every_bundled_rule_file_round_trips(name: str) -> None:
    path = bundled_rules_dir() / name
    parsed = parse_rules(path.read_text(encoding="utf-8-sig"), str(path))
    assert astjson.loads(astjson.dumps(parsed)) == parsed


def test_entries_are_sealed_json_and_the_secret_is_private(tmp_path: Path, own_cache: Path) -> None:
    path = tmp_path / "a.rules"
    path.write_text(RULE, encoding="utf-8")
    load_rules([path], bundled=False)
    entry = own_cache / f"{_key(RULE)}.json"
    assert entry.is_file() and not list(own_cache.glob("*.pickle"))
    data = entry.read_bytes()
    payload = data.split(b"\n", 2)[2]
    assert json.loads(payload)["n"] == "RuleFile"
    secret = own_cache / cachestore.SECRET_NAME
    assert stat.S_IMODE(secret.stat().st_mode) == 0o600 and secret.stat().st_size == 32


@pytest.mark.parametrize("where", ["pickle-name", "json-name"])
def test_planted_pickle_never_executes(tmp_path: Path, own_cache: Path, where: str) -> None:
    path = tmp_path / "a.rules"
    path.write_text(RULE, encoding="utf-8")
    expected = _summary(path)
    marker = tmp_path / "ran"
    suffix = ".pickle" if where == "pickle-name" else ".json"
    (own_cache / f"{_key(RULE)}{suffix}").write_bytes(pickle.dumps(_Plant(marker)))
    assert _summary(path) == expected
    assert not marker.exists()


def test_planted_well_formed_json_does_not_change_results(tmp_path: Path, own_cache: Path) -> None:
    path = tmp_path / "a.rules"
    path.write_text(RULE, encoding="utf-8")
    expected = _summary(path)
    forged = astjson.dumps(parse_rules(OTHER, str(path)))
    entry = own_cache / f"{_key(RULE)}.json"
    wrong_secret = b"\0" * 32
    for planted in (forged, cachestore.seal(wrong_secret, "rules-ast", _key(RULE), forged)):
        entry.write_bytes(planted)
        assert _summary(path) == expected
        assert cache.load(_key(RULE)) is not None  # rebuilt and sealed again


def test_entry_of_another_key_is_a_miss(tmp_path: Path, own_cache: Path) -> None:
    first, second = tmp_path / "a.rules", tmp_path / "b.rules"
    first.write_text(RULE, encoding="utf-8")
    second.write_text(OTHER, encoding="utf-8")
    load_rules([first], bundled=False)
    load_rules([second], bundled=False)
    (own_cache / f"{_key(RULE)}.json").write_bytes((own_cache / f"{_key(OTHER)}.json").read_bytes())
    assert cache.load(_key(RULE)) is None
    assert _summary(first) == [("P-1", "error", ("x",))]


def test_secret_readable_by_others_disables_the_cache(tmp_path: Path, own_cache: Path) -> None:
    path = tmp_path / "a.rules"
    path.write_text(RULE, encoding="utf-8")
    load_rules([path], bundled=False)
    (own_cache / cachestore.SECRET_NAME).chmod(0o644)
    assert cache.load(_key(RULE)) is None
    assert _summary(path) == [("P-1", "error", ("x",))]


def test_secret_that_is_a_link_is_not_followed_and_is_replaced(tmp_path: Path, own_cache: Path) -> None:
    own_cache.mkdir(parents=True)
    elsewhere = tmp_path / "known"
    elsewhere.write_bytes(b"k" * 32)
    elsewhere.chmod(0o600)
    (own_cache / cachestore.SECRET_NAME).symlink_to(elsewhere)
    assert cachestore.secret(own_cache, create=False) is None
    replaced = cachestore.secret(own_cache, create=True)
    assert replaced is not None and replaced != b"k" * 32
    assert not (own_cache / cachestore.SECRET_NAME).is_symlink() and elsewhere.read_bytes() == b"k" * 32


def test_regex_validation_marker_must_be_sealed(own_cache: Path) -> None:
    digest = cache.regex_set_digest([("a+", True)])
    own_cache.mkdir(parents=True)
    (own_cache / f"re2-ok-{digest}").write_bytes(b"ok")
    assert not cache.regexes_validated(digest)
    cache.mark_regexes_validated(digest)
    assert cache.regexes_validated(digest)


@pytest.mark.parametrize("document", [
    {"n": "posix.system", "f": {}},
    {"n": "RuleFile", "f": {"path": "x", "statements": [], "lines": [], "extra": 1}},
    {"n": "RuleFile", "f": {"path": "x", "statements": [{"n": "Popen", "f": {}}], "lines": []}},
    {"n": "RuleFile", "f": {"path": "x", "statements": [{"d": "not a date"}], "lines": []}},
    {"t": []},
    [],
])
def test_decoder_accepts_only_rule_ast_nodes(document: object) -> None:
    with pytest.raises(ValueError):
        astjson.loads(json.dumps(document).encode())


def test_deep_nesting_is_refused() -> None:
    with pytest.raises(ValueError):
        astjson.loads(b"[" * 100_000 + b"]" * 100_000)
