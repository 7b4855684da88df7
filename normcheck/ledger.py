"""``normcheck ledger PATH... --output 台账.xlsx|.csv``: the review ledger (审查台账), one row per checked
document or filing package: its elements, its validity status on "today", its findings by tag and severity,
and when it was checked."""
from __future__ import annotations

import csv
import datetime as dt
import io
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from normcheck.expiry import EXPIRED, EXPIRING, ValidityStatus, validity_status
from normcheck.model import SEVERITIES, FileResult
from normcheck.report.checklist import FOUND, ChecklistItem
from normcheck.report.labels import severity_label

ELEMENT_COLUMNS = (("title", "文件名称"), ("doc_number", "文号"), ("authority", "发文机关"),
                   ("drafting_body", "起草单位"), ("issue_date", "成文日期"), ("effective_date", "施行日期"),
                   ("validity", "有效期"))
FIXED_HEAD = ("序号", "文件", *(label for _, label in ELEMENT_COLUMNS), "有效期届满日期", "状态", "剩余天数")
TAIL = ("已豁免", "无法读取原因", "检查时间")
FORMATS = (".xlsx", ".csv")


@dataclass(frozen=True, slots=True)
class Ledger:
    header: tuple[str, ...]
    rows: list[tuple[object, ...]]
    statuses: list[ValidityStatus | None]


def build_ledger(results: list[FileResult], checklists: Mapping[str, list[ChecklistItem]], *, today: dt.date,
                 window: int, checked_at: str, tag_labels: Mapping[str, str] | None = None) -> Ledger:
    """One row per result, in order. Tag columns are the bundled tags with findings, then office tags."""
    tags: Counter[str] = Counter(t for r in results for f in r.findings for t in f.tags)
    labels = dict(tag_labels or {})
    tag_order = [t for t in labels if t in tags] + sorted(t for t in tags if t not in labels)
    header = (*FIXED_HEAD, *(severity_label(s) for s in SEVERITIES),
              *(f"{labels.get(t, t)}问题" for t in tag_order), *TAIL)
    rows: list[tuple[object, ...]] = []
    statuses: list[ValidityStatus | None] = []
    for number, result in enumerate(results, start=1):
        items = {item.key: item for item in checklists.get(result.path, [])}
        values = [items[key].value if key in items and items[key].status == FOUND else "" for key, _ in ELEMENT_COLUMNS]
        if result.error is not None:
            status = None
            status_cells: tuple[str, str, int | str] = ("", "无法读取", "")
        else:
            end = _end_date(items.get("validity"))
            status = validity_status(end, today, window)
            status_cells = (end.isoformat() if end else "", status.label,
                            status.days_left if status.days_left is not None else "")
        statuses.append(status)
        severities = [sum(f.severity == s for f in result.findings) for s in SEVERITIES]
        by_tag = [sum(t in f.tags for f in result.findings) for t in tag_order]
        error = result.error.message if result.error else ""
        rows.append((number, result.path, *values, *status_cells, *severities, *by_tag, len(result.waived), error,
                     checked_at))
    return Ledger(header, rows, statuses)


def _end_date(item: ChecklistItem | None) -> dt.date | None:
    if item is None or item.status != FOUND or not item.data:
        return None
    try:
        return dt.date.fromisoformat(item.data)
    except ValueError:
        return None


def to_csv(ledger: Ledger) -> bytes:
    """UTF-8 with a byte-order mark, so that Excel and WPS open the Chinese text correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(ledger.header)
    writer.writerows([_cell_value(v) for v in row] for row in ledger.rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(ledger: Ledger, title: str = "审查台账") -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = title
    sheet.append(list(ledger.header))
    for row in ledger.rows:
        sheet.append([_cell_value(v) for v in row])
    bold = Font(bold=True)
    for cell in sheet[1]:
        cell.font = bold
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    fills = {EXPIRED: PatternFill("solid", fgColor="FECDCA"), EXPIRING: PatternFill("solid", fgColor="FEDF89")}
    status_column = ledger.header.index("状态") + 1
    for line, status in enumerate(ledger.statuses, start=2):
        if status is not None and status.code in fills:
            sheet.cell(row=line, column=status_column).fill = fills[status.code]
    for column, name in enumerate(ledger.header, start=1):
        longest = max([len(str(name))] + [len(str(row[column - 1])) for row in ledger.rows])
        sheet.column_dimensions[get_column_letter(column)].width = min(max(6, longest * 2 + 2), 60)
    sheet.freeze_panes = "C2"
    sheet.auto_filter.ref = sheet.dimensions
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _cell_value(value: object) -> object:
    # Text that a spreadsheet would run as a formula (a file named "=cmd|…") is kept as text.
    if isinstance(value, str) and value.startswith(("=", "+", "-", "@")):
        return "'" + value
    return value


def render_ledger(ledger: Ledger, output: Path) -> bytes:
    return to_xlsx(ledger) if output.suffix.lower() == ".xlsx" else to_csv(ledger)
