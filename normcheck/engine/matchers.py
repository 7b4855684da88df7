"""Compiled matchers. Each finds its matches inside one scope unit of a document context.

Offsets are positions in the context's global text (all blocks joined by newlines); the shadow text has
the same length, so a match found in the folded shadow is cut from the original text unchanged.
"""
from __future__ import annotations

import bisect
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from normcheck.engine.context import DocContext
    from normcheck.engine.saferegex import SafeRegex
    from normcheck.structure.facts import Citation

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Match:
    start: int
    end: int
    groups: tuple[tuple[str, Span], ...] = ()


@dataclass(frozen=True, slots=True)
class Unit:
    """One place a check looks at: one or more text ranges, the first block, and for the citations
    scope the citation whose law name is the whole unit."""

    ranges: tuple[Span, ...]
    block: int | None
    citation: Citation | None = None

    @property
    def start(self) -> int:
        return self.ranges[0][0] if self.ranges else 0


def within_unit(matches: list[Match], starts: list[int], unit: Unit) -> list[Match]:
    """The matches (sorted by start, ``starts`` their start offsets) lying inside the unit's ranges."""
    out: list[Match] = []
    for lo, hi in unit.ranges:
        i = bisect.bisect_left(starts, lo)
        while i < len(matches) and matches[i].start < hi:
            if matches[i].end <= hi:
                out.append(matches[i])
            i += 1
    return out


Found = tuple[list[Match], list[int]]


class Matcher(ABC):
    """Base class; ``describe`` is what ``rules show`` prints.

    A matcher whose matches do not depend on the unit it looks in (terms, patterns, alternatives of
    such, and exceptions, which look around each match, not at the unit) is matched once over the whole
    text per document (``whole``); ``find`` in a unit is then a binary search in those matches. Only
    ``and`` and ``within``/``before`` depend on the unit, and are matched unit by unit."""

    @abstractmethod
    def find(self, ctx: DocContext, unit: Unit) -> list[Match]:
        """The matches inside ``unit``, in text order."""

    def exists(self, ctx: DocContext, unit: Unit) -> bool:
        """Whether the unit holds at least one match (may stop at the first)."""
        if unit.citation is None:
            found = ctx.whole(self)
            if found is not None:
                return any_within(found[1], found[0], unit)
        return bool(self.find(ctx, unit))

    def whole_text(self, ctx: DocContext) -> Found | None:
        """Every match in the document's whole text (and their starts), when matches do not depend on
        the unit; else None. Called through ``DocContext.whole``, which keeps it per document."""
        return None

    @abstractmethod
    def anchors(self) -> list[Primitive]:
        """Primitive matchers of which at least one must occur wherever this matcher matches."""

    @abstractmethod
    def describe(self) -> str:
        """The matcher written back in rule-language syntax."""

    def children(self) -> list[Matcher]:
        """The matchers this one is built from (for ``rules show``)."""
        return []


class Primitive(Matcher):
    """A matcher computed once per document over the whole text, then filtered per unit."""

    @abstractmethod
    def global_matches(self, ctx: DocContext) -> tuple[list[Match], list[int]]:
        """Every match in the document's whole text, and their start offsets (for bisection)."""

    def find(self, ctx: DocContext, unit: Unit) -> list[Match]:
        matches, starts = ctx.primitive(self)
        return within_unit(matches, starts, unit)

    def whole_text(self, ctx: DocContext) -> Found | None:
        return ctx.primitive(self)

    def anchors(self) -> list[Primitive]:
        return [self]

    def may_occur(self, ctx: DocContext) -> bool:
        """A cheap test from the document's prefilter results; False means no match anywhere."""
        return True

    def exists(self, ctx: DocContext, unit: Unit) -> bool:
        return self.may_occur(ctx) and bool(self.find(ctx, unit))


@dataclass(eq=False)
class Terms(Primitive):
    """Literal terms (one literal, a list, a map's keys): leftmost-longest, non-overlapping."""

    terms: tuple[str, ...]
    exact: bool
    label: str
    folded: tuple[str, ...] = field(default=())

    def global_matches(self, ctx: DocContext) -> tuple[list[Match], list[int]]:
        spans: list[Span] = []
        if self.exact:
            for term in self.terms:
                spans.extend(_find_all(ctx.text, term))
        else:
            occurrences = ctx.term_occurrences()
            for term in self.folded:
                starts = occurrences.get(term)
                if starts:
                    size = len(term)
                    spans.extend((start, start + size) for start in starts)
        return _leftmost_longest(spans) if spans else ([], [])

    def may_occur(self, ctx: DocContext) -> bool:
        if self.exact:
            return True
        occurrences = ctx.term_occurrences()
        return any(term in occurrences for term in self.folded)

    def find(self, ctx: DocContext, unit: Unit) -> list[Match]:
        if unit.citation is not None:
            # In the citations scope a term names a whole law, so 合同法 does not match 劳动合同法.
            lo, hi = unit.ranges[0]
            name = ctx.text[lo:hi] if self.exact else ctx.shadow[lo:hi]
            return [Match(lo, hi)] if name in (self.terms if self.exact else self.folded) else []
        return super().find(ctx, unit)

    def describe(self) -> str:
        return self.label


@dataclass(eq=False)
class Pattern(Primitive):
    """A regular expression; ``index`` is its slot in the rule set's RE2 prefilter (None: not prefiltered)."""

    regex: SafeRegex
    exact: bool
    label: str
    index: int | None = None

    def may_occur(self, ctx: DocContext) -> bool:
        return self.index is None or self.index in ctx.regex_hits()

    def global_matches(self, ctx: DocContext) -> tuple[list[Match], list[int]]:
        if not self.may_occur(ctx):
            return [], []
        matches = [Match(s, e, tuple(groups.items()) if groups else ())
                   for s, e, groups in self.regex.finditer(ctx.text if self.exact else ctx.shadow)]
        return matches, [m.start for m in matches]

    def describe(self) -> str:
        return self.label


@dataclass(eq=False)
class Named(Matcher):
    """A named pattern: matches as its definition, reads as its name in ``rules show``."""

    name: str
    matcher: Matcher

    def find(self, ctx: DocContext, unit: Unit) -> list[Match]:
        return self.matcher.find(ctx, unit)

    def exists(self, ctx: DocContext, unit: Unit) -> bool:
        return self.matcher.exists(ctx, unit)

    def whole_text(self, ctx: DocContext) -> Found | None:
        return ctx.whole(self.matcher)

    def anchors(self) -> list[Primitive]:
        return self.matcher.anchors()

    def describe(self) -> str:
        return self.name

    def children(self) -> list[Matcher]:
        return [self.matcher]


@dataclass(eq=False)
class AnyOf(Matcher):
    items: list[Matcher]

    def find(self, ctx: DocContext, unit: Unit) -> list[Match]:
        if unit.citation is None:
            found = ctx.whole(self)
            if found is not None:
                return within_unit(found[0], found[1], unit)
        return _merge([item.find(ctx, unit) for item in self.items])

    def exists(self, ctx: DocContext, unit: Unit) -> bool:
        return any(item.exists(ctx, unit) for item in self.items)

    def whole_text(self, ctx: DocContext) -> Found | None:
        parts = []
        for item in self.items:
            found = ctx.whole(item)
            if found is None:
                return None
            parts.append(found[0])
        merged = _merge(parts)
        return merged, [m.start for m in merged]

    def anchors(self) -> list[Primitive]:
        return [p for item in self.items for p in item.anchors()]

    def describe(self) -> str:
        return "(" + " | ".join(item.describe() for item in self.items) + ")"

    def children(self) -> list[Matcher]:
        return list(self.items)


@dataclass(eq=False)
class AllOf(Matcher):
    """Every positive item somewhere in the unit, no negated item; the evidence is the first item's."""

    items: list[Matcher]
    negated: list[bool]

    def find(self, ctx: DocContext, unit: Unit) -> list[Match]:
        first: list[Match] | None = None
        for item, negated in zip(self.items, self.negated):
            if negated:
                continue
            found = item.find(ctx, unit)
            if not found:
                return []
            first = found if first is None else first
        for item, negated in zip(self.items, self.negated):
            if negated and item.find(ctx, unit):
                return []
        return first or []

    def anchors(self) -> list[Primitive]:
        return next(item.anchors() for item, neg in zip(self.items, self.negated) if not neg)

    def describe(self) -> str:
        parts = [("not " if neg else "") + item.describe() for item, neg in zip(self.items, self.negated)]
        return "(" + " and ".join(parts) + ")"

    def children(self) -> list[Matcher]:
        return list(self.items)


@dataclass(eq=False)
class Near(Matcher):
    """``A within N chars of B`` (either order) and ``A before B [within N]``; the match spans both."""

    first: Matcher
    second: Matcher
    distance: int | None
    ordered: bool

    def find(self, ctx: DocContext, unit: Unit) -> list[Match]:
        firsts = self.first.find(ctx, unit)
        if not firsts:
            return []
        seconds = self.second.find(ctx, unit)
        if not seconds:
            return []
        starts = [b.start for b in seconds]
        longest = max(b.end - b.start for b in seconds)
        out = []
        for a in firsts:
            partner = self._partner(a, seconds, starts, longest)
            if partner is not None:
                out.append(Match(min(a.start, partner.start), max(a.end, partner.end), a.groups + partner.groups))
        return out

    def _partner(self, a: Match, seconds: list[Match], starts: list[int], longest: int) -> Match | None:
        """The nearest match of the second matcher that pairs with ``a`` (binary search, not a full scan)."""
        if self.ordered:
            i = bisect.bisect_left(starts, a.end)
            if i < len(seconds) and (self.distance is None or seconds[i].start - a.end <= self.distance):
                return seconds[i]
            return None
        distance = self.distance or 0
        i = bisect.bisect_left(starts, a.start - distance - longest)
        while i < len(seconds) and seconds[i].start <= a.end + distance:
            b = seconds[i]
            if max(b.start - a.end, a.start - b.end, 0) <= distance:
                return b
            i += 1
        return None

    def anchors(self) -> list[Primitive]:
        return self.first.anchors()

    def describe(self) -> str:
        if self.ordered:
            tail = f" within {self.distance}" if self.distance is not None else ""
            return f"({self.first.describe()} before {self.second.describe()}{tail})"
        return f"({self.first.describe()} within {self.distance} chars of {self.second.describe()})"

    def children(self) -> list[Matcher]:
        return [self.first, self.second]


@dataclass(eq=False)
class Exception_:
    """One ``unless`` clause, compiled."""

    kind: str
    target: Matcher | None
    distance: int | None
    unit: str | None
    section: str | None
    frame: str | None = None

    def excuses(self, ctx: DocContext, m: Match) -> bool:
        if self.kind == "frame":
            return (self.frame or "") in ctx.frames_at(m.start)
        if self.kind == "title":
            return ctx.in_title(m.start)
        if self.kind == "section":
            return ctx.in_section(m.start, self.section or "")
        assert self.target is not None
        if self.kind == "near":
            return bool(self.target.find(ctx, ctx.unit_around(m.start, self.unit or "sentence")))
        around = ctx.unit_around(m.start, "paragraph" if self.distance is not None else "sentence")
        for t in self.target.find(ctx, around):
            if self.kind == "preceded":
                gap = m.start - t.end
            else:
                gap = t.start - m.end
            if gap >= 0 and (self.distance is None or gap <= self.distance):
                return True
        return False

    def describe(self) -> str:
        target = self.target.describe() if self.target is not None else ""
        if self.kind in ("preceded", "followed"):
            tail = f" within {self.distance}" if self.distance is not None else ""
            return f"unless {self.kind} by {target}{tail}"
        if self.kind == "near":
            return f"unless in {self.unit} with {target}"
        if self.kind == "title":
            return "unless in title"
        if self.kind == "frame":
            return f"unless clause {self.frame}"
        return f'unless in section "{self.section}"'


@dataclass(eq=False)
class WithExceptions(Matcher):
    matcher: Matcher
    exceptions: list[Exception_]

    def find(self, ctx: DocContext, unit: Unit) -> list[Match]:
        if unit.citation is None:
            found = ctx.whole(self)
            if found is not None:
                return within_unit(found[0], found[1], unit)
        return [m for m in self.matcher.find(ctx, unit)
                if not any(exc.excuses(ctx, m) for exc in self.exceptions)]

    def whole_text(self, ctx: DocContext) -> Found | None:
        found = ctx.whole(self.matcher)
        if found is None:
            return None
        kept = [m for m in found[0] if not any(exc.excuses(ctx, m) for exc in self.exceptions)]
        return kept, [m.start for m in kept]

    def anchors(self) -> list[Primitive]:
        return self.matcher.anchors()

    def describe(self) -> str:
        return " ".join([self.matcher.describe()] + [exc.describe() for exc in self.exceptions])

    def children(self) -> list[Matcher]:
        return [self.matcher] + [exc.target for exc in self.exceptions if exc.target is not None]


def any_within(starts: list[int], matches: list[Match], unit: Unit) -> bool:
    """Whether one of the matches (sorted by start) lies inside the unit's ranges."""
    for lo, hi in unit.ranges:
        i = bisect.bisect_left(starts, lo)
        while i < len(matches) and matches[i].start < hi:
            if matches[i].end <= hi:
                return True
            i += 1
    return False


def _merge(groups: list[list[Match]]) -> list[Match]:
    """The matches of several matchers in text order (longest first at one start), each span once."""
    seen: dict[Span, Match] = {}
    for group in groups:
        for m in group:
            seen.setdefault((m.start, m.end), m)
    return sorted(seen.values(), key=lambda m: (m.start, -m.end))


def _find_all(text: str, term: str) -> list[Span]:
    spans, i = [], text.find(term)
    while i >= 0:
        spans.append((i, i + len(term)))
        i = text.find(term, i + 1)
    return spans


def _leftmost_longest(spans: list[Span]) -> tuple[list[Match], list[int]]:
    spans.sort(key=lambda s: (s[0], -s[1]))
    matches: list[Match] = []
    end = -1
    for s, e in spans:
        if s >= end:
            matches.append(Match(s, e))
            end = e
    return matches, [m.start for m in matches]
