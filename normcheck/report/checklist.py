"""The elements checklist (要素核对表): the filing elements of a document with the value found and where.

``build_checklist`` is the one place that reads document facts for the checklist, the review opinion and
the ledger; everything else consumes ``ChecklistItem``s.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from normcheck.model import Document
from normcheck.report.labels import paragraph_label
from normcheck.structure.dates import add_months

FOUND, MISSING, PACKAGE = "found", "missing", "package"
STATUS_LABELS = {FOUND: "已找到", MISSING: "未找到", PACKAGE: "需报送材料核对"}
# key → label; the last four are read from the drafting record of a filing package.
ELEMENTS = {
    "title": "文件名称",
    "doc_number": "文号",
    "authority": "发文机关",
    "drafting_body": "起草单位",
    "issue_date": "成文日期",
    "effective_date": "施行日期",
    "validity": "有效期",
    "consultation": "征求意见",
    "legality_review": "合法性审核",
    "collective_decision": "集体审议",
    "fair_competition": "公平竞争审查",
}
PROCEDURE = ("consultation", "legality_review", "collective_decision", "fair_competition")
PACKAGE_ONLY = frozenset({"drafting_body", *PROCEDURE})


@dataclass(frozen=True, slots=True)
class ChecklistItem:
    """One element: ``value`` as shown to the officer, ``data`` in machine form (an ISO date for dates,
    the end date for the validity period), ``file``/``paragraph`` where it was read (1-based, body)."""

    key: str
    label: str
    status: str
    value: str = ""
    data: str | None = None
    file: str = ""
    paragraph: int | None = None
    source: str = ""

    @property
    def shown(self) -> str:
        return self.value if self.status == FOUND else STATUS_LABELS[self.status]

    def where(self, path: str = "") -> str:
        """``正文.docx 第2段`` (the member file only inside a package), or "" when nothing was found."""
        if self.status != FOUND or self.paragraph is None:
            return ""
        label = paragraph_label_of(self.paragraph) + (f"（{self.source}）" if self.source else "")
        if self.file and path and self.file != path:
            member = self.file.replace("\\", "/").removeprefix(path.rstrip("/\\").replace("\\", "/") + "/")
            return f"{member} {label}"
        return label

    def to_json(self) -> dict[str, object]:
        return {"element": self.key, "label": self.label, "status": self.status, "value": self.value or None,
                "data": self.data, "file": self.file or None, "paragraph": self.paragraph,
                "source": self.source or None}


def paragraph_label_of(paragraph: int) -> str:
    from normcheck.model import Location

    return paragraph_label(Location(file="", part="body", paragraph=paragraph)) or ""


def build_checklist(doc: Document, structure: Any = None, *, mode: str | None = None) -> list[ChecklistItem]:
    """The checklist of ``doc`` (its ``Structure`` is computed when not given, in ``mode``). In document
    mode (a lone text without its drafting record: the structure's detected mode unless ``mode`` says) the
    drafting body and the procedural elements are marked "需报送材料核对" instead of "未找到"."""
    from normcheck.records import find_records, has_drafting_record
    from normcheck.structure import analyze
    from normcheck.structure.facts import Structure

    structure = structure if structure is not None else analyze(doc, mode=mode)
    structure = structure if structure is not None else Structure()
    if mode is None:
        mode = structure.mode if getattr(structure, "provisions", None) is not None else (
            "package" if has_drafting_record(doc, structure) else "document")
    package = mode == "package"

    def item(key: str, value: str | None, block: int | None, data: str | None = None) -> ChecklistItem:
        if value is None or block is None:
            status = PACKAGE if key in PACKAGE_ONLY and not package else MISSING
            return ChecklistItem(key, ELEMENTS[key], status)
        source = doc.blocks[block] if 0 <= block < len(doc.blocks) else None
        # Where the structure stage read the fact (版头, 标题, 印发通知落款 …), when it says.
        origin = str(getattr(structure, "provenance", {}).get(key, ""))
        return ChecklistItem(key, ELEMENTS[key], FOUND, value, data, source.file if source else "",
                             source.index if source is not None and source.part == "body" else None, origin)

    def fact(key: str, found: Any, shown: str | None = None, data: str | None = None) -> ChecklistItem:
        if found is None:
            return item(key, None, None)
        return item(key, shown if shown is not None else str(found.value), found.block, data)

    issue, validity = structure.issue_date, structure.validity
    items = [
        fact("title", structure.title, structure.title.text if structure.title else None),
        fact("doc_number", structure.doc_number),
        fact("authority", structure.authority),
    ]
    records = find_records(doc, structure)
    items.append(item("drafting_body", records.drafting_body.value if records.drafting_body else None,
                      records.drafting_body.block if records.drafting_body else None))
    items += [
        fact("issue_date", issue, _date(issue.value) if issue else None, issue.value.isoformat() if issue else None),
        _effective(item, structure),
    ]
    if validity is None:
        items.append(item("validity", None, None))
    else:
        end = _validity_end(structure)
        shown = validity.text + (f"（至{_date(end)}）" if end else "")
        items.append(item("validity", shown, validity.block, end.isoformat() if end else None))
    for key in PROCEDURE:
        record = getattr(records, key)
        items.append(item(key, record.value if record else None, record.block if record else None))
    return items


def _effective(item: Any, structure: Any) -> ChecklistItem:
    effective = structure.effective_date
    if effective is not None:
        return item("effective_date", _date(effective.value), effective.block, effective.value.isoformat())
    rule = structure.effective_rule
    if rule is not None:
        return item("effective_date", rule.text, rule.block)
    return item("effective_date", None, None)


def _validity_end(structure: Any) -> dt.date | None:
    """The last day of the validity period: as stated, else counted from the effective (or issue) date."""
    end = structure.validity_end
    if end is not None and isinstance(end.value, dt.date):
        return end.value
    start = structure.effective_date or structure.issue_date
    duration = structure.validity.value if structure.validity else None
    if start is None or duration is None or not isinstance(start.value, dt.date):
        return None
    unit, amount = getattr(duration, "unit", ""), getattr(duration, "amount", 0)
    # The effective day counts: five years from 2024-06-01 end on 2029-05-31, from 2024-02-29 on 2026-02-28.
    eve = start.value - dt.timedelta(days=1)
    if unit == "year":
        return add_months(eve, 12 * amount)
    if unit == "month":
        return add_months(eve, amount)
    if unit == "day":
        return start.value + dt.timedelta(days=amount - 1)
    return None



def _date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"
