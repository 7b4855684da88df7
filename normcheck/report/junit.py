"""``--format junit``: JUnit XML for CI dashboards. One test suite per checked file, one test case per file
and rule (passing rules too, so a dashboard shows what was checked); an unreadable file is one error."""
from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from typing import Any

from normcheck.laws.register import register_date
from normcheck.model import SEVERITY_RANK, FileResult, Finding
from normcheck.report.catalog import RuleInfo, rule_catalog
from normcheck.report.labels import location_label, severity_label

# XML 1.0 forbids most control characters, which Word documents do carry (vertical tab for a line break).
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_FAIL_RANK = {"error": 3, "warning": 2, "info": 1, "never": 99}


def xml_text(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _element(parent: ET.Element | None, tag: str, text: str | None = None, **attrs: Any) -> ET.Element:
    clean = {key: xml_text(str(value)) for key, value in attrs.items()}
    element = ET.Element(tag, clean) if parent is None else ET.SubElement(parent, tag, clean)
    if text is not None:
        element.text = xml_text(text)
    return element


def _describe(finding: Finding) -> str:
    lines = [f"[{severity_label(finding.severity)}] {location_label(finding.location)}"]
    if finding.location.file:
        lines.append(f"文件：{finding.location.file}")
    if finding.excerpt:
        lines.append(f"摘录：{finding.excerpt}")
    lines.append(finding.message)
    if finding.basis:
        lines.append(f"依据：{finding.basis}")
    if finding.fix:
        lines.append(f"修改建议：{finding.fix}")
    return "\n".join(lines)


def _testcase(suite: ET.Element, result: FileResult, rule: RuleInfo, threshold: int) -> tuple[int, int]:
    """Add the test case of ``rule`` for ``result``; return (failed, skipped) as 0/1."""
    case = _element(suite, "testcase", classname=result.path, name=f"{rule.id} {rule.title}")
    findings = [f for f in result.findings if f.rule == rule.id]
    failing = [f for f in findings if SEVERITY_RANK.get(f.severity, 0) >= threshold]
    below = [f for f in findings if f not in failing]
    reasons = [w.reason for w in result.waived if w.finding.rule == rule.id]
    if failing:
        _element(case, "failure", "\n\n".join(_describe(f) for f in failing),
                 message=f"{rule.title}（{len(failing)} 处）", type=failing[0].severity)
    elif reasons and not below:
        _element(case, "skipped", message="已豁免：" + "；".join(dict.fromkeys(reasons)))
        return 0, 1
    if below:
        _element(case, "system-out", "\n\n".join(_describe(f) for f in below))
    return (1 if failing else 0), 0


def report_element(results: list[FileResult], *, rules: Any = None, fail_on: str = "info",
                   version: str | None = None, timestamp: dt.datetime | None = None) -> ET.Element:
    if version is None:
        from normcheck.version import __version__

        version = __version__
    threshold = _FAIL_RANK.get(fail_on, 1)
    when = (timestamp or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    stamp = when.strftime("%Y-%m-%dT%H:%M:%S")
    catalog = rule_catalog(rules, results)
    root = _element(None, "testsuites", name="normcheck")
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for result in results:
        suite = _element(root, "testsuite", name=result.path, timestamp=stamp)
        properties = _element(suite, "properties")
        _element(properties, "property", name="normcheck.version", value=version)
        _element(properties, "property", name="normcheck.law_register_date", value=register_date())
        counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
        if result.error is not None:
            case = _element(suite, "testcase", classname=result.path, name="读取文件")
            _element(case, "error", message=result.error.message, type=result.error.code)
            counts.update(tests=1, errors=1)
        else:
            for rule in catalog:
                failed, skipped = _testcase(suite, result, rule, threshold)
                counts["tests"] += 1
                counts["failures"] += failed
                counts["skipped"] += skipped
        for key, value in counts.items():
            suite.set(key, str(value))
            totals[key] += value
    for key, value in totals.items():
        root.set(key, str(value))
    return root


def render(results: list[FileResult], *, rules: Any = None, fail_on: str = "info", version: str | None = None,
           timestamp: dt.datetime | None = None) -> str:
    root = report_element(results, rules=rules, fail_on=fail_on, version=version, timestamp=timestamp)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
