"""The result cache on the command line: it never changes the output, it follows everything a result
depends on, and it stays out of the way of waivers, baselines and runs that need the documents."""
from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from normcheck import runner
from normcheck.cli import cli
from normcheck.model import FileError, FileResult

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
TINY_RULES = """\
tags tiny-test

rule TINY-001 "设定罚款" {
  severity error
  tags tiny-test
  basis "《中华人民共和国行政处罚法》第十六条"
  message "{article}设定了罚款：{match}"
  fix "删除罚款规定"
  forbid "TERM" in each sentence
  example fail "违者处以TERM。"
  example pass "不得以其他方式代替管理。"
}
"""


def invoke(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def entries(cache_dir: Path) -> list[Path]:
    return sorted((cache_dir / "results").rglob("*.json"))


@pytest.fixture()
def checks(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The paths actually read and checked in this process (a cache hit checks nothing)."""
    seen: list[Path] = []
    real = runner.check_target

    def counting(path: Path, *args: Any, **kwargs: Any) -> tuple[FileResult, str | None]:
        seen.append(path)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(runner, "check_target", counting)
    return seen


@pytest.fixture()
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the samples, checked by relative path from inside the copy."""
    target = tmp_path / "samples"
    shutil.copytree(SAMPLES, target, ignore=shutil.ignore_patterns("source", "*.py", "*.md"))
    monkeypatch.chdir(target)
    return target


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_cold_warm_and_no_cache_runs_give_the_same_bytes(corpus: Path, private_cache: Path, jobs: str,
                                                         checks: list[Path]) -> None:
    args = (".", "--format", "json", "--jobs", jobs)
    cold = invoke(*args)
    stored = entries(private_cache)
    assert cold.exit_code == 1 and json.loads(cold.stdout)["summary"]["files"] >= 10
    assert len(stored) == json.loads(cold.stdout)["summary"]["files"]
    checks.clear()
    warm = invoke(*args)
    if jobs == "1":
        assert checks == []
    uncached = invoke(*args, "--no-cache")
    assert warm.exit_code == uncached.exit_code == 1
    assert warm.stdout_bytes == cold.stdout_bytes == uncached.stdout_bytes
    assert entries(private_cache) == stored


def test_workers_answer_from_the_cache(corpus: Path, private_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    args = (".", "--format", "json", "--jobs", "2")
    cold = invoke(*args)

    def broken(path: Path, *args: Any, **kwargs: Any) -> tuple[FileResult, str | None]:
        return FileResult(str(path), error=FileError("internal-error", "不应再检查")), None

    # Forked workers inherit the patch: only results from the cache can reproduce the cold report.
    monkeypatch.setattr(runner, "check_target", broken)
    assert invoke(*args).stdout_bytes == cold.stdout_bytes
    assert "internal-error" in invoke(*args, "--no-cache").stdout


def _rules(tmp_path: Path, term: str) -> Path:
    target = tmp_path / "tiny.rules"
    target.write_text(TINY_RULES.replace("TERM", term), encoding="utf-8")
    return target


def _doc(tmp_path: Path, text: str) -> Path:
    target = tmp_path / "doc.txt"
    target.write_text(text, encoding="utf-8")
    return target


def _config(tmp_path: Path, text: str) -> Path:
    target = tmp_path / "normcheck.toml"
    tmp_path.mkdir(exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target


def _found(result: Result) -> list[tuple[str, str, str]]:
    files = json.loads(result.stdout)["files"]
    return [(f["rule"], f["severity"], f["excerpt"]) for entry in files for f in entry["findings"]]


CHANGES: dict[str, Callable[[Path], None]] = {
    "rule file": lambda tmp: _rules(tmp, "罚金"),
    "document": lambda tmp: _doc(tmp, "第一条 违者处以罚金。\n"),
    "severity override": lambda tmp: _config(tmp, 'select = ["tiny-test"]\n[severity]\n"TINY-001" = "warning"\n'),
}


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_a_change_of_any_input_is_checked_again(tmp_path: Path, checks: list[Path], change: str) -> None:
    rules = _rules(tmp_path, "罚款")
    doc = _doc(tmp_path, "第一条 违者处以罚款或者罚金。\n")
    config = _config(tmp_path, 'select = ["tiny-test"]\n')
    args = (doc, "--rules", rules, "--config", config, "--format", "json")
    before = invoke(*args)
    assert invoke(*args).stdout_bytes == before.stdout_bytes
    assert checks == [doc]
    CHANGES[change](tmp_path)
    after = invoke(*args)
    assert checks == [doc, doc]
    assert after.stdout_bytes == invoke(*args, "--no-cache").stdout_bytes
    assert _found(after) != _found(before)


def test_a_changed_param_is_checked_again(tmp_path: Path, checks: list[Path]) -> None:
    from normcheck.dsl import load_rules

    name, value = next((n, v) for n, v in load_rules().params.items() if isinstance(v, int)
                       and not isinstance(v, bool))
    doc = SAMPLES / "parking-measures.docx"
    for number, setting in enumerate((value, value + 1, value + 1)):
        config = _config(tmp_path, f'[params]\n"{name}" = {setting}\n')
        invoke(doc, "--config", config, "--format", "json")
        assert len(checks) == min(number + 1, 2)


def test_waivers_and_baselines_apply_to_cached_results(tmp_path: Path, private_cache: Path) -> None:
    rules = _rules(tmp_path, "罚款")
    doc = _doc(tmp_path, "第一条 违者处以罚款。\n")
    plain = _config(tmp_path / "plain", 'select = ["tiny-test"]\n')
    waived = _config(tmp_path / "waived", 'select = ["tiny-test"]\n[[waivers]]\npath = "**/doc.txt"\n'
                                          'rule = "TINY-001"\nreason = "已核实"\n')
    base = (doc, "--rules", rules, "--format", "json")
    assert _found(invoke(*base, "--config", plain)) == [("TINY-001", "error", "罚款")]
    assert _found(invoke(*base, "--config", waived)) == []
    assert _found(invoke(*base, "--config", plain)) == [("TINY-001", "error", "罚款")]
    baseline = tmp_path / "baseline.json"
    invoke(*base, "--config", plain, "--write-baseline", baseline)
    assert _found(invoke(*base, "--config", plain, "--baseline", baseline)) == []
    assert _found(invoke(*base, "--config", plain)) == [("TINY-001", "error", "罚款")]
    assert len(entries(private_cache)) == 1


@pytest.mark.parametrize("needs_documents", [("--format", "html"), ("--annotate", "copies")])
def test_runs_that_need_the_documents_bypass_the_cache(tmp_path: Path, private_cache: Path,
                                                      checks: list[Path], needs_documents: tuple[str, str]) -> None:
    doc = SAMPLES / "parking-measures.docx"
    option, value = needs_documents
    extra = (option, str(tmp_path / value) if option == "--annotate" else value)
    invoke(doc, "--format", "json")
    invoke(doc, *extra, "--output", tmp_path / "report") if option == "--format" else invoke(doc, *extra)
    assert checks == [doc, doc]
    assert len(entries(private_cache)) == 1


def test_no_cache_and_cache_false_store_nothing(tmp_path: Path, private_cache: Path, checks: list[Path]) -> None:
    doc = SAMPLES / "parking-measures.docx"
    invoke(doc, "--no-cache")
    invoke(doc, "--config", _config(tmp_path, "cache = false\n"))
    invoke(doc, "--config", _config(tmp_path, "cache = false\n"))
    assert checks == [doc, doc, doc]
    assert entries(private_cache) == []
    invoke(doc, "--config", _config(tmp_path, "cache = true\n"))
    assert len(entries(private_cache)) == 1


def test_cache_key_must_be_a_boolean(tmp_path: Path) -> None:
    refused = CliRunner().invoke(cli, [str(SAMPLES / "parking-measures.docx"), "--config",
                                       str(_config(tmp_path, 'cache = "no"\n'))])
    assert refused.exit_code == 2 and "cache" in refused.stderr


def test_reader_warnings_survive_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import normcheck.reader

    real = normcheck.reader.read_path

    def warning_reader(path: Path, **kwargs: Any) -> Any:
        doc = real(path, **kwargs)
        doc.warnings.append("已跳过 1 个公式")
        return doc

    monkeypatch.setattr(normcheck.reader, "read_path", warning_reader)
    doc = _doc(tmp_path, "第一条 为了规范管理，制定本办法。\n")
    cold = invoke(doc, "--format", "json")
    warm = invoke(doc, "--format", "json")
    assert json.loads(cold.stdout)["files"][0]["warnings"] == ["已跳过 1 个公式"]
    assert warm.stdout_bytes == cold.stdout_bytes


def test_a_result_of_the_moment_is_checked_again(tmp_path: Path, private_cache: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    import normcheck.reader

    def exhausted(path: Path, **kwargs: Any) -> Any:
        raise MemoryError()

    monkeypatch.setattr(normcheck.reader, "read_path", exhausted)
    result = invoke(_doc(tmp_path, "第一条\n"), "--format", "json")
    assert result.exit_code == 2
    assert json.loads(result.stdout)["files"][0]["error"]["code"] == "out-of-memory"
    assert entries(private_cache) == []


def test_the_library_api_uses_a_cache_only_when_asked(tmp_path: Path, private_cache: Path,
                                                      checks: list[Path]) -> None:
    from normcheck.api import check_path

    doc = SAMPLES / "parking-measures.docx"
    first = check_path(doc)
    assert entries(private_cache) == [] and checks == [doc]
    check_path(doc, cache=True)
    again = check_path(doc, cache=True)
    assert checks == [doc, doc] and len(entries(private_cache)) == 1
    assert again[0].findings == first[0].findings
    own = tmp_path / "own"
    check_path(doc, cache=own)
    assert checks == [doc, doc, doc] and len(list(own.rglob("*.json"))) == 1
