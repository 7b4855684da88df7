"""``--format github``: GitHub Actions workflow commands, shown as annotations on the changed files.

Escaping follows GitHub's toolkit: in the message ``%``, CR and LF are percent-encoded; in properties
(``file``, ``title``) also ``:`` and ``,``.
"""
from __future__ import annotations

from normcheck.laws.register import register_date
from normcheck.model import FileResult, Finding
from normcheck.report.labels import location_label, severity_label
from normcheck.report.summary import summarize

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


# Other line separators (Word's manual break \v among them) would split a command for tools that read lines
# the Python way; they become plain line feeds, which the escaping below keeps inside the command.
_LINE_BREAKS = str.maketrans({c: "\n" for c in "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"})


def escape_data(text: str) -> str:
    return text.translate(_LINE_BREAKS).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, message: str, **properties: str | int | None) -> str:
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items()
                     if value is not None)
    return f"::{name}{' ' + props if props else ''}::{escape_data(message)}"


def _annotation(finding: Finding, path: str) -> str:
    lines = [finding.message or finding.title, f"位置：{location_label(finding.location)}"]
    if finding.basis:
        lines.append(f"依据：{finding.basis}")
    if finding.fix:
        lines.append(f"修改建议：{finding.fix}")
    file = (finding.location.file or path).replace("\\", "/")
    return command(COMMANDS.get(finding.severity, "warning"), "\n".join(lines), file=file,
                   line=finding.location.paragraph, title=f"{finding.rule} {finding.title}")


def render(results: list[FileResult], *, baseline_suppressed: int = 0,
           unmatched_waivers: list[str] | tuple[str, ...] = ()) -> str:
    out: list[str] = []
    for result in results:
        if result.error is not None:
            out.append(command("error", result.error.message, file=result.path.replace("\\", "/"),
                               title=f"无法读取（{result.error.code}）"))
        out += [_annotation(finding, result.path) for finding in result.findings]
    out += [command("warning", f"豁免未匹配任何问题：{waiver}", title="豁免未匹配") for waiver in unmatched_waivers]
    summary = summarize(results, baseline_suppressed=baseline_suppressed, unmatched_waivers=unmatched_waivers)
    counts = "，".join(f"{severity_label(s)} {n}" for s, n in summary.severities.items())
    tail = (f"normcheck：检查 {summary.files} 个文件，无法读取 {summary.unreadable} 个；{counts}；"
            f"已豁免 {summary.waived}；法律法规库日期 {register_date()}")
    if summary.baseline_suppressed:
        tail += f"；基线已有 {summary.baseline_suppressed}"
    out.append(tail)
    return "\n".join(out) + "\n"
