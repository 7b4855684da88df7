"""Procedural records of a filing package (程序记录): what the drafting explanation, the legality-review
opinion and the filing report say about consultation (征求意见), legality review (合法性审核), collective
decision (集体审议) and fair-competition review (公平竞争审查).

These are descriptive values for the elements checklist — channel, dates, days, counts, body, conclusion,
meeting — each with the block it was read from. Whether a record *satisfies* the law is the rules' job;
a record here is only "what the package says". Planned steps (拟/将/提请…审议) are not records.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from normcheck.model import Document
from normcheck.structure.dates import find_dates
from normcheck.structure.facts import Structure
from normcheck.structure.sentences import split_sentences

EXPLANATORY_SECTIONS = ("起草说明", "征求意见情况", "合法性审核意见", "备案报告")
NOTICE = "印发通知"
_PLANNED = re.compile(r"(?:拟|将|准备|计划|待)(?:于\S{0,12})?(?:向社会)?(?:公开)?(?:征求|进行|开展|提请|提交|报送|送)")
_CLAUSE_BREAK = re.compile(r"[，,；;：:]")
_PLAN_WORD = re.compile(r"拟|将于|将在|将向|将通过|准备|计划|待|尚未")
_PAST = re.compile(r"已|了|经")
_CHANNELS = ("政府门户网站", "门户网站", "网站", "座谈会", "论证会", "听证会", "书面", "公众号", "报纸", "实地走访",
             "问卷")
_DATE_RANGE = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日\s*(?:至|到|—|－|-|～)\s*(?:\d{4}年)?\d{1,2}月\d{1,2}日")
_DAYS = re.compile(r"(?:期限为|为期|征求意见|时间为|共)\s*(\d{1,3}|[一二三四五六七八九十]{1,3})\s*(个工作日|日|天)")
_RECEIVED = re.compile(r"(?:收到|收集|征集到|共收到)[^。；，,]{0,8}?(\d{1,5})\s*(?:条|件|份)")
_ADOPTED = re.compile(r"(?<!未)(?<!部分)采纳(?:了)?[^。；，,]{0,4}?(\d{1,5})\s*(?:条|件)")
_REVIEW_BODY = re.compile(r"[\u4e00-\u9fa5]{0,12}?(?:司法局|司法厅|司法处|法制办公室|法制办|法制机构|法制科|法规科|法规处|"
                          r"法制处|政策法规科|政策法规处|法律顾问室)")
_CONCLUSION = re.compile(r"(?:审核结论[为是：:]?|结论为|审核认为|认为)[：:]?\s*([^。；]{1,60})")
_MEETING = re.compile(r"[\u4e00-\u9fa5]{0,10}?(?:第[一二三四五六七八九十百零〇\d]+次)?"
                      r"(?:常务会议|全体会议|办公会议|局务会议|党组会议|委务会议|厅务会议|主任会议|党委会议|办公会)"
                      r"(?:第[一二三四五六七八九十百零〇\d]+次会议)?")
_MEETING_DONE = re.compile(r"(?:审议|研究|讨论)(?:并)?(?:通过|同意|决定)|会议(?:审议|研究)")
_LEAD = re.compile(r"提请|同意|经过|经|由|在|于|通过|研究|召开|已送|送|报")
_ORGAN = re.compile(r"[\u4e00-\u9fa5（）()]{2,30}(?:局|委员会|委|办公室|办|中心|院|政府|厅|处|科|站|所|署|会)")
_ADDRESSEE_LINES = 5
_FAIR_CONCLUSION = re.compile(r"(?:经审查|审查结论[为是：:]?|审查认为)[，,：:]?\s*([^。；]{1,80})")


@dataclass(frozen=True, slots=True)
class Record:
    """A descriptive value and the block (index in ``Document.blocks``) it was read from."""

    value: str
    block: int


@dataclass(slots=True)
class Records:
    drafting_body: Record | None = None
    consultation: Record | None = None
    legality_review: Record | None = None
    collective_decision: Record | None = None
    fair_competition: Record | None = None


def has_drafting_record(doc: Document, structure: Structure) -> bool:
    """Whether ``doc`` carries a drafting record (a package, or a file with an explanatory section)."""
    return len(doc.files) > 1 or any(s.name in EXPLANATORY_SECTIONS for s in structure.sections)


def find_records(doc: Document, structure: Structure) -> Records:
    sentences = list(_record_sentences(doc, structure))
    # The drafting explanation first: it is the drafting body's own account of each step.
    ordered = sorted(sentences, key=lambda item: EXPLANATORY_SECTIONS.index(item[2]) if item[2] in
                     EXPLANATORY_SECTIONS else len(EXPLANATORY_SECTIONS))
    plain = [(b, s) for b, s, name in ordered if name != NOTICE]
    review_section = [(b, s) for b, s, name in sentences if name == "合法性审核意见"]
    legality = [(b, s) for b, s in plain if any(w in s for w in ("合法性审核", "合法性审查", "法制审核"))]
    notice = [(b, s) for b, s, name in sentences if name == NOTICE]
    return Records(
        drafting_body=_drafting_body(doc, structure),
        consultation=_consultation(plain),
        legality_review=_legality_review(review_section) or _legality_review(legality),
        collective_decision=_collective_decision(notice + plain),
        fair_competition=_fair_competition(plain),
    )


def _record_sentences(doc: Document, structure: Structure) -> Iterator[tuple[int, str, str]]:
    """(block, sentence, section name) for the explanatory sections, in document order."""
    for section in structure.sections:
        if section.name not in EXPLANATORY_SECTIONS and section.name != NOTICE:
            continue
        for position in range(section.block_start, min(section.block_end, len(doc.blocks))):
            text = doc.blocks[position].text
            for start, end in split_sentences(text):
                yield position, text[start:end], section.name


def _done(sentence: str, keyword: str) -> bool:
    """Whether the step named by ``keyword`` is recorded as done: not planned (拟…, 将…) within its clause."""
    at = sentence.find(keyword)
    if at < 0:
        return False
    clause = _CLAUSE_BREAK.split(sentence[:at])[-1] + keyword
    return not (_PLANNED.search(clause) or (_PLAN_WORD.search(clause) and not _PAST.search(clause)))


def _drafting_body(doc: Document, structure: Structure) -> Record | None:
    """The signature of the drafting explanation (起草单位: an organ line over a date line), else the
    addressee of the legality-review opinion."""
    for section in structure.sections:
        if section.name == "起草说明":
            found = None
            for position in range(section.block_start, min(section.block_end, len(doc.blocks)) - 1):
                text = doc.blocks[position].text.strip()
                if _ORGAN.fullmatch(text) and _is_date_line(doc.blocks[position + 1].text):
                    found = Record(text, position)
            if found is not None:
                return found
    for section in structure.sections:
        if section.name == "合法性审核意见":
            for position in range(section.block_start, min(section.block_end, section.block_start + _ADDRESSEE_LINES)):
                text = doc.blocks[position].text.strip()
                if text.endswith(("：", ":")) and _ORGAN.fullmatch(text[:-1]):
                    return Record(text[:-1], position)
    return None


def _is_date_line(text: str) -> bool:
    text = text.strip()
    dates = find_dates(text)
    return len(dates) == 1 and dates[0][1] == 0 and dates[0][2] == len(text)


def _consultation(sentences: list[tuple[int, str]]) -> Record | None:
    hits = [(b, s) for b, s in sentences if _done(s, "征求") and "意见" in s and "材料" not in s]
    # The sentence that says how (a channel, dates or a period) tells more than a heading that names the step.
    detailed = [(b, s) for b, s in hits if _DATE_RANGE.search(s) or _DAYS.search(s) or any(c in s for c in _CHANNELS)]
    if not detailed:
        return None
    block, first = detailed[0]
    pieces = []
    channels = [c for c in _CHANNELS if c in first and not any(c in other and c != other for other in _CHANNELS
                                                               if other in first)]
    if channels:
        pieces.append("渠道：" + "、".join(channels))
    span = _DATE_RANGE.search(first)
    days = _DAYS.search(first)
    if span:
        pieces.append(span.group(0) + (f"（{_range_days(span.group(0))}日）" if not days else ""))
    if days:
        pieces.append(f"期限{days.group(1)}{days.group(2)}")
    counts = " ".join(s for b, s in sentences if b - block in range(0, 3))
    received, adopted = _RECEIVED.search(counts), _ADOPTED.search(counts)
    if received:
        pieces.append(f"收到意见{received.group(1)}条")
    if adopted:
        pieces.append(f"采纳{adopted.group(1)}条")
    return Record("；".join(pieces) or _clip(first), block)


def _range_days(text: str) -> int:
    found = find_dates(text)
    if len(found) < 2:
        return 0
    return (found[1][0] - found[0][0]).days + 1


def _legality_review(sentences: list[tuple[int, str]]) -> Record | None:
    body = conclusion = None
    block = None
    # An opinion is signed by its author: a short line naming the review body.
    for _, sentence in sentences:
        if (found := _REVIEW_BODY.fullmatch(sentence.strip())) is not None:
            body = found.group(0)
            break
    for b, sentence in sentences:
        mentions = "审核" in sentence or "审查" in sentence
        if not mentions or not _done(sentence, "审"):
            continue
        if body is None and (found := _REVIEW_BODY.search(sentence)):
            body, block = _LEAD.split(found.group(0))[-1], b if block is None else block
        if conclusion is None and (found := _CONCLUSION.search(sentence)):
            conclusion, block = found.group(1).strip(), b if block is None else block
        if body and conclusion:
            break
    if block is None:
        return None
    pieces = [f"审核机构：{body}" if body else "", f"结论：{conclusion}" if conclusion else ""]
    return Record("；".join(p for p in pieces if p), block)


def _collective_decision(sentences: list[tuple[int, str]]) -> Record | None:
    for block, sentence in sentences:
        meeting = _MEETING.search(sentence)
        if meeting is None:
            continue
        name = _LEAD.split(meeting.group(0))[-1].lstrip("日，, ")
        if "提请" in sentence[max(0, meeting.end() - len(name) - 10):meeting.end()]:
            continue
        if not _MEETING_DONE.search(sentence[meeting.start():]):
            continue
        dates = find_dates(sentence)
        when = f"（{_date(dates[0][0])}）" if dates else ""
        return Record(f"{name}{when}", block)
    return None


def _fair_competition(sentences: list[tuple[int, str]]) -> Record | None:
    done = [(b, s) for b, s in sentences if "公平竞争审查" in s and _done(s, "公平竞争审查")]
    if not done:
        return None
    block = done[0][0]
    for _, sentence in done + [(b, s) for b, s in sentences if b in {d[0] for d in done}]:
        conclusion = _FAIR_CONCLUSION.search(sentence)
        if conclusion:
            return Record(f"已审查；结论：{_clip(conclusion.group(1))}", block)
    return Record("已审查；未写明结论", block)


def _date(day: object) -> str:
    return f"{day.year}年{day.month}月{day.day}日"  # type: ignore[attr-defined]


def _clip(text: str, limit: int = 60) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[:limit] + "……"
