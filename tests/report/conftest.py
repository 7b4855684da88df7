"""Hand-made check results shared by the reporter tests: no reader, structure or engine involved."""
from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import pytest

from normcheck.model import (
    Block,
    Document,
    FileError,
    FileResult,
    Finding,
    Location,
    Waived,
)

VERSION = "9.9.9-test"
TIMESTAMP = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
DOC = "docs/2024/停车管理办法.docx"
PACKAGE = "docs/备案 包,1"


@dataclass(frozen=True)
class FakeRule:
    id: str
    title: str
    severity: str
    tags: frozenset[str]
    basis: str
    fix: str
    message: str = ""


@dataclass
class FakeRuleSet:
    rules: list[FakeRule] = field(default_factory=list)


RULES = FakeRuleSet([
    FakeRule("CC-001", "引用已废止的法律", "error", frozenset({"civil-code"}),
             "《中华人民共和国民法典》第一千二百六十条", "改为引用《中华人民共和国民法典》的相应条文"),
    FakeRule("AUTH-002", "设定罚款", "error", frozenset({"authority"}),
             "《中华人民共和国行政处罚法》第十六条", "删除罚款规定，或引用上位法依据"),
    FakeRule("CONSULT-001", "缺少征求意见情况记录", "warning", frozenset({"consultation"}),
             "《重大行政决策程序暂行条例》第十四条", "在起草说明中写明征求意见的对象、方式、期限和采纳情况"),
    FakeRule("FILE-003", "未写明有效期", "info", frozenset({"filing"}), "", ""),
])

BODY = [
    "关于印发《停车管理办法》的通知",
    "第一条 为规范停车管理，根据《中华人民共和国合同法》制定本办法。",
    "第二条 违反本办法的，处<script>alert(1)</script>500元罚款。",
    "第三条 本办法自2024年1月1日起施行。",
]


def _finding(rule: str, location: Location, excerpt: str, message: str, context: str = "") -> Finding:
    meta = next(r for r in RULES.rules if r.id == rule)
    return Finding(rule=rule, severity=meta.severity, tags=tuple(sorted(meta.tags)), title=meta.title,
                   message=message, basis=meta.basis, fix=meta.fix, location=location, excerpt=excerpt,
                   context=context)


def make_results() -> list[FileResult]:
    blocks = [Block(text=t, part="body", index=i + 1, file=DOC) for i, t in enumerate(BODY)]
    blocks.append(Block(text="前政规〔2024〕3号", part="header", index=1, file=DOC))
    document = Document(path=DOC, blocks=blocks, files=(DOC,))
    cited = "《中华人民共和国合同法》"
    start = BODY[1].index(cited)
    fine = "处<script>alert(1)</script>500元罚款"
    fine_at = BODY[2].index(fine)
    findings = [
        _finding("CONSULT-001", Location(file=DOC), "", "起草说明中没有征求意见的记录。"),
        _finding("CC-001", Location(DOC, "body", 2, "第一条", start, start + len(cited)), cited,
                 "第一条引用《中华人民共和国合同法》，该法已于2021年1月1日废止。",
                 context="为规范停车管理，根据《中华人民共和国合同法》制定本办法。"),
        _finding("AUTH-002", Location(DOC, "body", 3, "第二条", fine_at, fine_at + len(fine)), fine,
                 "第二条设定了罚款：\n“处500元罚款”, 100% 无上位法依据。"),
        _finding("FILE-003", Location(DOC, "header", 1, None, 0, 3), "前政规", "页眉中的文号\x0b格式有误。"),
    ]
    waived = [Waived(_finding("CC-001", Location(DOC, "body", 4, "第三条"), "施行", "示例豁免。"),
                     reason="经法制科确认，暂不修改")]
    member = f"{PACKAGE}/起草说明.docx"
    package_findings = [
        _finding("AUTH-002", Location(member, "body", 7, "第五条", None, None), "罚款", "第五条设定罚款。"),
    ]
    return [
        FileResult(path=DOC, findings=findings, waived=waived, document=document),
        FileResult(path=PACKAGE, findings=package_findings),
        FileResult(path="docs/broken.docx", error=FileError("not-a-docx", "文件不是有效的 Word 文档（.docx）。")),
        FileResult(path="docs/clean.txt"),
    ]


@pytest.fixture
def results() -> list[FileResult]:
    return make_results()


@pytest.fixture
def rules() -> FakeRuleSet:
    return RULES


GOLDEN = Path(__file__).parent / "golden"


def _assert_golden(name: str, output: str) -> None:
    path = GOLDEN / name
    if os.environ.get("NORMCHECK_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="") as out:
            out.write(output)
    with open(path, encoding="utf-8", newline="") as golden_file:
        expected = golden_file.read()
    assert output == expected, f"output differs from {path}; rerun with NORMCHECK_UPDATE_GOLDEN=1 to update"


@pytest.fixture
def golden() -> Callable[[str, str], None]:
    """``golden(name, output)`` compares ``output`` with tests/report/golden/<name>."""
    return _assert_golden


@pytest.fixture
def fixed() -> dict[str, object]:
    """Options that make a report reproducible: a fixed version and timestamp."""
    return {"version": VERSION, "timestamp": TIMESTAMP}


@pytest.fixture
def report_schema() -> dict[str, object]:
    # Loaded as package data, as an installed normcheck ships it.
    schema = resources.files("normcheck").joinpath("schemas/normcheck-report.schema.json")
    return json.loads(schema.read_text(encoding="utf-8"))
