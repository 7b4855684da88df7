"""Baseline fingerprints, counts, atomic writing and suppression."""
from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from normcheck import baseline
from normcheck.errors import ConfigError
from normcheck.model import FileResult, Finding, Location


def finding(file: str, rule: str = "CC-001", excerpt: str = "《中华人民共和国合同法》", article: str | None = "第三条",
            paragraph: int | None = 4, message: str = "引用已废止的法律") -> Finding:
    return Finding(rule=rule, severity="error", tags=("civil-code",), title="t", message=message, basis="b",
                   fix="f", location=Location(file=file, part="body", paragraph=paragraph, article=article),
                   excerpt=excerpt)


def test_fingerprint_ignores_message_and_paragraph_but_not_excerpt_or_article() -> None:
    base = finding("a.docx")
    assert baseline.fingerprint(base) == baseline.fingerprint(
        dataclasses.replace(base, message="改写后的说明", location=dataclasses.replace(base.location, paragraph=9)))
    assert baseline.fingerprint(base) == baseline.fingerprint(dataclasses.replace(base, excerpt="《中华人民共和国 合同法》"))
    assert baseline.fingerprint(base) != baseline.fingerprint(dataclasses.replace(base, excerpt="《担保法》"))
    assert baseline.fingerprint(base) != baseline.fingerprint(
        dataclasses.replace(base, location=dataclasses.replace(base.location, article="第四条")))


def test_round_trip_with_counts(tmp_path: Path) -> None:
    doc = str(tmp_path / "docs" / "a.docx")
    results = [FileResult(path=doc, findings=[finding(doc), finding(doc), finding(doc, rule="CC-002")])]
    path = tmp_path / "baseline.json"
    assert baseline.write(path, results) == 3
    data = json.loads(path.read_text(encoding="utf-8"))
    assert {(e["file"], e["rule"], e["count"]) for e in data["findings"]} == {
        ("docs/a.docx", "CC-001", 2), ("docs/a.docx", "CC-002", 1)}
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]

    # Later: one more identical finding, a paragraph inserted above, and a reworded message.
    moved = [dataclasses.replace(finding(doc, paragraph=7, message="新的措辞")) for _ in range(3)]
    later = [FileResult(path=doc, findings=[*moved, finding(doc, rule="CC-002"), finding(doc, rule="CC-003")])]
    suppressed = baseline.apply(later, baseline.load(path), tmp_path)
    assert suppressed == 3
    assert [f.rule for f in later[0].findings] == ["CC-001", "CC-003"]


def test_paths_are_relative_to_the_baseline_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    doc = tmp_path / "docs" / "a.docx"
    path = tmp_path / "ci" / "baseline.json"
    baseline.write(path, [FileResult(path=str(doc), findings=[finding(str(doc))])])
    assert json.loads(path.read_text(encoding="utf-8"))["findings"][0]["file"] == "../docs/a.docx"
    # The same file named by a relative path from another working directory still matches.
    (tmp_path / "docs").mkdir()
    monkeypatch.chdir(tmp_path / "docs")
    again = [FileResult(path="a.docx", findings=[finding("a.docx")])]
    assert baseline.apply(again, baseline.load(path), path.parent) == 1


@pytest.mark.parametrize("text", ["not json", "[]", '{"normcheck-baseline": 99}',
                                  '{"normcheck-baseline": 1, "findings": [{"file": "a"}]}'])
def test_malformed_baselines_are_config_errors(tmp_path: Path, text: str) -> None:
    path = tmp_path / "b.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError):
        baseline.load(path)
    with pytest.raises(ConfigError):
        baseline.load(tmp_path / "missing.json")


def test_malformed_baseline_stops_before_any_file_is_read(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from normcheck import runner
    from normcheck.cli import cli

    bad = tmp_path / "baseline.json"
    bad.write_text('{"normcheck-baseline": 1, "findings": null}', encoding="utf-8")
    doc = tmp_path / "a.txt"
    doc.write_text("第一条 为规范管理，制定本办法。", encoding="utf-8")
    calls: list[object] = []
    monkeypatch.setattr(runner, "run", lambda *a, **k: calls.append(a))
    result = CliRunner().invoke(cli, [str(doc), "--baseline", str(bad)])
    assert result.exit_code == 2
    assert calls == []
