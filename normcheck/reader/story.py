"""Walk one WordprocessingML story (body, header, footnote, comment…) into paragraphs in reading order.

What counts as visible text: runs and inserted/moved-to text; field results (not instructions); the chosen
``mc:Choice`` of alternate content; content-control content unless it is only placeholder text. What does not:
``w:del``/``w:moveFrom``, ``w:delText``, ``w:instrText``, ``mc:Fallback`` copies, hidden text (``w:vanish``),
footnote and comment reference marks. Text boxes become their own paragraphs right after the paragraph that
anchors them. A paragraph whose mark is deleted is merged into the next one, which keeps its properties.
"""
from __future__ import annotations

from collections.abc import Callable

from lxml import etree

from normcheck.reader.numbering import Numbering
from normcheck.reader.symbols import symbol_char

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
M = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
P, R, T, TBL, TR, TC = W + "p", W + "r", W + "t", W + "tbl", W + "tr", W + "tc"
PPR, RPR, TCPR, TRPR = W + "pPr", W + "rPr", W + "tcPr", W + "trPr"
SDT, SDT_CONTENT, SDT_PR = W + "sdt", W + "sdtContent", W + "sdtPr"
TXBX = W + "txbxContent"
ALT, CHOICE, FALLBACK = MC + "AlternateContent", MC + "Choice", MC + "Fallback"
VAL = W + "val"
_WRAPPERS = frozenset(W + t for t in ("ins", "moveTo", "hyperlink", "smartTag", "customXml", "fldSimple", "dir",
                                      "bdo"))
_BLOCK_WRAPPERS = frozenset(W + t for t in ("ins", "moveTo", "customXml", "smartTag"))
_MATH = frozenset((M + "oMath", M + "oMathPara"))
_INLINE_CONTAINERS = _WRAPPERS | {SDT, ALT} | _MATH
_BREAKS = frozenset((W + "br", W + "cr"))
_TABS = frozenset((W + "tab", W + "ptab"))
_GRAPHICS = frozenset((W + "drawing", W + "pict", W + "object"))
_OFF = frozenset(("false", "0", "off"))
_FLDCHAR, _SYM, _NBH, _SOFT, _RUBY = W + "fldChar", W + "sym", W + "noBreakHyphen", W + "softHyphen", W + "ruby"
_FLDTYPE = W + "fldCharType"
_PSTYLE, _NUMPR, _NUMID, _ILVL, _OUTLINE = W + "pStyle", W + "numPr", W + "numId", W + "ilvl", W + "outlineLvl"
_DEL, _GRID_BEFORE, _GRID_SPAN, _CELL_DEL = W + "del", W + "gridBefore", W + "gridSpan", W + "cellDel"
_VMERGE, _HMERGE = W + "vMerge", W + "hMerge"
_MARK_GONE = (W + "del", W + "moveFrom")
_VANISH = frozenset((W + "vanish", W + "specVanish"))
_VANISH_DIRECT, _RSTYLE = W + "vanish", W + "rStyle"
WARN_ALTCHUNK = "文档含有嵌入的外部内容（altChunk），其文字未读取"
WARN_MATH = "文档含有公式，公式内容未读取"
WARN_HIDDEN = "文档含有隐藏文字（w:vanish），按 Word 默认显示效果未读取"
WARN_OBJECT = "文档含有嵌入对象（如 OLE 对象），其内容未读取"
WARN_PLACEHOLDER = "文档含有未填写的内容控件（仍显示占位提示文字，如“单击或点击此处输入文字”），该处应填写的内容缺失"
WARN_NUMBERING = "文档的自动编号过长或过多，超出上限的编号未显示"
WARN_FIELD = "文档含有未结束的域（缺少域结束标记），其后的文字可能未读取"


# One paragraph read: (text, label, style, outline, cell, xml_index, kind). A plain tuple: the reader makes
# one per paragraph and turns it into a Block at once.
Paragraph = tuple[str, str, str, int | None, tuple[int, int, int] | None, int | None, str]


def _on(el: etree._Element | None) -> bool:
    return el is not None and el.get(VAL, "true").lower() not in _OFF


def _int_val(el: etree._Element | None, default: int) -> int:
    if el is None:
        return default
    try:
        return int(el.get(VAL, str(default)))
    except ValueError:
        return default


class StoryWalker:
    """Collects the paragraphs of one or more stories of one XML part, sharing numbering counters."""

    def __init__(self, root: etree._Element | None, numbering: Numbering, warnings: list[str], *,
                 may_hide: bool = True, may_delete_marks: bool | Callable[[], bool] = True) -> None:
        # Callers that know from the raw XML that no w:vanish / no deletion exists let the walk skip the
        # run-property and paragraph-mark scans, which are most of its element visits. Whether marks may be
        # deleted can be a question asked at the first paragraph mark with run properties, if any.
        self._may_hide = may_hide
        self._may_delete_marks = may_delete_marks
        self.numbering = numbering
        self.warnings = warnings
        self.paragraphs: list[Paragraph] = []
        # Without a root, the caller registers the paragraphs of each top-level block as it streams in.
        self._index = {} if root is None else {el: i for i, el in enumerate(root.iter(P))}
        self._instr_depth = 0
        self._fields: list[bool] = []
        self._dropped_in_field = False
        self._carry: list[str] = []
        self._carry_index: int | None = None
        self._carry_boxes: list[etree._Element] = []
        self._cell: tuple[int, int, int] | None = None
        self._tables = 0
        self._kind = "paragraph"

    def _warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)

    def story(self, container: etree._Element) -> None:
        """Read one story; field state and pending merges never cross story boundaries."""
        self.begin_story()
        self.blocks(container)
        self.end_story()

    def begin_story(self) -> None:
        """Start a story that is fed block by block (``block``) and ended with ``end_story``."""
        self._fields, self._instr_depth, self._dropped_in_field = [], 0, False

    def end_story(self) -> None:
        self._flush_carry()
        if self._instr_depth and self._dropped_in_field:
            self._warn(WARN_FIELD)

    @property
    def pending(self) -> bool:
        """True while a paragraph whose mark is deleted waits to be merged into the next one."""
        return bool(self._carry)

    def register(self, element: etree._Element, first: int) -> int:
        """Number the ``w:p`` of ``element`` (itself included) from ``first`` in document order; returns the
        next free number."""
        index = self._index
        for el in element.iter(P):
            index[el] = first
            first += 1
        return first

    def forget(self, element: etree._Element) -> None:
        """Drop the numbering of ``element``'s paragraphs once it has been read."""
        index = self._index
        for el in element.iter(P):
            index.pop(el, None)

    def blocks(self, container: etree._Element) -> None:
        for child in container:
            if child.tag == P:
                self.paragraph(child)
            else:
                self.block(child)

    def block(self, child: etree._Element) -> None:
        """Read one child of a story container (paragraph, table, content control, wrapper)."""
        tag = child.tag
        if tag == P:
            self.paragraph(child)
        elif tag == TBL:
            self.table(child)
        elif tag == SDT:
            content = child.find(SDT_CONTENT)
            if content is not None:
                self.blocks(content)
        elif tag in _BLOCK_WRAPPERS:
            self.blocks(child)
        elif tag == ALT:
            choice = child.find(CHOICE)
            if choice is not None:
                self.blocks(choice)
        elif tag == W + "altChunk":
            self._warn(WARN_ALTCHUNK)

    def paragraph(self, p: etree._Element) -> None:
        pieces: list[str] = []
        boxes: list[etree._Element] = []
        add = pieces.append
        plain = not self._may_hide
        ppr = None
        first = True
        # The paragraph's inline content, as ``inline`` reads it, with ``run`` unrolled for the common case
        # of a part where no run can be hidden.
        for child in p:
            tag = child.tag
            if tag == R:
                if plain:
                    for item in child:
                        item_tag = item.tag
                        if item_tag == T:
                            if not self._instr_depth:
                                add(item.text or "")
                            elif item.text:
                                self._dropped_in_field = True
                        elif item_tag == RPR or (self._instr_depth and item_tag != _FLDCHAR):
                            continue
                        else:
                            self._run_item(item, item_tag, pieces, boxes)
                else:
                    self.run(child, pieces, boxes)
            elif tag == PPR:
                if first:
                    ppr = child
            elif tag in _INLINE_CONTAINERS:
                self._inline_item(child, tag, pieces, boxes)
            first = False
        style, num_id, ilvl, outline, mark_gone = "", None, None, None, False
        if ppr is not None:
            # One pass over the children: lxml's find() runs its path machinery in Python on every call,
            # and a tag-filtered iterchildren() costs more to set up than the few children it would skip.
            for child in ppr:
                tag = child.tag
                if tag == _PSTYLE:
                    style = child.get(VAL, "")
                elif tag == _NUMPR:
                    for item in child:
                        if item.tag == _NUMID:
                            num_id = item.get(VAL, "")
                        elif item.tag == _ILVL:
                            ilvl = _int_val(item, 0)
                elif tag == _OUTLINE:
                    outline = _int_val(child, 9)
                elif tag == RPR and not mark_gone and self._marks_may_be_deleted():
                    mark_gone = next(child.iterchildren(*_MARK_GONE), None) is not None
        if mark_gone:
            if self._carry_index is None:
                self._carry_index = self._index.get(p)
            self._carry.append("".join(pieces))
            self._carry_boxes.extend(boxes)
            return
        if self._carry:
            text = "".join(self._carry) + "".join(pieces)
            xml_index = self._index.get(p) if self._carry_index is None else self._carry_index
            boxes = self._carry_boxes + boxes
            self._carry, self._carry_index, self._carry_boxes = [], None, []
        else:
            text = "".join(pieces)
            xml_index = self._index.get(p)
        label, suffix = "", ""
        if num_id is not None or style:
            resolved = self.numbering.resolve(style, num_id, ilvl)
            if resolved is not None:
                label, suffix = self.numbering.label(*resolved)
                if self.numbering.budget.exhausted:
                    self._warn(WARN_NUMBERING)
            if outline is None and style:
                outline = self.numbering.outline(style)
        if outline is not None and not 0 <= outline <= 8:
            outline = None
        self._emit(text, label, suffix, style, outline, xml_index)
        for box in boxes:
            self._text_box(box)

    def _marks_may_be_deleted(self) -> bool:
        may = self._may_delete_marks
        if not isinstance(may, bool):
            may = self._may_delete_marks = may()
        return may

    def _emit(self, text: str, label: str, suffix: str, style: str, outline: int | None,
              xml_index: int | None) -> None:
        text = text.strip()
        if label:
            text = (label + suffix + text).rstrip()
        if not text:
            return
        self.paragraphs.append((text, label, style, outline, self._cell, xml_index, self._kind))

    def _flush_carry(self) -> None:
        if self._carry:
            boxes = self._carry_boxes
            self._emit("".join(self._carry), "", "", "", None, self._carry_index)
            self._carry, self._carry_index, self._carry_boxes = [], None, []
            for box in boxes:
                self._text_box(box)

    def _text_box(self, box: etree._Element) -> None:
        # A text box is a story of its own: no merge or field state leaks in or out.
        outer = (self._kind, self._carry, self._carry_index, self._carry_boxes, self._fields, self._instr_depth)
        self._kind = "textbox"
        self._carry, self._carry_index, self._carry_boxes, self._fields, self._instr_depth = [], None, [], [], 0
        dropped, self._dropped_in_field = self._dropped_in_field, False
        self.blocks(box)
        self._flush_carry()
        if self._instr_depth and self._dropped_in_field:
            self._warn(WARN_FIELD)
        self._dropped_in_field = dropped
        (self._kind, self._carry, self._carry_index, self._carry_boxes, self._fields,
         self._instr_depth) = outer

    def inline(self, parent: etree._Element, pieces: list[str], boxes: list[etree._Element]) -> None:
        for child in parent:
            tag = child.tag
            if tag == R:
                self.run(child, pieces, boxes)
            elif tag in _INLINE_CONTAINERS:
                self._inline_item(child, tag, pieces, boxes)

    def _inline_item(self, child: etree._Element, tag: str, pieces: list[str], boxes: list[etree._Element]) -> None:
        """An inline child other than a run: a wrapper, a content control, alternate content or an equation."""
        if tag in _WRAPPERS:
            self.inline(child, pieces, boxes)
        elif tag == SDT:
            content = child.find(SDT_CONTENT)
            props = child.find(SDT_PR)
            placeholder = props is not None and props.find(W + "showingPlcHdr") is not None
            if placeholder:
                self._warn(WARN_PLACEHOLDER)
            elif content is not None:
                self.inline(content, pieces, boxes)
        elif tag == ALT:
            choice = child.find(CHOICE)
            if choice is not None:
                self.inline(choice, pieces, boxes)
        elif tag in _MATH:
            self._warn(WARN_MATH)

    def _hidden(self, rpr: etree._Element) -> bool:
        """Direct w:vanish (either value) decides; otherwise the run's character style does."""
        style = ""
        for item in rpr:
            if item.tag in _VANISH:
                if item.tag == _VANISH_DIRECT or _on(item):
                    return _on(item)
            elif item.tag == _RSTYLE:
                style = item.get(VAL, "")
        return bool(style) and self.numbering.style_hides(style)

    def run(self, run: etree._Element, pieces: list[str], boxes: list[etree._Element]) -> None:
        hidden = False
        for child in run:
            tag = child.tag
            if tag == T:
                if not hidden and not self._instr_depth:
                    pieces.append(child.text or "")
                elif not hidden and child.text:
                    self._dropped_in_field = True
            elif tag == RPR:
                if not self._may_hide:
                    continue
                hidden = self._hidden(child)
                if hidden:
                    self._warn(WARN_HIDDEN)
            elif hidden or (self._instr_depth and tag != _FLDCHAR):
                continue
            else:
                self._run_item(child, tag, pieces, boxes)

    def _run_item(self, child: etree._Element, tag: str, pieces: list[str], boxes: list[etree._Element]) -> None:
        """A shown child of a run other than w:t and w:rPr."""
        if tag in _TABS:
            pieces.append("\t")
        elif tag in _BREAKS:
            pieces.append("\n")
        elif tag == _FLDCHAR:
            self._field_char(child.get(_FLDTYPE, ""))
        elif tag == _SYM:
            pieces.append(_symbol(child))
        elif tag == _NBH:
            pieces.append("-")
        elif tag == _SOFT:
            return
        elif tag in _GRAPHICS:
            found = _find_text_boxes(child)
            boxes.extend(found)
            if tag == W + "object" and not found:
                self._warn(WARN_OBJECT)
        elif tag == ALT:
            choice = child.find(CHOICE)
            if choice is not None:
                self.run(choice, pieces, boxes)
        elif tag == _RUBY:
            base = child.find(W + "rubyBase")
            if base is not None:
                self.inline(base, pieces, boxes)
        elif tag in _MATH:
            self._warn(WARN_MATH)

    def _field_char(self, kind: str) -> None:
        if kind == "begin":
            self._fields.append(True)
            self._instr_depth += 1
        elif kind == "separate":
            if self._fields and self._fields[-1]:
                self._fields[-1] = False
                self._instr_depth -= 1
        elif kind == "end" and self._fields and self._fields.pop():
            self._instr_depth -= 1

    def table(self, tbl: etree._Element) -> None:
        # A paragraph mark deleted just before a table has nothing to merge into.
        self._flush_carry()
        top = self._cell is None
        number = self._tables
        if top:
            self._tables += 1
        row_index = 0
        for tr in _children(tbl, TR):
            # A row's and a cell's children are made into Python objects once, for properties and walk.
            row = list(tr)
            tr_pr = _first(row, TRPR)
            column = 0
            if tr_pr is not None:
                deleted, column = _row_props(tr_pr)
                if deleted:
                    continue
            for tc in _children(row, TC):
                kids = list(tc)
                span, skip = 1, False
                tc_pr = _first(kids, TCPR)
                if tc_pr is not None:
                    span, skip = _cell_props(tc_pr)
                if not skip:
                    self._cell_blocks(kids, (number, row_index, column) if top else self._cell)
                column += span
            row_index += 1

    def _cell_blocks(self, kids: list[etree._Element], cell: tuple[int, int, int] | None) -> None:
        outer_kind, outer_cell = self._kind, self._cell
        self._cell = cell
        if self._kind == "paragraph":
            self._kind = "cell"
        for child in kids:
            tag = child.tag
            if tag == P:
                self.paragraph(child)
            elif tag != TCPR:
                self.block(child)
        self._flush_carry()
        self._kind, self._cell = outer_kind, outer_cell


def _row_props(tr_pr: etree._Element) -> tuple[bool, int]:
    """``(deleted, gridBefore)`` of a row, read in one pass over its properties."""
    deleted, before = False, 0
    found_before = False
    for item in tr_pr:
        tag = item.tag
        if tag == _DEL and not deleted:
            deleted = True
        elif tag == _GRID_BEFORE and not found_before:
            found_before = True
            before = _int_val(item, 0)
    return deleted, before


def _cell_props(tc_pr: etree._Element) -> tuple[int, bool]:
    """``(gridSpan, skipped)`` of a cell: continuation of a merge, or a deleted cell, is skipped."""
    span_el = v_merge = h_merge = None
    deleted = False
    for item in tc_pr:
        tag = item.tag
        if tag == _GRID_SPAN:
            span_el = item if span_el is None else span_el
        elif tag == _VMERGE:
            v_merge = item if v_merge is None else v_merge
        elif tag == _HMERGE:
            h_merge = item if h_merge is None else h_merge
        elif tag == _CELL_DEL:
            deleted = True
    skip = ((v_merge is not None and v_merge.get(VAL, "continue") != "restart")
            or (h_merge is not None and h_merge.get(VAL, "continue") != "restart") or deleted)
    return max(1, _int_val(span_el, 1)), skip


def _first(children: list[etree._Element], tag: str) -> etree._Element | None:
    """The first of ``children`` with ``tag`` (what ``parent.find(tag)`` gives, without its path machinery)."""
    for child in children:
        if child.tag == tag:
            return child
    return None


def _children(parent: etree._Element | list[etree._Element], tag: str) -> list[etree._Element]:
    """Rows of a table or cells of a row, looking through content controls and custom XML wrappers."""
    out: list[etree._Element] = []
    for child in parent:
        child_tag = child.tag
        if child_tag == tag:
            out.append(child)
        elif child_tag == SDT:
            content = child.find(SDT_CONTENT)
            if content is not None:
                out.extend(_children(content, tag))
        elif child_tag in _BLOCK_WRAPPERS:
            out.extend(_children(child, tag))
    return out


def _find_text_boxes(el: etree._Element) -> list[etree._Element]:
    """Outermost ``w:txbxContent`` under a drawing, never looking into ``mc:Fallback`` copies."""
    found: list[etree._Element] = []
    for child in el:
        tag = child.tag
        if tag == TXBX:
            found.append(child)
        elif tag == FALLBACK:
            continue
        elif tag == ALT:
            choice = child.find(CHOICE)
            if choice is not None:
                found.extend(_find_text_boxes(choice))
        elif isinstance(tag, str):
            found.extend(_find_text_boxes(child))
    return found


def _symbol(sym: etree._Element) -> str:
    try:
        code = int(sym.get(W + "char", ""), 16)
    except ValueError:
        return ""
    return symbol_char(sym.get(W + "font", ""), code)
