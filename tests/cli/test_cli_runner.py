"""The runner: order independent of --jobs, per-file errors, crashes, timeouts, the workers' memory
limit, selection and waivers."""
from __future__ import annotations

import multiprocessing
from pathlib import Path
from typing import Any

import pytest
from pipeline_standins import RULES, fake_load_rules, write

import normcheck.reader
from normcheck import runner
from normcheck.config import Waiver
from normcheck.errors import ConfigError, InputError
from normcheck.model import Document, FileResult
from normcheck.reader.plain import document_from_text

pytestmark = pytest.mark.usefixtures("pipeline")


def everything() -> runner.SelectedRules:
    return runner.select_rules(fake_load_rules(), (), ())


def summary(results: list[FileResult]) -> list[tuple[str, str | None, list[str]]]:
    return [(Path(r.path).name, r.error.code if r.error else None, [f.rule for f in r.findings]) for r in results]


def test_same_results_in_the_same_order_for_every_number_of_jobs(tmp_path: Path) -> None:
    for n in range(7):
        write(tmp_path / f"d{n}.txt", "罚款\n收费" if n % 2 else "征求意见\n试行")
    targets = runner.discover_targets([tmp_path / "d3.txt", tmp_path, tmp_path / "missing.txt"])
    assert [Path(t.path if isinstance(t, FileResult) else t).name for t in targets] == [
        "d3.txt", "d0.txt", "d1.txt", "d2.txt", "d4.txt", "d5.txt", "d6.txt", "missing.txt"]
    one = runner.run(targets, everything(), jobs=1).results
    three = runner.run(targets, everything(), jobs=3).results
    assert summary(one) == summary(three)
    assert summary(one)[0] == ("d3.txt", None, ["MISS-001", "FINE-001", "FEE-001"])
    assert summary(one)[-1] == ("missing.txt", "not-found", [])


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_exception_or_a_crash_becomes_that_files_error(tmp_path: Path, jobs: int) -> None:
    names = ["a.txt", "raise.txt", "b.txt"] + (["crash.txt"] if jobs > 1 else [])
    for name in names:
        write(tmp_path / name, {"raise.txt": "RAISE", "crash.txt": "CRASH"}.get(name, "罚款"))
    outcome = runner.run([tmp_path / n for n in names], everything(), jobs=jobs)
    codes = {Path(r.path).name: r.error.code if r.error else None for r in outcome.results}
    assert codes == {"a.txt": None, "raise.txt": "internal-error", "b.txt": None,
                     **({"crash.txt": "crash"} if jobs > 1 else {})}
    assert "ZeroDivisionError" in outcome.tracebacks[str(tmp_path / "raise.txt")]
    assert [r.findings[-1].rule for r in outcome.results if r.error is None] == ["FINE-001", "FINE-001"]


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_file_over_the_time_limit_is_reported_as_timeout(tmp_path: Path, jobs: int) -> None:
    slow = write(tmp_path / "slow.txt", "SLEEP 5")
    fast = write(tmp_path / "fast.txt", "罚款")
    results = runner.run([slow, fast], everything(), jobs=jobs, timeout=0.3).results
    assert summary(results) == [("slow.txt", "timeout", []), ("fast.txt", None, ["MISS-001", "FINE-001"])]


def test_progress_is_called_once_per_file(tmp_path: Path) -> None:
    paths = [write(tmp_path / f"{n}.txt", "x") for n in range(4)]
    ticks: list[int] = []
    runner.run(paths, everything(), jobs=2, progress=lambda: ticks.append(1))
    assert len(ticks) == 4


def test_selection_by_id_and_tag_and_unknown_names() -> None:
    rules = fake_load_rules()
    assert [r.id for r in runner.select_rules(rules, ["authority"], ["FEE-001"]).ruleset.rules] == ["FINE-001"]
    assert [r.id for r in runner.select_rules(rules, ["NOTE-001", "consultation"], ()).ruleset.rules] == [
        "NOTE-001", "MISS-001"]
    assert runner.select_rules(rules, (), ()).ruleset is rules
    assert len(rules.rules) == len(RULES)
    for select, ignore in ((["FINE-01"], []), ([], ["authorty"])):
        with pytest.raises(ConfigError):
            runner.select_rules(rules, select, ignore)
    with pytest.raises(ConfigError):
        runner.select_rules(rules, (), (), {"NOPE-1": "info"})


def test_severity_overrides_resort(tmp_path: Path) -> None:
    doc_path = write(tmp_path / "a.txt", "试行 罚款")
    selected = runner.select_rules(fake_load_rules(), (), (), {"NOTE-001": "error", "FINE-001": "info"})
    result, _ = runner.check_target(doc_path, selected)
    assert [(f.rule, f.severity) for f in result.findings] == [
        ("MISS-001", "error"), ("NOTE-001", "error"), ("FINE-001", "info")]


def test_load_selected_builds_the_same_rules_from_a_spec(tmp_path: Path) -> None:
    extra = write(tmp_path / "x.rules", "LOCAL-1 规定 warning local")
    spec = runner.RuleSpec(paths=(str(extra),), select=("local", "FINE-001"), severity=(("LOCAL-1", "error"),))
    selected = runner.load_selected(spec)
    assert [r.id for r in selected.ruleset.rules] == ["FINE-001", "LOCAL-1"]
    assert selected.severity == {"LOCAL-1": "error"}
    doc = write(tmp_path / "d.txt", "罚款\n规定")
    paths = [doc, write(tmp_path / "e.txt", "规定")]
    results = runner.run(paths, selected, spec=spec, jobs=2).results
    assert [[(f.rule, f.severity) for f in r.findings] for r in results] == [
        [("FINE-001", "error"), ("LOCAL-1", "error")], [("LOCAL-1", "error")]]


def test_waivers_move_findings_and_report_the_unused(tmp_path: Path) -> None:
    old = write(tmp_path / "old" / "a.txt", "罚款 收费")
    new = write(tmp_path / "new" / "b.txt", "罚款")
    results = runner.run([old, new], everything(), jobs=1).results
    waivers = [Waiver("old/*.txt", "FINE-001", "历史文件"), Waiver("**/*.txt", "consultation", "另行报送"),
               Waiver("gone/*.txt", "FEE-001", "已删除")]
    unmatched = runner.apply_waivers(results, waivers, tmp_path)
    assert unmatched == [waivers[2]]
    assert [f.rule for f in results[0].findings] == ["FEE-001"]
    assert [(w.finding.rule, w.reason) for w in results[0].waived] == [("MISS-001", "另行报送"), ("FINE-001", "历史文件")]
    assert [f.rule for f in results[1].findings] == ["FINE-001"]


def test_rule_sets_without_dataclass_shape_are_narrowed_by_copy() -> None:
    class Plain:
        def __init__(self) -> None:
            self.rules = list(RULES)
            self.tags: set[str] = set()

    narrowed = runner.select_rules(Plain(), ["FINE-001"], ()).ruleset
    assert [r.id for r in narrowed.rules] == ["FINE-001"]


def test_a_result_that_cannot_come_back_from_a_worker_is_that_files_error(tmp_path: Path) -> None:
    odd = write(tmp_path / "odd.txt", "UNPICKLABLE 罚款")
    fine = write(tmp_path / "fine.txt", "罚款")
    outcome = runner.run([odd, fine], everything(), jobs=2, keep_documents=True)
    assert summary(outcome.results) == [("odd.txt", "internal-error", []), ("fine.txt", None, ["MISS-001", "FINE-001"])]
    assert str(odd) in outcome.tracebacks


def _virtual_memory_mb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmSize:"):
            return int(line.split()[1]) // 1024
    raise AssertionError("no VmSize")


def _hungry_reader(path: Path, *, max_unzipped_bytes: int | None = None) -> Document:
    text = path.read_text(encoding="utf-8")
    if text.startswith("HOG"):
        hoard = bytearray(int(text.split()[1]) * 1024 * 1024)
        text = f"{len(hoard)}"
    return document_from_text(text, str(path))


def test_a_worker_over_the_memory_limit_fails_only_that_file(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("resource")
    monkeypatch.setattr(normcheck.reader, "read_path", _hungry_reader)
    limit = _virtual_memory_mb() + 400
    paths = [write(tmp_path / "hog.txt", f"HOG {limit + 1024}"), write(tmp_path / "a.txt", "罚款"),
             write(tmp_path / "small.txt", "HOG 100 罚款")]
    limited = runner.run(paths, everything(), jobs=2, max_memory=limit)
    assert summary(limited.results) == [("hog.txt", "out-of-memory", []), ("a.txt", None, ["MISS-001", "FINE-001"]),
                                        ("small.txt", None, ["MISS-001"])]
    assert not limited.tracebacks
    unlimited = runner.run(paths[1:], everything(), jobs=2, max_memory=0)
    assert summary(unlimited.results) == summary(limited.results)[1:]


def _limit_reader(path: Path, *, max_unzipped_bytes: int | None = None) -> Document:
    import resource

    raise InputError("empty", str(resource.getrlimit(resource.RLIMIT_AS)[0]))


@pytest.mark.parametrize("max_memory", [None, 0, 1536])
def test_workers_and_this_process_check_under_the_same_memory_limit(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch,
                                                                    max_memory: int | None) -> None:
    resource = pytest.importorskip("resource")
    monkeypatch.setattr(normcheck.reader, "read_path", _limit_reader)
    before = resource.getrlimit(resource.RLIMIT_AS)
    paths = [write(tmp_path / f"{n}.txt", "x") for n in range(2)]
    results = runner.run(paths, everything(), jobs=2, max_memory=max_memory).results
    expected = max_memory * 1024 * 1024 if max_memory else before[0]
    assert [r.error.message if r.error else None for r in results] == [str(expected)] * 2
    in_process = runner.run(paths, everything(), jobs=1, max_memory=max_memory).results
    assert [r.error.message if r.error else None for r in in_process] == [str(expected)] * 2
    assert resource.getrlimit(resource.RLIMIT_AS) == before  # restored once this process has checked


def _limit_then_report(existing: int, wanted: int, queue: Any) -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (existing, resource.getrlimit(resource.RLIMIT_AS)[1]))
    applied = runner.limit_memory(wanted)
    queue.put((applied, resource.getrlimit(resource.RLIMIT_AS)[0]))


@pytest.mark.parametrize("wanted, kept", [(4096, 3072), (2048, 2048)])
def test_the_memory_limit_is_never_raised(wanted: int, kept: int) -> None:
    pytest.importorskip("resource")
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    child = context.Process(target=_limit_then_report, args=(3072 * 1024 * 1024, wanted, queue))
    child.start()
    child.join(30)
    assert child.exitcode == 0
    assert queue.get(timeout=5) == (True, kept * 1024 * 1024)


def test_running_out_of_memory_in_this_process_fails_only_that_file(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    def exhausted(path: Path, *, max_unzipped_bytes: int | None = None) -> Document:
        if path.name == "big.txt":
            raise MemoryError()
        return document_from_text(path.read_text(encoding="utf-8"), str(path))

    monkeypatch.setattr(normcheck.reader, "read_path", exhausted)
    paths = [write(tmp_path / "big.txt", "罚款"), write(tmp_path / "a.txt", "罚款")]
    outcome = runner.run(paths, everything(), jobs=1)
    assert summary(outcome.results) == [("big.txt", "out-of-memory", []), ("a.txt", None, ["MISS-001", "FINE-001"])]
    assert not outcome.tracebacks
