"""Lark parse tree → AST dataclasses (normcheck.dsl.ast), with literal decoding and size limits."""
from __future__ import annotations

import datetime as _dt
from typing import Any

from lark import Token, Transformer, Tree, v_args

from normcheck.dsl import ast
from normcheck.errors import RuleError
from normcheck.structure.facts import Duration

_UNITS = {"year": "year", "years": "year", "month": "month", "months": "month", "day": "day", "days": "day",
          "workday": "workday", "workdays": "workday"}


_ESCAPES = {'"': '"', "\\": "\\", "n": "\n", "t": "\t"}


def _pos(meta: Any) -> ast.Pos:
    return (getattr(meta, "line", 0) or 0, getattr(meta, "column", 0) or 0)


def _tpos(token: Token) -> ast.Pos:
    return (token.line or 0, token.column or 0)


@v_args(meta=True)
class _Builder(Transformer[Token, list[ast.Statement]]):
    def __init__(self, path: str, lines: list[str]) -> None:
        super().__init__()
        self.path = path
        self.lines = lines

    def _error(self, message: str, pos: ast.Pos) -> RuleError:
        from normcheck.dsl.lexicon import source_line

        return RuleError(message, self.path, pos[0], pos[1], source_line(self.lines, pos[0]))

    # ---- tokens ------------------------------------------------------------------------------
    def STRING(self, token: Token) -> Token:
        from normcheck.dsl.lexicon import MAX_STRING_CHARS

        body = token.value[1:-1]
        if len(body) > MAX_STRING_CHARS:
            raise self._error(f"文字过长（超过 {MAX_STRING_CHARS} 个字符）", _tpos(token))
        out, i = [], 0
        while i < len(body):
            ch = body[i]
            if ch == "\\" and i + 1 < len(body) and body[i + 1] in _ESCAPES:
                out.append(_ESCAPES[body[i + 1]])
                i += 2
                continue
            out.append(ch)
            i += 1
        return token.update(value="".join(out))

    def REGEX(self, token: Token) -> Token:
        from normcheck.dsl.lexicon import MAX_REGEX_CHARS

        body = token.value[1:-1]
        if len(body) > MAX_REGEX_CHARS:
            raise self._error(f"正则表达式过长（超过 {MAX_REGEX_CHARS} 个字符）", _tpos(token))
        return token.update(value=body.replace("\\/", "/"))

    # ---- top level ---------------------------------------------------------------------------
    def start(self, meta: Any, children: list[ast.Statement]) -> list[ast.Statement]:
        return children

    def include(self, meta: Any, c: list[Token]) -> ast.Include:
        return ast.Include(c[0].value, _tpos(c[0]))

    def tag_list(self, meta: Any, c: list[Token]) -> tuple[tuple[str, ast.Pos], ...]:
        return tuple((t.value, _tpos(t)) for t in c)

    def tag_decl(self, meta: Any, c: list[Token | None]) -> tuple[str, ast.Pos, Token | None]:
        tag = c[0]
        assert tag is not None
        return (tag.value, _tpos(tag), c[1])

    def tags_decl(self, meta: Any, c: list[tuple[str, ast.Pos, Token | None]]) -> ast.TagsDecl:
        labels = tuple((tag, label.value, _tpos(label)) for tag, _, label in c if label is not None)
        return ast.TagsDecl(tuple((tag, pos) for tag, pos, _ in c), _pos(meta), labels)

    def param_decl(self, meta: Any, c: list[Any]) -> ast.ParamDecl:
        value = c[1]
        if isinstance(value, ast.Const):
            value = value.value
        return ast.ParamDecl(c[0].value, value, _tpos(c[0]))

    def string_list(self, meta: Any, c: list[Token]) -> tuple[str, ...]:
        return tuple(t.value for t in c)

    def list_inline(self, meta: Any, c: list[Any]) -> ast.ListDecl:
        return ast.ListDecl(c[0].value, c[1], None, _tpos(c[0]))

    def list_file(self, meta: Any, c: list[Token]) -> ast.ListDecl:
        return ast.ListDecl(c[0].value, None, c[1].value, _tpos(c[0]))

    def map_decl(self, meta: Any, c: list[Token]) -> ast.MapDecl:
        return ast.MapDecl(c[0].value, c[1].value, _tpos(c[0]))

    def pattern_decl(self, meta: Any, c: list[Any]) -> ast.PatternDecl:
        return ast.PatternDecl(c[0].value, c[1], _tpos(c[0]))

    # ---- rules -------------------------------------------------------------------------------
    def rule(self, meta: Any, c: list[Any]) -> ast.RuleNode:
        node = ast.RuleNode(id=c[0].value, title=c[1].value, pos=_tpos(c[0]))
        for kind, value, pos in c[2:]:
            if kind == "check":
                node.checks.append(value)
            elif kind == "example":
                node.examples.append(value)
            elif kind == "tags":
                node.tags.extend(value)
            elif kind == "severity":
                if node.severity is not None:
                    node.repeated.append((kind, pos))
                node.severity = value
            elif kind in ("message", "fix"):
                if getattr(node, kind) is not None:
                    node.repeated.append((kind, pos))
                setattr(node, kind, (value, pos))
            elif kind == "basis":
                if node.basis:
                    node.repeated.append((kind, pos))
                node.basis = value
            elif kind == "roles":
                node.roles.extend(value)
            elif kind == "applies_issuer":
                node.applies_issuers.extend(value)
            elif kind == "suggest":
                if node.suggestion is not None:
                    node.repeated.append((kind, pos))
                node.suggestion = value
            elif kind in ("applies_mode", "applies_from", "applies_until"):
                if getattr(node, kind) is not None:
                    node.repeated.append((kind.replace("_", " "), pos))
                setattr(node, kind, value)
        return node

    def applies_package(self, meta: Any, c: list[Any]) -> tuple[str, str, ast.Pos]:
        return ("applies_mode", "package", _pos(meta))

    def applies_document(self, meta: Any, c: list[Any]) -> tuple[str, str, ast.Pos]:
        return ("applies_mode", "document", _pos(meta))

    def applies_from(self, meta: Any, c: list[Token]) -> tuple[str, Any, ast.Pos]:
        return ("applies_from", self.date(meta, [c[0]]).value, _pos(meta))

    def applies_until(self, meta: Any, c: list[Token]) -> tuple[str, Any, ast.Pos]:
        return ("applies_until", self.date(meta, [c[0]]).value, _pos(meta))

    def applies_issuer(self, meta: Any, c: list[Token]) -> tuple[str, Any, ast.Pos]:
        return ("applies_issuer", [(t.value, _tpos(t)) for t in c], _pos(meta))

    def roles(self, meta: Any, c: list[Token]) -> tuple[str, Any, ast.Pos]:
        return ("roles", [(t.value, _tpos(t)) for t in c], _pos(meta))

    def severity(self, meta: Any, c: list[Token]) -> tuple[str, str, ast.Pos]:
        return ("severity", c[0].value, _tpos(c[0]))

    def rule_tags(self, meta: Any, c: list[Any]) -> tuple[str, Any, ast.Pos]:
        return ("tags", list(c[0]), _pos(meta))

    def basis(self, meta: Any, c: list[Token]) -> tuple[str, str, ast.Pos]:
        return ("basis", c[0].value, _pos(meta))

    def message(self, meta: Any, c: list[Token]) -> tuple[str, str, ast.Pos]:
        return ("message", c[0].value, _tpos(c[0]))

    def fix(self, meta: Any, c: list[Token]) -> tuple[str, str, ast.Pos]:
        return ("fix", c[0].value, _tpos(c[0]))

    def suggest_replace_text(self, meta: Any, c: list[Token]) -> tuple[str, ast.Suggestion, ast.Pos]:
        return ("suggest", ast.Suggestion("replace_text", c[1].value, old=c[0].value, pos=_pos(meta)), _pos(meta))

    def suggest_replace_match(self, meta: Any, c: list[Token]) -> tuple[str, ast.Suggestion, ast.Pos]:
        return ("suggest", ast.Suggestion("replace_match", c[0].value, pos=_pos(meta)), _pos(meta))

    def suggest_citation(self, meta: Any, c: list[Token]) -> tuple[str, ast.Suggestion, ast.Pos]:
        return ("suggest", ast.Suggestion("citation", c[0].value, name=c[1].value, pos=_pos(meta)), _pos(meta))

    def suggest_normalize(self, meta: Any, c: list[Token]) -> tuple[str, ast.Suggestion, ast.Pos]:
        return ("suggest", ast.Suggestion("normalize", name=c[0].value, pos=_pos(meta)), _pos(meta))

    def suggest_insert(self, meta: Any, c: list[Token]) -> tuple[str, ast.Suggestion, ast.Pos]:
        return ("suggest", ast.Suggestion("insert", c[0].value, name=c[1].value, pos=_pos(meta)), _pos(meta))

    def example_text(self, meta: Any, c: list[Token]) -> tuple[str, ast.Example, ast.Pos]:
        return ("example", ast.Example(c[0].value, c[1].value, False, _tpos(c[1])), _pos(meta))

    def example_file(self, meta: Any, c: list[Token]) -> tuple[str, ast.Example, ast.Pos]:
        return ("example", ast.Example(c[0].value, c[1].value, True, _tpos(c[1])), _pos(meta))

    # ---- checks ------------------------------------------------------------------------------
    def require(self, meta: Any, c: list[Any]) -> tuple[str, ast.Check, ast.Pos]:
        matcher = _trailing_exceptions(c[0], c[2:], _pos(meta))
        return ("check", ast.Require(matcher, c[1], None, None, _pos(meta)), _pos(meta))

    def require_count(self, meta: Any, c: list[Any]) -> tuple[str, ast.Check, ast.Pos]:
        bound, n = c[0].value, int(c[1].value)
        least, most = (n, None) if bound == "least" else (None, n)
        matcher = _trailing_exceptions(c[2], c[4:], _pos(meta))
        return ("check", ast.Require(matcher, c[3], least, most, _pos(meta)), _pos(meta))

    def forbid(self, meta: Any, c: list[Any]) -> tuple[str, ast.Check, ast.Pos]:
        matcher = _trailing_exceptions(c[0], c[2:-1], _pos(meta))
        return ("check", ast.Forbid(matcher, c[1], c[-1], _pos(meta)), _pos(meta))

    def require_fact(self, meta: Any, c: list[Token]) -> tuple[str, ast.Check, ast.Pos]:
        return ("check", ast.RequireFact(c[0].value, _tpos(c[0])), _pos(meta))

    def assert_check(self, meta: Any, c: list[Any]) -> tuple[str, ast.Check, ast.Pos]:
        return ("check", ast.Assert(c[0], _pos(meta)), _pos(meta))

    def when(self, meta: Any, c: list[Any]) -> tuple[str, ast.Check, ast.Pos]:
        checks = tuple(item[1] for item in c[1:])
        return ("check", ast.When(c[0], checks, _pos(meta)), _pos(meta))

    # ---- scopes ------------------------------------------------------------------------------
    def scope(self, meta: Any, c: list[ast.Scope]) -> ast.Scope:
        return ast.Scope(c[0].kind, c[0].section, c[0].each, _pos(meta))

    def _base(kind: str) -> Any:  # type: ignore[misc]
        def build(self: _Builder, meta: Any, c: list[Token]) -> ast.Scope:
            return ast.Scope(kind, c[0].value if c else None, None, _pos(meta))

        return build

    scope_document = _base("document")
    scope_package = _base("package")
    scope_title = _base("title")
    scope_section = _base("section")
    scope_chapter = _base("chapter")
    scope_tables = _base("tables")
    scope_citations = _base("citations")
    scope_headers = _base("headers")
    scope_body = _base("body")

    def each_scope(self, meta: Any, c: list[Any]) -> ast.Scope:
        base = c[1] or ast.Scope("document")
        return ast.Scope(base.kind, base.section, c[0].value, _pos(meta))

    # ---- matchers ----------------------------------------------------------------------------
    def any_of(self, meta: Any, c: list[ast.Matcher]) -> ast.Matcher:
        return c[0] if len(c) == 1 else ast.AnyOf(tuple(c), _pos(meta))

    def all_of(self, meta: Any, c: list[Any]) -> ast.Matcher:
        if len(c) == 1 and not isinstance(c[0], _Negated):
            single: ast.Matcher = c[0]
            return single
        items = tuple(x.matcher if isinstance(x, _Negated) else x for x in c)
        negated = tuple(isinstance(x, _Negated) for x in c)
        return ast.AllOf(items, negated, _pos(meta))

    def negated(self, meta: Any, c: list[ast.Matcher]) -> _Negated:
        return _Negated(c[0], _pos(meta))

    def with_exceptions(self, meta: Any, c: list[Any]) -> ast.Matcher:
        if len(c) == 1:
            single: ast.Matcher = c[0]
            return single
        return ast.WithExceptions(c[0], tuple(c[1:]), _pos(meta))

    def within(self, meta: Any, c: list[Any]) -> ast.Within:
        return ast.Within(c[0], c[2], int(c[1].value), _pos(meta))

    def before(self, meta: Any, c: list[Any]) -> ast.Before:
        return ast.Before(c[0], c[1], int(c[2].value) if c[2] is not None else None, _pos(meta))

    def literal(self, meta: Any, c: list[Token]) -> ast.Literal:
        return ast.Literal(c[0].value, False, _tpos(c[0]))

    def exact_literal(self, meta: Any, c: list[Token]) -> ast.Literal:
        return ast.Literal(c[0].value, True, _tpos(c[0]))

    def regex(self, meta: Any, c: list[Token]) -> ast.Regex:
        return ast.Regex(c[0].value, False, _tpos(c[0]))

    def exact_regex(self, meta: Any, c: list[Token]) -> ast.Regex:
        return ast.Regex(c[0].value, True, _tpos(c[0]))

    def name_ref(self, meta: Any, c: list[Token]) -> ast.NameRef:
        return ast.NameRef(c[0].value, False, _tpos(c[0]))

    def param_ref(self, meta: Any, c: list[Token]) -> ast.NameRef:
        return ast.NameRef(c[0].value, True, _tpos(c[0]))

    def unless_preceded(self, meta: Any, c: list[Any]) -> ast.Exception_:
        return ast.Exception_("preceded", c[0], _int(c[1]), None, None, _pos(meta))

    def unless_followed(self, meta: Any, c: list[Any]) -> ast.Exception_:
        return ast.Exception_("followed", c[0], _int(c[1]), None, None, _pos(meta))

    def unless_near(self, meta: Any, c: list[Any]) -> ast.Exception_:
        return ast.Exception_("near", c[1], None, c[0].value, None, _pos(meta))

    def unless_in_title(self, meta: Any, c: list[Any]) -> ast.Exception_:
        return ast.Exception_("title", None, None, None, None, _pos(meta))

    def unless_in_section(self, meta: Any, c: list[Token]) -> ast.Exception_:
        return ast.Exception_("section", None, None, None, c[0].value, _pos(meta))

    def unless_clause_frame(self, meta: Any, c: list[Token]) -> ast.Exception_:
        return ast.Exception_("frame", None, None, None, None, _pos(meta), c[0].value)

    # ---- conditions --------------------------------------------------------------------------
    def cond_or(self, meta: Any, c: list[ast.Condition]) -> ast.Condition:
        return c[0] if len(c) == 1 else ast.Or(tuple(c), _pos(meta))

    def cond_and(self, meta: Any, c: list[ast.Condition]) -> ast.Condition:
        return c[0] if len(c) == 1 else ast.And(tuple(c), _pos(meta))

    def cond_not(self, meta: Any, c: list[ast.Condition]) -> ast.Not:
        return ast.Not(c[0], _pos(meta))

    def title_contains(self, meta: Any, c: list[Any]) -> ast.Contains:
        return ast.Contains("title", None, c[0], _pos(meta))

    def document_contains(self, meta: Any, c: list[Any]) -> ast.Contains:
        return ast.Contains("document", None, c[0], _pos(meta))

    def package_contains(self, meta: Any, c: list[Any]) -> ast.Contains:
        return ast.Contains("package", None, c[0], _pos(meta))

    def section_contains(self, meta: Any, c: list[Any]) -> ast.Contains:
        return ast.Contains("section", c[0].value, c[1], _pos(meta))

    def fact_contains(self, meta: Any, c: list[Any]) -> ast.Contains:
        return ast.Contains("fact", c[0].value, c[1], _pos(meta))

    def has_fact(self, meta: Any, c: list[Token]) -> ast.HasFact:
        return ast.HasFact(c[0].value, _tpos(c[0]))

    def compare(self, meta: Any, c: list[Any]) -> ast.Compare:
        return ast.Compare(c[0], c[1].value, c[2], _tpos(c[1]))

    def arith_add(self, meta: Any, c: list[Any]) -> ast.Arith:
        return ast.Arith(c[0], "+", c[1], _pos(meta))

    def arith_sub(self, meta: Any, c: list[Any]) -> ast.Arith:
        return ast.Arith(c[0], "-", c[1], _pos(meta))

    def arith_mul(self, meta: Any, c: list[Any]) -> ast.Arith:
        return ast.Arith(c[0], "*", c[1], _pos(meta))

    def arith_div(self, meta: Any, c: list[Any]) -> ast.Arith:
        return ast.Arith(c[0], "/", c[1], _pos(meta))

    def percent(self, meta: Any, c: list[Token]) -> ast.Const:
        return ast.Const(float(c[0].value[:-1]) / 100, _tpos(c[0]))

    def param_cond(self, meta: Any, c: list[Token]) -> ast.ParamCond:
        return ast.ParamCond(c[0].value, _tpos(c[0]))

    # ---- values ------------------------------------------------------------------------------
    def name_value(self, meta: Any, c: list[Token]) -> ast.FactValue:
        return ast.FactValue(c[0].value, _tpos(c[0]))

    def title_value(self, meta: Any, c: list[Token]) -> ast.FactValue:
        return ast.FactValue("title", _pos(meta))

    def number(self, meta: Any, c: list[Token]) -> ast.Const:
        text = c[0].value
        return ast.Const(float(text) if "." in text else int(text), _tpos(c[0]))

    def duration(self, meta: Any, c: list[Token]) -> ast.Const:
        return ast.Const(Duration(int(c[0].value), _UNITS[c[1].value]), _tpos(c[0]))

    def date(self, meta: Any, c: list[Token]) -> ast.Const:
        try:
            y, m, d = (int(x) for x in c[0].value.split("-"))
            return ast.Const(_dt.date(y, m, d), _tpos(c[0]))
        except ValueError:
            raise self._error(f"“{c[0].value}”不是有效的日期", _tpos(c[0])) from None

    def text(self, meta: Any, c: list[Token]) -> ast.Const:
        return ast.Const(c[0].value, _tpos(c[0]))

    def true(self, meta: Any, c: list[Token]) -> ast.Const:
        return ast.Const(True, _pos(meta))

    def false(self, meta: Any, c: list[Token]) -> ast.Const:
        return ast.Const(False, _pos(meta))

    def param_value_ref(self, meta: Any, c: list[Token]) -> ast.ParamValue:
        return ast.ParamValue(c[0].value, _tpos(c[0]))

    def date_in_sentence(self, meta: Any, c: list[Any]) -> ast.SentenceValue:
        return ast.SentenceValue("date", c[0], _pos(meta))

    def duration_in_sentence(self, meta: Any, c: list[Any]) -> ast.SentenceValue:
        return ast.SentenceValue("duration", c[0], _pos(meta))

    def number_in_sentence(self, meta: Any, c: list[Any]) -> ast.SentenceValue:
        return ast.SentenceValue("number", c[0], _pos(meta))

    def period_in_sentence(self, meta: Any, c: list[Any]) -> ast.SentencePeriod:
        return ast.SentencePeriod(c[0], _pos(meta))

    def period_between(self, meta: Any, c: list[Any]) -> ast.PeriodBetween:
        return ast.PeriodBetween(c[0], c[1], _pos(meta))

    def period_after(self, meta: Any, c: list[Any]) -> ast.PeriodBetween:
        return ast.PeriodBetween(c[0], c[1], _pos(meta), after=True)

    def count_of(self, meta: Any, c: list[Any]) -> ast.CountOf:
        return ast.CountOf(c[0], c[1], _pos(meta))

    def citation_value(self, meta: Any, c: list[Token]) -> ast.CitationField:
        return ast.CitationField(c[0].value, _tpos(c[0]))


class _Negated:
    __slots__ = ("matcher", "pos")

    def __init__(self, matcher: ast.Matcher, pos: ast.Pos) -> None:
        self.matcher = matcher
        self.pos = pos


def _trailing_exceptions(matcher: ast.Matcher, clauses: list[Any], pos: ast.Pos) -> ast.Matcher:
    if not clauses:
        return matcher
    return ast.WithExceptions(matcher, tuple(clauses), pos)


def _int(token: Token | None) -> int | None:
    return int(token.value) if token is not None else None


def build_statements(tree: Tree[Token], path: str, lines: list[str]) -> list[ast.Statement]:
    return _Builder(path, lines).transform(tree)
