"""Write a DocSpec as a .docx the way Word writes it: article, chapter and item labels come from
numbering.xml (chineseCounting), words are split over several runs, revisions are w:ins / w:del, the footer
page number is a field, and the zip is rewritten with fixed timestamps so that a rebuild is byte-identical."""
from __future__ import annotations

import re
import tempfile
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from ooxml import abstract_num, build_docx, lvl, num, p, r
from sample_spec import DocSpec, Paragraph, Run, Table

CHAPTER_NUM = 1
ARTICLE_NUM = 2
REVISION_DATE = "2024-04-16T10:20:00Z"
ZIP_TIME = (2024, 1, 1, 0, 0, 0)

_FONT = '<w:rFonts w:ascii="仿宋_GB2312" w:eastAsia="仿宋_GB2312" w:hAnsi="仿宋_GB2312" w:hint="eastAsia"/>'
# Word starts a new run where proofing, language or editing sessions change: around book-title marks and
# between digits and CJK text in practice.
_RUN_BREAK = re.compile(r"(?<=》)|(?=《)|(?<=\d)(?=\D)|(?<=\D)(?=\d)")

NUMBERING = "".join((
    abstract_num(0, lvl(0, "chineseCounting", "第%1章", suff="space")),
    abstract_num(1,
                 lvl(0, "chineseCounting", "第%1条", suff="space"),
                 lvl(1, "chineseCounting", "（%2）", suff="nothing")),
    num(CHAPTER_NUM, 0),
    num(ARTICLE_NUM, 1),
))

STYLES = (
    '<w:docDefaults><w:rPrDefault><w:rPr>' + _FONT + '<w:sz w:val="32"/><w:lang w:val="en-US" '
    'w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault></w:docDefaults>'
    '<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/>'
    '<w:pPr><w:spacing w:line="560" w:lineRule="exact"/><w:ind w:firstLineChars="200" w:firstLine="640"/>'
    '</w:pPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="Chapter"><w:name w:val="章标题"/><w:basedOn w:val="a"/>'
    '<w:pPr><w:jc w:val="center"/><w:ind w:firstLineChars="0" w:firstLine="0"/><w:outlineLvl w:val="0"/>'
    '</w:pPr><w:rPr><w:rFonts w:ascii="黑体" w:eastAsia="黑体" w:hint="eastAsia"/></w:rPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="Article"><w:name w:val="条文"/><w:basedOn w:val="a"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="a3"><w:name w:val="header"/><w:basedOn w:val="a"/>'
    '<w:pPr><w:jc w:val="center"/></w:pPr><w:rPr><w:sz w:val="18"/></w:rPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="a4"><w:name w:val="footer"/><w:basedOn w:val="a"/>'
    '<w:rPr><w:sz w:val="28"/></w:rPr></w:style>'
    '<w:style w:type="table" w:styleId="a5"><w:name w:val="Table Grid"/><w:tblPr><w:tblBorders>'
    + "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
              for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    + '</w:tblBorders></w:tblPr></w:style>'
)


class _Revisions:
    """Hands out the w:id values of w:ins / w:del in document order, as Word numbers them."""

    def __init__(self) -> None:
        self.next_id = 1

    def take(self) -> int:
        self.next_id += 1
        return self.next_id - 1


# Editing sessions also cut runs in the middle of words; a fixed stride keeps the output deterministic.
_RUN_STRIDE = 23


def _plain_runs(text: str) -> str:
    pieces = [piece for piece in _RUN_BREAK.split(text) if piece]
    runs = [piece[i:i + _RUN_STRIDE] for piece in pieces for i in range(0, len(piece), _RUN_STRIDE)]
    return "".join(r(escape(run), _FONT) for run in runs)


def _run_xml(run: Run, author: str, revisions: _Revisions) -> str:
    if run.change == "ins":
        return (f'<w:ins w:id="{revisions.take()}" w:author="{escape(author)}" w:date="{REVISION_DATE}">'
                f"{_plain_runs(run.text)}</w:ins>")
    if run.change == "del":
        return (f'<w:del w:id="{revisions.take()}" w:author="{escape(author)}" w:date="{REVISION_DATE}">'
                f'<w:r><w:rPr>{_FONT}</w:rPr><w:delText xml:space="preserve">{escape(run.text)}</w:delText>'
                "</w:r></w:del>")
    return _plain_runs(run.text)


def _paragraph_xml(para: Paragraph, author: str, revisions: _Revisions) -> str:
    runs = "".join(_run_xml(run, author, revisions) for run in para.runs)
    if para.kind == "chapter":
        return p(runs, style="Chapter", num=(CHAPTER_NUM, 0))
    if para.kind == "article":
        return p(runs, style="Article", num=(ARTICLE_NUM, 0))
    if para.kind == "item":
        return p(runs, style="Article", num=(ARTICLE_NUM, 1))
    ppr = f'<w:jc w:val="{para.align}"/>' if para.align else ""
    return p(runs, ppr=ppr) if ppr else p(runs)


_NO_INDENT = '<w:ind w:firstLineChars="0" w:firstLine="0"/>'


def _table_xml(tbl: Table) -> str:
    columns = max(len(row) for row in tbl.rows)
    width = 8800 // columns
    grid = "".join(f'<w:gridCol w:w="{width}"/>' for _ in range(columns))
    rows = []
    for row in tbl.rows:
        cells = "".join(
            f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>'
            f'{p(_plain_runs(text), ppr=_NO_INDENT)}</w:tc>'
            for text in row)
        rows.append(f"<w:tr>{cells}</w:tr>")
    return (f'<w:tbl><w:tblPr><w:tblStyle w:val="a5"/><w:tblW w:w="0" w:type="auto"/>'
            f'<w:tblLook w:val="04A0"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{"".join(rows)}</w:tbl>')


def body_xml(spec: DocSpec) -> str:
    revisions = _Revisions()
    parts = [_table_xml(item) if isinstance(item, Table) else _paragraph_xml(item, spec.author, revisions)
             for item in spec.body]
    # Word keeps its "last edit position" bookmark in every saved document.
    return '<w:bookmarkStart w:id="0" w:name="_GoBack"/><w:bookmarkEnd w:id="0"/>' + "".join(parts)


def _footer_xml(text: str) -> str:
    """A footer whose page number is a PAGE field showing ``text``'s digits as its cached result."""
    before, digits, after = re.match(r"(\D*)(\d*)(.*)", text).groups()  # type: ignore[union-attr]
    field = (f'<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE '
             f'</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>{r(digits)}'
             f'<w:r><w:fldChar w:fldCharType="end"/></w:r>') if digits else ""
    return p(r(escape(before)), field, r(escape(after)), style="a4", ppr='<w:jc w:val="center"/>')


def write_docx(spec: DocSpec, path: Path) -> Path:
    """Write ``spec`` to ``path`` deterministically."""
    core = {"title": spec.title, "creator": spec.author, "last_modified_by": spec.author,
            "created": spec.created, "modified": spec.created}
    with tempfile.TemporaryDirectory() as tmp:
        raw = build_docx(Path(tmp) / "raw.docx", body_xml(spec), numbering=NUMBERING, styles=STYLES,
                         headers=[p(r(escape(spec.header)), style="a3")] if spec.header else (),
                         footers=[_footer_xml(spec.footer)], core=core)
        _rezip(raw, path)
    return path


def _rezip(source: Path, target: Path) -> None:
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
