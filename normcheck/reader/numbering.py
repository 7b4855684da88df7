"""Automatic numbering as Word shows it: definitions from numbering.xml, styles, and running counters.

Word keeps one set of counters per abstract numbering definition, so two ``w:num`` instances of the same
abstract definition continue each other; a ``w:num`` with ``w:startOverride`` restarts the overridden level
the first time it is used. Levels below the one used restart unless their ``w:lvlRestart`` says otherwise.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from lxml import etree

from normcheck.reader.numfmt import BULLET_GLYPHS, format_number

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_VAL = W + "val"
_STYLE, _TYPE, _STYLE_ID, _BASED_ON = W + "style", W + "type", W + "styleId", W + "basedOn"
_PPR, _RPR, _VANISH, _NUM_PR, _NUM_ID, _ILVL = W + "pPr", W + "rPr", W + "vanish", W + "numPr", W + "numId", W + "ilvl"
_OUTLINE_LVL = W + "outlineLvl"
_STYLE_PPR_TAGS = frozenset((_NUM_PR, _OUTLINE_LVL))
_NUM_PR_TAGS = frozenset((_NUM_ID, _ILVL))
_START, _NUM_FMT, _LVL_TEXT, _LVL_RESTART = W + "start", W + "numFmt", W + "lvlText", W + "lvlRestart"
_SUFF, _PSTYLE, _IS_LGL = W + "suff", W + "pStyle", W + "isLgl"
_LEVEL_TAGS = frozenset((_START, _NUM_FMT, _LVL_TEXT, _LVL_RESTART, _SUFF, _PSTYLE, _IS_LGL))
_ABSTRACT_NUM, _ABSTRACT_NUM_ID, _LVL, _NUM_STYLE_LINK = (W + "abstractNum", W + "abstractNumId", W + "lvl",
                                                          W + "numStyleLink")
_NUM, _LVL_OVERRIDE, _START_OVERRIDE = W + "num", W + "lvlOverride", W + "startOverride"
_OVERRIDE_TAGS = frozenset((_START_OVERRIDE, _LVL))
_PLACEHOLDER = re.compile(r"%([1-9])")
_MAX_STYLE_DEPTH = 32
# Word stores counters as 32-bit numbers; a larger start value is clamped rather than expanded.
_MAX_COUNTER = 2**31 - 1
# Bounds on what labels may add to a document: one label, and all labels of one document together.
MAX_LABEL_CHARS = 200
MAX_LABEL_CHARS_PER_DOCUMENT = 2_000_000


class LabelBudget:
    """Characters that numbering labels may still add to one document (shared by all its stories)."""

    def __init__(self, limit: int = MAX_LABEL_CHARS_PER_DOCUMENT) -> None:
        self.left = limit
        self.exhausted = False

    def take(self, label: str) -> str:
        if len(label) > self.left:
            self.left, self.exhausted = 0, True
            return ""
        self.left -= len(label)
        return label


@dataclass(slots=True)
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    restart: int | None = None
    suffix: str = "\t"
    style: str = ""
    legal: bool = False


@dataclass(slots=True)
class NumInstance:
    abstract: str
    start_overrides: dict[int, int] = field(default_factory=dict)
    level_overrides: dict[int, Level] = field(default_factory=dict)


@dataclass(slots=True)
class StyleInfo:
    based_on: str = ""
    num_id: str | None = None
    ilvl: int | None = None
    outline: int | None = None
    vanish: bool | None = None  # the style's own w:vanish in its run properties (None: not set)


def _int(el: etree._Element | None, default: int | None = None) -> int | None:
    if el is None:
        return default
    try:
        value = int(el.get(_VAL, "")[:16])
    except ValueError:
        return default
    return max(-_MAX_COUNTER, min(value, _MAX_COUNTER))


def parse_styles(root: etree._Element | None) -> dict[str, StyleInfo]:
    """Facts of each style that change what is shown: basedOn, numbering, outline level (paragraph
    styles) and hidden text (character styles)."""
    styles: dict[str, StyleInfo] = {}
    if root is None:
        return styles
    # Each element's children are visited once, keeping the first of each wanted tag as find() would:
    # find() runs lxml's path machinery in Python on every call.
    for style in root.iterchildren(_STYLE):
        kind = style.get(_TYPE, "paragraph")
        # Table styles neither number nor hide; character styles only hide.
        if kind not in ("paragraph", "numbering", "character"):
            continue
        info = StyleInfo()
        based = ppr = None
        run_props: list[etree._Element] = []
        for child in style:
            tag = child.tag
            if tag == _BASED_ON:
                based = child if based is None else based
            elif tag == _PPR:
                ppr = child if ppr is None else ppr
            elif tag == _RPR:
                run_props.append(child)
        if based is not None:
            info.based_on = based.get(_VAL, "")
        if kind == "character":
            vanish = next((v for rpr in run_props for v in rpr.iterchildren(_VANISH)), None)
            if vanish is not None:
                info.vanish = vanish.get(_VAL, "true").lower() not in ("0", "false", "off")
            styles[style.get(_STYLE_ID, "")] = info
            continue
        if ppr is not None:
            props = _first_children(ppr, _STYLE_PPR_TAGS)
            num_pr = props.get(_NUM_PR)
            if num_pr is not None:
                numbers = _first_children(num_pr, _NUM_PR_TAGS)
                num_el = numbers.get(_NUM_ID)
                if num_el is not None:
                    info.num_id = num_el.get(_VAL, "")
                info.ilvl = _int(numbers.get(_ILVL))
            info.outline = _int(props.get(_OUTLINE_LVL))
        styles[style.get(_STYLE_ID, "")] = info
    return styles


def _first_children(el: etree._Element, tags: frozenset[str]) -> dict[str, etree._Element]:
    """The first child of ``el`` with each of ``tags``, by tag, in one pass (what find() gives per tag)."""
    found: dict[str, etree._Element] = {}
    for child in el:
        tag = child.tag
        if tag in tags and tag not in found:
            found[tag] = child
    return found


def _parse_level(el: etree._Element) -> Level:
    props = _first_children(el, _LEVEL_TAGS)
    level = Level()
    level.start = _int(props.get(_START), 1) or 0
    fmt = props.get(_NUM_FMT)
    if fmt is not None:
        level.fmt = fmt.get(_VAL, "decimal")
    text = props.get(_LVL_TEXT)
    level.text = "" if text is None else text.get(_VAL, "")
    level.restart = _int(props.get(_LVL_RESTART))
    suff = props.get(_SUFF)
    if suff is not None:
        level.suffix = {"space": " ", "nothing": ""}.get(suff.get(_VAL, ""), "\t")
    pstyle = props.get(_PSTYLE)
    if pstyle is not None:
        level.style = pstyle.get(_VAL, "")
    level.legal = _IS_LGL in props
    return level


@dataclass(slots=True)
class Definitions:
    """What numbering.xml defines: abstract definitions (their levels), instances, and numbering-style links."""

    abstracts: dict[str, dict[int, Level]] = field(default_factory=dict)
    style_links: dict[str, str] = field(default_factory=dict)
    nums: dict[str, NumInstance] = field(default_factory=dict)


def parse_numbering(root: etree._Element | None) -> Definitions:
    defs = Definitions()
    if root is None:
        return defs
    for ab in root.iter(_ABSTRACT_NUM):
        ab_id = ab.get(_ABSTRACT_NUM_ID, "")
        levels: dict[int, Level] = {}
        link = None
        for child in ab:
            if child.tag == _LVL:
                levels[_int_attr(child)] = _parse_level(child)
            elif child.tag == _NUM_STYLE_LINK and link is None:
                link = child
        defs.abstracts[ab_id] = levels
        if link is not None:
            defs.style_links[ab_id] = link.get(_VAL, "")
    for num in root.iter(_NUM):
        ab_el = None
        overrides: list[etree._Element] = []
        for child in num:
            if child.tag == _ABSTRACT_NUM_ID:
                ab_el = child if ab_el is None else ab_el
            elif child.tag == _LVL_OVERRIDE:
                overrides.append(child)
        inst = NumInstance(abstract="" if ab_el is None else ab_el.get(_VAL, ""))
        for override in overrides:
            ilvl = _int_attr(override)
            props = _first_children(override, _OVERRIDE_TAGS)
            start = props.get(_START_OVERRIDE)
            if start is not None:
                inst.start_overrides[ilvl] = _int(start, 1) or 0
            lvl_el = props.get(_LVL)
            if lvl_el is not None:
                inst.level_overrides[ilvl] = _parse_level(lvl_el)
        defs.nums[num.get(_NUM_ID, "")] = inst
    return defs


class _LazyDefinitions:
    """The definitions, read on first use: a document whose paragraphs never resolve to a numbering
    instance never inflates or parses numbering.xml."""

    def __init__(self, load: Callable[[], Definitions]) -> None:
        self._load: Callable[[], Definitions] | None = load
        self._defs = Definitions()

    def get(self) -> Definitions:
        if self._load is not None:
            load, self._load = self._load, None
            self._defs = load()
        return self._defs


class Numbering:
    """Numbering definitions plus the counters of one story; ``label`` advances them like Word does."""

    def __init__(self, root: etree._Element | None, load_styles: Callable[[], dict[str, StyleInfo]], *,
                 load_definitions: Callable[[], Definitions] | None = None) -> None:
        """Definitions from ``root`` (numbering.xml, or None), or read on first use by ``load_definitions``."""
        self._definitions = _LazyDefinitions(load_definitions or (lambda: parse_numbering(root)))
        self._load_styles = load_styles
        self._styles: dict[str, StyleInfo] | None = None
        self.counters: dict[str, dict[int, int]] = {}
        self._started: set[str] = set()
        self._level_cache: dict[str, dict[int, Level]] = {}
        # Definitions never change while a part is read, so what a (style, numPr) pair resolves to is
        # computed once; these memos are shared by every ``fresh`` copy.
        self._resolved: dict[tuple[str, str | None, int | None], tuple[str, int] | None] = {}
        self._outlines: dict[str, int | None] = {}
        self._abstract_ids: dict[str, str] = {}
        self.budget = LabelBudget()

    @property
    def nums(self) -> dict[str, NumInstance]:
        return self._definitions.get().nums

    @property
    def abstracts(self) -> dict[str, dict[int, Level]]:
        return self._definitions.get().abstracts

    @property
    def style_links(self) -> dict[str, str]:
        return self._definitions.get().style_links

    def fresh(self) -> Numbering:
        """The same definitions with counters of their own (for another story: a header, a footnote…)."""
        other = Numbering(None, self._load_styles)
        other._definitions = self._definitions
        other._styles = self._styles
        other._level_cache, other._resolved = self._level_cache, self._resolved
        other._outlines, other._abstract_ids = self._outlines, self._abstract_ids
        other.budget = self.budget
        return other

    def style_hides(self, style_id: str) -> bool:
        """Whether character style ``style_id`` (or a style it is based on) hides its text."""
        seen: set[str] = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            info = self.styles.get(style_id)
            if info is None:
                return False
            if info.vanish is not None:
                return info.vanish
            style_id = info.based_on
        return False

    @property
    def styles(self) -> dict[str, StyleInfo]:
        # styles.xml is often the largest part; parse it only when a paragraph names a style.
        if self._styles is None:
            self._styles = self._load_styles()
        return self._styles

    def outline(self, style_id: str) -> int | None:
        """The outline level a style chain gives (0-8), or None for body text."""
        if style_id in self._outlines:
            return self._outlines[style_id]
        level = next((s.outline for s in self.style_chain(style_id) if s.outline is not None), None)
        result = level if level is not None and 0 <= level <= 8 else None
        self._outlines[style_id] = result
        return result

    def style_chain(self, style_id: str) -> list[StyleInfo]:
        chain: list[StyleInfo] = []
        seen: set[str] = set()
        while style_id and style_id not in seen and len(chain) < _MAX_STYLE_DEPTH:
            seen.add(style_id)
            info = self.styles.get(style_id)
            if info is None:
                break
            chain.append(info)
            style_id = info.based_on
        return chain

    def resolve(self, style_id: str, num_id: str | None, ilvl: int | None) -> tuple[str, int] | None:
        """The effective ``(numId, ilvl)`` of a paragraph from its direct numPr and its style chain."""
        key = (style_id, num_id, ilvl)
        if key in self._resolved:
            return self._resolved[key]
        result = self._resolve(style_id, num_id, ilvl)
        self._resolved[key] = result
        return result

    def _resolve(self, style_id: str, num_id: str | None, ilvl: int | None) -> tuple[str, int] | None:
        chain = self.style_chain(style_id) if style_id else []
        from_style = num_id is None
        if num_id is None:
            num_id = next((s.num_id for s in chain if s.num_id is not None), None)
        if num_id is None or num_id == "0" or num_id not in self.nums:
            return None
        if ilvl is None:
            ilvl = next((s.ilvl for s in chain if s.ilvl is not None), None)
        if ilvl is None and from_style:
            levels = self._levels(num_id)
            ilvl = next((k for k, lv in levels.items() if lv.style == style_id), 0)
        return num_id, max(0, min(ilvl or 0, 8))

    def _abstract_id(self, num_id: str) -> str:
        ab_id = self._abstract_ids.get(num_id)
        if ab_id is None:
            ab_id = self._abstract_ids[num_id] = self._follow_links(num_id)
        return ab_id

    def _follow_links(self, num_id: str, depth: int = 0) -> str:
        ab_id = self.nums[num_id].abstract
        link = self.style_links.get(ab_id)
        if link and depth < 4:
            linked = next((s.num_id for s in self.style_chain(link) if s.num_id), None)
            if linked in self.nums and linked != num_id:
                return self._follow_links(linked, depth + 1)
        return ab_id

    def _levels(self, num_id: str) -> dict[int, Level]:
        levels = self._level_cache.get(num_id)
        if levels is None:
            levels = dict(self.abstracts.get(self._abstract_id(num_id), {}))
            levels.update(self.nums[num_id].level_overrides)
            self._level_cache[num_id] = levels
        return levels

    def label(self, num_id: str, ilvl: int) -> tuple[str, str]:
        """Advance the counter of ``ilvl`` and return ``(label, suffix)`` as shown before the paragraph."""
        levels = self._levels(num_id)
        level = levels.get(ilvl)
        if level is None:
            return "", ""
        ab_id = self._abstract_id(num_id)
        counters = self.counters.setdefault(ab_id, {})
        inst = self.nums[num_id]
        if num_id not in self._started:
            self._started.add(num_id)
            for k, start in inst.start_overrides.items():
                counters[k] = start - 1
                for deeper in [d for d in counters if d > k]:
                    del counters[deeper]
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else level.start
        for k in [k for k in counters if k > ilvl]:
            restart = levels[k].restart if k in levels else None
            if ilvl < (k if restart is None else restart):
                del counters[k]
        if level.fmt == "bullet":
            label = "".join(BULLET_GLYPHS.get(c, c) for c in level.text[:MAX_LABEL_CHARS])
            return self.budget.take(label), level.suffix
        out: list[str] = []
        size = 0
        for piece in _template(level.text):
            if isinstance(piece, str):
                text = piece
            else:
                lv = levels.get(piece) or Level()
                text = format_number(counters.get(piece, lv.start), "decimal" if level.legal else lv.fmt)
            out.append(text)
            size += len(text)
            if size >= MAX_LABEL_CHARS:  # a level text repeating %1 thousands of times
                break
        return self.budget.take("".join(out)[:MAX_LABEL_CHARS]), level.suffix


@lru_cache(maxsize=256)
def _template(text: str) -> tuple[str | int, ...]:
    """``"第%1条"`` → ``("第", 0, "条")``: literal pieces and 0-based level indexes."""
    pieces: list[str | int] = []
    pos = 0
    for match in _PLACEHOLDER.finditer(text):
        if match.start() > pos:
            pieces.append(text[pos:match.start()])
        pieces.append(int(match.group(1)) - 1)
        pos = match.end()
    if pos < len(text):
        pieces.append(text[pos:])
    return tuple(pieces)


def _int_attr(el: etree._Element) -> int:
    try:
        return int(el.get(W + "ilvl", "0"))
    except ValueError:
        return 0
