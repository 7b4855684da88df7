"""The library API over the real rule compiler and engine."""
from __future__ import annotations

from pathlib import Path

import normcheck

TINY = Path(__file__).resolve().parents[1] / "cli" / "fixtures" / "tiny.rules"


def test_check_document_with_a_rule_file_of_ones_own() -> None:
    rules = normcheck.load_rules([TINY], bundled=False)
    assert {rule.id for rule in rules.rules} == {"TINY-001", "TINY-002", "TINY-003"}
    findings = normcheck.check_document("第一条 违者处以罚款。\n第二条 已公开征求意见。", rules)
    assert [(f.rule, f.location.article, f.excerpt) for f in findings] == [("TINY-001", "第一条", "罚款")]
    assert normcheck.check_document("第一条 不得以罚款代替管理。已公开征求意见。", rules) == []


def test_check_path_with_bundled_and_own_rules(tmp_path: Path) -> None:
    doc = tmp_path / "办法.txt"
    doc.write_text("关于印发停车管理办法的通知\n第一条 违者处以罚款。\n", encoding="utf-8")
    rules = normcheck.load_rules([TINY])
    [result] = normcheck.check_path(doc, rules, select=["tiny-test"], severity={"TINY-002": "error"})
    assert result.error is None
    assert [(f.rule, f.severity) for f in result.findings] == [("TINY-002", "error"), ("TINY-001", "error")]
    bundled = normcheck.check_path(doc, rules, ignore=["tiny-test"])[0].findings
    assert bundled and not any(f.rule.startswith("TINY-") for f in bundled)
