"""``--format html``: one self-contained page a legal officer can open and print: a summary, then each
document with its findings (excerpts highlighted, legal bases, fixes) and its text with the flagged passages
marked and linked to the findings. Inline CSS only, no script, no external resource."""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from importlib import resources

from normcheck.laws.register import register_date
from normcheck.model import SEVERITIES, FileResult, Finding
from normcheck.report.checklist import FOUND, ChecklistItem
from normcheck.report.excerpt import find_block, split_excerpt
from normcheck.report.html_text import block_ids, document_text, esc, group_hits
from normcheck.report.labels import location_in, severity_label, tag_label
from normcheck.report.summary import Summary, summarize
from normcheck.review import DEFAULT_NAME, Reviewer, utc_offset

TITLE = "规范性文件检查报告"


def stylesheet() -> str:
    return resources.files("normcheck.report").joinpath("report.css").read_text(encoding="utf-8")


def _badge(severity: str) -> str:
    return f'<span class="badge sev-{esc(severity)}">{esc(severity_label(severity))}</span>'


def _summary(results: list[FileResult], summary: Summary, tag_labels: Mapping[str, str] | None) -> str:
    rows = [("检查文件", summary.files), ("无法读取", summary.unreadable)]
    rows += [(severity_label(s), summary.severities.get(s, 0)) for s in SEVERITIES]
    rows.append(("已豁免", summary.waived))
    if summary.baseline_suppressed:
        rows.append(("基线中已有（未列出）", summary.baseline_suppressed))
    out = ['<section id="summary">', "<h2>汇总</h2>", '<table class="totals"><tbody>']
    out += [f'<tr><th scope="row">{esc(k)}</th><td class="num">{v}</td></tr>' for k, v in rows]
    out.append("</tbody></table>")
    out.append('<table class="files"><thead><tr><th>文件</th>'
               + "".join(f'<th class="num">{esc(severity_label(s))}</th>' for s in SEVERITIES)
               + '<th class="num">已豁免</th></tr></thead><tbody>')
    for n, result in enumerate(results, start=1):
        link = f'<a href="#doc{n}">{esc(result.path)}</a>'
        if result.error is not None:
            cells = f'<td colspan="{len(SEVERITIES) + 1}"><span class="badge unreadable">无法读取</span></td>'
        else:
            counts = [sum(f.severity == s for f in result.findings) for s in SEVERITIES]
            cells = "".join(f'<td class="num">{c}</td>' for c in counts) + f'<td class="num">{len(result.waived)}</td>'
        out.append(f'<tr><td class="path">{link}</td>{cells}</tr>')
    out.append("</tbody></table>")
    if summary.tags:
        out.append('<table class="tags"><thead><tr><th>标签</th><th class="num">问题数</th></tr></thead><tbody>')
        out += [f'<tr><td>{esc(tag_label(t, tag_labels))}</td><td class="num">{c}</td></tr>' for t, c in summary.tags.items()]
        out.append("</tbody></table>")
    if summary.unmatched_waivers:
        out.append("<h3>未匹配任何问题的豁免</h3><ul>")
        out += [f"<li>{esc(w)}</li>" for w in summary.unmatched_waivers]
        out.append("</ul>")
    out.append("</section>")
    return "\n".join(out)


def _finding(finding: Finding, fid: str, path: str, block_text: str | None, target: str | None) -> str:
    where = esc(location_in(finding.location, path))
    if target:
        where = f'<a href="#{target}">{where}</a>'
    head = (f'<div class="finding-head">{_badge(finding.severity)} <span class="rule">{esc(finding.rule)}</span> '
            f"<strong>{esc(finding.title)}</strong> · {where}</div>")
    parts = [f'<li class="finding sev-{esc(finding.severity)}" id="{fid}">', head]
    before, match, after = split_excerpt(finding, block_text)
    if before or match or after:
        marked = f"<mark>{esc(match)}</mark>" if match else ""
        parts.append(f'<div class="excerpt">{esc(before)}{marked}{esc(after)}</div>')
    if finding.message:
        parts.append(f'<p class="message">{esc(finding.message)}</p>')
    advice = [(k, v) for k, v in (("依据", finding.basis), ("修改建议", finding.fix)) if v]
    if advice:
        parts.append('<dl class="advice">' + "".join(f"<dt>{k}</dt><dd>{esc(v)}</dd>" for k, v in advice) + "</dl>")
    parts.append("</li>")
    return "\n".join(parts)


def checklist_table(result: FileResult, items: list[ChecklistItem]) -> str:
    """要素核对表: element, value (or 未找到 / 需报送材料核对) and where it was read."""
    rows = []
    for item in items:
        value = esc(item.shown) if item.status == FOUND else f'<span class="check-{item.status}">{esc(item.shown)}</span>'
        rows.append(f'<tr><th scope="row">{esc(item.label)}</th><td>{value}</td>'
                    f'<td class="muted">{esc(item.where(result.path))}</td></tr>')
    return ('<h3>要素核对表</h3><table class="checklist"><thead><tr><th>要素</th><th>内容</th><th>位置</th></tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>")


def _document(result: FileResult, n: int, checklist: list[ChecklistItem] | None = None) -> str:
    prefix = f"doc{n}"
    out = [f'<section class="document" id="{prefix}">', f"<h2>{esc(result.path)}</h2>"]
    if checklist and result.error is None:
        out.append(checklist_table(result, checklist))
    if result.error is not None:
        out.append(f'<div class="error-box"><span class="badge unreadable">无法读取</span> '
                   f"{esc(result.error.message)} <span class=\"muted\">（{esc(result.error.code)}）</span></div>")
        out.append("</section>")
        return "\n".join(out)
    document = result.document
    ids = block_ids(document, prefix) if document is not None else {}
    tagged = [(f, f"{prefix}-f{i}") for i, f in enumerate(result.findings, start=1)]
    blocks = {i: b for i, (f, _) in enumerate(tagged) if (b := find_block(document, f.location)) is not None}
    if tagged:
        out.append(f"<h3>问题（{len(tagged)}）</h3>")
        out.append('<ol class="findings">')
        for i, (finding, fid) in enumerate(tagged):
            block = blocks.get(i)
            target = ids.get((block.file, block.part, block.index)) if block else None
            out.append(_finding(finding, fid, result.path, block.text if block else None, target))
        out.append("</ol>")
    else:
        out.append('<p class="muted">未发现问题。</p>')
    if result.waived:
        out.append(f"<h3>已豁免（{len(result.waived)}）</h3><ul>")
        out += [f'<li><span class="rule">{esc(w.finding.rule)}</span> {esc(w.finding.title)} · '
                f"{esc(location_in(w.finding.location, result.path))}：{esc(w.reason)}</li>" for w in result.waived]
        out.append("</ul>")
    if document is not None and document.blocks:
        out.append("<h3>文档正文</h3>")
        out.append(document_text(document, prefix, group_hits(tagged, blocks)))
    out.append("</section>")
    return "\n".join(out)


def _meta(version: str, when: dt.datetime, reviewer: Reviewer) -> str:
    """Who reviewed, with which version, and when (in the reviewer's time zone)."""
    pieces = []
    if reviewer.name != DEFAULT_NAME or reviewer.office:
        who = "".join(p for p in (reviewer.office, " " if reviewer.office and reviewer.name != DEFAULT_NAME else "",
                                  reviewer.name if reviewer.name != DEFAULT_NAME else "") if p)
        pieces.append(f"审查人 {esc(who)}")
    pieces.append(f"normcheck {esc(version)}")
    pieces.append(f"法律法规库 {esc(register_date())}")
    pieces.append(f"生成时间 {when:%Y-%m-%d %H:%M:%S} {esc(utc_offset(when))}")
    return f'<p class="meta">{" · ".join(pieces)}</p>'


def render(results: list[FileResult], *, baseline_suppressed: int = 0,
           unmatched_waivers: list[str] | tuple[str, ...] = (), version: str | None = None,
           timestamp: dt.datetime | None = None, reviewer: Reviewer | None = None,
           checklists: Mapping[str, list[ChecklistItem]] | None = None,
           tag_labels: Mapping[str, str] | None = None) -> str:
    if version is None:
        from normcheck.version import __version__

        version = __version__
    reviewer = reviewer or Reviewer()
    when = (timestamp or reviewer.now()).astimezone(reviewer.tzinfo())
    summary = summarize(results, baseline_suppressed=baseline_suppressed, unmatched_waivers=unmatched_waivers)
    page = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="normcheck {esc(version)}">',
        f"<title>{TITLE}</title>",
        f"<style>\n{stylesheet()}</style>",
        "</head>",
        "<body>",
        f"<header><h1>{TITLE}</h1>",
        _meta(version, when, reviewer) + "</header>",
        "<main>",
        _summary(results, summary, tag_labels),
        *(_document(result, n, (checklists or {}).get(result.path)) for n, result in enumerate(results, start=1)),
        "</main>",
        "</body>",
        "</html>",
    ]
    return "\n".join(page) + "\n"
