"""The head and foot of the main file: title, 文号, issuing authority, 主送, and the 成文/落款 date.

The head is read top-down, past the 份号/密级 lines, the 发文机关标志 (XX区人民政府文件) and the 文号
line, to the first title-shaped line. The 成文日期 is the signature date: a line that is a date (or an
authority followed by a date) near the end of the notice, or of the norm when there is no notice — never
a date inside a sentence.
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from normcheck.model import Document
from normcheck.structure import headings as h
from normcheck.structure.dates import find_dates
from normcheck.structure.facts import Fact
from normcheck.structure.issuer import issuer_type

_HEAD_LINES = 40         # the title stands within the first lines of a file
_AFTER_TITLE = 4         # 主送 follows the title closely
_SIGNATURE_LENGTH = 50   # a signature line (authority + date) is short
_ORGAN_LENGTH = 40
_SENTENCE_MARKS = frozenset("。，；：,;:！？")
_DATE_MARK = re.compile("[年./-]")  # every date find_dates reads has one


@dataclass(slots=True)
class Head:
    title: Fact | None = None
    doc_number: Fact | None = None
    banner: Fact | None = None
    recipients: Fact | None = None


def read_head(doc: Document, positions: list[int]) -> Head:
    head = Head()
    title_at: int | None = None
    for k, position in enumerate(positions[:_HEAD_LINES]):
        block = doc.blocks[position]
        text = block.text
        if title_at is None:
            if h.is_rule_line(text):
                continue
            if h.article_heading(block) or h.division_heading(block):
                break
            if h.is_banner(text) and head.banner is None:
                name = text.strip()
                head.banner = Fact(h.compact(name)[:-2], name, position, *_span(text))
                continue
            number = h.doc_number_in(text)
            if number is not None and head.doc_number is None:
                head.doc_number = Fact(number.group(0), number.group(0), position, number.start(), number.end())
                continue
            if _recipients(head, text, position):
                break
            if h.is_title(text) or h.is_notice_title(text) or _broken_title(doc, positions, k):
                head.title = _title(doc, positions, k)
                title_at = k
            continue
        if k > title_at + _AFTER_TITLE or h.article_heading(block) or h.division_heading(block):
            # The body has begun: 第二条 ……按照下列规定处理： is a provision, not the 主送 line.
            break
        if head.doc_number is None and k == title_at + 1:
            number = h.doc_number_in(text)
            if number is not None:
                head.doc_number = Fact(number.group(0), number.group(0), position, number.start(), number.end())
                continue
        if head.banner is None and _organisation_line(text):
            # The issuer's name on a line of its own under the title (a banner printed without 文件).
            name = text.strip()
            head.banner = Fact(h.compact(name), name, position, *_span(text))
            continue
        if _recipients(head, text, position):
            break
    return head


def _organisation_line(text: str) -> bool:
    line = h.compact(text)
    return 4 <= len(line) <= 40 and not any(ch in line for ch in "。，：:；《》（）()") and issuer_type(line) is not None


def _broken_title(doc: Document, positions: list[int], k: int) -> bool:
    text = doc.blocks[positions[k]].text
    if "《" not in text or "》" in text or k + 1 >= len(positions):
        return False
    return h.is_notice_title(text + doc.blocks[positions[k + 1]].text)


def _title(doc: Document, positions: list[int], k: int) -> Fact:
    """The title Fact; a title broken over two lines at an open 《 is joined (block = its first line)."""
    block = doc.blocks[positions[k]]
    text = block.text.strip()
    if _broken_title(doc, positions, k):
        text += doc.blocks[positions[k + 1]].text.strip()
    start, end = _span(block.text)
    return Fact(h.compact(text), text, positions[k], start, end)


def _recipients(head: Head, text: str, position: int) -> bool:
    """主送机关: 各街道办事处，区政府各部门，各有关单位："""
    line = text.strip()
    if head.recipients is not None or not line.endswith(("：", ":")) or len(line) > 200:
        return False
    body = line[:-1]
    if not body or not (body.startswith("各") or "、" in body or "，" in body or "," in body):
        return False
    if any(mark in body for mark in "。；《》"):
        return False
    start = len(text) - len(text.lstrip())
    head.recipients = Fact(body.strip(), body.strip(), position, start, start + len(body.rstrip()))
    return True


def find_signature(doc: Document, positions: list[int]) -> tuple[Fact | None, Fact | None]:
    """(issue date, signing authority) from the last signature-date line among ``positions``."""
    for k in range(len(positions) - 1, -1, -1):
        position = positions[k]
        block = doc.blocks[position]
        if h.is_table_cell(block):
            continue
        found = signature_date(block.text)
        if found is None:
            continue
        date, start, end = found
        issue = Fact(date, block.text[start:end], position, start, end)
        return issue, _signer(doc, positions, k, start)
    return None, None


def signature_date(text: str) -> tuple[_dt.date, int, int] | None:
    if len(text) > h.MAX_LINE or _DATE_MARK.search(text) is None or len(h.compact(text)) > _SIGNATURE_LENGTH:
        return None
    dates = find_dates(text)
    if not dates:
        return None
    date, start, end = dates[-1]
    if text[end:].strip(" \u3000\t）)") != "":
        return None
    before = text[:start].strip(" \u3000\t（(")
    if len(before) > 30 or any(mark in before for mark in _SENTENCE_MARKS):
        return None
    return date, start, end


def _signer(doc: Document, positions: list[int], k: int, date_start: int) -> Fact | None:
    """The authority signing above the date, or on the same line before it."""
    block = doc.blocks[positions[k]]
    before = block.text[:date_start].strip(" \u3000\t（(")
    if len(before) >= 2:
        start = block.text.find(before)
        return Fact(h.compact(before), before, positions[k], start, start + len(before))
    if k == 0 or positions[k - 1] != positions[k] - 1:
        return None
    previous = doc.blocks[positions[k - 1]]
    line = previous.text.strip()
    if (len(line) > h.MAX_LINE or not 2 <= len(h.compact(line)) <= _ORGAN_LENGTH or any(ch.isdigit() for ch in line)
            or any(mark in line for mark in _SENTENCE_MARKS) or h.is_title(line) or line.startswith(("附件", "（", "("))):
        return None
    return Fact(h.compact(line), line, positions[k - 1], *_span(previous.text))


_TITLE_VERBS = ("关于", "转发", "批转", "印发")


def authority_from_title(title: Fact) -> Fact | None:
    """XX区人民政府关于印发…的通知, XX区人民政府办公室转发…的通知 → the issuer (used when there is no banner
    and no signature)."""
    cuts = [at for at in (title.text.find(verb) for verb in _TITLE_VERBS) if at >= 2]
    if not cuts:
        return None
    cut = min(cuts)
    if issuer_type(title.text[:cut]) is None:
        return None
    name = title.text[:cut].strip()
    return Fact(h.compact(name), name, title.block, title.start, title.start + cut)


def _span(text: str) -> tuple[int, int]:
    start = len(text) - len(text.lstrip())
    return start, max(len(text.rstrip()), start)
