from __future__ import annotations

from lxml import etree

from normcheck.model import FileResult, Finding, Location
from normcheck.report import junit


def _parse(output: str) -> etree._Element:
    return etree.fromstring(output.encode("utf-8"))


def test_golden(results, rules, fixed, golden):
    golden("report.junit.xml", junit.render(results, rules=rules, **fixed))


def test_one_testcase_per_file_and_rule(results, rules):
    root = _parse(junit.render(results, rules=rules))
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [r.path for r in results]
    readable = [s for s in suites if s.find("testcase/error") is None]
    for suite in readable:
        assert [c.get("name").split()[0] for c in suite.findall("testcase")] == [r.id for r in rules.rules]


def test_counts_add_up(results, rules):
    root = _parse(junit.render(results, rules=rules))
    assert root.get("tests") == str(3 * 4 + 1)
    assert root.get("failures") == "5"
    assert root.get("errors") == "1"
    assert root.get("skipped") == "0"
    for suite in root.findall("testsuite"):
        cases = suite.findall("testcase")
        assert suite.get("tests") == str(len(cases))
        assert suite.get("failures") == str(sum(c.find("failure") is not None for c in cases))


def test_failure_carries_message_basis_and_location(results, rules):
    root = _parse(junit.render(results, rules=rules))
    case = root.find("testsuite/testcase[@name='CC-001 引用已废止的法律']")
    failure = case.find("failure")
    assert failure.get("type") == "error"
    assert "第一条，第2段" in failure.text and "依据：" in failure.text and "修改建议：" in failure.text


def test_unreadable_file_is_an_error_case(results):
    suite = _parse(junit.render(results)).findall("testsuite")[2]
    [case] = suite.findall("testcase")
    assert case.find("error").get("type") == "not-a-docx"


def test_findings_below_fail_on_pass(results, rules):
    root = _parse(junit.render(results, rules=rules, fail_on="error"))
    first = root.find("testsuite")
    consult = first.find("testcase[@name='CONSULT-001 缺少征求意见情况记录']")
    assert consult.find("failure") is None and "起草说明" in consult.find("system-out").text
    assert root.get("failures") == "3"


def test_only_waived_findings_make_a_skipped_case():
    finding = Finding("R-1", "error", (), "t", "m", "", "", Location("a.docx"))
    from normcheck.model import Waived

    root = _parse(junit.render([FileResult("a.docx", waived=[Waived(finding, "已确认")])]))
    skipped = root.find("testsuite/testcase/skipped")
    assert skipped is not None and "已确认" in skipped.get("message")
    assert root.get("skipped") == "1"


def test_hostile_text_stays_well_formed():
    text = '</failure><x a="1"> & \x0b \x00 ]]> "\'\n'
    finding = Finding("R-1", "error", (), text, text, text, text, Location(text, "body", 1), excerpt=text)
    root = _parse(junit.render([FileResult(text, findings=[finding])]))
    failure = root.find("testsuite/testcase/failure")
    assert '</failure><x a="1"> &' in failure.text
    assert root.find("testsuite").get("name").startswith("</failure>")
