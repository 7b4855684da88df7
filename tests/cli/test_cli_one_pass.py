"""Each input is read once and analysed once per run: the elements checklist is built inside the check,
from the same ``Document`` and ``Structure`` as the findings, and travels on the result through worker
processes and the result cache."""
from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

import normcheck.reader
import normcheck.structure
from normcheck import runner
from normcheck.cli import cli
from normcheck.model import FileResult
from normcheck.report.checklist import build_checklist

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
DOCUMENTS = ("parking-measures.docx", "greening-regulations.docx", "rental-housing-interim.docx")


def inputs(folder: Path) -> list[Path]:
    """The documents and the package one by one (a folder of loose documents is sniffed while discovered)."""
    return [*(folder / name for name in DOCUMENTS), folder / "sme-support-measures"]


def read_once_analysed_once(calls: Counter[str]) -> bool:
    analysed = calls.pop("analyze")
    return analysed == 4 and set(calls.values()) == {1} and {*DOCUMENTS, "sme-support-measures"} <= set(calls)


def invoke(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "docs"
    target.mkdir()
    for name in DOCUMENTS:
        shutil.copy(SAMPLES / name, target / name)
    shutil.copytree(SAMPLES / "sme-support-measures", target / "sme-support-measures")
    return target


@pytest.fixture()
def calls(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How often this process read each path (a package folder and each of its members) and analysed a
    document (under "analyze")."""
    counted: Counter[str] = Counter()
    read, analyze = normcheck.reader.read_path, normcheck.structure.analyze

    def reading(path: Any, *args: Any, **kwargs: Any) -> Any:
        counted[Path(path).name] += 1
        return read(path, *args, **kwargs)

    def analysing(doc: Any, *args: Any, **kwargs: Any) -> Any:
        counted["analyze"] += 1
        return analyze(doc, *args, **kwargs)

    monkeypatch.setattr(normcheck.reader, "read_path", reading)
    monkeypatch.setattr(normcheck.structure, "analyze", analysing)
    return counted


@pytest.mark.parametrize("fmt", ["json", "text", "html"])
def test_a_report_with_checklists_reads_and_analyses_each_input_once(folder: Path, calls: Counter[str],
                                                                      fmt: str) -> None:
    result = invoke("--format", fmt, "--jobs", "1", "--no-cache", "--expiring-within", "100y", *inputs(folder))
    assert result.exit_code == 1
    assert read_once_analysed_once(calls), calls
    if fmt == "json":
        files = json.loads(result.stdout)["files"]
        assert len(files) == 4 and all(entry["checklist"] for entry in files)


def test_annotating_and_suggesting_reuse_the_analysis(folder: Path, tmp_path: Path, calls: Counter[str]) -> None:
    result = invoke("--format", "json", "--jobs", "1", "--no-cache", "--annotate", tmp_path / "批注",
                    "--suggest", tmp_path / "修订", *inputs(folder))
    assert result.exit_code == 1
    assert read_once_analysed_once(calls), calls
    assert len(list((tmp_path / "批注").glob("*.docx"))) >= 4


def test_checklists_survive_worker_processes(folder: Path) -> None:
    selected = runner.load_selected(runner.RuleSpec())
    targets = runner.discover_targets([folder])
    alone = runner.run(targets, selected, jobs=1).results
    pooled = runner.run(targets, selected, jobs=2, spec=runner.RuleSpec()).results
    assert all(result.checklist for result in alone)
    assert [r.checklist for r in pooled] == [r.checklist for r in alone]
    from normcheck.reader import read_path

    assert all(r.checklist == build_checklist(read_path(Path(r.path))) for r in alone)


def test_a_cached_result_without_its_checklist_is_checked_again(folder: Path, private_cache: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[Path] = []
    real = runner.check_target

    def counting(path: Path, *args: Any, **kwargs: Any) -> tuple[FileResult, str | None]:
        seen.append(path)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(runner, "check_target", counting)
    invoke("--format", "sarif", "--jobs", "1", folder)  # stores results without checklists
    assert len(seen) == 4
    seen.clear()
    first = invoke("--format", "json", "--jobs", "1", folder)
    assert len(seen) == 4  # none of the stored entries could serve a report that shows checklists
    seen.clear()
    again = invoke("--format", "json", "--jobs", "1", folder)
    assert seen == []
    fresh = invoke("--format", "json", "--jobs", "1", "--no-cache", folder)
    assert first.stdout_bytes == again.stdout_bytes == fresh.stdout_bytes
    seen.clear()
    assert invoke("--format", "sarif", "--jobs", "1", folder).exit_code == 1
    assert seen == []  # an entry with a checklist serves a report without one
