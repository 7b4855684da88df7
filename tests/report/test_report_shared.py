from __future__ import annotations

import pytest

from normcheck.model import FileResult, Finding, Location, Waived
from normcheck.report.catalog import rule_catalog
from normcheck.report.excerpt import Excerpt, split_excerpt
from normcheck.report.labels import location_in, location_label
from normcheck.report.summary import summarize


def _finding(excerpt: str = "", context: str = "", start: int | None = None, end: int | None = None,
             rule: str = "R-1") -> Finding:
    return Finding(rule, "warning", ("x",), "t", "m", "", "", Location("a", "body", 1, None, start, end),
                   excerpt, context)


BLOCK = "一二三四五六七八九十" * 5


@pytest.mark.parametrize("finding, block, expected", [
    (_finding("丙", "甲乙丙丁"), None, Excerpt("甲乙", "丙", "丁")),
    (_finding("丙", "甲乙丁", 2, 3), "甲乙丙丁", Excerpt("甲乙", "丙", "丁")),
    (_finding("五", "", 34, 35), BLOCK, Excerpt("…" + BLOCK[4:34], "五", BLOCK[35:])),
    (_finding("三", "", 2, 3), BLOCK, Excerpt(BLOCK[:2], "三", BLOCK[3:33] + "…")),
    (_finding("丙", "", 5, 9), "短", Excerpt("", "丙", "")),
    (_finding("", "整句话。"), None, Excerpt("", "", "整句话。")),
    (_finding(), None, Excerpt("", "", "")),
])
def test_split_excerpt(finding, block, expected):
    assert split_excerpt(finding, block) == expected


@pytest.mark.parametrize("location, path, label", [
    (Location("a"), "a", "整个文件"),
    (Location("a", "body", 3, "第二条"), "a", "第二条，第3段"),
    (Location("a", "footer", 1), "a", "页脚第1段"),
    (Location("pkg/说明.docx", "body", 2), "pkg", "说明.docx · 第2段"),
    (Location("pkg\\说明.docx", "body", 2), "pkg", "说明.docx · 第2段"),
    (Location("elsewhere/b.docx"), "pkg", "elsewhere/b.docx · 整个文件"),
])
def test_location_labels(location, path, label):
    assert location_in(location, path) == label
    assert label.endswith(location_label(location))


def test_catalog_lists_rule_set_then_rules_only_findings_name(rules):
    extra = _finding(rule="OWN-9")
    waived = Waived(_finding(rule="OWN-10"), "理由")
    catalog = rule_catalog(rules, [FileResult("a", findings=[extra, extra], waived=[waived])])
    assert [r.id for r in catalog] == [r.id for r in rules.rules] + ["OWN-9", "OWN-10"]
    assert catalog[0].tags == ("civil-code",)


def test_summary_does_not_count_waived_findings_per_severity():
    summary = summarize([FileResult("a", findings=[_finding()], waived=[Waived(_finding(), "r")])],
                        baseline_suppressed=4, unmatched_waivers=["w"])
    assert summary.severities == {"error": 0, "warning": 1, "info": 0}
    assert summary.findings == 1 and summary.waived == 1 and summary.tags == {"x": 1}
    assert summary.baseline_suppressed == 4 and summary.unmatched_waivers == ["w"]
