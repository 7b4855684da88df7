"""``--annotate DIR``: a copy of each checked .docx with one Word comment (批注) per finding.

Each comment is anchored on the run(s) holding the finding's excerpt; runs are split at the excerpt's
edges when they are plain text runs, otherwise the anchor widens to whole runs, and to the whole
paragraph when the excerpt cannot be found. Word allows comments only in the main document part, so
findings in headers, footers or notes, and findings about the whole file, are anchored on the title.
"""
from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from normcheck.errors import ConfigError, NormcheckError
from normcheck.model import Block, Document, FileResult, Finding
from normcheck.output import refuse_input, write_atomic
from normcheck.review import Reviewer

PART_NAMES = {"header": "页眉", "footer": "页脚", "footnote": "脚注", "endnote": "尾注", "comment": "批注"}


def annotate_results(results: list[FileResult], folder: Path, inputs: set[Path], reviewer: Reviewer | None = None
                     ) -> Iterator[tuple[str, Path | NormcheckError]]:
    """Annotate every readable .docx among ``results`` into ``folder``; yields (source, written path or
    the error that stopped it). Results must carry their ``Document`` (``keep_documents``), and their
    ``Structure`` spares analysing it again. Comments are signed by ``reviewer`` (default: "normcheck")."""
    taken: set[str] = set()
    for result in results:
        if result.error is not None or result.document is None:
            continue
        for source, findings in _findings_by_docx(result, result.document).items():
            destination = folder / _free_name(Path(source).name, taken)
            try:
                refuse_input(destination, inputs | {Path(source).resolve()}, "批注副本")
                annotate_docx(Path(source), findings, result.document, destination, reviewer,
                              structure=result.structure)
            except NormcheckError as exc:
                yield source, exc
            except OSError as exc:
                yield source, ConfigError(f"无法写入批注副本 {destination}（{exc.strerror or exc.__class__.__name__}）")
            except (Exception, MemoryError, RecursionError) as exc:  # noqa: BLE001 - one file's failure only
                yield source, ConfigError(f"无法生成批注副本（{exc.__class__.__name__}）")
            else:
                yield source, destination


def _findings_by_docx(result: FileResult, doc: Document) -> dict[str, list[Finding]]:
    members = [f for f in (doc.files or (doc.path,)) if f.lower().endswith(".docx")]
    grouped: dict[str, list[Finding]] = {member: [] for member in members}
    for finding in result.findings:
        file = finding.location.file
        # Package-level findings name the folder; they go on the first document of the package.
        target = file if file in grouped else (members[0] if members else None)
        if target is not None:
            grouped[target].append(finding)
    return grouped


def _free_name(name: str, taken: set[str]) -> str:
    stem, suffix = Path(name).stem, Path(name).suffix
    candidate, number = name, 1
    while candidate.lower() in taken:
        number += 1
        candidate = f"{stem}-{number}{suffix}"
    taken.add(candidate.lower())
    return candidate


def annotate_docx(source: Path, findings: list[Finding], doc: Document, destination: Path,
                  reviewer: Reviewer | None = None, *, structure: Any = None) -> int:
    """Write ``destination``: ``source`` with one comment per finding, by ``reviewer``. Returns the number of
    comments. ``structure`` is the ``Structure`` of ``doc`` when the caller has it (else it is analysed)."""
    import zipfile

    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import XMLSyntaxError  # type: ignore[import-untyped]

    from normcheck.reader.package import Package
    from normcheck.report.docxcopy import edit_docx
    from normcheck.report.wordstyles import ensure_comment_styles, stamp_comment

    Package(source).close()  # the reader's limits on entries, sizes and ratios, from the directory alone
    reviewer = reviewer or Reviewer()
    moment = reviewer.now()

    def add_comments(word: Any) -> None:
        paragraphs = _paragraph_elements(word)
        main_part = str(word.part.partname).lstrip("/")
        blocks = [b for b in doc.blocks if b.file in ("", str(source), doc.path) or len(doc.files) <= 1]
        title = _title_element(doc, structure, blocks, paragraphs, main_part)
        for finding in findings:
            element, block = _target(finding, blocks, paragraphs, title, main_part)
            runs = _anchor_runs(element, block, finding)
            comment = word.add_comment(runs, text=f"[{finding.rule}] {finding.title}", author=reviewer.name,
                                       initials=reviewer.initials)
            stamp_comment(comment, reviewer, moment)
            for line in _comment_lines(finding, on_title=block is None):
                comment.add_paragraph(line)
        if findings:
            ensure_comment_styles(word)

    try:
        data = edit_docx(source, add_comments)
    except (PackageNotFoundError, zipfile.BadZipFile, XMLSyntaxError, ValueError, KeyError) as exc:
        raise ConfigError(f"无法打开以写入批注（{exc.__class__.__name__}）") from None
    write_atomic(destination, data)
    return len(findings)


def _comment_lines(finding: Finding, *, on_title: bool) -> list[str]:
    lines = []
    loc = finding.location
    if on_title and loc.part in PART_NAMES:
        lines.append(f"（位置：{PART_NAMES[loc.part]}第{loc.paragraph}段）")
    elif on_title:
        lines.append("（针对整个文件）")
    lines.append(finding.message)
    if finding.basis:
        lines.append(f"依据：{finding.basis}")
    if finding.fix:
        lines.append(f"修改建议：{finding.fix}")
    return lines


def _paragraph_elements(word: Any) -> list[Any]:
    from docx.oxml.ns import qn

    return list(word.element.iter(qn("w:p")))


def _title_element(doc: Document, structure: Any, blocks: list[Block], paragraphs: list[Any], main_part: str) -> Any:
    """The title paragraph: from the structure stage when it finds one, else the first non-empty body block."""
    candidates = _structure_title(doc, structure)
    # In a package the structure's title may belong to another member file.
    candidates = [b for b in candidates if b in blocks]
    candidates.extend(b for b in blocks if b.part == "body" and b.text.strip())
    for block in candidates:
        element = _element_of(block, paragraphs, main_part)
        if element is not None:
            return element
    return paragraphs[0] if paragraphs else None


def _structure_title(doc: Document, structure: Any) -> list[Block]:
    from normcheck.structure import analyze

    try:
        title = (structure if structure is not None else analyze(doc)).title
    except Exception:  # noqa: BLE001 - the title only places comments; the first paragraph will do
        return []
    return [doc.blocks[title.block]] if title is not None and 0 <= title.block < len(doc.blocks) else []


def _element_of(block: Block, paragraphs: list[Any], main_part: str) -> Any:
    if block.part != "body" or block.xml_index is None:
        return None
    if block.xml_part and block.xml_part.lstrip("/") != main_part:
        return None
    return paragraphs[block.xml_index] if 0 <= block.xml_index < len(paragraphs) else None


def _target(finding: Finding, blocks: list[Block], paragraphs: list[Any], title: Any,
            main_part: str) -> tuple[Any, Block | None]:
    loc = finding.location
    if loc.part == "body" and loc.paragraph is not None:
        for block in blocks:
            if block.part == "body" and block.index == loc.paragraph:
                element = _element_of(block, paragraphs, main_part)
                if element is not None:
                    return element, block
    if title is None:
        raise ConfigError("文件中没有可以放置批注的段落")
    return title, None


def _anchor_runs(p: Any, block: Block | None, finding: Finding) -> list[Any]:
    """python-docx Run objects spanning the excerpt within paragraph ``p`` (split where possible)."""
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run

    runs = _text_runs(p)
    if not runs:
        runs = [p.add_r()]
    span = _excerpt_span(runs, block, finding) if block is not None else None
    if span is not None:
        start, end = span
        _split_at(p, start)
        _split_at(p, end)
        runs = _text_runs(p)
        # Overlap, not containment: a run that could not be split widens the anchor instead of losing it.
        chosen = [r for r, a, b in _offsets(runs) if a < end and b > start]
        if chosen:
            runs = chosen
    paragraph = Paragraph(p, None)  # type: ignore[arg-type]  # comment ranges need no story part
    return [Run(r, paragraph) for r in (runs[0], runs[-1])]


def _text_runs(p: Any) -> list[Any]:
    """The runs of ``p`` itself that show text: not deleted, not a fallback copy, not in a nested text box."""
    from docx.oxml.ns import qn

    hidden = {qn("w:del"), qn("w:moveFrom"), "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"}
    runs = []
    for r in p.iter(qn("w:r")):
        ancestor = r.getparent()
        while ancestor is not None and ancestor is not p and ancestor.tag not in hidden and ancestor.tag != qn("w:p"):
            ancestor = ancestor.getparent()
        if ancestor is p:
            runs.append(r)
    return runs


def _run_text(r: Any) -> str:
    from docx.oxml.ns import qn

    pieces = []
    for child in r:
        if child.tag == qn("w:t"):
            pieces.append(child.text or "")
        elif child.tag == qn("w:tab"):
            pieces.append("\t")
        elif child.tag in (qn("w:br"), qn("w:cr")):
            pieces.append("\n")
    return "".join(pieces)


def _offsets(runs: list[Any]) -> list[tuple[Any, int, int]]:
    spans, position = [], 0
    for r in runs:
        length = len(_run_text(r))
        spans.append((r, position, position + length))
        position += length
    return spans


def _excerpt_span(runs: list[Any], block: Block, finding: Finding) -> tuple[int, int] | None:
    """Where the excerpt lies in the runs' text, nearest to the finding's offset (the block text may start
    with a numbering label that no run holds)."""
    loc = finding.location
    excerpt = block.text[loc.start:loc.end] if loc.start is not None and loc.end is not None else finding.excerpt
    if not excerpt:
        excerpt = finding.excerpt
    if not excerpt:
        return None
    text = "".join(_run_text(r) for r in runs)
    expected = max((loc.start or 0) - len(block.label), 0)
    best, position = None, text.find(excerpt)
    while position != -1:
        if best is None or abs(position - expected) < abs(best - expected):
            best = position
        position = text.find(excerpt, position + 1)
    return None if best is None else (best, best + len(excerpt))


def _split_at(p: Any, offset: int) -> None:
    """Make ``offset`` a run boundary when it falls inside a run made of properties and one text element."""
    from docx.oxml.ns import qn

    for r, start, end in _offsets(_text_runs(p)):
        if not start < offset < end:
            continue
        texts = [c for c in r if c.tag != qn("w:rPr")]
        if len(texts) != 1 or texts[0].tag != qn("w:t"):
            return
        head_text, tail_text = texts[0].text[: offset - start], texts[0].text[offset - start:]
        tail = copy.deepcopy(r)
        _set_text(texts[0], head_text)
        _set_text(next(c for c in tail if c.tag == qn("w:t")), tail_text)
        r.addnext(tail)
        return


def _set_text(t: Any, text: str) -> None:
    t.text = text
    if text != text.strip():
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
