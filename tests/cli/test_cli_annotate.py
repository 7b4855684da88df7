"""--annotate: Word comments anchored on the flagged text, in a copy that python-docx re-opens."""
from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from ooxml import build_docx, p, r

from normcheck.errors import NormcheckError
from normcheck.model import Block, Document, FileResult, Finding, Location
from normcheck.report.annotate import annotate_results

DELETED = '<w:del w:id="9" w:author="x" w:date="2024-01-01T00:00:00Z"><w:r><w:delText>不再</w:delText></w:r></w:del>'
PARAGRAPHS = [
    (p("关于印发《某区停车", "管理办法》的通知"), "", "关于印发《某区停车管理办法》的通知"),
    (p("依照《中华人民共", r("和国合同法》的规定", "<w:b/>"), "制定本办法。"), "第一条 ",
     "第一条 依照《中华人民共和国合同法》的规定制定本办法。"),
    (p("违者处以", "罚款。"), "第二条 ", "第二条 违者处以罚款。"),
    (p(DELETED, "收取停车费用"), "第三条 ", "第三条 收取停车费用"),
]


def finding(path: str, rule: str, part: str = "body", paragraph: int | None = None, excerpt: str = "",
            start: int | None = None) -> Finding:
    end = None if start is None else start + len(excerpt)
    return Finding(rule=rule, severity="error", tags=("authority",), title=f"标题{rule}", message=f"说明{rule}",
                   basis=f"依据{rule}", fix=f"建议{rule}",
                   location=Location(file=path, part=part, paragraph=paragraph, start=start, end=end),
                   excerpt=excerpt)


@pytest.fixture()
def checked(tmp_path: Path) -> tuple[Path, FileResult]:
    (tmp_path / "in").mkdir()
    source = build_docx(tmp_path / "in" / "办法.docx", "".join(x[0] for x in PARAGRAPHS))
    path = str(source)
    blocks = [Block(text=text, part="body", index=i + 1, file=path, label=label, xml_index=i,
                    xml_part="word/document.xml") for i, (_, label, text) in enumerate(PARAGRAPHS)]
    doc = Document(path=path, blocks=blocks, files=(path,))
    findings = [
        finding(path, "DOC-1"),
        finding(path, "CC-1", paragraph=2, excerpt="《中华人民共和国合同法》", start=6),
        finding(path, "AU-1", paragraph=3, excerpt="罚款", start=8),
        finding(path, "AU-2", paragraph=4, excerpt="收取", start=4),
        finding(path, "HD-1", part="header", paragraph=1, excerpt="页眉", start=0),
        finding(path, "MISS-1", paragraph=2, excerpt="不存在的文字", start=0),
    ]
    return source, FileResult(path=path, findings=findings, document=doc)


def anchored_texts(path: Path) -> dict[str, str]:
    """Comment ID → the visible text between its range start and end."""
    body = docx.Document(str(path)).element.body
    open_ids: set[str] = set()
    texts: dict[str, str] = {}
    for element in body.iter():
        if element.tag == qn("w:commentRangeStart"):
            open_ids.add(element.get(qn("w:id")))
            texts.setdefault(element.get(qn("w:id")), "")
        elif element.tag == qn("w:commentRangeEnd"):
            open_ids.discard(element.get(qn("w:id")))
        elif element.tag == qn("w:t"):
            for comment_id in open_ids:
                texts[comment_id] += element.text or ""
    return texts


def test_one_comment_per_finding_anchored_on_the_excerpt(tmp_path: Path, checked: tuple[Path, FileResult]) -> None:
    source, result = checked
    before = hashlib.sha256(source.read_bytes()).hexdigest()
    outcomes = list(annotate_results([result], tmp_path / "out", {source.resolve()}))
    assert [o for _, o in outcomes] == [tmp_path / "out" / "办法.docx"]
    copy = docx.Document(str(tmp_path / "out" / "办法.docx"))
    comments = {c.comment_id: c for c in copy.comments}
    assert len(comments) == len(result.findings)
    assert {c.author for c in comments.values()} == {"normcheck"}
    by_rule = {c.text.split("]")[0].lstrip("["): str(c.comment_id) for c in comments.values()}
    anchors = anchored_texts(tmp_path / "out" / "办法.docx")
    assert anchors[by_rule["CC-1"]] == "《中华人民共和国合同法》"
    assert anchors[by_rule["AU-1"]] == "罚款"
    assert anchors[by_rule["AU-2"]] == "收取"
    title = "关于印发《某区停车管理办法》的通知"
    assert anchors[by_rule["DOC-1"]] == title
    assert anchors[by_rule["HD-1"]] == title
    assert anchors[by_rule["MISS-1"]] == "依照《中华人民共和国合同法》的规定制定本办法。"
    text = comments[int(by_rule["CC-1"])].text
    for piece in ("标题CC-1", "说明CC-1", "依据CC-1", "建议CC-1"):
        assert piece in text
    assert "页眉" in comments[int(by_rule["HD-1"])].text
    # The visible text of the copy is unchanged, formatting of split runs kept.
    assert [pa.text for pa in copy.paragraphs] == [x[2][len(x[1]):] for x in PARAGRAPHS]
    bold = [run.text for run in copy.paragraphs[1].runs if run.bold]
    assert "".join(bold) == "和国合同法》的规定"
    assert hashlib.sha256(source.read_bytes()).hexdigest() == before


def test_refuses_to_write_over_the_input(checked: tuple[Path, FileResult]) -> None:
    source, result = checked
    before = source.read_bytes()
    outcomes = list(annotate_results([result], source.parent, {source.resolve()}))
    assert len(outcomes) == 1 and isinstance(outcomes[0][1], NormcheckError)
    assert source.read_bytes() == before


def test_same_names_do_not_collide_and_unreadable_results_are_skipped(tmp_path: Path) -> None:
    results = []
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        source = build_docx(tmp_path / folder / "通知.docx", p("关于某事的通知"))
        block = Block(text="关于某事的通知", file=str(source), xml_index=0, xml_part="word/document.xml")
        doc = Document(path=str(source), blocks=[block], files=(str(source),))
        results.append(FileResult(path=str(source), findings=[finding(str(source), "DOC-1")], document=doc))
    results.append(FileResult(path=str(tmp_path / "broken.docx"), error=None, document=None))
    written = [o for _, o in annotate_results(results, tmp_path / "out", set())]
    assert [Path(w).name for w in written] == ["通知.docx", "通知-2.docx"]
    for path in written:
        assert len(list(docx.Document(str(path)).comments)) == 1


def test_a_file_python_docx_cannot_open_is_reported(tmp_path: Path) -> None:
    source = tmp_path / "假的.docx"
    source.write_bytes(b"not a zip")
    doc = Document(path=str(source), blocks=[Block(text="x", file=str(source), xml_index=0)], files=(str(source),))
    result = FileResult(path=str(source), findings=[finding(str(source), "DOC-1")], document=doc)
    [(_, outcome)] = list(annotate_results([result], tmp_path / "out", set()))
    assert isinstance(outcome, NormcheckError)
    assert not (tmp_path / "out" / "假的.docx").exists()


def test_a_run_that_cannot_be_split_widens_the_anchor(tmp_path: Path) -> None:
    tab_run = '<w:r><w:t xml:space="preserve">违者处以</w:t><w:tab/><w:t>罚款</w:t></w:r>'
    source = build_docx(tmp_path / "a.docx", p("关于某事的通知") + p(tab_run, "。其他。"))
    path = str(source)
    blocks = [Block(text="关于某事的通知", index=1, file=path, xml_index=0),
              Block(text="违者处以\t罚款。其他。", index=2, file=path, xml_index=1)]
    doc = Document(path=path, blocks=blocks, files=(path,))
    result = FileResult(path, [finding(path, "AU-1", paragraph=2, excerpt="罚款", start=5)], document=doc)
    [(_, written)] = list(annotate_results([result], tmp_path / "out", {source.resolve()}))
    assert list(anchored_texts(Path(written)).values()) == ["违者处以罚款"]


def test_copy_is_a_sound_package(tmp_path: Path, checked: tuple[Path, FileResult]) -> None:
    """What Word checks before it offers a repair: every comment has its part entry, relationship, one range
    start before one range end, and one reference run, all with the same ID."""
    import zipfile

    from lxml import etree

    source, result = checked
    [(_, written)] = list(annotate_results([result], tmp_path / "out", {source.resolve()}))
    with zipfile.ZipFile(written) as package:
        assert package.testzip() is None
        names = set(package.namelist())
        types = package.read("[Content_Types].xml").decode("utf-8")
        rels = package.read("word/_rels/document.xml.rels").decode("utf-8")
        body = etree.fromstring(package.read("word/document.xml"))
        comments_xml = etree.fromstring(package.read("word/comments.xml"))
    assert "word/comments.xml" in names and "/word/comments.xml" in types and "comments.xml" in rels
    ids = [c.get(qn("w:id")) for c in comments_xml.iter(qn("w:comment"))]
    assert len(ids) == len(set(ids)) == len(result.findings)
    order = [(e.tag, e.get(qn("w:id"))) for e in body.iter(qn("w:commentRangeStart"), qn("w:commentRangeEnd"),
                                                          qn("w:commentReference"))]
    for comment_id in ids:
        mine = [tag for tag, i in order if i == comment_id]
        assert mine == [qn("w:commentRangeStart"), qn("w:commentRangeEnd"), qn("w:commentReference")]
    for reference in body.iter(qn("w:commentReference")):
        assert reference.getparent().tag == qn("w:r")


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_converts_the_copy(tmp_path: Path, checked: tuple[Path, FileResult]) -> None:
    source, result = checked
    [(_, written)] = list(annotate_results([result], tmp_path / "out", {source.resolve()}))
    done = subprocess.run(["soffice", "--headless", "--convert-to", "txt:Text", "--outdir", str(tmp_path / "txt"),
                           str(written)], check=False, capture_output=True, timeout=120)
    assert done.returncode == 0
    assert "违者处以罚款" in (tmp_path / "txt" / "办法.txt").read_text(encoding="utf-8-sig")
