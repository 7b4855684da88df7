"""The data that flows between the stages: Block and Document (reader → structure → engine), Location and
Finding (engine → reporters). These shapes are contracts; change them deliberately."""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

PARTS = ("body", "header", "footer", "footnote", "endnote", "comment")
SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 1, "warning": 2, "error": 3}


@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph or table-cell paragraph, with its text exactly as a reader of the page sees it.

    ``text`` already starts with the automatic numbering label, when there is one (``label``).
    ``index`` is 1-based within (``file``, ``part``), in ``normcheck dump`` order.
    ``xml_index`` is the 0-based position of the source ``w:p`` among all ``w:p`` elements of its XML part
    in document order (``None`` for plain-text inputs); the annotator uses it to find the paragraph again.
    ``cell`` is ``(table, row, column)`` (0-based, top-level table counter per part) for table cells.
    """

    text: str
    part: str = "body"
    index: int = 1
    file: str = ""
    kind: str = "paragraph"
    label: str = ""
    style: str = ""
    outline: int | None = None
    cell: tuple[int, int, int] | None = None
    xml_index: int | None = None
    xml_part: str = ""


# A frozen dataclass sets each field in __init__ through object.__setattr__; the reader creates a Block for
# every paragraph, so it fills the slots directly through their descriptors instead (about twice as fast).
(_SET_TEXT, _SET_PART, _SET_INDEX, _SET_FILE, _SET_KIND, _SET_LABEL, _SET_STYLE, _SET_OUTLINE, _SET_CELL,
 _SET_XML_INDEX, _SET_XML_PART) = (getattr(Block, f.name).__set__ for f in fields(Block))
_new_object = object.__new__


def make_block(text: str, part: str, index: int, file: str, kind: str, label: str, style: str, outline: int | None,
               cell: tuple[int, int, int] | None, xml_index: int | None, xml_part: str) -> Block:
    """``Block(...)`` with every field given, in field order: the same value (equal, same hash and repr),
    built without the frozen dataclass's ``__init__``."""
    block: Block = _new_object(Block)
    _SET_TEXT(block, text)
    _SET_PART(block, part)
    _SET_INDEX(block, index)
    _SET_FILE(block, file)
    _SET_KIND(block, kind)
    _SET_LABEL(block, label)
    _SET_STYLE(block, style)
    _SET_OUTLINE(block, outline)
    _SET_CELL(block, cell)
    _SET_XML_INDEX(block, xml_index)
    _SET_XML_PART(block, xml_part)
    return block


@dataclass(slots=True)
class Document:
    """A file, or a folder read as one filing package, as an ordered list of blocks.

    ``path`` is the file or the package folder. ``files`` lists the member files in reading order (one
    entry for a single file). ``metadata`` holds core properties (title, creator, created, modified,
    last_modified_by) as strings. ``warnings`` lists content that was skipped or approximated, in Chinese.
    """

    path: str
    blocks: list[Block] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    files: tuple[str, ...] = ()

    def part_blocks(self, part: str = "body") -> list[Block]:
        return [b for b in self.blocks if b.part == part]


@dataclass(frozen=True, slots=True)
class Location:
    """Where a finding is. ``part`` "document" with ``paragraph`` None means the whole file (something
    absent). ``start``/``end`` are character offsets of the match in the block's text (not in JSON)."""

    file: str
    part: str = "document"
    paragraph: int | None = None
    article: str | None = None
    start: int | None = None
    end: int | None = None

    def to_json(self) -> dict[str, object]:
        return {"file": self.file, "part": self.part, "paragraph": self.paragraph, "article": self.article}


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found by one rule. The single contract between the engine and every reporter."""

    rule: str
    severity: str
    tags: tuple[str, ...]
    title: str
    message: str
    basis: str
    fix: str
    location: Location
    excerpt: str = ""
    context: str = ""

    def to_json(self) -> dict[str, object]:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "tags": list(self.tags),
            "title": self.title,
            "message": self.message,
            "basis": self.basis,
            "fix": self.fix,
            "location": self.location.to_json(),
            "excerpt": self.excerpt,
        }

    def sort_key(self) -> tuple[object, ...]:
        loc = self.location
        part_rank = -1 if loc.part == "document" else PARTS.index(loc.part) if loc.part in PARTS else 99
        return (loc.file, part_rank, loc.paragraph or 0, loc.start or 0, -SEVERITY_RANK.get(self.severity, 0),
                self.rule)


@dataclass(frozen=True, slots=True)
class FileError:
    """Why a file could not be checked: ``code`` as in ``InputError.code``, ``message`` one line."""

    code: str
    message: str

    def to_json(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}


@dataclass(slots=True)
class Waived:
    """A finding suppressed by a waiver from the configuration, with the waiver's reason."""

    finding: Finding
    reason: str


@dataclass(slots=True)
class FileResult:
    """The outcome for one checked file or filing package (one entry of the JSON ``files`` array).

    ``warnings`` repeats ``Document.warnings``: content the reader skipped or approximated (equations,
    embedded chunks, hidden text, a converted legacy file), so that the user knows what was not checked.
    ``checklist`` is the elements checklist (``normcheck.report.checklist.ChecklistItem``s) built from the
    same analysis as the findings, when the run asked for it; ``document`` and ``structure`` are the read
    ``Document`` and its ``Structure``, kept when the run asked for them."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    error: FileError | None = None
    waived: list[Waived] = field(default_factory=list)
    document: Document | None = None
    warnings: list[str] = field(default_factory=list)
    checklist: list[Any] | None = None
    structure: Any = None
