"""The annotated copy speaks in the reviewer's name and defines the comment styles it uses."""
from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from normcheck.model import Block, Document, FileResult, Finding, Location
from normcheck.report.annotate import annotate_results
from normcheck.review import Reviewer


def _result(source: Path) -> FileResult:
    path = str(source)
    blocks = [Block(text="第一条 依照《中华人民共和国物权法》制定本办法。", index=1, file=path, xml_index=0,
                    xml_part="word/document.xml")]
    finding = Finding(rule="CC-001", severity="error", tags=("civil-code",), title="引用已废止的法律",
                      message="说明", basis="依据", fix="建议",
                      location=Location(path, "body", 1, "第一条", 3, 17), excerpt="《中华人民共和国物权法》")
    return FileResult(path=path, findings=[finding], document=Document(path=path, blocks=blocks, files=(path,)))


@pytest.fixture()
def annotated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    source = tmp_path / "in.docx"
    word = docx.Document()
    word.add_paragraph("第一条 依照《中华人民共和国物权法》制定本办法。")
    word.save(str(source))
    monkeypatch.setenv("NORMCHECK_TODAY", "2025-03-04")
    reviewer = Reviewer(name="李四", initials="LS", office="前进区司法局", timezone="Asia/Shanghai")
    [(_, written)] = list(annotate_results([_result(source)], tmp_path / "out", {source.resolve()}, reviewer))
    assert isinstance(written, Path)
    return written


def test_comments_are_by_the_reviewer_in_local_time(annotated: Path) -> None:
    [comment] = docx.Document(str(annotated)).comments
    element = comment._comment_elm
    assert element.get(qn("w:author")) == "李四"
    assert element.get(qn("w:initials")) == "LS"
    stamp = element.get(qn("w:date"))
    assert stamp.startswith("2025-03-04T")
    assert dt.datetime.fromisoformat(stamp).tzinfo is None


def test_comment_styles_are_defined(annotated: Path) -> None:
    with zipfile.ZipFile(annotated) as package:
        styles = package.read("word/styles.xml").decode("utf-8")
        comments = package.read("word/comments.xml").decode("utf-8")
        document = package.read("word/document.xml").decode("utf-8")
    used = {value for text in (comments, document)
            for value in re.findall(r'w:[pr]Style w:val="([^"]+)"', text)}
    assert {"CommentText", "CommentReference"} <= used
    for style_id in used:
        assert f'w:styleId="{style_id}"' in styles


def test_styles_are_not_duplicated_when_present(tmp_path: Path) -> None:
    from normcheck.report.wordstyles import ensure_comment_styles

    word = docx.Document()
    assert ensure_comment_styles(word) == ["CommentText", "CommentReference"]
    assert ensure_comment_styles(word) == []
