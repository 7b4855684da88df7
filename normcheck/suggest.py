"""``--suggest DIR``: a copy of each checked .docx in which every finding whose rule states a mechanical fix
(its ``suggest`` clause) carries that fix as a Word tracked change (w:del / w:ins by the reviewer, dated),
with a comment beside it giving the rule, the message and the legal basis.

``plan_edits`` turns findings into text edits of body blocks (pure, no I/O); ``write_suggestions`` applies
them to a copy of the .docx. ``normcheck/revisions.py`` accepts them again.
"""
from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from normcheck.errors import ConfigError, NormcheckError
from normcheck.model import Block, Document, FileResult, Finding
from normcheck.output import refuse_input, write_atomic
from normcheck.review import Reviewer
from normcheck.structure.numbers import chinese_number

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_BRACKETS = re.compile(r"[\[［【(（〔]\s*(?P<year>\d{2,4})\s*[\]］】)）〕]")
_ORDINAL = re.compile(r"(〕)\s*第?\s*0*(?P<n>\d+)\s*号")
_ONE_ARTICLE = re.compile(r"^《[^》]+》第[一二三四五六七八九十百千零〇]+条$")


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``block.text[start:end]`` with ``new`` (an insertion when start == end)."""

    block: Block
    start: int
    end: int
    new: str
    finding: Finding

    @property
    def old(self) -> str:
        return self.block.text[self.start:self.end]


def normalize_doc_number(text: str) -> str:
    """前政规[2024]第04号 → 前政规〔2024〕4号 (GB/T 9704: 六角括号, the year in full, no 第, no leading zeros)."""

    def year(match: re.Match[str]) -> str:
        value = match.group("year")
        return f"〔{'20' + value if len(value) == 2 else value}〕"

    fixed = _BRACKETS.sub(year, text, count=1)
    return _ORDINAL.sub(lambda m: f"{m.group(1)}{int(m.group('n'))}号", fixed, count=1)


def plan_edits(doc: Document, findings: list[Finding], ruleset: Any, structure: Any = None) -> list[Edit]:
    """The edits that the ``suggest`` clauses of the findings' rules state, one per finding at most; a
    finding whose fix cannot be placed (its text not found, a no-op) has none."""
    from normcheck.structure import analyze

    rules = {rule.id: rule for rule in getattr(ruleset, "rules", [])}
    structure = structure if structure is not None else analyze(doc)
    edits: list[Edit] = []
    taken: set[tuple[int, int, int]] = set()
    for finding in findings:
        rule = rules.get(finding.rule)
        suggestion = getattr(rule, "suggestion", None)
        if suggestion is None:
            continue
        edit = _edit(doc, structure, finding, rule, suggestion)
        if edit is None or edit.old == edit.new:
            continue
        key = (id(edit.block), edit.start, edit.end)
        if key not in taken:
            taken.add(key)
            edits.append(edit)
    return edits


def _block_of(doc: Document, finding: Finding) -> tuple[int, Block] | None:
    loc = finding.location
    if loc.part != "body" or loc.paragraph is None:
        return None
    for position, block in enumerate(doc.blocks):
        if block.part == "body" and block.index == loc.paragraph and block.file in (loc.file, ""):
            return position, block
    for position, block in enumerate(doc.blocks):
        if block.part == "body" and block.index == loc.paragraph and len(doc.files) <= 1:
            return position, block
    return None


def _span(block: Block, finding: Finding) -> tuple[int, int] | None:
    loc = finding.location
    if loc.start is not None and loc.end is not None and loc.end <= len(block.text):
        return loc.start, loc.end
    at = block.text.find(finding.excerpt) if finding.excerpt else -1
    return (at, at + len(finding.excerpt)) if at >= 0 else None


def _edit(doc: Document, structure: Any, finding: Finding, rule: Any, suggestion: Any) -> Edit | None:
    if suggestion.kind == "insert":
        fact = getattr(structure, suggestion.name, None)
        if fact is None or not 0 <= fact.block < len(doc.blocks):
            return None
        block = doc.blocks[fact.block]
        new = _render(suggestion.template, fact.text, rule, structure)
        return Edit(block, fact.end, fact.end, new, finding)
    found = _block_of(doc, finding)
    span = _span(found[1], finding) if found else None
    if found is None or span is None:
        return None
    position, block = found
    start, end = span
    matched = block.text[start:end]
    if suggestion.kind == "replace_match":
        return Edit(block, start, end, _render(suggestion.template, matched, rule, structure), finding)
    if suggestion.kind == "replace_text":
        at = matched.find(suggestion.old)
        if at < 0:
            return None
        return Edit(block, start + at, start + at + len(suggestion.old),
                    _render(suggestion.template, matched, rule, structure), finding)
    if suggestion.kind == "normalize":
        return Edit(block, start, end, normalize_doc_number(matched), finding)
    if suggestion.kind == "citation":
        return _citation_edit(structure, position, block, start, end, finding, rule, suggestion)
    return None


def _citation_edit(structure: Any, position: int, block: Block, start: int, end: int, finding: Finding,
                   rule: Any, suggestion: Any) -> Edit | None:
    """《old law》第N条 → the mapped Civil Code article when the map gives exactly one; else 《new law》 alone
    (an article number of the old law would be wrong in the new one)."""
    citation = next((c for c in getattr(structure, "citations", []) if c.block == position
                     and c.start < end and start < c.end), None)
    if citation is None:
        return None
    law = _render(suggestion.template, block.text[start:end], rule, structure)
    mapping = rule.library.maps.get(suggestion.name, {})
    new = f"《{law}》"
    if len(citation.articles) == 1 and citation.paragraph is None and citation.item is None:
        number = citation.articles[0]
        for key in (f"{citation.law}第{chinese_number(number)}条", f"{citation.law}第{number}条"):
            value = mapping.get(key, "")
            if _ONE_ARTICLE.match(value):
                new = value
                break
    return Edit(block, citation.start, citation.end, new, finding)


def _render(template: Any, matched: str, rule: Any, structure: Any) -> str:
    from normcheck.engine.templates import Field, render

    library = rule.library

    def lookup(field: Field) -> Any:
        if field.kind == "param":
            return library.params.get(field.name, "")
        if field.kind == "fact":
            fact = getattr(structure, field.name, None)
            return getattr(fact, "value", "") if fact is not None else ""
        if field.kind == "map":
            return library.maps.get(field.name, {}).get(matched, "")
        return matched

    return render(template, lookup)


# ---- writing the tracked changes -------------------------------------------------------------------------

def suggest_results(results: list[FileResult], folder: Path, inputs: set[Path], ruleset: Any,
                    reviewer: Reviewer | None = None) -> Iterator[tuple[str, Path | NormcheckError, int]]:
    """Write a copy with tracked changes of every .docx that has at least one fixable finding; yields
    (source, written path or the error that stopped it, number of changes). Results must carry their
    ``Document``; their ``Structure``, when kept, spares analysing it again."""
    taken: set[str] = set()
    for result in results:
        if result.error is not None or result.document is None:
            continue
        doc = result.document
        by_file: dict[str, list[Edit]] = {}
        for edit in plan_edits(doc, result.findings, ruleset, result.structure):
            source = edit.block.file or doc.path
            if source.lower().endswith(".docx"):
                by_file.setdefault(source, []).append(edit)
        for source, edits in by_file.items():
            name = Path(source).name
            stem, suffix, number = Path(name).stem, Path(name).suffix, 1
            while name.lower() in taken:
                number += 1
                name = f"{stem}-{number}{suffix}"
            taken.add(name.lower())
            destination = folder / name
            try:
                refuse_input(destination, inputs | {Path(source).resolve()}, "修订副本")
                written = write_suggestions(Path(source), edits, destination, reviewer)
            except NormcheckError as exc:
                yield source, exc, 0
            except OSError as exc:
                yield source, ConfigError(f"无法写入修订副本 {destination}（{exc.strerror or exc.__class__.__name__}）"), 0
            else:
                yield source, destination, written


def write_suggestions(source: Path, edits: list[Edit], destination: Path, reviewer: Reviewer | None = None) -> int:
    """Write ``destination``: ``source`` with each edit as a tracked change and a comment. Returns how many
    edits were written (an edit whose text the runs do not hold as plain text is left out)."""
    import zipfile

    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import XMLSyntaxError  # type: ignore[import-untyped]

    from normcheck.report.annotate import _paragraph_elements
    from normcheck.report.wordstyles import ensure_comment_styles, word_timestamp

    try:
        word = docx.Document(str(source))
    except (PackageNotFoundError, zipfile.BadZipFile, XMLSyntaxError, ValueError, KeyError, OSError) as exc:
        raise ConfigError(f"无法打开以写入修订（{exc.__class__.__name__}）") from None
    reviewer = reviewer or Reviewer()
    stamp = word_timestamp(reviewer.now())
    paragraphs = _paragraph_elements(word)
    main_part = str(word.part.partname).lstrip("/")
    ids = _IdSource(word.element)
    written = 0
    # Right to left within a paragraph, so that earlier offsets stay valid.
    for edit in sorted(edits, key=lambda e: (e.block.xml_index or 0, -e.start)):
        block = edit.block
        if block.xml_index is None or not 0 <= block.xml_index < len(paragraphs):
            continue
        if block.xml_part and block.xml_part.lstrip("/") != main_part:
            continue
        if _track(word, paragraphs[block.xml_index], edit, reviewer, stamp, ids):
            written += 1
    if written:
        ensure_comment_styles(word)
    buffer = io.BytesIO()
    word.save(buffer)
    write_atomic(destination, buffer.getvalue())
    return written


class _IdSource:
    """Revision IDs above every w:id already in the document."""

    def __init__(self, root: Any) -> None:
        values = [int(v) for v in root.xpath("//@w:id") if str(v).isdigit()]
        self.next = max(values, default=0) + 1000

    def __call__(self) -> str:
        self.next += 1
        return str(self.next)


def _track(word: Any, p: Any, edit: Edit, reviewer: Reviewer, stamp: str, ids: _IdSource) -> bool:
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run

    from normcheck.report.annotate import _offsets, _split_at, _text_runs

    runs = _text_runs(p)
    text = "".join(_run_text(r) for r in runs)
    start = _locate(text, edit)
    if start is None:
        return False
    end = start + len(edit.old)
    _split_at(p, start)
    _split_at(p, end)
    spans = _offsets(_text_runs(p))
    inside = [r for r, a, b in spans if a >= start and b <= end and b > a]
    if "".join(_run_text(r) for r in inside) != edit.old:
        return False
    before = next((r for r, a, b in reversed(spans) if b <= start and b > a), None)
    deleted = _wrap_deleted(inside, reviewer, stamp, ids) if inside else None
    model = inside[0] if inside else before if before is not None else (spans[0][0] if spans else None)
    inserted = _inserted(edit.new, model, reviewer, stamp, ids) if edit.new else None
    if inserted is not None:
        if deleted is not None:
            deleted.addnext(inserted)
        elif before is not None:
            before.addnext(inserted)
        elif spans:
            spans[0][0].addprevious(inserted)
        else:
            p.append(inserted)
    first = deleted if deleted is not None else inserted
    last = inserted if inserted is not None else deleted
    if first is None or last is None:
        return False
    paragraph = Paragraph(p, None)  # type: ignore[arg-type]
    target_run = last.find(f"{{{_W}}}r")
    comment = word.add_comment([Run(target_run, paragraph)], text=f"[{edit.finding.rule}] {edit.finding.title}",
                               author=reviewer.name, initials=reviewer.initials)
    comment._comment_elm.set(f"{{{_W}}}date", stamp)
    for line in _comment_lines(edit):
        comment.add_paragraph(line)
    _widen_comment(p, comment.comment_id, first, last)
    return True


def _comment_lines(edit: Edit) -> list[str]:
    finding = edit.finding
    lines = [finding.message]
    if edit.old and edit.new:
        lines.append(f"修订：将“{edit.old}”改为“{edit.new}”")
    elif edit.new:
        lines.append(f"修订：插入“{edit.new}”")
    if finding.basis:
        lines.append(f"依据：{finding.basis}")
    if finding.fix:
        lines.append(f"修改建议：{finding.fix}")
    return lines


def _widen_comment(p: Any, comment_id: int, first: Any, last: Any) -> None:
    """Put the comment's range around the whole change: start before ``first``, end after ``last``."""
    found = {el.tag.split("}")[1]: el for el in p.iter(f"{{{_W}}}commentRangeStart", f"{{{_W}}}commentRangeEnd")
             if el.get(f"{{{_W}}}id") == str(comment_id)}
    reference = next((r for r in p.iter(f"{{{_W}}}r")
                      if any(c.get(f"{{{_W}}}id") == str(comment_id) for c in r.iter(f"{{{_W}}}commentReference"))),
                     None)
    if "commentRangeStart" in found:
        first.addprevious(found["commentRangeStart"])
    if "commentRangeEnd" in found:
        last.addnext(found["commentRangeEnd"])
        if reference is not None:
            found["commentRangeEnd"].addnext(reference)


def _run_text(r: Any) -> str:
    from normcheck.report.annotate import _run_text as text_of

    return str(text_of(r))


def _locate(text: str, edit: Edit) -> int | None:
    """Where the edit's old text (or, for an insertion, its position) lies in the runs' text, nearest to
    where the block text puts it (the block text may start with a numbering label no run holds)."""
    block = edit.block
    expected = max(edit.start - len(block.label), 0)
    if not edit.old:
        before = block.text[max(0, edit.start - 12):edit.start]
        at = text.rfind(before, 0, expected + len(before) + 1) if before else 0
        return at + len(before) if at >= 0 else None
    best, position = None, text.find(edit.old)
    while position != -1:
        if best is None or abs(position - expected) < abs(best - expected):
            best = position
        position = text.find(edit.old, position + 1)
    return best


def _wrap_deleted(runs: list[Any], reviewer: Reviewer, stamp: str, ids: _IdSource) -> Any:
    from lxml import etree  # type: ignore[import-untyped]

    deleted = etree.Element(f"{{{_W}}}del", {f"{{{_W}}}id": ids(), f"{{{_W}}}author": reviewer.name,
                                             f"{{{_W}}}date": stamp})
    runs[0].addprevious(deleted)
    for r in runs:
        deleted.append(r)
        for t in r.findall(f"{{{_W}}}t"):
            t.tag = f"{{{_W}}}delText"
    return deleted


def _inserted(text: str, model: Any, reviewer: Reviewer, stamp: str, ids: _IdSource) -> Any:
    import copy

    from lxml import etree  # type: ignore[import-untyped]

    inserted = etree.Element(f"{{{_W}}}ins", {f"{{{_W}}}id": ids(), f"{{{_W}}}author": reviewer.name,
                                              f"{{{_W}}}date": stamp})
    run = etree.SubElement(inserted, f"{{{_W}}}r")
    props = model.find(f"{{{_W}}}rPr") if model is not None else None
    if props is not None:
        run.append(copy.deepcopy(props))
    t = etree.SubElement(run, f"{{{_W}}}t")
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return inserted
