"""Reporters: one module per output format, each a pure function from check results to a string.

``render(fmt, results, ...)`` dispatches to ``normcheck.report.<module>.render``, importing the format module
only when it is used, so that the command line pays for rich or lxml only when it prints with them.
"""
from __future__ import annotations

import importlib
from typing import Any

from normcheck.model import FileResult

FORMATS: dict[str, str] = {
    "text": "normcheck.report.text",
    "json": "normcheck.report.json_report",
    "sarif": "normcheck.report.sarif",
    "junit": "normcheck.report.junit",
    "github": "normcheck.report.github",
    "html": "normcheck.report.html",
    "opinion": "normcheck.report.opinion",
}
# Formats whose output is a binary file (written with --output only).
BINARY_FORMATS = frozenset({"opinion"})

# Options a caller may pass to any format; a format that has no use for one ignores it, so the CLI can
# pass the same options whatever --format says. Anything else is a programming error.
COMMON_OPTIONS = frozenset({
    "rules", "baseline_suppressed", "unmatched_waivers", "version", "timestamp", "color", "width", "fail_on",
    "reviewer", "checklists",
})


def render(fmt: str, results: list[FileResult], **options: Any) -> str | bytes:
    """Render ``results`` in format ``fmt`` (one of ``FORMATS``) and return the whole output: a string, or
    bytes for the ``BINARY_FORMATS``."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown report format {fmt!r}; expected one of {', '.join(FORMATS)}")
    unknown = set(options) - COMMON_OPTIONS
    if unknown:
        raise TypeError(f"unknown report option(s): {', '.join(sorted(unknown))}")
    import inspect

    from normcheck.report.printable import printable_results, printable_value

    module = importlib.import_module(FORMATS[fmt])
    accepted = inspect.signature(module.render).parameters
    # Every text shown is printable: the results, and the data options that name files (not the rule set).
    shown = {k: v if k == "rules" else printable_value(v) for k, v in options.items() if k in accepted}
    output = module.render(printable_results(results), **shown)
    return bytes(output) if fmt in BINARY_FORMATS else str(output)
