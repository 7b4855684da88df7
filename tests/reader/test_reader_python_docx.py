"""A document written by python-docx (a real producer's styles, settings and numbering parts) reads as shown."""
from __future__ import annotations

from pathlib import Path

import docx

from normcheck.reader import dump_text, read_path


def test_python_docx_document(tmp_path: Path) -> None:
    document = docx.Document()
    document.core_properties.title = "养犬管理规定"
    document.core_properties.author = "区公安分局"
    document.add_heading("前进区养犬管理规定", level=1)
    document.add_paragraph("第一条 为了规范养犬行为，制定本规定。")
    document.add_paragraph("办理登记", style="List Number")
    document.add_paragraph("缴纳费用", style="List Number")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "事项"
    table.cell(0, 1).text = "期限"
    table.cell(1, 0).merge(table.cell(1, 1)).text = "合并单元格"
    document.sections[0].header.paragraphs[0].text = "前进区人民政府文件"
    path = tmp_path / "pd.docx"
    document.save(str(path))

    doc = read_path(path)
    assert dump_text(doc, parts=True) == ("前进区养犬管理规定\n第一条 为了规范养犬行为，制定本规定。\n1.\t办理登记\n"
                                          "2.\t缴纳费用\n事项\n期限\n合并单元格\n## header\n前进区人民政府文件\n")
    assert doc.metadata["title"] == "养犬管理规定" and doc.metadata["creator"] == "区公安分局"
    heading = doc.blocks[0]
    assert heading.style == "Heading1" and heading.outline == 0
