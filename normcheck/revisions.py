"""Accepting the tracked changes of a .docx (as Word's "Accept all changes" does) and removing a reviewer's
comments, so that a copy with suggested fixes can be checked again."""
from __future__ import annotations

import io
import re
from typing import Any

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

_STORY_PARTS = re.compile(r"^word/(document|header\d*|footer\d*|footnotes|endnotes|comments)\.xml$")
_REMOVED = ("del", "moveFrom", "rPrChange", "pPrChange", "sectPrChange", "tblPrChange", "trPrChange",
            "tcPrChange", "tblGridChange", "numberingChange")
_UNWRAPPED = ("ins", "moveTo")


def accept_all_changes(data: bytes) -> bytes:
    """The .docx ``data`` with every tracked change accepted: insertions kept as plain text, deletions
    removed, formatting changes kept as they are now. A deleted paragraph mark merges its paragraph with
    the next one, as Word does."""
    import zipfile

    from lxml import etree  # type: ignore[import-untyped]

    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            payload = source.read(info.filename)
            if _STORY_PARTS.match(info.filename):
                root = etree.fromstring(payload)
                _accept(root)
                payload = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            target.writestr(info, payload)
    return out.getvalue()


def _accept(root: Any) -> None:
    w = f"{{{_W}}}"
    for paragraph in list(root.iter(f"{w}p")):
        mark = paragraph.find(f"{w}pPr/{w}rPr/{w}del")
        following = paragraph.getnext()
        if mark is not None and following is not None and following.tag == f"{w}p":
            for child in list(following):
                if child.tag != f"{w}pPr":
                    paragraph.append(child)
            following.getparent().remove(following)
        if mark is not None:
            mark.getparent().remove(mark)
    for name in _REMOVED:
        for element in list(root.iter(f"{w}{name}")):
            if element.getparent() is not None:
                element.getparent().remove(element)
    for name in _UNWRAPPED:
        for element in list(root.iter(f"{w}{name}")):
            parent = element.getparent()
            if parent is None:
                continue
            if parent.tag == f"{w}rPr":  # an inserted paragraph mark: simply a paragraph now
                parent.remove(element)
                continue
            for child in list(element):
                element.addprevious(child)
            parent.remove(element)


def remove_comments(data: bytes, author: str) -> bytes:
    """The .docx ``data`` without the comments by ``author`` (their ranges, references and texts), as a
    drafter does once the reviewer's notes are dealt with."""
    import zipfile

    from lxml import etree  # type: ignore[import-untyped]

    w = f"{{{_W}}}"
    source = zipfile.ZipFile(io.BytesIO(data))
    names = set(source.namelist())
    if "word/comments.xml" not in names:
        return data
    comments = etree.fromstring(source.read("word/comments.xml"))
    ids = {c.get(f"{w}id") for c in comments.iter(f"{w}comment") if c.get(f"{w}author") == author}
    for comment in list(comments.iter(f"{w}comment")):
        if comment.get(f"{w}id") in ids:
            comments.remove(comment)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            payload = source.read(info.filename)
            if info.filename == "word/comments.xml":
                payload = etree.tostring(comments, xml_declaration=True, encoding="UTF-8", standalone=True)
            elif _STORY_PARTS.match(info.filename) and info.filename != "word/comments.xml":
                root = etree.fromstring(payload)
                for tag in ("commentRangeStart", "commentRangeEnd"):
                    for element in list(root.iter(f"{w}{tag}")):
                        if element.get(f"{w}id") in ids:
                            element.getparent().remove(element)
                for reference in list(root.iter(f"{w}commentReference")):
                    if reference.get(f"{w}id") in ids:
                        run = reference.getparent()
                        run.getparent().remove(run)
                payload = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            target.writestr(info, payload)
    return out.getvalue()
