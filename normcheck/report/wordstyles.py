"""Word parts that normcheck's .docx copies refer to and must therefore define: the comment styles, and
the reviewer's identity and time on comments and tracked changes."""
from __future__ import annotations

import datetime as dt
from typing import Any

from normcheck.review import Reviewer

# styleId → (type, Word's built-in name, extra run properties). Word's own names, so that Word, WPS and
# LibreOffice map them to their built-in comment styles instead of showing unknown ones.
COMMENT_STYLES: dict[str, tuple[str, str, str]] = {
    "CommentText": ("paragraph", "annotation text", '<w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr>'),
    "CommentReference": ("character", "annotation reference",
                         '<w:rPr><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr>'),
}
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def ensure_comment_styles(word: Any) -> list[str]:
    """Add the comment styles the comments part uses to ``word``'s styles part when it lacks them; returns
    the style IDs added."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn

    styles = word.styles.element
    present = {s.get(qn("w:styleId")) for s in styles.iterchildren(qn("w:style"))}
    added = []
    for style_id, (kind, name, run) in COMMENT_STYLES.items():
        if style_id in present:
            continue
        based = '<w:basedOn w:val="Normal"/>' if kind == "paragraph" and "Normal" in present else ""
        link = '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>'
        styles.append(parse_xml(f'<w:style xmlns:w="{_W}" w:type="{kind}" w:styleId="{style_id}">'
                                f'<w:name w:val="{name}"/>{based}{link}{run}</w:style>'))
        added.append(style_id)
    return added


def word_timestamp(moment: dt.datetime) -> str:
    """``w:date`` as Word writes it: the reviewer's wall-clock time, without a zone suffix."""
    return moment.strftime("%Y-%m-%dT%H:%M:%S")


def stamp_comment(comment: Any, reviewer: Reviewer, moment: dt.datetime) -> None:
    """Author, initials and local date on a python-docx ``Comment``."""
    from docx.oxml.ns import qn

    element = comment._comment_elm
    element.set(qn("w:author"), reviewer.name)
    element.set(qn("w:initials"), reviewer.initials)
    element.set(qn("w:date"), word_timestamp(moment))
