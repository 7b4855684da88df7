"""The rule list of each bundled pack's page in docs/rules/, generated from the rule files so that the
documentation cannot drift: ``normcheck rules docs DIR`` rewrites the section between the markers, and
``--check`` reports the pages that differ."""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

BEGIN = "<!-- 规则一览：由 normcheck rules docs 根据规则文件生成，请勿手工修改 -->"
END = "<!-- 规则一览结束 -->"
_SEVERITY = {"error": "错误", "warning": "警告", "info": "提示"}
_MODE = {"package": "仅报送材料", "document": "仅单份文件"}


def render(rules: Iterable[Any]) -> str:
    """The generated section for one pack's rules, markers included."""
    lines = [BEGIN, "", "## 规则一览", ""]
    for rule in rules:
        lines.append(f"### `{rule.id}` {rule.title}")
        lines.append("")
        lines.append(f"- 严重程度：{_SEVERITY.get(rule.severity, rule.severity)}；标签：{'、'.join(rule.tags)}")
        scope = _scope(rule)
        if scope:
            lines.append(f"- 适用：{scope}")
        if rule.basis:
            lines.append(f"- 依据：{rule.basis}")
        if rule.fix:
            lines.append(f"- 修改建议：{rule.fix}")
        fails = [e.text for e in rule.examples if e.kind == "fail" and not e.is_file]
        passes = [e.text for e in rule.examples if e.kind == "pass" and not e.is_file]
        if fails:
            lines.append(f"- 应报告的例子：{_example(fails[0])}")
        if passes:
            lines.append(f"- 不报告的例子：{_example(passes[0])}")
        lines.append("")
    lines.append(END)
    return "\n".join(lines) + "\n"


def _scope(rule: Any) -> str:
    parts = []
    if rule.applies_mode:
        parts.append(_MODE[rule.applies_mode])
    if rule.applies_from:
        parts.append(f"{rule.applies_from.isoformat()}及以后印发的文件")
    if rule.applies_until:
        parts.append(f"{rule.applies_until.isoformat()}及以前印发的文件")
    if rule.applies_issuers:
        parts.append(f"发文机关为{'、'.join(rule.applies_issuers)}")
    if rule.roles is not None:
        parts.append(f"读取{'、'.join(sorted(rule.roles))}")
    return "；".join(parts)


def _example(text: str) -> str:
    return "“" + text.replace("\n", " ⏎ ") + "”"


def updated(page: str, section: str) -> str:
    """``page`` with its generated section replaced (appended when the page has none)."""
    start, end = page.find(BEGIN), page.find(END)
    if start < 0 or end < start:
        return page.rstrip("\n") + "\n\n" + section
    return page[:start] + section + page[end + len(END):].lstrip("\n")


def pages(rules: Iterable[Any], folder: Path) -> dict[Path, str]:
    """The new content of every pack page in ``folder`` (one page per rule file, named after it)."""
    packs: dict[str, list[Any]] = {}
    for rule in rules:
        packs.setdefault(Path(rule.file).stem, []).append(rule)
    out = {}
    for pack, pack_rules in packs.items():
        path = folder / f"{pack}.md"
        old = path.read_text(encoding="utf-8") if path.is_file() else f"# {pack}\n"
        out[path] = updated(old, render(pack_rules))
    return out
