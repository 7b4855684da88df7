"""The result cache: keys follow every input of a result, entries survive concurrency and damage."""
from __future__ import annotations

import json
import multiprocessing
import shutil
from pathlib import Path
from typing import Any

import pytest

from normcheck import cache, cachestore
from normcheck.cache import (
    ResultCache,
    check_cached,
    content_hash,
    result_key,
    rules_hash,
)
from normcheck.model import FileError, FileResult, Finding, Location
from normcheck.report.checklist import ChecklistItem

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def _finding(n: int, file: str = "a.docx") -> Finding:
    return Finding(rule=f"R-{n:03d}", severity="warning", tags=("filing", "authority"), title="标题",
                   message=f"第{n}条：消息", basis="《某法》第一条", fix="修改", excerpt="摘录",
                   context="上下文", location=Location(file, "body", n, f"第{n}条", 3, 9))


def _result(path: str = "a.docx", count: int = 3) -> FileResult:
    return FileResult(path=path, findings=[_finding(n, path) for n in range(1, count + 1)])


@pytest.fixture()
def store(tmp_path: Path) -> ResultCache:
    return ResultCache(tmp_path / "cache")


@pytest.fixture()
def doc(tmp_path: Path) -> Path:
    target = tmp_path / "doc.txt"
    target.write_text("第一条 为了规范管理，制定本办法。\n", encoding="utf-8")
    return target


def test_round_trip_keeps_every_field(store: ResultCache) -> None:
    original = _result()
    assert store.put("k" * 64, original)
    again = store.get("k" * 64)
    assert again is not None
    assert again.path == original.path and again.error is None
    assert again.findings == original.findings


def test_cacheable_input_error_round_trips(store: ResultCache) -> None:
    broken = FileResult(path="b.docx", error=FileError("corrupt-zip", "压缩包已损坏"))
    assert store.put("e" * 64, broken)
    again = store.get("e" * 64)
    assert again is not None and again.error == broken.error and again.findings == []


@pytest.mark.parametrize("code", ["timeout", "internal-error", "crash", "unreadable", "needs-conversion",
                                  "check-failed", "not-found"])
def test_results_of_the_moment_are_not_stored(store: ResultCache, code: str) -> None:
    assert not store.put("t" * 64, FileResult(path="x", error=FileError(code, "…")))
    assert store.get("t" * 64) is None
    assert not store.entry("t" * 64).exists()


def test_missing_entry_is_a_miss(store: ResultCache) -> None:
    assert store.get("0" * 64) is None


@pytest.mark.parametrize("damage", [
    b"", b"{", b"\xff\xfe garbage", b"[]", b'{"format": 1}', b'{"format": 1, "key": "KEY", "result": 7}',
    b'{"format": 1, "key": "KEY", "result": {"path": 3, "error": null, "findings": []}}',
    b'{"format": 1, "key": "KEY", "result": {"path": "a", "error": null, "findings": [{"rule": "X"}]}}',
    b'{"format": 99, "key": "KEY", "result": {"path": "a", "error": null, "findings": []}}',
])
def test_damaged_entries_are_ignored(store: ResultCache, damage: bytes) -> None:
    key = "d" * 64
    entry = store.entry(key)
    entry.parent.mkdir(parents=True)
    entry.write_bytes(damage.replace(b"KEY", key.encode()))
    assert store.get(key) is None
    assert store.put(key, _result())
    assert store.get(key) is not None


def test_entry_copied_under_another_key_is_a_miss(store: ResultCache) -> None:
    store.put("a" * 64, _result())
    other = store.entry("b" * 64)
    other.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(store.entry("a" * 64), other)
    assert store.get("b" * 64) is None


def test_unwritable_directory_only_costs_speed(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert not ResultCache(blocker / "cache").put("c" * 64, _result())


def _writer(directory: str, worker: int) -> None:
    store = ResultCache(directory)
    for round_ in range(40):
        store.put(f"{round_ % 5:064d}", _result(count=1 + (worker + round_) % 7))


def test_concurrent_writers_leave_only_complete_entries(tmp_path: Path) -> None:
    directory = tmp_path / "shared"
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=_writer, args=(str(directory), n)) for n in range(4)]
    for proc in workers:
        proc.start()
    for proc in workers:
        proc.join(30)
        assert proc.exitcode == 0
    store = ResultCache(directory)
    for n in range(5):
        assert store.get(f"{n:064d}") is not None
    assert not [p for p in directory.rglob(".tmp-*")]


def test_key_follows_bytes_path_rules_and_config(doc: Path, tmp_path: Path) -> None:
    base = result_key(doc, "rules", "config")
    assert base == result_key(doc, "rules", "config")
    assert base != result_key(doc, "rules2", "config")
    assert base != result_key(doc, "rules", "config2")
    copy = tmp_path / "copy.txt"
    shutil.copy(doc, copy)
    assert base != result_key(copy, "rules", "config")
    doc.write_text("第一条 为了规范管理，制定本规定。\n", encoding="utf-8")
    assert base != result_key(doc, "rules", "config")


def test_key_follows_version_and_code(doc: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    base = result_key(doc, "r", "c")
    monkeypatch.setattr(cache, "code_fingerprint", lambda: "another build")
    assert result_key(doc, "r", "c") != base


def test_package_key_follows_member_bytes_and_names(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    shutil.copytree(SAMPLES / "temporary-assistance", package)
    before = content_hash(package)
    member = min(package.rglob("*.docx"))
    member.rename(member.with_name("改名.docx"))
    renamed = content_hash(package)
    assert renamed != before
    (package / "改名.docx").write_bytes((package / "改名.docx").read_bytes() + b"\0")
    assert content_hash(package) not in (before, renamed)


def test_missing_path_has_no_key(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        result_key(tmp_path / "gone.docx", "r", "c")


def test_check_cached_skips_the_work_on_a_hit(doc: Path, store: ResultCache) -> None:
    calls: list[Path] = []

    def check(path: Path) -> FileResult:
        calls.append(path)
        return _result(str(path))

    first = check_cached(doc, check, store, "r", "c")
    second = check_cached(doc, check, store, "r", "c")
    assert calls == [doc]
    assert second.findings == first.findings
    check_cached(doc, check, None, "r", "c")
    check_cached(doc, check, store, "r", "other config")
    assert len(calls) == 3


def test_check_cached_checks_an_unreadable_path_directly(tmp_path: Path, store: ResultCache) -> None:
    gone = tmp_path / "gone.docx"
    result = check_cached(gone, lambda p: FileResult(str(p), error=FileError("not-found", "不存在")), store, "r", "c")
    assert result.error is not None and result.error.code == "not-found"
    assert not any(store.directory.rglob("*.json"))


def test_rules_hash_follows_selection_and_params() -> None:
    from normcheck.dsl import load_rules
    from normcheck.runner import select_rules

    ruleset = load_rules()
    full = rules_hash(ruleset)
    assert full == rules_hash(load_rules())
    assert rules_hash(select_rules(ruleset, ["civil-code"], []).ruleset) != full
    assert ruleset.params, "the bundled rules declare parameters"
    name, value = next(iter(ruleset.params.items()))
    changed = type(ruleset)(ruleset.rules, ruleset.tags, {**ruleset.params, name: [value]}, library=ruleset.library)
    assert rules_hash(changed) != full


def test_location_follows_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("NORMCHECK_CACHE_DIR", str(tmp_path / "explicit"))
    assert ResultCache().directory == tmp_path / "explicit" / "results"
    monkeypatch.delenv("NORMCHECK_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert ResultCache().directory == tmp_path / "xdg" / "normcheck" / "results"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert ResultCache().directory == tmp_path / "home" / ".cache" / "normcheck" / "results"


def test_entries_are_plain_json(store: ResultCache) -> None:
    store.put("f" * 64, _result())
    data = json.loads(store.entry("f" * 64).read_bytes().split(b"\n", 2)[2])
    assert data["key"] == "f" * 64 and len(data["result"]["findings"]) == 3


def test_real_results_come_back_identical(store: ResultCache) -> None:
    from normcheck.dsl import load_rules
    from normcheck.runner import SelectedRules, check_target

    selected = SelectedRules(load_rules())
    digest = rules_hash(selected.ruleset)
    targets = sorted(SAMPLES.glob("*.docx")) + [SAMPLES / "temporary-assistance"]
    fresh = {}
    for target in targets:
        fresh[target] = check_cached(target, lambda p: check_target(p, selected)[0], store, digest, "c")
    assert sum(len(r.findings) for r in fresh.values()) > 0
    for target in targets:
        again = check_cached(target, lambda p: pytest.fail(f"{p} was checked again"), store, digest, "c")
        assert again.path == fresh[target].path
        assert again.error == fresh[target].error
        assert again.findings == fresh[target].findings


def test_reader_warnings_round_trip(store: ResultCache) -> None:
    original = _result()
    original.warnings = ["已跳过 2 个公式", "文件含隐藏文字"]
    store.put("w" * 64, original)
    again = store.get("w" * 64)
    assert again is not None and again.warnings == original.warnings


@pytest.mark.parametrize("damage", [b'"warnings": "text"', b'"warnings": [1]', b'"other": []'])
def test_damaged_warnings_are_a_miss(store: ResultCache, damage: bytes) -> None:
    store.put("v" * 64, _result())
    entry = store.entry("v" * 64)
    entry.write_bytes(entry.read_bytes().replace(b'"warnings":[]', damage.replace(b": ", b":")))
    assert store.get("v" * 64) is None


def test_a_file_changed_during_its_check_is_not_stored(doc: Path, store: ResultCache) -> None:
    def editing_check(path: Path) -> FileResult:
        result = _result(str(path))
        path.write_text("第一条 改过的内容。\n", encoding="utf-8")
        return result

    check_cached(doc, editing_check, store, "r", "c")
    assert not any(store.directory.rglob("*.json"))
    check_cached(doc, lambda p: _result(str(p)), store, "r", "c")
    assert len(list(store.directory.rglob("*.json"))) == 1


def test_rules_hash_follows_rule_metadata_without_sources() -> None:
    from types import SimpleNamespace

    def ruleset(message: str) -> SimpleNamespace:
        rule = SimpleNamespace(id="R-1", severity="error", tags=("a",), title="t", message=message, basis="b",
                               fix="f")
        return SimpleNamespace(rules=[rule], params={})

    assert rules_hash(ruleset("一")) == rules_hash(ruleset("一"))
    assert rules_hash(ruleset("一")) != rules_hash(ruleset("二"))


def _checklist() -> list[ChecklistItem]:
    return [ChecklistItem("doc_number", "文号", "found", "前政规〔2025〕1号", None, "a.docx", 2, "版头"),
            ChecklistItem("validity", "有效期", "found", "有效期5年（至2030年5月31日）", "2030-05-31", "a.docx", 30, ""),
            ChecklistItem("consultation", "征求意见", "package")]


def _seal(store: ResultCache, key: str, result: dict[str, Any]) -> None:
    """An entry sealed with the store's own secret, so that only its content can make it a miss."""
    payload = json.dumps({"format": cache._FORMAT, "key": key, "result": result}).encode()
    assert cachestore.write_entry(store.directory, store.entry(key), "result", key, payload, cache.MAX_ENTRY_BYTES)


def test_the_checklist_round_trips_as_json(store: ResultCache) -> None:
    original = _result()
    original.checklist = _checklist()
    assert store.put("c" * 64, original)
    again = store.get("c" * 64)
    assert again is not None and again.checklist == original.checklist
    data = json.loads(store.entry("c" * 64).read_bytes().split(b"\n", 2)[2])
    assert data["result"]["checklist"][0]["value"] == "前政规〔2025〕1号"
    assert store.put("n" * 64, _result())
    without = store.get("n" * 64)
    assert without is not None and without.checklist is None


@pytest.mark.parametrize("damage", [
    "a list of text", ["item"], [{"key": "title"}],
    [{"key": "title", "label": "文件名称", "status": "found", "value": 7, "data": None, "file": "", "paragraph": 1,
      "source": ""}],
    [{"key": "title", "label": "文件名称", "status": "found", "value": "", "data": None, "file": "", "paragraph": "1",
      "source": ""}],
])
def test_a_damaged_checklist_is_a_miss(store: ResultCache, damage: Any) -> None:
    key = "x" * 64
    _seal(store, key, {"path": "a", "error": None, "findings": [], "warnings": [], "checklist": damage})
    assert store.get(key) is None


def test_an_entry_without_the_checklist_a_run_needs_is_checked_again(doc: Path, store: ResultCache) -> None:
    calls: list[Path] = []

    def check(path: Path) -> FileResult:
        calls.append(path)
        result = _result(str(path))
        result.checklist = _checklist() if len(calls) > 1 else None
        return result

    def needs(result: FileResult) -> bool:
        return result.checklist is not None

    check_cached(doc, check, store, "r", "c")
    assert check_cached(doc, check, store, "r", "c").checklist is None  # not needed: a hit
    assert check_cached(doc, check, store, "r", "c", usable=needs).checklist == _checklist()
    assert check_cached(doc, check, store, "r", "c", usable=needs).checklist == _checklist()
    assert len(calls) == 2
