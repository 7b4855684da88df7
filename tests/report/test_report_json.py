from __future__ import annotations

import json

import jsonschema
import pytest

from normcheck.laws.register import register_date
from normcheck.model import FileError, FileResult, Finding, Location
from normcheck.report import json_report, render


def _validate(obj: object, schema: dict[str, object]) -> None:
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(obj)


def test_golden(results, fixed, golden):
    golden("report.json", json_report.render(results, version=fixed["version"], baseline_suppressed=2,
                                            unmatched_waivers=["docs/old/*.docx: CC-001"]))


def test_output_validates_against_schema(results, report_schema):
    obj = json.loads(json_report.render(results, baseline_suppressed=1, unmatched_waivers=["x"]))
    _validate(obj, report_schema)


def test_empty_run_validates(report_schema):
    obj = json.loads(json_report.render([]))
    _validate(obj, report_schema)
    assert obj["files"] == []
    assert obj["summary"]["files"] == 0


def test_key_order_follows_contract(results):
    obj = json.loads(json_report.render(results))
    assert list(obj) == ["normcheck", "law_register", "files", "summary"]
    assert obj["law_register"]["date"] == register_date()
    assert list(obj["files"][0]) == ["path", "error", "findings", "waived", "warnings"]
    assert list(obj["files"][0]["findings"][0]) == ["rule", "severity", "tags", "title", "message", "basis",
                                                    "fix", "location", "excerpt"]
    assert list(obj["files"][0]["findings"][0]["location"]) == ["file", "part", "paragraph", "article"]
    assert list(obj["summary"]) == ["files", "unreadable", "error", "warning", "info", "waived",
                                    "baseline_suppressed", "unmatched_waivers"]


def test_version_defaults_to_package_version():
    import normcheck

    assert json.loads(json_report.render([]))["normcheck"] == normcheck.__version__


def test_summary_counts(results):
    summary = json.loads(json_report.render(results, baseline_suppressed=3))["summary"]
    assert summary["files"] == 4
    assert summary["unreadable"] == 1
    assert (summary["error"], summary["warning"], summary["info"]) == (3, 1, 1)
    assert summary["waived"] == 1
    assert summary["baseline_suppressed"] == 3


def test_chinese_is_not_escaped(results):
    text = json_report.render(results)
    assert "停车管理办法" in text
    assert "\\u" not in text.replace("\\u000b", "")


def test_unreadable_file_entry(results):
    broken = json.loads(json_report.render(results))["files"][2]
    assert broken["error"]["code"] == "not-a-docx"
    assert broken == {"path": "docs/broken.docx", "error": broken["error"], "findings": [], "waived": [],
                      "warnings": []}


def test_reader_warnings_are_reported(report_schema):
    result = FileResult("a.docx", warnings=["跳过了 1 个公式"])
    obj = json.loads(json_report.render([result]))
    assert obj["files"][0]["warnings"] == ["跳过了 1 个公式"]
    _validate(obj, report_schema)


def test_waived_entry_carries_reason(results):
    waived = json.loads(json_report.render(results))["files"][0]["waived"]
    assert waived[0]["reason"] == "经法制科确认，暂不修改"
    assert waived[0]["finding"]["rule"] == "CC-001"


@pytest.mark.parametrize("bad", [
    {"normcheck": "1", "files": [], "summary": {}},
    {"normcheck": "1", "files": [{"path": "a", "error": None, "findings": [{"rule": "X"}], "waived": []}],
     "summary": {"files": 1, "unreadable": 0, "error": 0, "warning": 0, "info": 0, "waived": 0,
                 "baseline_suppressed": 0, "unmatched_waivers": []}},
])
def test_schema_rejects_malformed_reports(bad, report_schema):
    with pytest.raises(jsonschema.ValidationError):
        _validate(bad, report_schema)


def test_schema_rejects_findings_on_unreadable_file(report_schema):
    finding = Finding("R-1", "error", (), "t", "m", "", "", Location("a"))
    result = FileResult("a", findings=[finding], error=FileError("corrupt-zip", "坏了"))
    with pytest.raises(jsonschema.ValidationError):
        _validate(json.loads(json_report.render([result])), report_schema)


def test_dispatch_matches_module(results):
    same = json_report.render(results, version="1", baseline_suppressed=3)
    assert render("json", results, version="1", color=True, width=10, baseline_suppressed=3) == same


def test_dispatch_rejects_unknown_format_and_option(results):
    with pytest.raises(ValueError):
        render("pdf", results)
    with pytest.raises(TypeError):
        render("json", results, colour=True)
