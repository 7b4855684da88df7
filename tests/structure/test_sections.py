from normcheck.model import Document
from normcheck.structure import Section, Structure, analyze

from .docs import NOTICE_AND_NORM, package, text_doc


def names(doc: Document) -> list[tuple[str, int, int]]:
    return [(s.name, s.block_start, s.block_end) for s in analyze(doc).sections]


def test_notice_then_norm() -> None:
    assert names(text_doc(NOTICE_AND_NORM)) == [("印发通知", 0, 8), ("正文", 8, 21)]


def test_norm_alone_is_all_main_text() -> None:
    assert names(text_doc("XX区物业管理办法\n第一条 甲。\n第二条 乙。")) == [("正文", 0, 3)]


def test_notice_that_is_itself_the_norm() -> None:
    assert names(text_doc("XX区人民政府关于加强物业管理的通知\n各街道办事处：\n一、加强管理。")) == [("正文", 0, 3)]


def test_norm_found_by_its_first_heading_when_its_title_differs() -> None:
    doc = text_doc("XX区人民政府关于印发XX区物业管理办法的通知\n各街道办事处：\n现印发给你们。\nXX区人民政府\n"
                   "2020年12月28日\nXX区物业管理办法（试行）\n第一条 甲。")
    assert names(doc) == [("印发通知", 0, 5), ("正文", 5, 7)]


def test_one_file_holding_the_whole_package() -> None:
    doc = text_doc("XX区人民政府关于印发《XX区城市管理办法》的通知\n各街道办事处：\n附件：XX区城市管理办法\n"
                   "XX区人民政府\n2024年3月1日\n附件\nXX区城市管理办法\n第一条 甲。\n附件1\n申请表\n"
                   "关于《XX区城市管理办法》的起草说明\n一、起草背景\n二、征求意见情况\n"
                   "区司法局关于《XX区城市管理办法》的合法性审核意见书\n经审核，合法。\n"
                   "关于《XX区城市管理办法》报送备案的报告\n现报送备案。\n征求意见情况汇总表\n无")
    assert names(doc) == [("印发通知", 0, 6), ("正文", 6, 8), ("附件", 8, 10), ("起草说明", 10, 13),
                          ("合法性审核意见", 13, 15), ("备案报告", 15, 17), ("征求意见情况", 17, 19)]


def test_package_sections_by_file_name_and_first_heading() -> None:
    doc = package({
        "pkg/XX区物业管理办法.docx": ["XX区物业管理办法", "第一条 甲。", "第二条 乙。"],
        "pkg/起草说明.docx": ["关于《XX区物业管理办法》的说明", "第一条规定了立法目的。"],
        "pkg/审核.docx": ["区司法局关于《XX区物业管理办法》的合法性审核意见书", "经审核，合法。"],
        "pkg/报告.docx": ["关于《XX区物业管理办法》报送备案的报告", "现报送备案。"],
        "pkg/征求意见情况.docx": ["征求意见采纳情况", "无"],
        "pkg/附件1.docx": ["附件1", "申请表"],
    })
    sections = analyze(doc).sections
    assert [(s.name, s.block_start, s.block_end, s.file) for s in sections] == [
        ("正文", 0, 3, "pkg/XX区物业管理办法.docx"), ("起草说明", 3, 5, "pkg/起草说明.docx"),
        ("合法性审核意见", 5, 7, "pkg/审核.docx"), ("备案报告", 7, 9, "pkg/报告.docx"),
        ("征求意见情况", 9, 11, "pkg/征求意见情况.docx"), ("附件", 11, 13, "pkg/附件1.docx")]


def test_package_reads_the_head_from_the_main_file_whatever_its_order() -> None:
    doc = package({
        "pkg/1起草说明.docx": ["关于《XX区物业管理办法》的起草说明", "XX区住房和城乡建设局", "2020年11月1日"],
        "pkg/2XX区人民政府关于印发物业管理办法的通知.docx": [
            "XX区人民政府文件", "前政规〔2020〕1号", "XX区人民政府关于印发《XX区物业管理办法》的通知", "各街道办事处：",
            "现印发给你们。", "XX区人民政府", "2020年12月28日", "XX区物业管理办法", "第一条 甲。",
            "第二条 本办法自2021年2月1日起施行。"],
    })
    s = analyze(doc)
    assert s.doc_number is not None and s.doc_number.value == "前政规〔2020〕1号"
    assert s.issue_date is not None and s.issue_date.block == 9
    assert s.effective_date is not None and s.effective_date.block == 12
    assert [a.number for a in s.articles] == [1, 2]


def test_enumerated_subheadings_do_not_open_sections() -> None:
    doc = text_doc("关于《XX区物业管理办法》的起草说明\n一、起草背景\n二、征求意见情况\n（三）合法性审核意见\n已征求意见。")
    assert names(doc) == [("起草说明", 0, 5)]


def test_section_at_by_bisection_matches_a_linear_scan() -> None:
    s = Structure(sections=[Section("印发通知", 0, 3), Section("正文", 3, 10), Section("起草说明", 12, 15)])
    for block in range(-1, 17):
        linear = next((x for x in s.sections if x.block_start <= block < x.block_end), None)
        assert s.section_at(block) is linear
    assert Structure().section_at(0) is None and Structure().article_at(0) is None


def test_notice_and_norm_in_separate_member_files() -> None:
    doc = package({
        "pkg/通知.docx": ["XX区人民政府关于印发《XX区物业管理办法》的通知", "各街道办事处：", "现印发给你们。", "XX区人民政府",
                        "2020年12月28日"],
        "pkg/XX区物业管理办法.docx": ["XX区物业管理办法", "第一条 甲。", "第二条 本办法自印发之日起施行，有效期3年。"],
    })
    s = analyze(doc)
    assert [(x.name, x.file) for x in s.sections] == [("印发通知", "pkg/通知.docx"), ("正文", "pkg/XX区物业管理办法.docx")]
    assert s.issue_date is not None and s.issue_date.block == 4
    assert s.effective_rule is not None and s.effective_rule.value == "on-issue" and s.effective_rule.block == 7
    assert s.effective_date is not None and s.effective_date.value == s.issue_date.value


def test_norm_named_without_title_marks_or_under_an_attachment_mark() -> None:
    by_name = text_doc("XX区人民政府办公室关于印发XX区老旧小区改造实施方案的通知\n各街道办事处：\n现印发给你们。\n"
                       "XX区人民政府办公室\n2021年3月1日\nXX区老旧小区改造实施方案\n一、总体要求\n二、主要任务")
    assert names(by_name) == [("印发通知", 0, 5), ("正文", 5, 8)]
    by_mark = text_doc("XX区人民政府办公室关于印发改造方案的通知\n各街道办事处：\n现印发给你们。\nXX区人民政府办公室\n"
                       "2021年3月1日\n附件\nXX区老旧小区改造实施方案\n一、总体要求")
    assert names(by_mark) == [("印发通知", 0, 6), ("正文", 6, 8)]


def test_explanatory_file_opening_under_its_authors_name() -> None:
    assert names(text_doc("XX区司法局\n关于《XX区物业管理办法》的合法性审核意见书\n前司审〔2024〕21号\n经审核，合法。")) == [
        ("合法性审核意见", 0, 4)]
    assert names(text_doc("XX区司法局\n审核意见\n第一条 甲。")) == [("正文", 0, 3)]


def test_one_file_holding_a_filing_report_then_the_notice_and_the_norm() -> None:
    from normcheck.model import Block, Document
    from normcheck.structure import analyze

    lines = ["关于报送《XX区住宅小区停车管理办法》的备案报告", "XX市人民政府：",
             "《XX区住宅小区停车管理办法》已于2020年12月28日印发，现将有关材料报送备案。",
             "附件：1.正式文本 2.起草说明", "XX区人民政府", "2021年2月10日",
             "XX区人民政府关于印发《XX区住宅小区停车管理办法》的通知", "各街道办事处：",
             "现将《XX区住宅小区停车管理办法》印发给你们。", "XX区人民政府", "2020年12月28日",
             "XX区住宅小区停车管理办法", "第一条 为了规范停车管理，制定本办法。", "第六条 本办法自2021年2月1日起施行，有效期5年。"]
    s = analyze(Document("x", [Block(line) for line in lines]))
    assert [(x.name, x.block_start, x.block_end) for x in s.sections] == [
        ("备案报告", 0, 6), ("印发通知", 6, 11), ("正文", 11, 14)]
    assert s.issue_date is not None and s.issue_date.block == 10


def test_a_notice_named_inside_a_report_before_its_signature_is_not_a_new_part() -> None:
    from normcheck.model import Block, Document
    from normcheck.structure import analyze

    lines = ["关于报送《XX区停车管理办法》的备案报告", "XX市人民政府：",
             "XX区人民政府关于印发《XX区停车管理办法》的通知", "已于2020年12月28日印发，现报送备案。",
             "XX区人民政府", "2021年2月10日"]
    s = analyze(Document("x", [Block(line) for line in lines]))
    assert [x.name for x in s.sections] == ["备案报告"]
