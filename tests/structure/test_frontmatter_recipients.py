"""The 主送 line is read from the head of the document, never from its articles."""
from __future__ import annotations

from normcheck.model import Block, Document
from normcheck.structure import analyze


def _doc(*lines: str) -> Document:
    return Document("x", [Block(line) for line in lines])


def test_an_article_ending_in_a_colon_is_not_the_recipients_line() -> None:
    s = analyze(_doc("XX区停车管理办法", "第一条 为了规范停车管理，制定本办法。",
                     "第二条 违反本办法规定的，按照下列规定处理：", "（一）责令改正；"))
    assert s.recipients is None
    assert s.role_at(2, 0) == "own"


def test_a_chapter_heading_ends_the_head_too() -> None:
    s = analyze(_doc("XX区停车管理办法", "第一章 总则", "各街道办事处、区政府各部门："))
    assert s.recipients is None


def test_the_recipients_line_under_a_notice_title_is_still_read() -> None:
    s = analyze(_doc("XX区人民政府关于印发《XX区停车管理办法》的通知", "各街道办事处、区政府各部门：",
                     "现将《XX区停车管理办法》印发给你们，请认真贯彻执行。"))
    assert s.recipients is not None and s.recipients.value == "各街道办事处、区政府各部门"
