"""Run compiled rules over one Document and return Findings. Pure: no I/O, no printing."""
from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from normcheck.engine.checks import (
    AssertCheck,
    FactCheck,
    ForbidCheck,
    RequireCheck,
    WhenCheck,
)
from normcheck.engine.conditions import CITATION_KEY, Val, fact
from normcheck.engine.context import DocContext
from normcheck.engine.matchers import Match, Unit
from normcheck.engine.templates import Field, render
from normcheck.model import Document, Finding, Location
from normcheck.structure.numbers import chinese_number

if TYPE_CHECKING:
    from normcheck.dsl.checker import CompiledRule
    from normcheck.dsl.compiler import Library
    from normcheck.engine.checks import CompiledCheck
    from normcheck.structure.facts import Structure


def check_document(doc: Document, rules: Iterable[CompiledRule], structure: Structure | None = None) -> list[Finding]:
    """Every finding of ``rules`` (a RuleSet or any iterable of its rules) in ``doc``, sorted by location."""
    rules = list(rules)
    if not rules:
        return []
    if structure is None:
        structure = _analyze(doc)
    contexts: dict[int, tuple[DocContext, set[str]]] = {}
    findings: dict[tuple[Any, ...], Finding] = {}
    mode = structure.mode
    issuer = structure.issuer_type.value if structure.issuer_type is not None else None
    issue_day = structure.issue_day
    for rule in rules:
        found = contexts.get(id(rule.library))
        if found is None:
            ctx = DocContext(doc, structure, rule.library)
            active = rule.library.active_rules(ctx.term_occurrences(), ctx.regex_hits())
            found = contexts[id(rule.library)] = (ctx, active)
        ctx, active = found
        if rule.id not in active or not rule.applies_to(mode, issue_day, issuer):
            continue
        for finding in _RuleRun(rule, ctx).run(rule.checks):
            findings.setdefault((finding.rule, finding.location, finding.message), finding)
    return sorted(findings.values(), key=Finding.sort_key)


_OWN = frozenset(("own",))


def _analyze(doc: Document) -> Structure:
    from normcheck.structure import analyze

    return analyze(doc)


class _RuleRun:
    def __init__(self, rule: CompiledRule, ctx: DocContext) -> None:
        self.rule = rule
        self.ctx = ctx

    def run(self, checks: list[CompiledCheck]) -> list[Finding]:
        out: list[Finding] = []
        for check in checks:
            if isinstance(check, RequireCheck):
                out.extend(self._require(check))
            elif isinstance(check, ForbidCheck):
                out.extend(self._forbid(check))
            elif isinstance(check, FactCheck) and fact(self.ctx, check.name) is None:
                out.append(self._absent())
            elif isinstance(check, AssertCheck) and check.cond.evaluate(self.ctx, {}) is False:
                out.append(self._at_value(check.cond.first_value(self.ctx, {})))
            elif isinstance(check, WhenCheck) and check.cond.evaluate(self.ctx, {}) is True:
                out.extend(self.run(check.checks))
        return out

    # ---- checks ------------------------------------------------------------------------------
    def _require(self, check: RequireCheck) -> list[Finding]:
        units = self.ctx.units(check.scope)
        if check.scope.each is None and not units:
            units = [Unit((), None)]
        out = []
        plain = check.least is None and check.most is None
        roles = self.rule.roles
        for unit in units:
            if roles is not None:
                found = [m for m in check.matcher.find(self.ctx, unit) if self.ctx.role_at(m.start) in roles]
                if check.most is not None and len(found) > check.most:
                    out.append(self._at_match(found[check.most], unit))
                elif check.most is None and len(found) < (check.least or 1):
                    out.append(self._absent() if check.scope.each is None else self._at_unit(unit))
                continue
            if plain:
                if not check.matcher.exists(self.ctx, unit):
                    out.append(self._absent() if check.scope.each is None else self._at_unit(unit))
                continue
            matches = check.matcher.find(self.ctx, unit)
            if check.most is not None:
                if len(matches) > check.most:
                    out.append(self._at_match(matches[check.most], unit))
            elif len(matches) < (check.least or 1):
                out.append(self._absent() if check.scope.each is None else self._at_unit(unit))
        return out

    def _forbid(self, check: ForbidCheck) -> list[Finding]:
        roles = self._roles(check)
        if check.scope.kind not in ("title", "citations"):
            found = self.ctx.whole(check.matcher)
            if found is not None:
                return self._forbid_in_order(check, found[0], roles)
        units = self._candidate_units(check)
        out = []
        for unit in units:
            for match in check.matcher.find(self.ctx, unit):
                if roles is not None and self.ctx.role_at(match.start) not in roles:
                    continue
                env: dict[str, Any] = self._captures(match)
                if unit.citation is not None:
                    env[CITATION_KEY] = unit.citation
                if check.where is None or check.where.evaluate(self.ctx, env) is True:
                    out.append(self._at_match(match, unit))
                    break
        return out

    def _forbid_in_order(self, check: ForbidCheck, matches: list[Match], roles: frozenset[str] | None
                         ) -> list[Finding]:
        """``_forbid`` for a matcher matched over the whole text: walk its matches in text order and
        report the first one in each unit of the scope that passes the roles and the ``where``."""
        ctx, scope = self.ctx, check.scope
        single: Unit | None = None
        if scope.each is None:
            units = ctx.units(scope)
            if not units or not matches:
                return []
            single = units[0]
        out: list[Finding] = []
        reported: set[tuple[int, int]] = set()
        for match in matches:
            if roles is not None and ctx.role_at(match.start) not in roles:
                continue
            unit = single if single is not None else ctx.unit_at(match.start, scope.kind, scope.section,
                                                                 scope.each or "sentence")
            if unit is None or not unit.ranges or unit.ranges[0] in reported or not _inside(match, unit):
                continue
            if check.where is not None and check.where.evaluate(ctx, self._captures(match)) is not True:
                continue
            out.append(self._at_match(match, unit))
            reported.add(unit.ranges[0])
        return out

    def _roles(self, check: ForbidCheck) -> frozenset[str] | None:
        """The roles whose text a forbid check reads: the rule's own ``roles``, else the document's own
        provisions — except citations and the title, which are read wherever they stand."""
        if self.rule.roles is not None:
            return self.rule.roles
        return None if check.scope.kind in ("citations", "title") else _OWN

    def _candidate_units(self, check: ForbidCheck) -> list[Unit]:
        """Only the units holding an anchor of the matcher: rules whose anchors are absent cost nothing."""
        starts: list[int] = []
        for primitive in check.anchors:
            if primitive.may_occur(self.ctx):
                starts.extend(self.ctx.primitive(primitive)[1])
        if not starts:
            return []
        scope = check.scope
        if scope.each is None or scope.kind in ("title", "citations"):
            return self.ctx.units(scope)
        chosen: dict[tuple[int, int], Unit] = {}
        for pos in sorted(starts):
            unit = self.ctx.unit_at(pos, scope.kind, scope.section, scope.each)
            if unit is not None and unit.ranges:
                chosen.setdefault(unit.ranges[0], unit)
        return [chosen[key] for key in sorted(chosen)]

    # ---- findings ----------------------------------------------------------------------------
    def _captures(self, match: Match) -> dict[str, str]:
        return {name: self.ctx.text[s:e] for name, (s, e) in match.groups}

    def _finding(self, location: Location, excerpt: str, context: str, values: dict[str, Any]) -> Finding:
        rule = self.rule

        def lookup(f: Field) -> Any:
            if f.kind in ("plain", "capture"):
                return values.get(f.name, "")
            if f.kind == "fact":
                found = fact(self.ctx, f.name)
                return found.value if found is not None else ""
            if f.kind == "param":
                return self.ctx.library.params.get(f.name, "")
            if f.kind == "citation":
                from normcheck.engine.citation_values import citation_field

                return citation_field(self.ctx, values.get("_citation"), f.name)
            return _map_value(self.ctx.library, f.name, values)

        return Finding(rule=rule.id, severity=rule.severity, tags=rule.tags, title=rule.title,
                       message=render(rule.message_template, lookup), basis=rule.basis,
                       fix=render(rule.fix_template, lookup), location=location, excerpt=excerpt, context=context)

    def _absent(self) -> Finding:
        return self._finding(Location(file=self.ctx.doc.path, part="document"), "", "", {})

    def _at_unit(self, unit: Unit) -> Finding:
        if unit.block is None:
            return self._absent()
        block = self.ctx.doc.blocks[unit.block]
        article = self.ctx.article_label(unit.block)
        location = Location(file=block.file or self.ctx.doc.path, part=block.part, paragraph=block.index,
                            article=article)
        return self._finding(location, "", block.text, {"article": article or ""})

    def _at_match(self, match: Match, unit: Unit) -> Finding:
        ctx = self.ctx
        index = ctx.block_at(match.start)
        block = ctx.doc.blocks[index]
        lo, hi = ctx.block_span(index)
        start, end = match.start - lo, min(match.end, hi) - lo
        s_lo, s_hi = ctx.sentence_span(match.start)
        article = ctx.article_label(index)
        values: dict[str, Any] = {"match": block.text[start:end], "article": article or "",
                                  "sentence": ctx.text[s_lo:s_hi].strip()}
        values.update(self._captures(match))
        if unit.citation is not None:
            values["law"] = unit.citation.law
            values["articles"] = "、".join(f"第{chinese_number(n)}条" for n in unit.citation.articles)
            values["_citation"] = unit.citation
        location = Location(file=block.file or ctx.doc.path, part=block.part, paragraph=block.index,
                            article=article, start=start, end=end)
        return self._finding(location, block.text[start:end], values["sentence"], values)

    def _at_value(self, value: Val | None) -> Finding:
        if value is None or value.block is None or not 0 <= value.block < len(self.ctx.doc.blocks):
            return self._absent()
        block = self.ctx.doc.blocks[value.block]
        article = self.ctx.article_label(value.block)
        start, end = value.start, value.end
        excerpt = block.text[start:end] if start is not None and end is not None else ""
        location = Location(file=block.file or self.ctx.doc.path, part=block.part, paragraph=block.index,
                            article=article, start=start, end=end)
        return self._finding(location, excerpt, block.text, {"match": excerpt, "article": article or ""})


def _inside(match: Match, unit: Unit) -> bool:
    return any(lo <= match.start < hi and match.end <= hi for lo, hi in unit.ranges)


def _map_value(library: Library, name: str, values: dict[str, Any]) -> str:
    mapping = library.maps.get(name, {})
    keys: list[str] = []
    citation = values.get("_citation")
    if citation is not None:
        for n in citation.articles:
            keys += [f"{citation.law}第{chinese_number(n)}条", f"{citation.law}第{n}条"]
        keys.append(citation.law)
    keys.append(str(values.get("match", "")))
    for key in keys:
        if key in mapping:
            return mapping[key]
    return ""
