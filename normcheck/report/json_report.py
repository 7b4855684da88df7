"""``--format json``: the machine-readable report whose shape DESIGN.md fixes (schema in normcheck/schemas)."""
from __future__ import annotations

import json
from collections.abc import Mapping

from normcheck.model import SEVERITIES, FileResult
from normcheck.report.checklist import ChecklistItem
from normcheck.report.summary import summarize


def report_object(results: list[FileResult], *, baseline_suppressed: int = 0,
                  unmatched_waivers: list[str] | tuple[str, ...] = (), version: str | None = None,
                  checklists: Mapping[str, list[ChecklistItem]] | None = None) -> dict[str, object]:
    """The report as a plain dict, keys in contract order; a file has a ``checklist`` when ``checklists``
    holds one for its path."""
    if version is None:
        from normcheck.version import __version__

        version = __version__
    summary = summarize(results, baseline_suppressed=baseline_suppressed, unmatched_waivers=unmatched_waivers)
    files: list[dict[str, object]] = []
    for result in results:
        entry: dict[str, object] = {
            "path": result.path,
            "error": result.error.to_json() if result.error else None,
            "findings": [finding.to_json() for finding in result.findings],
            "waived": [{"finding": w.finding.to_json(), "reason": w.reason} for w in result.waived],
            "warnings": list(result.warnings),
        }
        if checklists and result.path in checklists:
            entry["checklist"] = [item.to_json() for item in checklists[result.path]]
        files.append(entry)
    totals: dict[str, object] = {"files": summary.files, "unreadable": summary.unreadable}
    totals.update({severity: summary.severities.get(severity, 0) for severity in SEVERITIES})
    totals.update({
        "waived": summary.waived,
        "baseline_suppressed": summary.baseline_suppressed,
        "unmatched_waivers": summary.unmatched_waivers,
    })
    return {"normcheck": version, "law_register": law_register(), "files": files, "summary": totals}


def law_register() -> dict[str, str]:
    """The date and source of the law register the citation rules judged against."""
    from normcheck.laws.register import register_info

    info = register_info()
    return {"date": info.get("date", "未知"), "source": info.get("source", ""), "commit": info.get("commit", "")}


def render(results: list[FileResult], *, baseline_suppressed: int = 0,
           unmatched_waivers: list[str] | tuple[str, ...] = (), version: str | None = None,
           checklists: Mapping[str, list[ChecklistItem]] | None = None) -> str:
    obj = report_object(results, baseline_suppressed=baseline_suppressed, unmatched_waivers=unmatched_waivers,
                        version=version, checklists=checklists)
    return json.dumps(obj, ensure_ascii=False, indent=2) + "\n"
