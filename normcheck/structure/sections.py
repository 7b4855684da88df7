"""Sections of a file or a filing package: 印发通知, 正文, 起草说明, 合法性审核意见, 备案报告, 征求意见情况, 附件.

A package member file is one section when its name (or its first heading) says which; the main file is
cut at its headings: the notice (关于印发《…》的通知) up to the norm's own title, the norm up to the next
explanatory heading or attachment mark.
"""
from __future__ import annotations

from dataclasses import dataclass

from normcheck.model import Document
from normcheck.structure import headings as h
from normcheck.structure.facts import Section

NOTICE = "印发通知"
NORM = "正文"
ATTACHMENT = "附件"
_LOOKAHEAD = 15  # front-matter lines in which a notice title may stand
_OPENING_LINES = 3  # lines in which a file states what it is


@dataclass(slots=True)
class FileBlocks:
    """The body blocks of one file, as positions in Document.blocks, in reading order."""

    file: str
    positions: list[int]


def group_by_file(doc: Document) -> list[FileBlocks]:
    """The body blocks file by file, one group per run of a file: a file whose blocks resume after another
    file's is a new group. Groups thus follow one another in block order without overlapping, and so do the
    sections, articles and quoted regions cut from them."""
    groups: list[FileBlocks] = []
    for position, block in enumerate(doc.blocks):
        if block.part == "body":
            if not groups or groups[-1].file != block.file:
                groups.append(FileBlocks(block.file, []))
            groups[-1].positions.append(position)
    return groups


def find_sections(doc: Document, groups: list[FileBlocks]) -> list[Section]:
    package = len({group.file for group in groups}) > 1
    sections: list[Section] = []
    kinds: dict[str, str | None] = {}  # A file that resumes keeps the type of its first run.
    for group in groups:
        if package and group.file not in kinds:
            kinds[group.file] = _file_kind(doc, group)
        kind = kinds.get(group.file)
        if kind is not None:
            sections.append(Section(kind, group.positions[0], group.positions[-1] + 1, group.file))
        else:
            sections.extend(_segment(doc, group))
    sections.sort(key=lambda s: s.block_start)
    return _without_overlap(sections)


def _file_kind(doc: Document, group: FileBlocks) -> str | None:
    return h.file_section(group.file) or _opening_heading(doc, group.positions)[1]


def _opening_heading(doc: Document, positions: list[int]) -> tuple[int, str | None]:
    """The explanatory heading a file opens with, perhaps under its author's name (区司法局 / 关于…的合法性审核意见书),
    as (its index in ``positions``, its section name)."""
    lines = 0
    for k, position in enumerate(positions[:_LOOKAHEAD]):
        text = doc.blocks[position].text
        if h.is_rule_line(text):
            continue
        name = h.section_heading(text)
        lines += 1
        if name is not None or lines == _OPENING_LINES or h.is_notice_title(text):
            return k, name
    return 0, None


def _segment(doc: Document, group: FileBlocks) -> list[Section]:
    positions = group.positions
    texts = [doc.blocks[p].text for p in positions]
    starts: list[tuple[int, str]] = []
    opening_at, opening = _opening_heading(doc, positions)
    notice = None if opening else _notice_title(texts)
    norm_start = 0
    if opening:
        starts.append((0, opening))
        # One file holding a whole package: the filing report (or 起草说明) first, signed, then the notice.
        later = _notice_after_signature(texts, opening_at)
        if later is not None:
            starts.append((later, NOTICE))
            found = _norm_start(doc, positions, texts, later)
            if found is not None:
                starts.append((found, NORM))
            # The report's own 附件 list is not an attachment of the norm.
            norm_start = found if found is not None else len(texts)
    elif notice is None:
        starts.append((0, NORM))
    else:
        starts.append((0, NOTICE))
        found = _norm_start(doc, positions, texts, notice)
        if found is not None:
            starts.append((found, NORM))
            norm_start = found
        else:
            norm_start = len(texts)
    taken = {start for start, _ in starts} | ({opening_at} if opening else set())
    for k in range(1, len(texts)):
        if h.is_table_cell(doc.blocks[positions[k]]):
            continue
        name = h.section_heading(texts[k])
        if name is None and k > norm_start and _attachment_mark(texts[k]):
            name = ATTACHMENT
        if name is not None and k not in taken:
            starts.append((k, name))
            taken.add(k)
    starts.sort()
    sections = []
    for (k, name), following in zip(starts, starts[1:] + [(len(positions), "")]):
        end = positions[following[0] - 1] + 1
        sections.append(Section(name, positions[k], end, group.file))
    return sections


def _notice_title(texts: list[str]) -> int | None:
    for k, text in enumerate(texts[:_LOOKAHEAD]):
        if h.is_notice_title(text):
            return k
        if h.is_notice_title(text + "".join(texts[k + 1:k + 2])) and "《" in text and "》" not in text:
            return k  # a long title broken over two lines
    return None


def _notice_after_signature(texts: list[str], opening_at: int) -> int | None:
    """A notice title (关于印发《…》的通知) after the signature date that closes an explanatory opening part."""
    from normcheck.structure.frontmatter import signature_date

    signed = False
    for k in range(opening_at + 1, len(texts)):
        if signature_date(texts[k]) is not None:
            signed = True
        elif signed and h.is_notice_title(texts[k]):
            return k
    return None


def _norm_start(doc: Document, positions: list[int], texts: list[str], notice: int) -> int | None:
    """Where the norm printed after the notice begins: its own title line, else its first heading."""
    title = texts[notice]
    if "《" in title and "》" not in title and notice + 1 < len(texts):
        title += texts[notice + 1]
    name = h.norm_title_of(title)
    if name:
        wanted = h.compact(name)
        for k in range(notice + 1, len(texts)):
            if len(texts[k]) > h.MAX_LINE:
                continue
            line = h.compact(texts[k])
            if line == wanted or (line.startswith(wanted) and h.is_title(line)):
                return k
    for k in range(notice + 1, len(texts) - 1):
        # 附件 / XX实施方案: the norm attached to the notice under an attachment mark.
        if _attachment_mark(texts[k]) and h.is_title(texts[k + 1]):
            return k + 1
    for k in range(notice + 1, len(texts)):
        block = doc.blocks[positions[k]]
        if h.article_heading(block) or h.division_heading(block):
            start = k
            for back in range(k - 1, max(notice, k - 4), -1):
                if h.is_title(texts[back]):
                    start = back
                    break
            return start
    return None


def _attachment_mark(text: str) -> bool:
    # Both marks open with 附; most lines lack it, and compacting them is the cost.
    if len(text) > h.MAX_LINE or "附" not in text:
        return False
    line = h.compact(text)
    return bool(h.ATTACHMENT_MARK.match(line) or h.ATTACHMENT_TITLED.match(line))


def _without_overlap(sections: list[Section]) -> list[Section]:
    """Clip each section at the next one, so that lookups by block can bisect."""
    clipped: list[Section] = []
    for section, following in zip(sections, sections[1:] + [None]):
        end = section.block_end if following is None else min(section.block_end, following.block_start)
        if end > section.block_start:
            clipped.append(Section(section.name, section.block_start, end, section.file))
    return clipped
