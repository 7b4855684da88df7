"""The review opinion (--format opinion): every finding and waiver, the checklist, GB/T 9704 page layout,
the office template, and a LibreOffice round trip."""
from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx.oxml.ns import qn
from libreoffice import convert, needs_soffice

from normcheck.cli import cli
from normcheck.model import FileError, FileResult, Finding, Location, Waived
from normcheck.report import render
from normcheck.report.checklist import ChecklistItem
from normcheck.review import Reviewer

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
REVIEWER = Reviewer(name="张三", office="前进区司法局", timezone="Asia/Shanghai")


def finding(rule: str, tag: str, severity: str = "error", paragraph: int = 3) -> Finding:
    return Finding(rule=rule, severity=severity, tags=(tag,), title=f"标题{rule}", message=f"说明{rule}",
                   basis=f"依据{rule}", fix=f"建议{rule}", location=Location("a.docx", "body", paragraph, "第二条"),
                   excerpt=f"摘录{rule}")


def text_of(data: bytes, tmp_path: Path) -> str:
    target = tmp_path / "opinion.docx"
    target.write_bytes(data)
    word = docx.Document(str(target))
    cells = [cell.text for table in word.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in word.paragraphs] + cells)


@pytest.fixture()
def results() -> list[FileResult]:
    findings = [finding("CC-001", "civil-code"), finding("AUTH-001", "authority", paragraph=5),
                finding("CONSULT-004", "consultation", "warning", 9), finding("OWN-1", "本局规则", "info", 2)]
    waived = [Waived(finding("FILE-008", "filing"), "经区政府同意不设有效期"),
              Waived(finding("DECIDE-003", "collective-decision"), "已由常务会议补充审议")]
    return [FileResult(path="a.docx", findings=findings, waived=waived),
            FileResult(path="broken.docx", error=FileError("not-a-docx", "不是 Word 文件"))]


CHECKLIST = {"a.docx": [ChecklistItem("title", "文件名称", "found", "关于印发《某区停车管理办法》的通知", None, "a.docx", 3),
                        ChecklistItem("doc_number", "文号", "found", "某政规〔2024〕3号", None, "a.docx", 2),
                        ChecklistItem("consultation", "征求意见", "package")]}


def test_every_finding_and_waiver_reason_is_in_the_opinion(results: list[FileResult], tmp_path: Path) -> None:
    from normcheck.dsl import load_rules

    data = render("opinion", results, reviewer=REVIEWER, checklists=CHECKLIST, rules=load_rules())
    assert isinstance(data, bytes)
    text = text_of(data, tmp_path)
    assert "关于《某区停车管理办法》的合法性审查意见" in text
    for f in results[0].findings:
        for piece in (f.rule, f.title, f.message, f.basis, f.fix):
            assert piece in text
    for w in results[0].waived:
        assert w.finding.rule in text and w.reason in text
    assert "某政规〔2024〕3号" in text and "需报送材料核对" in text
    assert "审查人：张三" in text and "前进区司法局" in text
    assert "broken.docx" in text and "无法读取" in text
    # Grouped by kind, in the order of the tag list: 征求意见 before 民法典 before 制定权限, an office tag last.
    groups = [line for line in text.splitlines() if re.match(r"（[一二三四五六七八九十]）", line)]
    assert groups[:3] == ["（一）征求意见方面", "（二）民法典方面", "（三）制定权限方面"]
    assert groups[3].endswith("本局规则方面")


def test_configurable_title_and_fixed_today(results: list[FileResult], tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NORMCHECK_TODAY", "2025-03-04")
    reviewer = Reviewer(name="李四", opinion_title="对《{title}》的备案审查意见")
    text = text_of(render("opinion", results[:1], reviewer=reviewer, checklists=CHECKLIST), tmp_path)
    assert "对《某区停车管理办法》的备案审查意见" in text and "2025年3月4日" in text


def test_gb_t_9704_page_layout(results: list[FileResult], tmp_path: Path) -> None:
    target = tmp_path / "o.docx"
    target.write_bytes(render("opinion", results, reviewer=REVIEWER, checklists=CHECKLIST))
    word = docx.Document(str(target))
    section = word.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert [round(getattr(section, f"{side}_margin").mm) for side in ("top", "bottom", "left", "right")] == [
        37, 35, 28, 26]
    fonts = word.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    footer = section.footer._element
    assert any("PAGE" in (t.text or "") for t in footer.iter(qn("w:instrText")))
    with zipfile.ZipFile(target) as package:
        table = package.read("word/fontTable.xml").decode("utf-8")
    assert re.search(r'w:name="仿宋_GB2312">.*?<w:altName w:val="仿宋"/>', table)
    assert re.search(r'w:name="仿宋">.*?<w:altName w:val="FangSong"/>', table)


def test_office_template_keeps_its_header(results: list[FileResult], tmp_path: Path) -> None:
    template = tmp_path / "模板.docx"
    word = docx.Document()
    word.sections[0].header.paragraphs[0].text = "前进区司法局便笺"
    word.add_paragraph("模板中的示例文字")
    word.save(str(template))
    reviewer = Reviewer(name="张三", template=template)
    target = tmp_path / "o.docx"
    target.write_bytes(render("opinion", results[:1], reviewer=reviewer, checklists=CHECKLIST))
    out = docx.Document(str(target))
    assert out.sections[0].header.paragraphs[0].text == "前进区司法局便笺"
    assert "模板中的示例文字" not in text_of(target.read_bytes(), tmp_path)


def test_cli_opinion_needs_a_docx_output(tmp_path: Path) -> None:
    runner = CliRunner()
    sample = SAMPLES / "parking-measures.docx"
    assert runner.invoke(cli, ["--format", "opinion", str(sample)]).exit_code == 2
    assert runner.invoke(cli, ["--format", "opinion", "-o", str(tmp_path / "x.txt"), str(sample)]).exit_code == 2
    missing = tmp_path / "none" / "模板.docx"
    (tmp_path / "normcheck.toml").write_text(f'[review]\ntemplate = "{missing.as_posix()}"\n', encoding="utf-8")
    broken = runner.invoke(cli, ["--config", str(tmp_path / "normcheck.toml"), "--format", "opinion", "-o",
                                 str(tmp_path / "o.docx"), str(sample)])
    assert broken.exit_code == 2 and "模板" in broken.stderr


@needs_soffice
def test_sample_opinion_converts_in_libreoffice(tmp_path: Path) -> None:
    source = tmp_path / "docs" / "parking.docx"
    source.parent.mkdir()
    shutil.copy(SAMPLES / "parking-measures.docx", source)
    (tmp_path / "normcheck.toml").write_text('[review]\nname = "张三"\noffice = "前进区司法局"\n', encoding="utf-8")
    opinion = tmp_path / "审查意见.docx"
    result = CliRunner().invoke(cli, ["--format", "opinion", "--output", str(opinion), "--no-cache", str(source)],
                                catch_exceptions=False)
    assert result.exit_code == 1 and opinion.is_file()
    pdf = convert(opinion, "pdf", tmp_path / "pdf", tmp_path / "profile")
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        compact = re.sub(r"\s+", "", text)
        assert "关于《前进区机动车停车管理办法》的合法性审查意见" in compact
        assert "CC-001" in compact and "审查人：张三" in compact
