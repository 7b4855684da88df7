"""Counts shared by every format's summary: files, unreadable files, findings per severity and tag, waivers."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from normcheck.model import SEVERITIES, FileResult


@dataclass(slots=True)
class Summary:
    files: int = 0
    unreadable: int = 0
    severities: dict[str, int] = field(default_factory=lambda: {s: 0 for s in SEVERITIES})
    tags: dict[str, int] = field(default_factory=dict)
    waived: int = 0
    baseline_suppressed: int = 0
    unmatched_waivers: list[str] = field(default_factory=list)

    @property
    def findings(self) -> int:
        return sum(self.severities.values())


def summarize(results: list[FileResult], *, baseline_suppressed: int = 0,
              unmatched_waivers: list[str] | tuple[str, ...] = ()) -> Summary:
    """Count what ``results`` hold. Waived findings count only as ``waived``, never per severity or tag."""
    summary = Summary(files=len(results), baseline_suppressed=baseline_suppressed,
                      unmatched_waivers=list(unmatched_waivers))
    tags: Counter[str] = Counter()
    for result in results:
        if result.error is not None:
            summary.unreadable += 1
        summary.waived += len(result.waived)
        for finding in result.findings:
            summary.severities[finding.severity] = summary.severities.get(finding.severity, 0) + 1
            tags.update(finding.tags)
    summary.tags = dict(sorted(tags.items(), key=lambda item: (-item[1], item[0])))
    return summary
