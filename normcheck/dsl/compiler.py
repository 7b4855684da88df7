"""Checked AST → compiled matchers, conditions and checks. Name resolution and regex validation happen
here, so every error carries the file, line and column of the offending text."""
from __future__ import annotations

from collections.abc import Container, Iterator
from contextlib import contextmanager
from typing import Any

from normcheck.dsl import ast
from normcheck.engine import matchers as m
from normcheck.engine.fold import fold, fold_regex_source
from normcheck.engine.saferegex import RegexProblem, SafeRegex, compile_safe
from normcheck.errors import RuleError
from normcheck.structure.vocab import FRAMES

MAX_TERM_CHARS = 200
MAX_PATTERN_CHAIN = 40


class Library:
    """Everything the rules of one load share: named lists, patterns, maps, params, and the literal terms
    and regexes that prefilter every document (one Aho-Corasick automaton for the terms and the literal
    pieces the regexes require, see normcheck.engine.prefilter)."""

    def __init__(self) -> None:
        self.lists: dict[str, tuple[str, ...]] = {}
        self.maps: dict[str, dict[str, str]] = {}
        self.patterns: dict[str, tuple[ast.PatternDecl, str]] = {}
        self.params: dict[str, Any] = {}
        self.defined_at: dict[str, tuple[str, ast.Pos]] = {}
        self.sources: dict[str, list[str]] = {}
        self._named: dict[str, m.Matcher] = {}
        self._literals: dict[tuple[str, bool], m.Terms] = {}
        self._regexes: dict[tuple[str, bool], m.Pattern] = {}
        self._compiling: list[str] = []
        self._set_sources: list[str] = []
        # Patterns whose RE2 check is deferred to ``validate_regexes`` (once for the whole rule set).
        self._unchecked: list[tuple[SafeRegex, ast.Regex, str]] = []
        self._terms: set[str] = set()
        self._automaton: Any = None
        self._regex_set: Any = None
        self.rules: list[Any] = []
        self._gate: Any = None
        # Load warnings (Chinese): things that compile but can never match, such as an unknown section name.
        self.warnings: list[str] = []
        # Every error of the load, collected so that all are reported together (see ``collecting``).
        self.errors: list[RuleError] = []

    @contextmanager
    def collecting(self) -> Iterator[None]:
        """Record a RuleError raised inside the block and go on with the next item."""
        from normcheck.dsl.problems import AlreadyReported

        try:
            yield
        except AlreadyReported:
            pass
        except RuleError as exc:
            self.errors.append(exc)

    def check_section_name(self, name: str, path: str, pos: ast.Pos) -> None:
        """Warn about a section name the structure never produces: unless a package member's file name
        contains it, that scope is empty in every document."""
        from normcheck.structure.vocab import SECTION_NAMES

        if name in SECTION_NAMES:
            return
        self.warnings.append(f"{path}:{pos[0]}:{pos[1]}: 部分“{name}”不是 normcheck 识别的部分"
                             f"（{'、'.join(SECTION_NAMES)}），只有文件名含这几个字的报送材料才会匹配"
                             f"{self._suggest(name, SECTION_NAMES)}")

    # ---- errors ------------------------------------------------------------------------------
    def validate_regexes(self) -> None:
        """Check every pattern under RE2 — unless this exact set of patterns passed before (recorded in the
        rule cache), which spares a warm start compiling hundreds of patterns no check may need."""
        from normcheck.dsl import cache as rule_cache

        digest = rule_cache.regex_set_digest((safe.source, safe.case_sensitive) for safe, _, _ in self._unchecked)
        if rule_cache.regexes_validated(digest):
            self._unchecked.clear()
            return
        failed = False
        for safe, node, path in self._unchecked:
            try:
                safe.validate()
            except RegexProblem as exc:
                failed = True
                self.errors.append(self.error(f"正则表达式 /{node.source}/ 有误：{exc}", path, node.pos))
        self._unchecked.clear()
        if not failed:
            rule_cache.mark_regexes_validated(digest)

    def error(self, message: str, path: str, pos: ast.Pos) -> RuleError:
        lines = self.sources.get(path, [])
        line, column = pos
        source = lines[line - 1] if 1 <= line <= len(lines) else None
        return RuleError(message, path, line or None, column or None, source)

    # ---- prefilter ---------------------------------------------------------------------------
    def scan_terms(self, shadow: str) -> dict[str, list[int]]:
        """Start offsets of every folded term, and of every literal piece the regexes require, in
        ``shadow`` (one Aho-Corasick pass)."""
        self._build_scan()
        return self._automaton.scan(shadow)  # type: ignore[no-any-return]

    def _build_scan(self) -> None:
        """The regex prefilter and the automaton over terms and required pieces, built on first use."""
        if self._automaton is None:
            from normcheck.engine.scan import TermScanner

            self._regex_set = self._prefilter()
            self._automaton = TermScanner(self._terms | self._regex_set.atoms)

    def _prefilter(self) -> Any:
        """The regexes' requirements, derived once per set of patterns and kept in the rule cache."""
        import hashlib
        import sys

        from normcheck.dsl import cache as rule_cache
        from normcheck.engine import prefilter

        digest = hashlib.sha256(f"{prefilter.VERSION}\0{sys.version_info[:2]}".encode())
        for source in self._set_sources:
            digest.update(source.encode("utf-8", "surrogatepass") + b"\0")
        key = digest.hexdigest()
        stored = rule_cache.load_blob("prefilter", key)
        requirements = prefilter.from_json(stored, len(self._set_sources)) if stored is not None else None
        built = prefilter.RegexPrefilter(self._set_sources, requirements)
        if requirements is None:
            rule_cache.store_blob("prefilter", key, prefilter.to_json(built.requirements))
        return built

    def regex_hits(self, occurrences: dict[str, list[int]]) -> Container[int]:
        """The slots of the regexes that may match a document with these ``scan_terms`` results (``slot
        in hits``): those whose required literal pieces occur (see normcheck.engine.prefilter)."""
        self._build_scan()
        return self._regex_set.hits(occurrences)  # type: ignore[no-any-return]

    def active_rules(self, terms: dict[str, list[int]], regexes: Container[int]) -> set[str]:
        """IDs of this library's rules that may fire in a document with these prefilter results."""
        if self._gate is None:
            from normcheck.engine.gate import GateIndex

            self._gate = GateIndex(self.rules)
        return self._gate.active(terms, regexes)  # type: ignore[no-any-return]

    # ---- matchers ----------------------------------------------------------------------------
    def compile_matcher(self, node: ast.Matcher, path: str) -> m.Matcher:
        if isinstance(node, ast.Literal):
            return self._literal(node, path)
        if isinstance(node, ast.Regex):
            return self._regex(node, path)
        if isinstance(node, ast.NameRef):
            return self._named_matcher(node, path)
        if isinstance(node, ast.AnyOf):
            return m.AnyOf([self.compile_matcher(item, path) for item in node.items])
        if isinstance(node, ast.AllOf):
            if all(node.negated):
                raise self.error("not 只能和 and 一起使用，而且至少要有一项不带 not（例如 \"甲\" and not \"乙\"）",
                                 path, node.pos)
            return m.AllOf([self.compile_matcher(item, path) for item in node.items], list(node.negated))
        if isinstance(node, ast.Within):
            return m.Near(self.compile_matcher(node.first, path), self.compile_matcher(node.second, path),
                          node.distance, ordered=False)
        if isinstance(node, ast.Before):
            if node.distance == 0:
                self._check_adjacent(node, path)
            return m.Near(self.compile_matcher(node.first, path), self.compile_matcher(node.second, path),
                          node.distance, ordered=True)
        assert isinstance(node, ast.WithExceptions)
        for e in node.exceptions:
            if e.kind == "section" and e.section:
                self.check_section_name(e.section, path, e.pos)
            if e.kind == "frame" and e.frame not in FRAMES:
                raise self.error(f"未知的条款框架“{e.frame}”（可用：{'、'.join(FRAMES)}）"
                                 f"{self._suggest(e.frame or '', FRAMES)}", path, e.pos)
        exceptions = [m.Exception_(e.kind, self.compile_matcher(e.target, path) if e.target else None,
                                   e.distance, e.unit, e.section, e.frame) for e in node.exceptions]
        return m.WithExceptions(self.compile_matcher(node.matcher, path), exceptions)

    def _literal(self, node: ast.Literal, path: str) -> m.Matcher:
        if not node.text.strip():
            raise self.error("要查找的文字不能为空", path, node.pos)
        if len(node.text) > MAX_TERM_CHARS:
            raise self.error(f"要查找的文字过长（超过 {MAX_TERM_CHARS} 个字符）", path, node.pos)
        key = (node.text, node.exact)
        if key not in self._literals:
            label = ("exact " if node.exact else "") + f'"{node.text}"'
            self._literals[key] = self.terms((node.text,), node.exact, label)
        return self._literals[key]

    def terms(self, terms: tuple[str, ...], exact: bool, label: str) -> m.Terms:
        folded = tuple(dict.fromkeys(fold(t) for t in terms))
        if not exact:
            self._terms.update(folded)
        return m.Terms(terms, exact, label, folded)

    def _regex(self, node: ast.Regex, path: str) -> m.Matcher:
        key = (node.source, node.exact)
        if key in self._regexes:
            return self._regexes[key]
        from normcheck.dsl.unmatchable import regex_problem

        problem = regex_problem(node.source)
        if problem:
            self.warnings.append(f"{path}:{node.pos[0]}:{node.pos[1]}: 正则表达式 /{node.source}/ 不可能匹配任何文字："
                                 f"{problem}")
        source = node.source if node.exact else fold_regex_source(node.source)
        safe = compile_safe("(?m)" + source, case_sensitive=node.exact, validate=False)
        self._unchecked.append((safe, node, path))
        index = None
        if not node.exact:
            index = len(self._set_sources)
            self._set_sources.append("(?mi)" + source)
        label = ("exact " if node.exact else "") + f"/{node.source}/"
        self._regexes[key] = m.Pattern(safe, node.exact, label, index)
        return self._regexes[key]

    def _check_adjacent(self, node: ast.Before, path: str) -> None:
        from normcheck.dsl.unmatchable import adjacent_problem

        problem = adjacent_problem(node.first, node.second, self.definition)
        if problem:
            self.warnings.append(f"{path}:{node.pos[0]}:{node.pos[1]}: “before … within 0”的两部分不可能紧挨着出现"
                                 f"（前一部分之后紧接后一部分时，{problem}），这个查找条件永远不会匹配")

    def definition(self, name: str) -> Any:
        """What a name stands for: a list's (a list param's, a map's) terms, or a pattern's matcher."""
        if name in self.patterns:
            return self.patterns[name][0].matcher
        if name in self.lists:
            return self.lists[name]
        if name in self.maps:
            return tuple(self.maps[name])
        value = self.params.get(name)
        return value if isinstance(value, tuple) else None

    def _named_matcher(self, node: ast.NameRef, path: str) -> m.Matcher:
        name = node.name
        if node.param:
            if name not in self.params:
                raise self.error(f"未定义的参数“{name}”{self._suggest(name, self.params)}", path, node.pos)
            if not isinstance(self.params[name], tuple):
                raise self.error(f"参数“{name}”不是文字列表，不能用来查找", path, node.pos)
        if name in self._named:
            return self._named[name]
        compiled: m.Matcher
        if name in self.patterns:
            if name in self._compiling:
                raise self.error(f"模式“{name}”直接或间接地引用了自己", path, node.pos)
            if len(self._compiling) >= MAX_PATTERN_CHAIN:
                raise self.error(f"模式之间的引用层次过深（超过 {MAX_PATTERN_CHAIN} 层）", path, node.pos)
            decl, decl_path = self.patterns[name]
            self._compiling.append(name)
            try:
                compiled = m.Named(name, self.compile_matcher(decl.matcher, decl_path))
            except RuleError:
                # Reported once, here: every other use of the broken pattern gets a stand-in.
                self._named[name] = m.Named(name, m.Terms((), False, name, ()))
                raise
            finally:
                self._compiling.pop()
        elif name in self.lists:
            compiled = self.terms(self.lists[name], False, name)
        elif name in self.maps:
            compiled = self.terms(tuple(self.maps[name]), False, name)
        elif isinstance(self.params.get(name), tuple):
            compiled = self.terms(self.params[name], False, f"param {name}")
        else:
            known = [*self.lists, *self.patterns, *self.maps,
                     *(p for p, value in self.params.items() if isinstance(value, tuple))]
            raise self.error(f"未定义的名称“{name}”（不是已定义的列表、模式或映射）{self._suggest(name, known)}",
                             path, node.pos)
        self._named[name] = compiled
        return compiled

    @staticmethod
    def _suggest(name: str, known: Any) -> str:
        from normcheck.dsl.closest import did_you_mean

        return did_you_mean(name, list(known))
