"""The .docx reader reproduces the text Word shows, for every hard case of real files."""
from __future__ import annotations

from ooxml import p, r

from normcheck.reader.story import WARN_ALTCHUNK, WARN_HIDDEN, WARN_MATH, WARN_PLACEHOLDER

INS = '<w:ins w:id="1" w:author="张三" w:date="2024-01-02T00:00:00Z">{}</w:ins>'
DEL = '<w:del w:id="2" w:author="张三" w:date="2024-01-02T00:00:00Z">{}</w:del>'


def deleted_run(text: str) -> str:
    return f'<w:r><w:delText xml:space="preserve">{text}</w:delText></w:r>'


def test_split_runs_join(dump_docx_xml) -> None:
    body = p(r("第一"), r("条", "<w:b/>"), r(" 为了"), '<w:proofErr w:type="spellStart"/>', r("规范"),
             '<w:bookmarkStart w:id="0" w:name="a"/>', r("管理。"), '<w:bookmarkEnd w:id="0"/>')
    assert dump_docx_xml(body) == "第一条 为了规范管理。\n"


def test_tracked_changes(dump_docx_xml) -> None:
    body = p(r("违反本办法的，"), DEL.format(deleted_run("处以一千元罚款")), INS.format(r("处以五千元以下罚款")), r("。"))
    body += p(INS.format(r("新增的一段。")))
    assert dump_docx_xml(body) == "违反本办法的，处以五千元以下罚款。\n新增的一段。\n"


def test_moves_read_once(dump_docx_xml) -> None:
    body = p('<w:moveFrom w:id="3" w:author="a">' + r("被移动的句子。") + "</w:moveFrom>", r("第二句。"))
    body += p(r("第三句。"), '<w:moveTo w:id="4" w:author="a">' + r("被移动的句子。") + "</w:moveTo>")
    assert dump_docx_xml(body) == "第二句。\n第三句。被移动的句子。\n"


def test_deleted_paragraph_mark_merges_with_next(read_docx_xml) -> None:
    mark_deleted = '<w:rPr><w:del w:id="5" w:author="a" w:date="2024-01-01T00:00:00Z"/></w:rPr>'
    body = p("第一段前半，", ppr=mark_deleted) + p("后半。", style="Body") + p("另一段。")
    doc = read_docx_xml(body)
    assert [b.text for b in doc.blocks] == ["第一段前半，后半。", "另一段。"]
    assert doc.blocks[0].style == "Body"
    assert doc.blocks[0].xml_index == 0 and doc.blocks[1].xml_index == 2


def test_deleted_mark_before_a_table_does_not_merge_into_it(dump_docx_xml) -> None:
    mark_deleted = '<w:rPr><w:del w:id="7" w:author="a"/></w:rPr>'
    body = p("表前文字", ppr=mark_deleted) + "<w:tbl><w:tr><w:tc>" + p("单元格") + "</w:tc></w:tr></w:tbl>"
    assert dump_docx_xml(body) == "表前文字\n单元格\n"


def test_wholly_deleted_paragraph_disappears_and_is_not_numbered(dump_docx_xml) -> None:
    from ooxml import abstract_num, lvl, num
    numbering = abstract_num(1, lvl(0, "chineseCounting", "第%1条", suff="space")) + num(1, 1)
    mark_deleted = '<w:rPr><w:del w:id="6" w:author="a"/></w:rPr>'
    body = (p("甲", num=(1, 0)) + p(DEL.format(deleted_run("删除的条款")), num=(1, 0), ppr=mark_deleted)
            + p("乙", num=(1, 0)))
    assert dump_docx_xml(body, numbering=numbering) == "第一条 甲\n第二条 乙\n"


def test_content_controls_block_and_run_level(dump_docx_xml) -> None:
    block_sdt = '<w:sdt><w:sdtPr><w:alias w:val="正文"/></w:sdtPr><w:sdtContent>' + p("控件里的段落。") + \
        "</w:sdtContent></w:sdt>"
    run_sdt = p(r("发文日期："), '<w:sdt><w:sdtPr/><w:sdtContent>' + r("2024年1月2日") + "</w:sdtContent></w:sdt>")
    placeholder = p(r("联系人："), '<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>'
                    + r("单击或点击此处输入文字。") + "</w:sdtContent></w:sdt>")
    assert dump_docx_xml(block_sdt + run_sdt + placeholder) == "控件里的段落。\n发文日期：2024年1月2日\n联系人：\n"


def test_unfilled_content_control_is_reported(read_docx_xml) -> None:
    unfilled = p(r("有效期至："), '<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>'
                 + r("单击或点击此处输入文字。") + "</w:sdtContent></w:sdt>")
    assert WARN_PLACEHOLDER in read_docx_xml(unfilled).warnings
    filled = p(r("有效期至："), '<w:sdt><w:sdtPr/><w:sdtContent>' + r("2026年1月1日") + "</w:sdtContent></w:sdt>")
    assert WARN_PLACEHOLDER not in read_docx_xml(filled).warnings


def _text_box(text: str) -> str:
    box = p(text)
    return ('<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic>'
            '<a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp>'
            f'<wps:txbx><w:txbxContent>{box}</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic>'
            '</wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>'
            f'<w:txbxContent>{box}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>'
            '</mc:AlternateContent></w:r>')


def test_text_box_read_once_after_its_anchor(read_docx_xml) -> None:
    body = p(r("正文一。"), _text_box("文本框里的征求意见记录。"), r("正文二。")) + p("下一段。")
    doc = read_docx_xml(body)
    assert [b.text for b in doc.blocks] == ["正文一。正文二。", "文本框里的征求意见记录。", "下一段。"]
    assert [b.kind for b in doc.blocks] == ["paragraph", "textbox", "paragraph"]
    # All w:p count for xml_index, the Fallback copy included: anchor 0, Choice box 1, Fallback box 2, next 3.
    assert [b.xml_index for b in doc.blocks] == [0, 1, 3]


def test_text_box_field_state_is_its_own(dump_docx_xml) -> None:
    unbalanced = p('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r>')
    box = ('<w:r><w:pict><v:shape><v:textbox><w:txbxContent>' + p("框内文字。") + unbalanced
           + "</w:txbxContent></v:textbox></v:shape></w:pict></w:r>")
    code = '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>REF a</w:instrText></w:r>'
    body = p(r("锚点"), box) + p("下一段。") + p(code, box.replace("框内", "代码中的"), r("不显示"),
                                              '<w:r><w:fldChar w:fldCharType="separate"/></w:r>', r("结果"),
                                              '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
    # A text box inside a field instruction is part of the field code, which Word does not show.
    assert dump_docx_xml(body) == "锚点\n框内文字。\n下一段。\n结果\n"


def test_vml_text_box_without_alternate_content(dump_docx_xml) -> None:
    body = p(r("锚点。"), '<w:r><w:pict><v:shape><v:textbox><w:txbxContent>' + p("旧式文本框。")
             + "</w:txbxContent></v:textbox></v:shape></w:pict></w:r>")
    assert dump_docx_xml(body) == "锚点。\n旧式文本框。\n"


def test_fields_show_result_not_instruction(dump_docx_xml) -> None:
    complex_field = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> DATE '
                     '\\@ "yyyy年M月d日" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
                     + r("2024年3月1日") + '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
    nested = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> IF </w:instrText></w:r>'
              '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
              '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + r("9") + '<w:r><w:fldChar w:fldCharType="end"/>'
              '</w:r><w:r><w:instrText> = 1 "a" "b"</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/>'
              '</w:r>' + r("结果") + '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
    simple = '<w:fldSimple w:instr=" TITLE ">' + r("停车管理办法") + "</w:fldSimple>"
    body = p(r("施行日期："), complex_field) + p(nested) + p(r("标题："), simple)
    assert dump_docx_xml(body) == "施行日期：2024年3月1日\n结果\n标题：停车管理办法\n"


def test_field_result_spanning_paragraphs(dump_docx_xml) -> None:
    body = (p('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>TOC \\o</w:instrText></w:r>'
              '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + r("第一章 总则"))
            + p(r("第二章 附则"), '<w:r><w:fldChar w:fldCharType="end"/></w:r>') + p("正文。"))
    assert dump_docx_xml(body) == "第一章 总则\n第二章 附则\n正文。\n"


def _tc(content: str, props: str = "") -> str:
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{content}</w:tc>"


def test_tables_merged_cells_and_nesting(read_docx_xml) -> None:
    nested = "<w:tbl>" + "<w:tr>" + _tc(p("内1")) + _tc(p("内2")) + "</w:tr></w:tbl>"
    rows = ("<w:tr>" + _tc(p("序号")) + _tc(p("事项"), '<w:gridSpan w:val="2"/>') + "</w:tr>"
            + "<w:tr>" + _tc(p("1"), '<w:vMerge w:val="restart"/>') + _tc(p("收费") + nested) + _tc(p("依据"))
            + "</w:tr>"
            + "<w:tr>" + _tc(p("1"), "<w:vMerge/>") + _tc(p("罚款")) + _tc(p("无")) + "</w:tr>")
    doc = read_docx_xml(p("前文。") + f"<w:tbl><w:tblGrid/>{rows}</w:tbl>" + p("后文。"))
    assert [b.text for b in doc.blocks] == ["前文。", "序号", "事项", "1", "收费", "内1", "内2", "依据", "罚款", "无",
                                            "后文。"]
    cells = {b.text: b.cell for b in doc.blocks}
    assert cells["事项"] == (0, 0, 1) and cells["依据"] == (0, 1, 2) and cells["罚款"] == (0, 2, 1)
    assert cells["内2"] == (0, 1, 1) and cells["前文。"] is None
    assert {b.kind for b in doc.blocks if b.cell} == {"cell"}


def test_deleted_table_row_dropped(dump_docx_xml) -> None:
    rows = ("<w:tr>" + _tc(p("保留行")) + "</w:tr>"
            + '<w:tr><w:trPr><w:del w:id="9" w:author="a"/></w:trPr>' + _tc(p(DEL.format(deleted_run("删除行"))))
            + "</w:tr>" + "<w:tr>" + _tc(p("第三行")) + "</w:tr>")
    assert dump_docx_xml(f"<w:tbl>{rows}</w:tbl>") == "保留行\n第三行\n"


def test_breaks_tabs_symbols_hyphens(read_docx_xml) -> None:
    body = p('<w:r><w:t>第一行</w:t><w:br/><w:t>第二行</w:t><w:tab/><w:t>制表</w:t></w:r>',
             '<w:r><w:t>2020</w:t><w:noBreakHyphen/><w:t>02</w:t><w:softHyphen/><w:t>19</w:t></w:r>',
             '<w:r><w:sym w:font="Wingdings" w:char="F0FC"/><w:sym w:font="Symbol" w:char="F0B4"/>'
             '<w:sym w:font="SimSun" w:char="3000"/><w:t>完</w:t></w:r>')
    doc = read_docx_xml(body)
    assert doc.blocks[0].text == "第一行\n第二行\t制表2020-0219✓×\u3000完"
    from normcheck.reader import dump_text
    assert dump_text(doc) == "第一行 第二行\t制表2020-0219✓×\u3000完\n"


def test_hidden_text_skipped_with_warning(read_docx_xml) -> None:
    doc = read_docx_xml(p(r("看得见的。"), r("隐藏的。", "<w:vanish/>"), r("不隐藏。", '<w:vanish w:val="0"/>')))
    assert [b.text for b in doc.blocks] == ["看得见的。不隐藏。"]
    assert WARN_HIDDEN in doc.warnings


def test_text_hidden_by_a_character_style(read_docx_xml) -> None:
    styles = ('<w:style w:type="character" w:styleId="Secret"><w:name w:val="Secret"/>'
              '<w:rPr><w:vanish/></w:rPr></w:style>'
              '<w:style w:type="character" w:styleId="MoreSecret"><w:name w:val="More secret"/>'
              '<w:basedOn w:val="Secret"/><w:rPr><w:b/></w:rPr></w:style>'
              '<w:style w:type="character" w:styleId="Plain"><w:name w:val="Plain"/><w:rPr><w:b/></w:rPr></w:style>')
    body = p(r("咨询电话：12345"), r("内部备注", '<w:rStyle w:val="Secret"/>'),
             r("（基于隐藏样式）", '<w:rStyle w:val="MoreSecret"/>'),
             r("。", '<w:rStyle w:val="Plain"/>'),
             r("样式隐藏但直接显示", '<w:rStyle w:val="Secret"/><w:vanish w:val="0"/>'))
    doc = read_docx_xml(body, styles=styles)
    assert [b.text for b in doc.blocks] == ["咨询电话：12345。样式隐藏但直接显示"]
    assert WARN_HIDDEN in doc.warnings


def test_character_styles_that_show_text_add_no_warning(read_docx_xml) -> None:
    styles = '<w:style w:type="character" w:styleId="Plain"><w:name w:val="Plain"/><w:rPr><w:b/></w:rPr></w:style>'
    doc = read_docx_xml(p(r("加粗的文字", '<w:rStyle w:val="Plain"/>')), styles=styles)
    assert [b.text for b in doc.blocks] == ["加粗的文字"] and doc.warnings == []


def test_formatting_revisions_use_current_properties(read_docx_xml) -> None:
    from ooxml import abstract_num, lvl, num
    numbering = abstract_num(1, lvl(0, "chineseCounting", "第%1条", suff="space")) + num(1, 1)
    old_numbered = ('<w:pPrChange w:id="1" w:author="a"><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/>'
                    "</w:numPr></w:pPr></w:pPrChange>")
    old_hidden = '<w:rPrChange w:id="2" w:author="a"><w:rPr><w:vanish/></w:rPr></w:rPrChange>'
    body = p("不再编号的段落", ppr=old_numbered) + p(r("曾经隐藏的文字", "<w:b/>" + old_hidden), num=(1, 0))
    doc = read_docx_xml(body, numbering=numbering)
    assert [b.text for b in doc.blocks] == ["不再编号的段落", "第一条 曾经隐藏的文字"]
    assert doc.warnings == []


def test_smart_tags_custom_xml_hyperlinks(dump_docx_xml) -> None:
    body = p('<w:smartTag w:uri="urn:schemas-microsoft-com:office:smarttags" w:element="date">' + r("2024年")
             + "</w:smartTag>", '<w:customXml w:element="x">' + r("1月") + "</w:customXml>",
             '<w:hyperlink r:id="rId99">' + r("2日") + "</w:hyperlink>")
    body += '<w:customXml w:element="block">' + p("自定义XML包裹的段落。") + "</w:customXml>"
    assert dump_docx_xml(body) == "2024年1月2日\n自定义XML包裹的段落。\n"


def test_main_part_not_named_document_xml(read_docx_xml) -> None:
    doc = read_docx_xml(p("主文档在别处。"), main_name="word/document2.xml", headers=[p("页眉")])
    assert [b.text for b in doc.blocks] == ["主文档在别处。", "页眉"]
    assert doc.blocks[0].xml_part == "word/document2.xml"


def test_main_part_target_is_a_percent_encoded_absolute_uri(tmp_path) -> None:
    import zipfile

    from ooxml import build_docx, zip_members

    from normcheck.reader import read_path
    path = build_docx(tmp_path / "a.docx", p("正文。"), main_name="word/main doc.xml")
    with zipfile.ZipFile(path) as zf:
        members = {i.filename: zf.read(i) for i in zf.infolist()}
    members["_rels/.rels"] = members["_rels/.rels"].replace(b'Target="word/main doc.xml"',
                                                            b'Target="/word/main%20doc.xml"')
    zip_members(path, members)
    doc = read_path(path)
    assert doc.blocks[0].xml_part == "word/main doc.xml" and doc.blocks[0].text == "正文。"


def test_main_part_in_root_folder(read_docx_xml) -> None:
    doc = read_docx_xml(p("根目录主文档。"), main_name="main.xml")
    assert doc.blocks[0].text == "根目录主文档。"


def test_core_properties_metadata(read_docx_xml) -> None:
    core = {"title": "停车管理办法", "creator": "区司法局", "last_modified_by": "李四",
            "created": "2024-01-02T03:04:05Z", "modified": "2024-02-03T04:05:06Z"}
    doc = read_docx_xml(p("正文"), core=core)
    assert doc.metadata == {"title": "停车管理办法", "creator": "区司法局", "last_modified_by": "李四",
                            "created": "2024-01-02T03:04:05Z", "modified": "2024-02-03T04:05:06Z"}


def test_strict_ooxml(read_docx_xml) -> None:
    from ooxml import abstract_num, lvl, num
    numbering = abstract_num(1, lvl(0, "chineseCounting", "第%1条", suff="space")) + num(1, 1)
    doc = read_docx_xml(p("甲", num=(1, 0)) + p("乙", num=(1, 0)), numbering=numbering, strict=True,
                        headers=[p("页眉")], core={"title": "严格格式"})
    assert [b.text for b in doc.blocks] == ["第一条 甲", "第二条 乙", "页眉"]
    assert doc.metadata["title"] == "严格格式" and doc.metadata["conformance"] == "strict"


def test_alt_chunk_and_math_warn(read_docx_xml) -> None:
    body = p("前。") + '<w:altChunk r:id="rId77"/>' + p(r("面积"), "<m:oMath><m:r><m:t>S=ab</m:t></m:r></m:oMath>")
    doc = read_docx_xml(body)
    assert [b.text for b in doc.blocks] == ["前。", "面积"]
    assert WARN_ALTCHUNK in doc.warnings and WARN_MATH in doc.warnings


def test_parts_and_dump_sections(read_docx_xml) -> None:
    from normcheck.reader import dump_text
    footnotes = '<w:footnote w:id="1">' + p("脚注：依据某法。") + "</w:footnote>"
    endnotes = '<w:endnote w:id="1">' + p("尾注内容。") + "</w:endnote>"
    comments = '<w:comment w:id="0" w:author="审核人">' + p("此处需要上位法依据。") + "</w:comment>"
    body = p(r("正文"), '<w:r><w:footnoteReference w:id="1"/></w:r>', r("。"))
    doc = read_docx_xml(body, headers=[p("前进区人民政府文件")], footers=[p("第1页"), p("第2页")],
                        footnotes=footnotes, endnotes=endnotes, comments=comments)
    assert dump_text(doc) == "正文。\n"
    assert dump_text(doc, parts=True) == ("正文。\n## header\n前进区人民政府文件\n## footer\n第1页\n第2页\n"
                                          "## footnote\n脚注：依据某法。\n## endnote\n尾注内容。\n"
                                          "## comment\n此处需要上位法依据。\n")
    footers = doc.part_blocks("footer")
    assert [(b.index, b.xml_part, b.xml_index) for b in footers] == [(1, "word/footer1.xml", 0),
                                                                   (2, "word/footer2.xml", 0)]
    assert doc.part_blocks("footnote")[0].xml_part == "word/footnotes.xml"
    # The separator footnotes Word writes hold two w:p before the real note.
    assert doc.part_blocks("footnote")[0].xml_index == 2


def test_block_fields(read_docx_xml) -> None:
    styles = ('<w:style w:type="paragraph" w:styleId="Heading1"><w:pPr><w:outlineLvl w:val="0"/></w:pPr>'
              '</w:style><w:style w:type="paragraph" w:styleId="Heading2"><w:basedOn w:val="Heading1"/>'
              '<w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>')
    body = p("") + p("总则", style="Heading1") + p("细则", style="Heading2") + p("正文", ppr='<w:outlineLvl w:val="9"/>')
    doc = read_docx_xml(body, styles=styles)
    assert [(b.text, b.index, b.style, b.outline, b.xml_index) for b in doc.blocks] == [
        ("总则", 1, "Heading1", 0, 1), ("细则", 2, "Heading2", 1, 2), ("正文", 3, "", None, 3)]
    assert all(b.file == doc.path and b.part == "body" for b in doc.blocks)


def test_ruby_reads_base_text_only(dump_docx_xml) -> None:
    ruby = ('<w:r><w:ruby><w:rubyPr/><w:rt><w:r><w:t>zhù</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>住</w:t></w:r>'
            '</w:rubyBase></w:ruby></w:r>')
    assert dump_docx_xml(p(ruby, r("宅"))) == "住宅\n"
