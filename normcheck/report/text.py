"""``--format text``: the terminal report for legal staff, drawn with rich.

Findings are grouped per file and severity; each shows rule, title, where, the excerpt with the match
highlighted, the message, the legal basis and the fix. Without colour (``--no-color``, or piped) the match
is bracketed with 〖〗 instead, so the report stays readable as plain text.
"""
from __future__ import annotations

import io
import re
import shutil
from collections.abc import Mapping

from rich import box
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from normcheck.laws.register import register_date
from normcheck.model import SEVERITIES, FileResult, Finding
from normcheck.report.checklist import FOUND, MISSING, ChecklistItem
from normcheck.report.excerpt import find_block, split_excerpt
from normcheck.report.labels import location_in, severity_label, tag_label
from normcheck.report.summary import Summary, summarize

DEFAULT_WIDTH = 100
SEVERITY_STYLES = {"error": "bold red", "warning": "bold yellow", "info": "bold cyan"}
MATCH_STYLE = "bold reverse"
PLAIN_MARKS = ("〖", "〗")
# rich pads grouped lines to a common width; those spaces (before any closing ANSI codes) serve no reader.
_TRAILING = re.compile(r" +((?:\x1b\[[0-9;]*m)*)$", re.MULTILINE)


def _counts(severities: dict[str, int]) -> str:
    return "，".join(f"{severity_label(s)} {n}" for s, n in severities.items() if n)


def _file_heading(result: FileResult) -> Text:
    heading = Text.assemble((result.path, "bold"))
    if result.error is not None:
        heading.append(f" — 无法读取（{result.error.code}）：{result.error.message}", style="bold red")
        return heading
    per_severity = {s: sum(f.severity == s for f in result.findings) for s in SEVERITIES}
    if result.findings:
        heading.append(f" — {len(result.findings)} 个问题（{_counts(per_severity)}）")
    else:
        heading.append(" — 未发现问题", style="green")
    if result.waived:
        heading.append(f"，已豁免 {len(result.waived)}", style="dim")
    return heading


def _excerpt(finding: Finding, result: FileResult, color: bool) -> Text | None:
    block = find_block(result.document, finding.location)
    before, match, after = split_excerpt(finding, block.text if block else None)
    if not (before or match or after):
        return None
    line = Text.assemble(("摘录：", "dim"))
    line.append(before)
    if match:
        if color:
            line.append(match, style=MATCH_STYLE)
        else:
            line.append(PLAIN_MARKS[0] + match + PLAIN_MARKS[1])
    line.append(after)
    return line


def _finding(finding: Finding, result: FileResult, color: bool) -> RenderableType:
    head = Text.assemble(("● ", SEVERITY_STYLES.get(finding.severity, "")))
    head.append(finding.rule, style="bold")
    head.append(f" {finding.title}")
    head.append(f"  [{location_in(finding.location, result.path)}]", style="dim")
    lines: list[Text] = []
    excerpt = _excerpt(finding, result, color)
    if excerpt is not None:
        lines.append(excerpt)
    if finding.message:
        lines.append(Text(finding.message))
    if finding.basis:
        lines.append(Text.assemble(("依据：", "dim"), finding.basis))
    if finding.fix:
        lines.append(Text.assemble(("修改建议：", "dim"), finding.fix))
    return Group(head, Padding(Group(*lines), (0, 0, 0, 4), expand=False))


def _checklist(result: FileResult, items: list[ChecklistItem]) -> RenderableType:
    """要素核对: one line per element, the value and where it was read, or why there is none."""
    table = Table(title="要素核对", box=None, title_justify="left", show_header=False, pad_edge=False,
                  title_style="bold")
    table.add_column("要素", style="dim", no_wrap=True)
    table.add_column("内容", overflow="fold")
    table.add_column("位置", style="dim", overflow="fold")
    for item in items:
        style = None if item.status == FOUND else "yellow" if item.status == MISSING else "cyan"
        table.add_row(item.label, Text(item.shown, style=style or ""), item.where(result.path))
    return table


def _file_section(result: FileResult, color: bool, checklist: list[ChecklistItem] | None = None) -> RenderableType:
    parts: list[RenderableType] = [_file_heading(result)]
    if checklist:
        parts.append(Padding(_checklist(result, checklist), (0, 0, 0, 2), expand=False))
    for warning in result.warnings:
        parts.append(Padding(Text(f"读取提示：{warning}", style="yellow"), (0, 0, 0, 2), expand=False))
    for severity in SEVERITIES:
        findings = [f for f in result.findings if f.severity == severity]
        if not findings:
            continue
        title = Text(f"{severity_label(severity)}（{len(findings)}）", style=SEVERITY_STYLES[severity])
        body = [_finding(f, result, color) for f in findings]
        parts.append(Padding(Group(title, *body), (0, 0, 0, 2), expand=False))
    if result.waived:
        parts.append(Padding(_waived(result), (0, 0, 0, 2), expand=False))
    return Group(*parts)


def _waived(result: FileResult) -> RenderableType:
    """Each waived finding with the waiver's reason, so that the reader sees what was set aside and why."""
    lines: list[RenderableType] = [Text(f"已豁免（{len(result.waived)}）", style="dim bold")]
    for waived in result.waived:
        finding = waived.finding
        head = Text.assemble(("○ ", "dim"), (finding.rule, "bold"), f" {finding.title}",
                             (f"  [{location_in(finding.location, result.path)}]", "dim"))
        reason = Padding(Text.assemble(("豁免理由：", "dim"), waived.reason), (0, 0, 0, 4), expand=False)
        lines.append(Group(head, reason))
    return Group(*lines)


def _summary_tables(summary: Summary, tag_labels: Mapping[str, str] | None = None) -> list[RenderableType]:
    totals = Table(title="汇总", box=box.SIMPLE_HEAD, title_justify="left", show_edge=False)
    totals.add_column("项目")
    totals.add_column("数量", justify="right")
    totals.add_row("检查文件", str(summary.files))
    totals.add_row("无法读取", str(summary.unreadable))
    for severity in SEVERITIES:
        totals.add_row(severity_label(severity), str(summary.severities.get(severity, 0)),
                       style=SEVERITY_STYLES[severity] if summary.severities.get(severity) else None)
    totals.add_row("已豁免", str(summary.waived))
    totals.add_row("法律法规库日期", register_date())
    if summary.baseline_suppressed:
        totals.add_row("基线中已有（未列出）", str(summary.baseline_suppressed))
    tables: list[RenderableType] = [totals]
    if summary.tags:
        by_tag = Table(title="按标签", box=box.SIMPLE_HEAD, title_justify="left", show_edge=False)
        by_tag.add_column("标签")
        by_tag.add_column("问题数", justify="right")
        for tag, count in summary.tags.items():
            by_tag.add_row(tag_label(tag, tag_labels), str(count))
        tables.append(by_tag)
    return tables


def render_text(results: list[FileResult], *, color: bool = False, width: int | None = None,
                baseline_suppressed: int = 0, unmatched_waivers: list[str] | tuple[str, ...] = (),
                checklists: Mapping[str, list[ChecklistItem]] | None = None,
                tag_labels: Mapping[str, str] | None = None) -> str:
    """The report as text, ANSI-styled when ``color`` is true, wrapped at ``width`` terminal cells (default:
    the terminal's width, or ``DEFAULT_WIDTH`` when there is no terminal)."""
    if width is None:
        width = shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns
    buffer = io.StringIO()
    console = Console(file=buffer, width=max(width, 20), force_terminal=color, no_color=not color,
                      color_system="standard" if color else None, highlight=False, markup=False, emoji=False,
                      legacy_windows=False, soft_wrap=False)
    for result in results:
        console.print(_file_section(result, color, (checklists or {}).get(result.path)))
        console.print()
    summary = summarize(results, baseline_suppressed=baseline_suppressed, unmatched_waivers=unmatched_waivers)
    for waiver in summary.unmatched_waivers:
        console.print(Text(f"注意：豁免未匹配任何问题：{waiver}", style="yellow"))
    for table in _summary_tables(summary, tag_labels):
        console.print(table)
    return _TRAILING.sub(r"\1", buffer.getvalue())


def render(results: list[FileResult], *, color: bool = False, width: int | None = None,
           baseline_suppressed: int = 0, unmatched_waivers: list[str] | tuple[str, ...] = (),
           checklists: Mapping[str, list[ChecklistItem]] | None = None,
           tag_labels: Mapping[str, str] | None = None) -> str:
    return render_text(results, color=color, width=width, baseline_suppressed=baseline_suppressed,
                       unmatched_waivers=unmatched_waivers, checklists=checklists, tag_labels=tag_labels)
