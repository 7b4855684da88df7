from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from normcheck.model import Block, Document, FileResult, Finding, Location
from normcheck.report import html
from normcheck.review import Reviewer

VOID = {"meta", "br", "hr", "img", "link", "input", "col", "wbr"}


class _Tree(HTMLParser):
    """Records element names, ids, internal links and checks that every element is closed in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.ids: set[str] = set()
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.tags.append((tag, found))
        if found.get("id"):
            assert found["id"] not in self.ids, f"duplicate id {found['id']}"
            self.ids.add(found["id"])
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(page: str) -> _Tree:
    tree = _Tree()
    tree.feed(page)
    tree.close()
    assert tree.stack == []
    return tree


def test_golden(results, fixed, golden):
    from rule_fixtures import BUNDLED_TAG_LABELS as LABELS

    golden("report.html", html.render(results, baseline_suppressed=2, unmatched_waivers=["old/*.docx: CC-001"],
                                      reviewer=REVIEWER, tag_labels=LABELS, **fixed))


REVIEWER = Reviewer(name="张三", office="前进区司法局", timezone="Asia/Shanghai")


def test_times_in_the_reviewers_time_zone(results, fixed):
    page = html.render(results, reviewer=REVIEWER, **fixed)
    assert "2026-01-02 11:04:05 UTC+08:00" in page
    assert "前进区司法局 张三" in page


def test_anonymous_reviewer_is_not_named(results, fixed):
    page = html.render(results, reviewer=Reviewer(timezone="UTC"), **fixed)
    assert "审查人" not in page
    assert "03:04:05 UTC+00:00" in page


def test_well_formed_self_contained_page(results):
    page = html.render(results)
    tree = _parse(page)
    assert page.startswith("<!DOCTYPE html>\n<html lang=\"zh-CN\">")
    names = {tag for tag, _ in tree.tags}
    assert "script" not in names and "link" not in names and "img" not in names
    assert not re.search(r"(https?:)?//[\w.-]+\.\w", page.replace("<!DOCTYPE html>", ""))
    assert "@media print" in page and "<style>" in page


def test_every_internal_link_resolves(results):
    tree = _parse(html.render(results))
    links = [attrs["href"] for tag, attrs in tree.tags if tag == "a" and attrs.get("href")]
    assert links and all(link.startswith("#") and link[1:] in tree.ids for link in links)


def test_document_text_is_escaped_and_marked(results):
    page = html.render(results)
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    tree = _parse(page)
    marks = [attrs for tag, attrs in tree.tags if tag == "mark" and attrs.get("class")]
    assert {m["class"] for m in marks} == {"sev-error", "sev-info"}


def test_finding_links_to_its_paragraph_and_back(results):
    page = html.render(results)
    assert '<a href="#doc1-b2">第一条，第2段</a>' in page
    paragraph = re.search(r'<p id="doc1-b2" class="flagged">.*?</p>', page).group(0)
    assert 'href="#doc1-f2"' in paragraph and "<mark" in paragraph


def test_finding_card_parts(results):
    page = html.render(results)
    card = re.search(r'<li class="finding sev-error" id="doc1-f2">.*?</li>', page, re.S).group(0)
    assert 'class="badge sev-error"' in card and "CC-001" in card and "引用已废止的法律" in card
    assert "<mark>《中华人民共和国合同法》</mark>" in card
    assert "<dt>依据</dt>" in card and "<dt>修改建议</dt>" in card


def test_control_characters_do_not_reach_the_page(results):
    assert "\x0b" not in html.render(results)


def test_unreadable_file_and_waivers(results):
    text = "".join(_parse(html.render(results, unmatched_waivers=["old/*.docx: CC-001"])).text)
    assert "无法读取" in text and "not-a-docx" in text
    assert "经法制科确认，暂不修改" in text and "old/*.docx: CC-001" in text


def test_package_finding_names_its_member_file(results):
    assert "起草说明.docx · 第五条，第7段" in html.render(results)


@pytest.mark.parametrize("spans, marked", [
    ([(0, 4), (2, 6)], ["第一", "条 ", "为规"]),
    ([(0, 4), (0, 4)], ["第一条 "]),
    ([(3, 3), (50, 60)], []),
])
def test_overlapping_and_invalid_spans(spans, marked):
    text = "第一条 为规范管理。"
    block = Block(text=text, file="a.txt", index=1)
    findings = [Finding(f"R-{i}", "warning", (), "t", "m", "", "", Location("a.txt", "body", 1, None, s, e))
                for i, (s, e) in enumerate(spans)]
    page = html.render([FileResult("a.txt", findings=findings,
                                   document=Document("a.txt", [block], files=("a.txt",)))])
    paragraph = re.search(r'<p id="doc1-b1".*?</p>', page).group(0)
    assert re.findall(r"<mark [^>]*><a [^>]*>(.*?)</a></mark>", paragraph) == marked
    assert re.sub(r"<[^>]+>", "", paragraph).startswith("1" + text)


def test_package_text_is_grouped_by_member_file():
    blocks = [Block("正文内容", file="p/正文.docx", index=1), Block("说明内容", file="p/起草说明.docx", index=1)]
    finding = Finding("R-1", "error", (), "t", "m", "", "", Location("p/起草说明.docx", "body", 1, None, 0, 2))
    page = html.render([FileResult("p", findings=[finding],
                                   document=Document("p", blocks, files=("p/正文.docx", "p/起草说明.docx")))])
    assert "<h4>p/正文.docx · 正文</h4>" in page and "<h4>p/起草说明.docx · 正文</h4>" in page
    assert '<a href="#doc1-b2">起草说明.docx · 第1段</a>' in page
