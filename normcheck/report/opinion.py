"""``--format opinion --output 审查意见.docx``: the review opinion (合法性审查意见) as a Word document an officer
can sign and send after light editing.

For each checked document: the title (``[review] opinion-title``), the document reviewed (title, 文号,
issuing authority, drafting body, date received), the elements checklist, the findings grouped by kind (tag),
each with where it is, its legal basis and the proposed change, the waived findings with their reasons, a
conclusion, and the reviewer's office, name and date. The layout follows GB/T 9704 (A4; margins 37 mm top,
35 mm bottom, 28 mm left, 26 mm right; 仿宋 body text in 三号 on a 28 pt line pitch; 小标宋 title, 黑体 first-level
headings; page numbers “— N —” in the footer as a PAGE field). An office's own .docx (``[review] template``)
supplies page setup, header and styles instead: its body is replaced, its sections kept.
"""
from __future__ import annotations

import io
import re
from collections.abc import Mapping, Sequence
from itertools import pairwise
from pathlib import Path
from typing import Any

from normcheck.errors import ConfigError
from normcheck.model import FileResult, Finding
from normcheck.report.checklist import FOUND, ChecklistItem
from normcheck.report.labels import location_in, severity_label
from normcheck.review import Reviewer

BODY_FONTS = ("仿宋_GB2312", "仿宋", "FangSong")
TITLE_FONTS = ("方正小标宋简体", "华文中宋", "STZhongsong")
HEADING_FONTS = ("黑体", "SimHei")
LATIN_FONT = "Times New Roman"
BODY_SIZE = 16      # 三号
TITLE_SIZE = 22     # 二号
TABLE_SIZE = 12     # 小四
LINE_PITCH = 28     # points: 22 lines on the GB/T 9704 type area
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
# Columns of the two tables within the 156 mm type area.
COLUMN_WIDTHS_MM = {2: (32, 124), 3: (30, 92, 34)}
CHINESE_NUMBERS = "一二三四五六七八九十"
_NOTICE = re.compile(r"^.*?关于(?:印发|发布|转发|公布|颁布)《(?P<name>[^》]+)》的(?:通知|决定|通告|公告|令)$")


def render(results: list[FileResult], *, reviewer: Reviewer | None = None,
           checklists: Mapping[str, list[ChecklistItem]] | None = None,
           tag_labels: Mapping[str, str] | None = None) -> bytes:
    """The review opinion of every result, one after the other (each starts on a new page), as .docx bytes."""
    reviewer = reviewer or Reviewer()
    word = _new_document(reviewer)
    for number, result in enumerate(results):
        if number:
            word.add_page_break()
        _opinion(word, result, (checklists or {}).get(result.path, []), reviewer, dict(tag_labels or {}))
    word.core_properties.author = reviewer.name
    word.core_properties.title = _opinion_title(reviewer, _reviewed_name(results[0], checklists)) if results else ""
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def _reviewed_name(result: FileResult, checklists: Mapping[str, list[ChecklistItem]] | None) -> str:
    """The name of the reviewed norm: 《X》 of a notice title 关于印发《X》的通知, else the title, else the file name."""
    items = {item.key: item for item in (checklists or {}).get(result.path, [])}
    title = items.get("title")
    if title is not None and title.status == FOUND:
        match = _NOTICE.match(title.value)
        return match.group("name") if match else title.value.strip("《》")
    return Path(result.path.rstrip("/\\")).stem or result.path


def _opinion_title(reviewer: Reviewer, name: str) -> str:
    return reviewer.opinion_title.replace("{title}", name)


def _new_document(reviewer: Reviewer) -> Any:
    import docx

    if reviewer.template is not None:
        return _from_template(reviewer.template)
    word = docx.Document()
    _page_setup(word)
    _base_style(word)
    _font_table(word)
    for section in word.sections:
        _page_number_footer(section)
    return word


def _from_template(path: Path) -> Any:
    """The office's template with its body emptied (its section properties, header and footer kept)."""
    import zipfile

    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.oxml.ns import qn

    try:
        word = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise ConfigError(f"{path}: 无法打开审查意见模板（{exc.__class__.__name__}）") from None
    body = word.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    return word


def _page_setup(word: Any) -> None:
    from docx.shared import Mm

    for section in word.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
        section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
        section.footer_distance = Mm(20)


def _base_style(word: Any) -> None:
    from docx.shared import Pt

    normal = word.styles["Normal"]
    normal.font.size = Pt(BODY_SIZE)
    _set_fonts(normal.element.get_or_add_rPr(), BODY_FONTS[0])
    paragraph = normal.paragraph_format
    paragraph.line_spacing = Pt(LINE_PITCH)
    paragraph.space_before = paragraph.space_after = Pt(0)


def _set_fonts(rpr: Any, east_asia: str) -> None:
    from docx.oxml.ns import qn

    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, fonts)
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attribute), None)
    fonts.set(qn("w:ascii"), LATIN_FONT)
    fonts.set(qn("w:hAnsi"), LATIN_FONT)
    fonts.set(qn("w:cs"), LATIN_FONT)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:hint"), "eastAsia")


def _font_table(word: Any) -> None:
    """Declare the GB/T 9704 fonts with their substitutes (w:altName), so that a machine without 仿宋_GB2312
    or 方正小标宋 shows 仿宋 / FangSong or 华文中宋 instead of a default Latin font."""
    from lxml import etree  # type: ignore[import-untyped]

    part = next((p for p in word.part.package.iter_parts() if str(p.partname) == "/word/fontTable.xml"), None)
    if part is None:
        return
    namespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    root = etree.fromstring(part.blob)
    present = {f.get(f"{{{namespace}}}name") for f in root}
    for chain in (BODY_FONTS, TITLE_FONTS, HEADING_FONTS):
        for name, alternative in pairwise(chain):
            if name in present:
                continue
            font = etree.SubElement(root, f"{{{namespace}}}font", {f"{{{namespace}}}name": name})
            etree.SubElement(font, f"{{{namespace}}}altName", {f"{{{namespace}}}val": alternative})
            etree.SubElement(font, f"{{{namespace}}}charset", {f"{{{namespace}}}val": "86"})
            etree.SubElement(font, f"{{{namespace}}}family", {f"{{{namespace}}}val": "modern"})
            etree.SubElement(font, f"{{{namespace}}}pitch", {f"{{{namespace}}}val": "fixed"})
            present.add(name)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _page_number_footer(section: Any) -> None:
    """“— N —” centred in the footer, N a PAGE field (宋体 四号 per GB/T 9704)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import parse_xml
    from docx.shared import Pt

    footer = section.footer
    paragraph = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    namespace = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    run_props = ('<w:rPr><w:rFonts w:ascii="宋体" w:hAnsi="宋体" w:eastAsia="宋体"/>'
                 f'<w:sz w:val="{14 * 2}"/><w:szCs w:val="{14 * 2}"/></w:rPr>')
    paragraph.add_run("— ").font.size = Pt(14)
    for xml in (f'<w:r {namespace}>{run_props}<w:fldChar w:fldCharType="begin"/></w:r>',
                f'<w:r {namespace}>{run_props}<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>',
                f'<w:r {namespace}>{run_props}<w:fldChar w:fldCharType="separate"/></w:r>',
                f'<w:r {namespace}>{run_props}<w:t>1</w:t></w:r>',
                f'<w:r {namespace}>{run_props}<w:fldChar w:fldCharType="end"/></w:r>'):
        paragraph._p.append(parse_xml(xml))
    paragraph.add_run(" —").font.size = Pt(14)


def _paragraph(word: Any, text: str = "", *, fonts: tuple[str, ...] = BODY_FONTS, size: int = BODY_SIZE,
               bold: bool = False, align: str = "justify", indent: bool = True) -> Any:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    paragraph = word.add_paragraph()
    paragraph.alignment = {"center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT,
                           "left": WD_ALIGN_PARAGRAPH.LEFT}.get(align, WD_ALIGN_PARAGRAPH.JUSTIFY)
    if indent:
        paragraph.paragraph_format.first_line_indent = Pt(size * 2)
    if text:
        _run(paragraph, text, fonts=fonts, size=size, bold=bold)
    return paragraph


def _run(paragraph: Any, text: str, *, fonts: tuple[str, ...] = BODY_FONTS, size: int = BODY_SIZE,
         bold: bool = False) -> Any:
    from docx.shared import Pt

    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.font.bold = bold or None
    _set_fonts(run._r.get_or_add_rPr(), fonts[0])
    return run


def _heading(word: Any, text: str) -> None:
    _paragraph(word, text, fonts=HEADING_FONTS)


def _opinion(word: Any, result: FileResult, checklist: list[ChecklistItem], reviewer: Reviewer,
             labels: dict[str, str]) -> None:
    items = {item.key: item for item in checklist}
    name = _reviewed_name(result, {result.path: checklist})
    title = _paragraph(word, _opinion_title(reviewer, name), fonts=TITLE_FONTS, size=TITLE_SIZE, align="center",
                       indent=False)
    title.paragraph_format.space_after = title.paragraph_format.space_before = 0
    _paragraph(word, indent=False)
    drafting = items.get("drafting_body")
    if drafting is not None and drafting.status == FOUND:
        _paragraph(word, f"{drafting.value}：", indent=False)
    sections = [("审查文件基本情况", lambda: _reviewed(word, result, items)),
                ("要素核对", lambda: _checklist_table(word, result, checklist)),
                ("审查发现的问题及修改意见", lambda: _findings(word, result, labels)),
                ("已豁免事项", lambda: _waived(word, result)),
                ("审查结论", lambda: _conclusion(word, result))]
    for number, (heading, write) in enumerate(sections):
        _heading(word, f"{CHINESE_NUMBERS[number]}、{heading}")
        write()
    _signature(word, reviewer)


def _value(items: dict[str, ChecklistItem], key: str) -> str:
    item = items.get(key)
    return item.shown if item is not None else "未找到"


def _reviewed(word: Any, result: FileResult, items: dict[str, ChecklistItem]) -> None:
    if result.error is not None:
        _paragraph(word, f"文件 {result.path} 无法读取（{result.error.message}），未能审查。")
        return
    rows = [("文件名称", _value(items, "title")), ("文号", _value(items, "doc_number")),
            ("制定机关", _value(items, "authority")), ("起草单位", _value(items, "drafting_body")),
            ("收文日期", "      年    月    日"), ("审查文件", result.path)]
    _table(word, ("项目", "内容"), rows)


def _checklist_table(word: Any, result: FileResult, checklist: list[ChecklistItem]) -> None:
    if not checklist:
        _paragraph(word, "（未能读取文件要素）")
        return
    _table(word, ("要素", "内容", "位置"), [(i.label, i.shown, i.where(result.path)) for i in checklist])


def _table(word: Any, header: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> None:
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.shared import Mm

    table = word.add_table(rows=1, cols=len(header))
    table.style = "Table Grid" if "Table Grid" in [s.name for s in word.styles] else None
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, header):
        _cell(cell, text, bold=True)
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row):
            _cell(cell, text)
    table.autofit = False
    widths = COLUMN_WIDTHS_MM.get(len(header))
    if widths:
        # LibreOffice lays a table out by its grid, Word by its cells: both are set.
        for column, width in zip(table._tbl.tblGrid.gridCol_lst, widths):
            column.w = Mm(width)
        for row in table.rows:
            for cell, width in zip(row.cells, widths):
                cell.width = Mm(width)
    _paragraph(word, indent=False)


def _cell(cell: Any, text: str, *, bold: bool = False) -> None:
    from docx.shared import Pt

    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.line_spacing = Pt(TABLE_SIZE * 1.5)
    paragraph.paragraph_format.first_line_indent = Pt(0)
    _run(paragraph, text, fonts=HEADING_FONTS if bold else BODY_FONTS, size=TABLE_SIZE)


def _kind(finding: Finding, labels: dict[str, str]) -> str:
    """The group of a finding: its first labelled tag, in the order the rule files declare them, else its
    first tag."""
    for tag in labels:
        if tag in finding.tags:
            return tag
    return finding.tags[0] if finding.tags else ""


def _findings(word: Any, result: FileResult, labels: dict[str, str]) -> None:
    if result.error is not None or not result.findings:
        _paragraph(word, "未发现问题。" if result.error is None else "文件无法读取，未能审查。")
        return
    groups: dict[str, list[Finding]] = {}
    for finding in result.findings:
        groups.setdefault(_kind(finding, labels), []).append(finding)
    order = [t for t in labels if t in groups] + sorted(t for t in groups if t not in labels)
    count = 0
    for number, tag in enumerate(order):
        label = labels.get(tag, tag or "其他")
        _paragraph(word, f"（{CHINESE_NUMBERS[number % 10]}）{label}方面", fonts=("楷体_GB2312", "楷体", "KaiTi"))
        for finding in groups[tag]:
            count += 1
            head = _paragraph(word)
            _run(head, f"{count}. {finding.title}", bold=True)
            _run(head, f"（{severity_label(finding.severity)}，{finding.rule}；{location_in(finding.location, result.path)}）")
            for caption, text in (("原文", finding.excerpt), ("问题", finding.message), ("依据", finding.basis),
                                  ("修改建议", finding.fix)):
                if text:
                    line = _paragraph(word)
                    _run(line, f"{caption}：", fonts=HEADING_FONTS)
                    _run(line, text)


def _waived(word: Any, result: FileResult) -> None:
    if not result.waived:
        _paragraph(word, "无。")
        return
    for number, waived in enumerate(result.waived, start=1):
        finding = waived.finding
        line = _paragraph(word)
        _run(line, f"{number}. {finding.title}（{finding.rule}；{location_in(finding.location, result.path)}）。")
        _run(line, "豁免理由：", fonts=HEADING_FONTS)
        _run(line, waived.reason)


def _conclusion(word: Any, result: FileResult) -> None:
    if result.error is not None:
        _paragraph(word, "文件无法读取，请报送可读取的文本后重新审查。")
        return
    errors = sum(f.severity == "error" for f in result.findings)
    others = len(result.findings) - errors
    if not result.findings:
        _paragraph(word, "经审查，未发现不符合规定的问题。")
    elif errors:
        _paragraph(word, f"经审查，该文件存在{errors}处须改正的问题" + (f"、{others}处需要关注的问题" if others else "")
                   + "，建议起草单位按照上述意见修改后重新报送。")
    else:
        _paragraph(word, f"经审查，该文件有{others}处需要关注的问题，请起草单位研究处理。")


def _signature(word: Any, reviewer: Reviewer) -> None:
    today = reviewer.today()
    _paragraph(word, indent=False)
    if reviewer.office:
        _paragraph(word, reviewer.office, align="right", indent=False)
    _paragraph(word, f"审查人：{reviewer.name}", align="right", indent=False)
    _paragraph(word, f"{today.year}年{today.month}月{today.day}日", align="right", indent=False)
