"""Reporters: one module per output format, each a pure function from check results to a string.

``render(fmt, results, ...)`` dispatches to ``normcheck.report.<module>.render``, importing the format module
only when it is used, so that the command line pays for rich or lxml only when it prints with them.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any

from normcheck.model import FileResult


@dataclass(frozen=True, slots=True)
class ReportFormat:
    """One output format: the module whose ``render`` writes it, whether that output is a binary file
    (written with --output only), and whether it shows the elements checklist of each file."""

    name: str
    module: str
    binary: bool = False
    checklist: bool = False


REGISTRY: dict[str, ReportFormat] = {f.name: f for f in (
    ReportFormat("text", "normcheck.report.text", checklist=True),
    ReportFormat("json", "normcheck.report.json_report", checklist=True),
    ReportFormat("sarif", "normcheck.report.sarif"),
    ReportFormat("junit", "normcheck.report.junit"),
    ReportFormat("github", "normcheck.report.github"),
    ReportFormat("html", "normcheck.report.html", checklist=True),
    ReportFormat("opinion", "normcheck.report.opinion", binary=True, checklist=True),
)}
FORMATS: tuple[str, ...] = tuple(REGISTRY)
BINARY_FORMATS = frozenset(f.name for f in REGISTRY.values() if f.binary)
CHECKLIST_FORMATS = frozenset(f.name for f in REGISTRY.values() if f.checklist)

# Options a caller may pass to any format; a format that has no use for one ignores it, so the CLI can
# pass the same options whatever --format says. Anything else is a programming error.
COMMON_OPTIONS = frozenset({
    "rules", "baseline_suppressed", "unmatched_waivers", "version", "timestamp", "color", "width", "fail_on",
    "reviewer", "checklists",
})


def render(fmt: str, results: list[FileResult], **options: Any) -> str | bytes:
    """Render ``results`` in format ``fmt`` (one of ``FORMATS``) and return the whole output: a string, or
    bytes for the ``BINARY_FORMATS``."""
    if fmt not in REGISTRY:
        raise ValueError(f"unknown report format {fmt!r}; expected one of {', '.join(FORMATS)}")
    unknown = set(options) - COMMON_OPTIONS
    if unknown:
        raise TypeError(f"unknown report option(s): {', '.join(sorted(unknown))}")
    import inspect

    from normcheck.report.printable import printable_results, printable_value

    module = importlib.import_module(REGISTRY[fmt].module)
    accepted = inspect.signature(module.render).parameters
    # Every text shown is printable: the results, and the data options that name files (not the rule set).
    shown = {k: v if k == "rules" else printable_value(v) for k, v in options.items() if k in accepted}
    if "tag_labels" in accepted:
        from normcheck.report.labels import labels_of

        shown["tag_labels"] = labels_of(options.get("rules"))
    output = module.render(printable_results(results), **shown)
    return bytes(output) if REGISTRY[fmt].binary else str(output)
