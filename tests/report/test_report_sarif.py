from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import jsonschema
import pytest

from normcheck.model import FileResult
from normcheck.report import sarif
from normcheck.report.fingerprint import finding_fingerprint

SCHEMA = json.loads((Path(__file__).parent / "sarif-schema-2.1.0.json").read_text("utf-8"))


def _log(results, **options):
    return json.loads(sarif.render(results, **options))


def _validate(log):
    jsonschema.Draft7Validator(SCHEMA, format_checker=jsonschema.FormatChecker()).validate(log)


def test_golden(results, rules, fixed, golden):
    golden("report.sarif", sarif.render(results, rules=rules, unmatched_waivers=["docs/old/*: CC-001"],
                                        baseline_suppressed=2, **fixed))


@pytest.mark.parametrize("with_rules", [True, False])
def test_validates_against_official_schema(results, rules, with_rules):
    _validate(_log(results, rules=rules if with_rules else None, unmatched_waivers=["x"]))


def test_empty_run_is_valid_and_successful():
    log = _log([])
    _validate(log)
    assert log["runs"][0]["results"] == []
    assert log["runs"][0]["invocations"][0]["executionSuccessful"] is True


def test_rule_metadata_and_indices(results, rules):
    run = _log(results, rules=rules)["runs"][0]
    descriptors = run["tool"]["driver"]["rules"]
    assert [d["id"] for d in descriptors] == [r.id for r in rules.rules]
    assert descriptors[0]["shortDescription"]["text"] == rules.rules[0].title
    assert descriptors[0]["properties"]["tags"] == ["civil-code"]
    assert descriptors[2]["defaultConfiguration"]["level"] == "warning"
    assert descriptors[3]["defaultConfiguration"]["level"] == "note"
    for result in run["results"]:
        assert descriptors[result["ruleIndex"]]["id"] == result["ruleId"]


def test_rules_come_from_findings_without_rule_set(results):
    run = _log(results)["runs"][0]
    ids = [d["id"] for d in run["tool"]["driver"]["rules"]]
    assert sorted(ids) == ["AUTH-002", "CC-001", "CONSULT-001", "FILE-003"]
    for result in run["results"]:
        assert ids[result["ruleIndex"]] == result["ruleId"]


def test_levels_and_locations(results):
    by_rule = {r["ruleId"]: r for r in _log(results)["runs"][0]["results"] if "suppressions" not in r}
    assert by_rule["FILE-003"]["level"] == "note"
    whole = by_rule["CONSULT-001"]["locations"][0]
    assert "region" not in whole["physicalLocation"] and "logicalLocations" not in whole
    cited = by_rule["CC-001"]["locations"][0]
    assert cited["physicalLocation"]["region"] == {"startLine": 2, "snippet": {"text": "《中华人民共和国合同法》"}}
    assert cited["logicalLocations"] == [{"name": "第一条", "kind": "module"}]
    header = by_rule["FILE-003"]["locations"][0]
    assert header["logicalLocations"] == [{"name": "页眉第1段", "kind": "member"}]


def test_package_finding_points_at_member_file(results):
    found = [r for r in _log(results)["runs"][0]["results"]
             if "%E8%B5%B7%E8%8D%89" in r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]]
    assert len(found) == 1
    uri = found[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri.startswith("docs/%E5%A4%87%E6%A1%88%20%E5%8C%85,1/") and uri.isascii()


@pytest.mark.parametrize("path, uri", [
    ("docs/a b.docx", "docs/a%20b.docx"),
    ("docs\\sub\\a.docx", "docs/sub/a.docx"),
    ("./a.docx", "a.docx"),
    ("a:b.docx", "a%3Ab.docx"),
    ("/srv/文件.docx", "file:///srv/%E6%96%87%E4%BB%B6.docx"),
    ("C:\\docs\\a#1.docx", "file:///C:/docs/a%231.docx"),
])
def test_artifact_uri(path, uri):
    assert sarif.artifact_uri(path) == uri


def test_unreadable_file_is_a_tool_notification(results):
    invocation = _log(results)["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    [note] = invocation["toolExecutionNotifications"]
    assert note["descriptor"]["id"] == "not-a-docx"
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "docs/broken.docx"


def test_waived_finding_is_suppressed_with_reason(results):
    suppressed = [r for r in _log(results)["runs"][0]["results"] if "suppressions" in r]
    assert len(suppressed) == 1
    assert suppressed[0]["suppressions"] == [{"kind": "external", "justification": "经法制科确认，暂不修改"}]


def test_unmatched_waivers_are_configuration_warnings():
    invocation = _log([], unmatched_waivers=["a/*.docx: CC-001"])["runs"][0]["invocations"][0]
    [note] = invocation["toolConfigurationNotifications"]
    assert note["level"] == "warning" and "a/*.docx: CC-001" in note["message"]["text"]


def test_fingerprints_ignore_message_and_paragraph(results):
    finding = results[0].findings[1]
    moved = dataclasses.replace(finding, message="另一种说法",
                                location=dataclasses.replace(finding.location, paragraph=40, start=3, end=15))
    assert finding_fingerprint(finding) == finding_fingerprint(moved)
    other_article = dataclasses.replace(finding, location=dataclasses.replace(finding.location, article="第九条"))
    assert finding_fingerprint(finding) != finding_fingerprint(other_article)
    spaced = dataclasses.replace(finding, excerpt=" 《中华人民共和国合同法》 ")
    assert finding_fingerprint(finding) == finding_fingerprint(spaced)


def test_repeated_match_gets_distinct_fingerprints(results):
    finding = results[0].findings[1]
    log = _log([FileResult("a.docx", findings=[finding, finding])])
    prints = [r["partialFingerprints"]["normcheck/v1"] for r in log["runs"][0]["results"]]
    assert prints[0] != prints[1] and prints[0].split(":")[0] == prints[1].split(":")[0]


def test_fingerprints_stable_across_renders(results):
    first = [r["partialFingerprints"] for r in _log(results)["runs"][0]["results"]]
    second = [r["partialFingerprints"] for r in _log(results)["runs"][0]["results"]]
    assert first == second
