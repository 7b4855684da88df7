"""The parsed form of a rule file: plain, picklable dataclasses (cached on disk, compiled per load).

Every node keeps ``pos`` (line, column) so that the checker can point at the offending text.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

from normcheck.structure.facts import Duration

Pos = tuple[int, int]


# ---- matchers ----------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Literal:
    text: str
    exact: bool
    pos: Pos


@dataclass(frozen=True, slots=True)
class Regex:
    source: str
    exact: bool
    pos: Pos


@dataclass(frozen=True, slots=True)
class NameRef:
    """A list, pattern, map or list param by name (``param`` True when written ``param NAME``)."""

    name: str
    param: bool
    pos: Pos


@dataclass(frozen=True, slots=True)
class AnyOf:
    items: tuple[Matcher, ...]
    pos: Pos


@dataclass(frozen=True, slots=True)
class AllOf:
    """``A and B and not C``: ``negated[i]`` marks the items that must be absent."""

    items: tuple[Matcher, ...]
    negated: tuple[bool, ...]
    pos: Pos


@dataclass(frozen=True, slots=True)
class Within:
    first: Matcher
    second: Matcher
    distance: int
    pos: Pos


@dataclass(frozen=True, slots=True)
class Before:
    first: Matcher
    second: Matcher
    distance: int | None
    pos: Pos


@dataclass(frozen=True, slots=True)
class Exception_:
    """One ``unless`` clause. ``kind``: preceded, followed, near, title, section."""

    kind: str
    target: Matcher | None
    distance: int | None
    unit: str | None
    section: str | None
    pos: Pos
    frame: str | None = None


@dataclass(frozen=True, slots=True)
class WithExceptions:
    matcher: Matcher
    exceptions: tuple[Exception_, ...]
    pos: Pos


Matcher = Literal | Regex | NameRef | AnyOf | AllOf | Within | Before | WithExceptions


# ---- scopes ------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Scope:
    """``kind``: document, package, title, section, chapter, tables, citations, headers, body (``section``
    holds the section's name, or the words of a chapter heading).

    ``each`` is article/paragraph/sentence for per-unit scopes (``kind`` is then the base scope).
    """

    kind: str
    section: str | None = None
    each: str | None = None
    pos: Pos = (0, 0)

    def describe(self) -> str:
        base = f'{self.kind} "{self.section}"' if self.kind in ("section", "chapter") else self.kind
        if self.each:
            return f"each {self.each}" + ("" if self.kind == "document" else f" of {base}")
        return base


# ---- values and conditions ---------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Const:
    """A number (int/float), Duration, date, text or boolean written in the rule."""

    value: int | float | Duration | _dt.date | str | bool
    pos: Pos


@dataclass(frozen=True, slots=True)
class FactValue:
    """A bare name in a comparison: a document fact, or in ``forbid … where`` a capture."""

    name: str
    pos: Pos


@dataclass(frozen=True, slots=True)
class ParamValue:
    name: str
    pos: Pos


@dataclass(frozen=True, slots=True)
class SentenceValue:
    """``date|duration|number in sentence with MATCHER``."""

    kind: str
    matcher: Matcher
    pos: Pos


@dataclass(frozen=True, slots=True)
class SentencePeriod:
    """``period in sentence with MATCHER``."""

    matcher: Matcher
    pos: Pos


@dataclass(frozen=True, slots=True)
class PeriodBetween:
    """``period from A to B`` (A and B are date values); ``period after A to B`` leaves out day A itself."""

    first: Value
    last: Value
    pos: Pos
    after: bool = False


@dataclass(frozen=True, slots=True)
class CountOf:
    matcher: Matcher
    scope: Scope
    pos: Pos


@dataclass(frozen=True, slots=True)
class CitationField:
    """``citation NAME``: the law register's answer about the citation being checked."""

    name: str
    pos: Pos


Value = Const | FactValue | ParamValue | SentenceValue | SentencePeriod | PeriodBetween | CountOf | CitationField


@dataclass(frozen=True, slots=True)
class Contains:
    """``title|document|package|section "X" contains MATCHER``, or ``FACT contains MATCHER`` (where "fact",
    ``section`` holding the fact's name)."""

    where: str
    section: str | None
    matcher: Matcher
    pos: Pos


@dataclass(frozen=True, slots=True)
class HasFact:
    name: str
    pos: Pos


@dataclass(frozen=True, slots=True)
class Compare:
    left: Value
    op: str
    right: Value
    pos: Pos


@dataclass(frozen=True, slots=True)
class Arith:
    """``left op right`` on numbers (op is one of + - * /)."""

    left: Value
    op: str
    right: Value
    pos: Pos


@dataclass(frozen=True, slots=True)
class ParamCond:
    name: str
    pos: Pos


@dataclass(frozen=True, slots=True)
class Not:
    cond: Condition
    pos: Pos


@dataclass(frozen=True, slots=True)
class And:
    items: tuple[Condition, ...]
    pos: Pos


@dataclass(frozen=True, slots=True)
class Or:
    items: tuple[Condition, ...]
    pos: Pos


Condition = Contains | HasFact | Compare | ParamCond | Not | And | Or


# ---- checks ------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Require:
    matcher: Matcher
    scope: Scope | None
    least: int | None
    most: int | None
    pos: Pos


@dataclass(frozen=True, slots=True)
class Forbid:
    matcher: Matcher
    scope: Scope | None
    where: Condition | None
    pos: Pos


@dataclass(frozen=True, slots=True)
class RequireFact:
    name: str
    pos: Pos


@dataclass(frozen=True, slots=True)
class Assert:
    cond: Condition
    pos: Pos


@dataclass(frozen=True, slots=True)
class When:
    cond: Condition
    checks: tuple[Check, ...]
    pos: Pos


Check = Require | Forbid | RequireFact | Assert | When


# ---- rules and files ---------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Example:
    kind: str  # "fail" | "pass"
    text: str
    is_file: bool
    pos: Pos


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A rule's mechanical fix (``suggest …``): ``kind`` replace_text (``old`` → ``template`` inside the
    match), replace_match (the match → ``template``), citation (the cited 《law》 and its articles →
    《``template``》 and the article ``name`` maps them to, when one-to-one), normalize (the match rewritten by
    the normalizer ``name``) or insert (``template`` after the text of the fact ``name``)."""

    kind: str
    template: str = ""
    old: str = ""
    name: str = ""
    pos: Pos = (0, 0)


@dataclass(slots=True)
class RuleNode:
    id: str
    title: str
    pos: Pos
    severity: str | None = None
    tags: list[tuple[str, Pos]] = field(default_factory=list)
    basis: str = ""
    message: tuple[str, Pos] | None = None
    fix: tuple[str, Pos] | None = None
    checks: list[Check] = field(default_factory=list)
    examples: list[Example] = field(default_factory=list)
    repeated: list[tuple[str, Pos]] = field(default_factory=list)
    roles: list[tuple[str, Pos]] = field(default_factory=list)
    applies_mode: str | None = None
    applies_from: _dt.date | None = None
    applies_until: _dt.date | None = None
    applies_issuers: list[tuple[str, Pos]] = field(default_factory=list)
    suggestion: Suggestion | None = None


@dataclass(frozen=True, slots=True)
class Include:
    path: str
    pos: Pos


@dataclass(frozen=True, slots=True)
class TagsDecl:
    """``tags a "标签甲", b``: the declared tags, and the Chinese labels of those written with one."""

    tags: tuple[tuple[str, Pos], ...]
    pos: Pos
    labels: tuple[tuple[str, str, Pos], ...] = ()


@dataclass(frozen=True, slots=True)
class ParamDecl:
    name: str
    value: int | float | Duration | tuple[str, ...] | bool
    pos: Pos


@dataclass(frozen=True, slots=True)
class ListDecl:
    name: str
    terms: tuple[str, ...] | None
    path: str | None
    pos: Pos


@dataclass(frozen=True, slots=True)
class MapDecl:
    name: str
    path: str
    pos: Pos


@dataclass(frozen=True, slots=True)
class PatternDecl:
    name: str
    matcher: Matcher
    pos: Pos


Statement = Include | TagsDecl | ParamDecl | ListDecl | MapDecl | PatternDecl | RuleNode


@dataclass(slots=True)
class RuleFile:
    """One parsed file: its statements in order, and its source lines (for error carets)."""

    path: str
    statements: list[Statement]
    lines: list[str]
