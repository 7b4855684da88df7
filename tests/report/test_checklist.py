"""The elements checklist (要素核对表): values and where they were read, 未找到, 需报送材料核对."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

import normcheck
from normcheck.cli import cli
from normcheck.model import Document
from normcheck.reader import read_path
from normcheck.report.checklist import FOUND, MISSING, PACKAGE, ChecklistItem, build_checklist
from normcheck.structure.facts import Duration, Fact, Structure

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
LONE = """前进区人民政府文件
前政规〔2025〕1号
前进区人民政府关于印发《前进区户外广告设置管理办法》的通知
各街道办事处，区政府各部门：
现将《前进区户外广告设置管理办法》印发给你们，请认真贯彻执行。
前进区人民政府
2025年1月10日
前进区户外广告设置管理办法
第一条 为了规范户外广告设置，制定本办法。
第二条 本办法自2025年2月1日起施行，有效期2年。
"""


def by_key(items: list[ChecklistItem]) -> dict[str, ChecklistItem]:
    return {item.key: item for item in items}


def test_sample_document_with_its_drafting_explanation() -> None:
    items = by_key(build_checklist(read_path(SAMPLES / "parking-measures.docx")))
    assert list(items) == ["title", "doc_number", "authority", "drafting_body", "issue_date", "effective_date", "validity",
                           "consultation", "legality_review", "collective_decision", "fair_competition"]
    assert (items["doc_number"].value, items["doc_number"].paragraph) == ("前政规〔2024〕3号", 2)
    assert items["doc_number"].source == "版头" and items["doc_number"].where() == "第2段（版头）"
    assert items["issue_date"].data == "2024-04-18"
    assert items["effective_date"].data == "2024-06-01"
    # 有效期5年 from 2024-06-01: the last day is 2029-05-31.
    assert items["validity"].data == "2029-05-31"
    assert "2024年3月4日至3月8日" in items["consultation"].value
    assert "14" in items["consultation"].value
    assert "区司法局" in items["legality_review"].value
    assert "常务会议" in items["collective_decision"].value
    assert items["fair_competition"].status == FOUND
    assert items["drafting_body"].value == "前进区城市管理局"


def test_package_names_the_member_file_and_reports_what_is_missing() -> None:
    path = SAMPLES / "sme-support-measures"
    items = by_key(build_checklist(read_path(path)))
    assert items["consultation"].file.endswith("起草说明.docx")
    assert items["consultation"].where(str(path)).startswith("起草说明.docx 第")
    assert items["legality_review"].file.endswith("合法性审核意见书.docx")
    assert items["fair_competition"].status == MISSING
    assert items["fair_competition"].shown == "未找到"


def test_lone_published_text_asks_for_the_package(tmp_path: Path) -> None:
    source = tmp_path / "办法.txt"
    source.write_text(LONE, encoding="utf-8")
    items = by_key(build_checklist(read_path(source)))
    assert items["doc_number"].status == FOUND and items["validity"].data == "2027-01-31"
    for key in ("drafting_body", "consultation", "legality_review", "collective_decision", "fair_competition"):
        assert items[key].status == PACKAGE and items[key].shown == "需报送材料核对"
    # The same document stated to be a package lacks those records.
    forced = by_key(build_checklist(read_path(source), mode="package"))
    assert forced["consultation"].status == MISSING


def test_no_facts_everything_missing() -> None:
    items = build_checklist(Document(path="x.txt"), Structure(), mode="package")
    assert {item.status for item in items} == {MISSING}


@pytest.mark.parametrize(("start", "amount", "unit", "end"), [
    (dt.date(2024, 2, 29), 2, "year", dt.date(2026, 2, 28)),
    (dt.date(2024, 6, 1), 5, "year", dt.date(2029, 5, 31)),
    (dt.date(2024, 1, 31), 1, "month", dt.date(2024, 2, 29)),
    (dt.date(2024, 3, 1), 30, "day", dt.date(2024, 3, 30)),
])
def test_validity_end_is_counted_from_the_effective_date(start: dt.date, amount: int, unit: str, end: dt.date) -> None:
    structure = Structure(effective_date=Fact(start, "x", 0, 0, 1), validity=Fact(Duration(amount, unit), "y", 0, 0, 1))
    doc = Document(path="x.txt")
    assert by_key(build_checklist(doc, structure))["validity"].data == end.isoformat()


def test_json_text_and_html_show_the_checklist(tmp_path: Path) -> None:
    source = tmp_path / "办法.txt"
    source.write_text(LONE, encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(cli, ["--format", "json", "--no-cache", str(source)], catch_exceptions=False)
    data = json.loads(result.stdout)
    schema = json.loads((Path(normcheck.__file__).parent / "schemas" / "normcheck-report.schema.json").read_text(
        encoding="utf-8"))
    jsonschema.validate(data, schema)
    checklist = {item["element"]: item for item in data["files"][0]["checklist"]}
    assert checklist["doc_number"]["value"] == "前政规〔2025〕1号" and checklist["doc_number"]["paragraph"] == 2
    assert checklist["consultation"]["status"] == "package"
    text = runner.invoke(cli, ["--no-color", "--no-cache", str(source)], catch_exceptions=False).stdout
    assert "要素核对" in text and "需报送材料核对" in text and "前政规〔2025〕1号" in text
    page = runner.invoke(cli, ["--format", "html", "--no-cache", str(source)], catch_exceptions=False).stdout
    assert "要素核对表" in page and "需报送材料核对" in page


def test_planned_steps_are_not_records(tmp_path: Path) -> None:
    folder = tmp_path / "材料"
    folder.mkdir()
    (folder / "正文.txt").write_text(LONE, encoding="utf-8")
    (folder / "起草说明.txt").write_text(
        "关于《前进区户外广告设置管理办法》的起草说明\n"
        "一、起草过程\n本办法拟于2025年3月在区政府门户网站公开征求意见。\n"
        "本办法拟提请区政府常务会议审议。\n"
        "区城市管理局\n2025年1月5日\n", encoding="utf-8")
    items = by_key(build_checklist(read_path(folder)))
    assert items["drafting_body"].value == "区城市管理局"
    assert items["consultation"].status == MISSING
    assert items["collective_decision"].status == MISSING
    assert items["legality_review"].status == MISSING
