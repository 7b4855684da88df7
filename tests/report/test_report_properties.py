"""Properties every reporter keeps whatever text a document holds."""
from __future__ import annotations

import json
from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from normcheck.model import Block, Document, FileResult, Finding, Location
from normcheck.report import github, html, json_report, junit, sarif, text

TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40)


def _result(body: str, message: str, start: int, length: int) -> FileResult:
    start = start % len(body)
    end = min(len(body), start + 1 + length)
    location = Location("a.docx", "body", 1, "第一条", start, end)
    finding = Finding("R-1", "error", ("t",), message, message, message, message, location, body[start:end])
    document = Document("a.docx", [Block(body, file="a.docx")], files=("a.docx",))
    return FileResult("a.docx", findings=[finding], document=document)


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)


@settings(max_examples=60, deadline=None)
@given(TEXT, TEXT, st.integers(0, 100), st.integers(0, 10))
def test_every_format_survives_any_text(body, message, start, length):
    results = [_result(body, message, start, length)]
    parser = _Elements()
    parser.feed(html.render(results))
    assert parser.tags <= {"html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "h4", "p",
                           "main", "section", "table", "tbody", "thead", "tr", "th", "td", "a", "ol", "ul", "li",
                           "div", "span", "strong", "mark", "dl", "dt", "dd"}
    etree.fromstring(junit.render(results).encode("utf-8"))
    assert json.loads(json_report.render(results))["files"][0]["findings"][0]["message"] == message
    assert json.loads(sarif.render(results))["runs"][0]["results"][0]["message"]["text"] == message
    for line in github.render(results).splitlines()[:-1]:
        assert line.startswith("::error ") and "\n" not in line and "\r" not in line
    assert "R-1" in text.render_text(results, color=False, width=60)
