import pytest

from normcheck.model import Block, Document
from normcheck.structure import analyze

from .docs import NOTICE_AND_NORM, text_doc


def test_notice_head() -> None:
    s = analyze(text_doc(NOTICE_AND_NORM))
    assert s.title is not None and s.title.value == "XX区人民政府关于印发《XX区物业管理办法》的通知"
    assert s.title.block == 2
    assert s.doc_number is not None and (s.doc_number.value, s.doc_number.block) == ("前政规〔2020〕1号", 1)
    assert s.authority is not None and (s.authority.value, s.authority.block) == ("XX区人民政府", 0)
    assert s.recipients is not None and s.recipients.value == "各街道办事处，区政府各部门，各有关单位"


def test_norm_without_notice_takes_its_own_title() -> None:
    s = analyze(text_doc("XX区停车管理暂行办法\n第一条 为规范停车管理，制定本办法。\n第二条 本办法自2021年1月1日起施行。"))
    assert s.title is not None and (s.title.value, s.title.block) == ("XX区停车管理暂行办法", 0)
    assert s.doc_number is None and s.recipients is None


def test_title_with_trial_suffix_and_spaces() -> None:
    s = analyze(text_doc("XX区人民政府文件\nXX区 物业 管理办法（试行）\n第一条 为规范管理，制定本办法。"))
    assert s.title is not None and s.title.value == "XX区物业管理办法（试行）"
    assert s.title.text == "XX区 物业 管理办法（试行）"


def test_title_broken_over_two_lines_is_joined() -> None:
    s = analyze(text_doc("XX区人民政府关于印发《XX区城市\n管理办法》的通知\n各街道办事处：\n现印发给你们。"))
    assert s.title is not None and s.title.value == "XX区人民政府关于印发《XX区城市管理办法》的通知"
    assert s.title.block == 0


@pytest.mark.parametrize("number", [
    "前政规〔2024〕3号", "前政规[2024]3号", "前政规［2024］3号", "前政规【2024】3号", "前政规(2024)3号",
    "前政规（2024）3号", "前政规〔2024〕第3号", "前政规〔2024〕03号", "哈政发法字[2009]1号", "佳政办规〔2021〕3号",
])
def test_doc_number_variants_keep_raw_text(number: str) -> None:
    s = analyze(text_doc(f"XX区人民政府文件\n{number}\nXX区人民政府关于加强物业管理的通知\n各街道办事处：\n一、加强管理。"))
    assert s.doc_number is not None and s.doc_number.value == number


def test_doc_number_with_signer_on_the_same_line() -> None:
    s = analyze(text_doc("XX区人民政府文件\n前政发〔2020〕1号　　签发人：张三\nXX区人民政府关于加强物业管理的通知"))
    assert s.doc_number is not None and s.doc_number.value == "前政发〔2020〕1号"
    assert s.doc_number.start == 0 and s.doc_number.end == len("前政发〔2020〕1号")


def test_doc_number_cited_in_the_body_is_not_the_documents_number() -> None:
    s = analyze(text_doc("XX区停车管理办法\n第一条 为规范停车管理，制定本办法。\n"
                         "第二条 本办法自2021年1月1日起施行。《XX区停车管理暂行办法》（前政规〔2017〕2号）同时废止。"))
    assert s.doc_number is None


def test_authority_from_signature_when_there_is_no_banner() -> None:
    s = analyze(text_doc("XX区住房和城乡建设局关于加强物业管理的通知\n区属各单位、各物业服务企业:\n"
                         "一、加强管理。\nXX区住房和城乡建设局\n二〇二〇年二月十九日"))
    assert s.authority is not None and (s.authority.value, s.authority.block) == ("XX区住房和城乡建设局", 3)
    assert s.recipients is not None and s.recipients.value == "区属各单位、各物业服务企业"


def test_authority_from_title_as_last_resort() -> None:
    s = analyze(text_doc("XX区民政局关于规范养老服务的通知\n各养老机构：\n一、规范服务。"))
    assert s.authority is not None and s.authority.value == "XX区民政局"


def test_a_colon_line_in_the_body_is_not_the_recipients_line() -> None:
    s = analyze(text_doc("XX区物业管理办法\n第一条 为规范管理，制定本办法。\n具体要求如下：\n（一）公开。"))
    assert s.recipients is None


def test_banner_and_title_in_a_head_table() -> None:
    doc = Document("x.docx", [
        Block("XX区人民政府文件", index=1, cell=(0, 0, 0), kind="cell"),
        Block("前政发〔2020〕7号", index=2, cell=(0, 1, 0), kind="cell"),
        Block("XX区人民政府关于加强安全生产工作的意见", index=3),
    ])
    s = analyze(doc)
    assert s.authority is not None and s.authority.value == "XX区人民政府"
    assert s.doc_number is not None and s.title is not None and s.title.block == 2
