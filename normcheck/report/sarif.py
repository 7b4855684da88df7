"""``--format sarif``: SARIF 2.1.0 for code-scanning dashboards (GitHub code scanning, Azure DevOps, IDEs)."""
from __future__ import annotations

import datetime as dt
import json
import os
import re
from typing import Any
from urllib.parse import quote

from normcheck.laws.register import register_date
from normcheck.model import FileResult, Finding
from normcheck.report.catalog import RuleInfo, rule_catalog
from normcheck.report.fingerprint import numbered_fingerprints
from normcheck.report.labels import paragraph_label

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
FINGERPRINT_KEY = "normcheck/v1"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
# RFC 3986 sub-delims plus "@" stay readable; ":" is encoded so that a relative path never looks like a scheme.
_URI_SAFE = "/-._~!$&'()*+,;=@"
_DRIVE = re.compile(r"^[A-Za-z]:/")


def artifact_uri(path: str) -> str:
    """A URI reference for ``path``: relative paths stay relative (forward slashes, percent-encoded),
    absolute ones become ``file:`` URIs. A byte of a file name that is not UTF-8 (shown ``%B8`` by
    ``normcheck.report.printable``) stays that percent-encoded byte, so the URI names the real file."""
    if os.sep == "/":  # only POSIX names are bytes
        path = _BYTE_ESCAPE.sub(lambda m: chr(_BYTE_BASE + int(m.group(1), 16)), path)
    posix = path.replace("\\", "/")
    if _DRIVE.match(posix):
        return "file:///" + posix[:2] + _quote(posix[2:])
    if posix.startswith("/"):
        return "file://" + _quote(posix)
    while posix.startswith("./"):
        posix = posix[2:]
    return _quote(posix)


_BYTE_ESCAPE = re.compile(r"%([89A-F][0-9A-F])")
_BYTE_BASE = 0xF0000  # a private-use plane stands for the escaped bytes while the rest is quoted


def _quote(text: str) -> str:
    pieces = re.split(f"([{chr(_BYTE_BASE)}-{chr(_BYTE_BASE + 0xFF)}])", text)
    return "".join(f"%{ord(piece) - _BYTE_BASE:02X}" if n % 2 else quote(piece, safe=_URI_SAFE)
                   for n, piece in enumerate(pieces))


def _rule_descriptor(rule: RuleInfo) -> dict[str, Any]:
    lines = [f"依据：{rule.basis}" if rule.basis else "", f"修改建议：{rule.fix}" if rule.fix else ""]
    help_text = "\n".join(line for line in lines if line) or rule.title
    return {
        "id": rule.id,
        "name": rule.title,
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": f"依据：{rule.basis}" if rule.basis else rule.title},
        "help": {"text": help_text},
        "defaultConfiguration": {"level": LEVELS.get(rule.severity, "warning")},
        "properties": {"tags": list(rule.tags)},
    }


def _location(finding: Finding, path: str) -> dict[str, Any]:
    loc = finding.location
    physical: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(loc.file or path)}}
    if loc.paragraph is not None:
        region: dict[str, Any] = {"startLine": loc.paragraph}
        if finding.excerpt:
            region["snippet"] = {"text": finding.excerpt}
        physical["region"] = region
    location: dict[str, Any] = {"physicalLocation": physical}
    if loc.article:
        location["logicalLocations"] = [{"name": loc.article, "kind": "module"}]
    elif loc.paragraph is not None:
        location["logicalLocations"] = [{"name": paragraph_label(loc), "kind": "member"}]
    return location


def _result(finding: Finding, path: str, index: dict[str, int], fingerprint: str,
            waiver: str | None) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": index[finding.rule],
        "level": LEVELS.get(finding.severity, "warning"),
        "message": {"text": finding.message or finding.title},
        "locations": [_location(finding, path)],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
        "properties": {"tags": list(finding.tags)},
    }
    if waiver is not None:
        result["suppressions"] = [{"kind": "external", "justification": waiver}]
    return result


def _notifications(results: list[FileResult]) -> list[dict[str, Any]]:
    return [
        {
            "level": "error",
            "message": {"text": f"无法读取：{r.error.message}"},
            "descriptor": {"id": r.error.code},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(r.path)}}}],
        }
        for r in results if r.error is not None
    ]


def report_object(results: list[FileResult], *, rules: Any = None, baseline_suppressed: int = 0,
                  unmatched_waivers: list[str] | tuple[str, ...] = (), version: str | None = None,
                  timestamp: dt.datetime | None = None) -> dict[str, Any]:
    """The SARIF log as a plain dict."""
    if version is None:
        from normcheck.version import __version__

        version = __version__
    when = (timestamp or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    catalog = rule_catalog(rules, results)
    index = {rule.id: i for i, rule in enumerate(catalog)}
    sarif_results = []
    for file_result in results:
        waived = [w.finding for w in file_result.waived]
        reasons = [None] * len(file_result.findings) + [w.reason for w in file_result.waived]
        findings = [*file_result.findings, *waived]
        prints = numbered_fingerprints(findings, file_result.path)
        sarif_results += [_result(f, file_result.path, index, fp, reason)
                          for f, fp, reason in zip(findings, prints, reasons, strict=True)]
    notifications = _notifications(results)
    invocation: dict[str, Any] = {
        "executionSuccessful": not notifications,
        "endTimeUtc": when.strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    if unmatched_waivers:
        invocation["toolConfigurationNotifications"] = [
            {"level": "warning", "message": {"text": f"豁免未匹配任何问题：{w}"}} for w in unmatched_waivers
        ]
    run: dict[str, Any] = {
        "tool": {"driver": {"name": "normcheck", "version": version,
                            "rules": [_rule_descriptor(rule) for rule in catalog]}},
        "invocations": [invocation],
        "columnKind": "unicodeCodePoints",
        "results": sarif_results,
        "properties": {"baselineSuppressed": baseline_suppressed, "lawRegisterDate": register_date()},
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render(results: list[FileResult], *, rules: Any = None, baseline_suppressed: int = 0,
           unmatched_waivers: list[str] | tuple[str, ...] = (), version: str | None = None,
           timestamp: dt.datetime | None = None) -> str:
    obj = report_object(results, rules=rules, baseline_suppressed=baseline_suppressed,
                        unmatched_waivers=unmatched_waivers, version=version, timestamp=timestamp)
    return json.dumps(obj, ensure_ascii=False, indent=2) + "\n"
