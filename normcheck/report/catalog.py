"""Rule metadata for the formats that list rules (SARIF ``tool.driver.rules``, JUnit test cases).

It comes from the rule set when the caller passes one, and otherwise from the findings themselves, so that
a format never needs the rule set to describe a finding it reports.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from normcheck.model import FileResult, Finding


@dataclass(frozen=True, slots=True)
class RuleInfo:
    id: str
    title: str
    severity: str
    tags: tuple[str, ...]
    basis: str
    fix: str


def _from_rule(rule: Any) -> RuleInfo:
    return RuleInfo(id=str(rule.id), title=str(rule.title), severity=str(rule.severity),
                    tags=tuple(sorted(rule.tags)), basis=str(rule.basis or ""), fix=str(rule.fix or ""))


def _from_finding(finding: Finding) -> RuleInfo:
    return RuleInfo(id=finding.rule, title=finding.title, severity=finding.severity, tags=finding.tags,
                    basis=finding.basis, fix=finding.fix)


def rule_catalog(rules: Any, results: Iterable[FileResult]) -> list[RuleInfo]:
    """Every rule of ``rules`` (a RuleSet, or an iterable of compiled rules) in its order, then any rule that
    only the findings (reported or waived) name, in order of first appearance."""
    catalog: dict[str, RuleInfo] = {}
    if rules is not None:
        for rule in getattr(rules, "rules", rules):
            catalog.setdefault(str(rule.id), _from_rule(rule))
    for result in results:
        for finding in [*result.findings, *(w.finding for w in result.waived)]:
            catalog.setdefault(finding.rule, _from_finding(finding))
    return list(catalog.values())
