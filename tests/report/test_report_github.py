from __future__ import annotations

import re

from normcheck.model import FileResult, Finding, Location
from normcheck.report import github

COMMAND = re.compile(r"^::(error|warning|notice)( [^:]*)?::(.*)$")


def _commands(output: str) -> list[tuple[str, dict[str, str], str]]:
    parsed = []
    for line in output.splitlines():
        match = COMMAND.match(line)
        if match:
            props = dict(p.split("=", 1) for p in (match.group(2) or "").strip().split(",") if p)
            parsed.append((match.group(1), props, match.group(3)))
    return parsed


def _unescape(text: str) -> str:
    return (text.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",")
            .replace("%25", "%"))


def test_golden(results, golden):
    golden("report.github.txt", github.render(results, unmatched_waivers=["old/*.docx: CC-001"],
                                              baseline_suppressed=2))


def test_one_command_per_finding_and_unreadable_file(results):
    commands = _commands(github.render(results))
    assert [c[0] for c in commands] == ["warning", "error", "error", "notice", "error", "error"]
    assert _unescape(commands[4][1]["file"]) == "docs/备案 包,1/起草说明.docx"
    assert commands[5][1]["title"].startswith("无法读取")


def test_line_only_when_paragraph_known(results):
    commands = _commands(github.render(results))
    assert "line" not in commands[0][1]
    assert commands[1][1]["line"] == "2"


def test_escaping_round_trips():
    finding = Finding("R-1", "error", (), "标题: a, b", "100% 错\r\n第二行", "", "", Location("a,b:c.docx", "body", 3))
    output = github.render([FileResult("a,b:c.docx", findings=[finding])])
    [(_kind, props, message)] = _commands(output)
    assert output.splitlines()[0].count("::") == 2
    assert _unescape(props["file"]) == "a,b:c.docx"
    assert _unescape(props["title"]) == "R-1 标题: a, b"
    assert _unescape(message).startswith("100% 错\r\n第二行\n")


def test_summary_line_is_plain_text(results):
    last = github.render(results).splitlines()[-1]
    assert not last.startswith("::") and "4 个文件" in last
