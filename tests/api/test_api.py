"""``from normcheck import check_path, check_document, load_rules`` without the command line."""
from __future__ import annotations

import inspect
from pathlib import Path

import pytest
from pipeline_standins import write

import normcheck
from normcheck.errors import ConfigError
from normcheck.model import Document, FileResult

pytestmark = pytest.mark.usefixtures("pipeline")


def test_the_api_is_exported_lazily_with_docstrings() -> None:
    for name in ("check_path", "check_document", "load_rules"):
        function = getattr(normcheck, name)
        assert callable(function) and len(inspect.getdoc(function) or "") > 80, name
    with pytest.raises(AttributeError):
        normcheck.no_such_thing  # noqa: B018


def test_check_document_on_text_and_documents() -> None:
    findings = normcheck.check_document("违者处以罚款。\n收费")
    assert [f.rule for f in findings] == ["MISS-001", "FINE-001", "FEE-001"]
    rules = normcheck.load_rules()
    doc = Document(path="x", blocks=[])
    assert [f.rule for f in normcheck.check_document(doc, rules, select=["consultation"])] == ["MISS-001"]
    overridden = normcheck.check_document("罚款", rules, ignore=["consultation"], severity={"FINE-001": "info"})
    assert [(f.rule, f.severity) for f in overridden] == [("FINE-001", "info")]
    with pytest.raises(ConfigError):
        normcheck.check_document("罚款", rules, select=["NOPE"])


def test_check_path_returns_one_result_per_target(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", "罚款")
    write(tmp_path / "b.txt", "征求意见")
    write(tmp_path / "bad.txt", "BROKEN")
    results = normcheck.check_path([tmp_path, tmp_path / "missing.txt"], jobs=2, keep_documents=True)
    assert all(isinstance(r, FileResult) for r in results)
    assert [(Path(r.path).name, r.error.code if r.error else None) for r in results] == [
        ("a.txt", None), ("b.txt", None), ("bad.txt", "corrupt-zip"), ("missing.txt", "not-found")]
    assert [f.rule for f in results[0].findings] == ["MISS-001", "FINE-001"]
    assert results[0].document is not None and results[0].document.blocks[0].text == "罚款"
    single = normcheck.check_path(tmp_path / "a.txt", select=["authority"])
    assert [f.rule for f in single[0].findings] == ["FINE-001"] and single[0].document is None


def test_load_rules_passes_paths_and_params(tmp_path: Path) -> None:
    extra = write(tmp_path / "x.rules", "LOCAL-1 规定 warning local")
    rules = normcheck.load_rules([extra], bundled=False, params={"天数": 30})
    assert [r.id for r in rules.rules] == ["LOCAL-1"] and rules.params == {"天数": 30}
