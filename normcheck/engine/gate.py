"""Which rules can fire in a document at all, from the prefilter results alone.

A rule made only of ``forbid`` checks can fire only where one of its anchors occurs. An inverted index
from anchor (folded term, regex slot) to rules turns the document's Aho-Corasick hits and regex prefilter
results into the set of rules worth running; the others are skipped without any per-rule work.
"""
from __future__ import annotations

from collections.abc import Container
from typing import TYPE_CHECKING

from normcheck.engine import matchers as m
from normcheck.engine.checks import ForbidCheck

if TYPE_CHECKING:
    from normcheck.dsl.checker import CompiledRule


class GateIndex:
    def __init__(self, rules: list[CompiledRule]) -> None:
        self.always: set[str] = set()
        self.by_term: dict[str, list[str]] = {}
        self.by_regex: dict[int, list[str]] = {}
        for rule in rules:
            anchors = _anchors(rule)
            if anchors is None:
                self.always.add(rule.id)
                continue
            for primitive in anchors:
                if isinstance(primitive, m.Terms):
                    for term in primitive.folded:
                        self.by_term.setdefault(term, []).append(rule.id)
                elif isinstance(primitive, m.Pattern) and primitive.index is not None:
                    self.by_regex.setdefault(primitive.index, []).append(rule.id)

    def active(self, terms: dict[str, list[int]], regexes: Container[int]) -> set[str]:
        """IDs of the rules to run, given the folded terms found in the document and the regex slots that
        may match there (asked slot by slot: only anchors of rules not already active are asked)."""
        found = set(self.always)
        for term in terms:
            found.update(self.by_term.get(term, ()))
        for index, rules in self.by_regex.items():
            if not found.issuperset(rules) and index in regexes:
                found.update(rules)
        return found


def _anchors(rule: CompiledRule) -> list[m.Primitive] | None:
    """The rule's anchors, or None when it must always run (requirements, conditions, exact matchers)."""
    anchors: list[m.Primitive] = []
    for check in rule.checks:
        if not isinstance(check, ForbidCheck):
            return None
        for primitive in check.anchors:
            exact_terms = isinstance(primitive, m.Terms) and primitive.exact
            unfiltered = isinstance(primitive, m.Pattern) and primitive.index is None
            if exact_terms or unfiltered or not isinstance(primitive, (m.Terms, m.Pattern)):
                return None
            anchors.append(primitive)
    return anchors
