"""Check and compile one rule block: its checks, conditions (with fact names and value types), message
templates and examples. Every problem is a RuleError at the offending file:line:column."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from normcheck.dsl import ast
from normcheck.dsl.closest import placeholder_hint, plain_fields
from normcheck.dsl.compiler import Library
from normcheck.dsl.problems import AlreadyReported
from normcheck.dsl.suggestions import CompiledSuggestion, compile_suggestion
from normcheck.engine import conditions as cond
from normcheck.engine.checks import (
    AssertCheck,
    CompiledCheck,
    FactCheck,
    ForbidCheck,
    RequireCheck,
    WhenCheck,
)
from normcheck.engine.templates import Template, TemplateProblem, parse_template
from normcheck.structure.vocab import ISSUER_TYPES, ROLES

_DEFAULT_SCOPE = {"require": ast.Scope("document"), "forbid": ast.Scope("document", each="sentence")}
_TYPE_WORDS = {"number": "数字", "duration": "期限", "date": "日期", "text": "文字", "bool": "是/否",
               "list": "列表"}


@dataclass(eq=False)
class CompiledRule:
    id: str
    title: str
    severity: str
    tags: tuple[str, ...]
    basis: str
    message: str
    fix: str
    examples: tuple[ast.Example, ...]
    file: str
    line: int
    checks: list[CompiledCheck]
    library: Library
    message_template: Template = ()
    fix_template: Template = ()
    captures: frozenset[str] = frozenset()
    source: ast.RuleNode | None = field(default=None, repr=False)
    # Passage roles the forbid checks read; None means each scope's default (see engine).
    roles: frozenset[str] | None = None
    applies_mode: str | None = None
    applies_from: date | None = None
    applies_until: date | None = None
    applies_issuers: tuple[str, ...] = ()
    # The mechanical fix of the rule's `suggest` clause (applied by --suggest), or None.
    suggestion: CompiledSuggestion | None = None

    def applies_to(self, mode: str, issue_day: date | None, issuer_type: str | None) -> bool:
        """Whether the rule runs on an input of this mode, issue date and issuer type. An unknown issuer
        never excludes a rule; an unknown issue date satisfies ``applies from`` (the rule for current
        documents) but not ``applies until`` (the exception for documents known to be older)."""
        if self.applies_mode is not None and self.applies_mode != mode:
            return False
        if self.applies_until is not None and (issue_day is None or issue_day > self.applies_until):
            return False
        if self.applies_from is not None and issue_day is not None and issue_day < self.applies_from:
            return False
        return not (self.applies_issuers and issuer_type is not None and issuer_type not in self.applies_issuers)


def compile_rule(node: ast.RuleNode, path: str, lib: Library, declared_tags: set[str] | None) -> CompiledRule | None:
    """The compiled rule, or None when it has errors: each is added to ``lib.errors`` (every error of the
    rule is found, not only the first)."""
    before = len(lib.errors)
    for kind, pos in node.repeated:
        lib.errors.append(lib.error(f"规则 {node.id} 中 {kind} 只能写一次", path, pos))
    if node.severity is None:
        lib.errors.append(lib.error(f"规则 {node.id} 缺少严重程度（severity error、warning 或 info）", path, node.pos))
    if not node.checks:
        lib.errors.append(lib.error(f"规则 {node.id} 没有任何检查（require、forbid、assert 或 when）", path, node.pos))
    if declared_tags is not None:
        for tag, pos in node.tags:
            if tag not in declared_tags:
                lib.errors.append(lib.error(
                    f"未声明的标签“{tag}”（已声明：{'、'.join(sorted(declared_tags))}；新的标签请先声明："
                    f"tags {tag}）{lib._suggest(tag, declared_tags)}", path, pos))
    captures = set(_captures(node, lib))
    checks: list[CompiledCheck] = []
    for check in node.checks:
        with lib.collecting():
            checks.append(_check(check, path, lib, captures))
    rule = CompiledRule(
        id=node.id, title=node.title, severity=node.severity or "error",
        tags=tuple(dict.fromkeys(t for t, _ in node.tags)), basis=node.basis,
        message=node.message[0] if node.message else node.title, fix=node.fix[0] if node.fix else "",
        examples=tuple(node.examples), file=path, line=node.pos[0], checks=checks, library=lib,
        captures=frozenset(captures), source=node)
    with lib.collecting():
        rule.roles = _roles(node, path, lib)
    rule.applies_mode, rule.applies_from, rule.applies_until = node.applies_mode, node.applies_from, node.applies_until
    for issuer, pos in node.applies_issuers:
        if issuer not in ISSUER_TYPES:
            lib.errors.append(lib.error(f"未知的发文机关类型“{issuer}”（可用：{'、'.join(ISSUER_TYPES)}）"
                                        f"{lib._suggest(issuer, ISSUER_TYPES)}", path, pos))
    rule.applies_issuers = tuple(dict.fromkeys(i for i, _ in node.applies_issuers))
    if node.applies_from and node.applies_until and node.applies_from > node.applies_until:
        lib.errors.append(lib.error(f"规则 {node.id} 的 applies from 晚于 applies until", path, node.pos))
    with lib.collecting():
        rule.message_template = _template(node.message, node.title, path, lib, captures)
    with lib.collecting():
        rule.fix_template = _template(node.fix, "", path, lib, captures)
    if node.suggestion is not None:
        with lib.collecting():
            rule.suggestion = compile_suggestion(node.suggestion, path, lib, set(cond.FACTS))
    for example in node.examples:
        # A file, or a folder read as one filing package (for rules about the package as a whole).
        target = example_path(path, example.text)
        if example.is_file and not (os.path.isfile(target) or os.path.isdir(target)):
            lib.errors.append(lib.error(f"示例文件或文件夹“{example.text}”不存在（路径相对于规则文件所在的文件夹）",
                                        path, example.pos))
    return rule if len(lib.errors) == before else None


def _roles(node: ast.RuleNode, path: str, lib: Library) -> frozenset[str] | None:
    if not node.roles:
        return None
    chosen: set[str] = set()
    for role, pos in node.roles:
        if role == "any":
            chosen.update(ROLES)
        elif role in ROLES:
            chosen.add(role)
        else:
            raise lib.error(f"未知的段落角色“{role}”（可用：{'、'.join(ROLES)}、any）{lib._suggest(role, ROLES)}",
                            path, pos)
    return frozenset(chosen)


def example_path(rule_file: str, relative: str) -> str:
    return os.path.join(os.path.dirname(rule_file), relative)


def _template(item: tuple[str, ast.Pos] | None, default: str, path: str, lib: Library,
              captures: set[str]) -> Template:
    if item is None:
        return (default,) if default else ()
    text, pos = item

    def known(kind: str, name: str) -> bool:
        if kind == "fact":
            return name in cond.FACTS
        if kind == "citation":
            from normcheck.laws.answer import CITATION_FIELDS

            return name in CITATION_FIELDS
        return name in (lib.params if kind == "param" else lib.maps)

    def names(kind: str) -> list[str]:
        if kind == "plain":
            return plain_fields(captures)
        if kind == "citation":
            from normcheck.laws.answer import CITATION_FIELDS

            return list(CITATION_FIELDS)
        return list(cond.FACTS if kind == "fact" else lib.params if kind == "param" else lib.maps)

    try:
        return parse_template(text, captures, known)
    except TemplateProblem as exc:
        hint = placeholder_hint(text, exc.offset, names)
        raise lib.error(str(exc) + hint, path, (pos[0], pos[1] + 1 + exc.offset)) from None


def _captures(node: ast.RuleNode, lib: Library) -> list[str]:
    """Named groups of every regex the rule uses, including those inside named patterns."""
    import re

    names: list[str] = []
    visited: set[str] = set()

    def walk(x: Any) -> None:
        if isinstance(x, ast.Regex):
            names.extend(re.findall(r"\(\?P<([^>]+)>", x.source))
        elif isinstance(x, ast.NameRef):
            if x.name in lib.patterns and x.name not in visited:
                visited.add(x.name)
                walk(lib.patterns[x.name][0].matcher)
        elif isinstance(x, (list, tuple)):
            for item in x:
                walk(item)
        elif hasattr(x, "__dataclass_fields__"):
            for name in x.__dataclass_fields__:
                walk(getattr(x, name))

    walk(node.checks)
    return names


def _check(node: ast.Check, path: str, lib: Library, captures: set[str]) -> CompiledCheck:
    if isinstance(node, ast.Require):
        scope = node.scope or _DEFAULT_SCOPE["require"]
        _check_scope(scope, path, lib)
        _warn_unmatchable(node.matcher, scope, path, lib)
        return RequireCheck(lib.compile_matcher(node.matcher, path), scope, node.least, node.most, node)
    if isinstance(node, ast.Forbid):
        scope = node.scope or _DEFAULT_SCOPE["forbid"]
        _check_scope(scope, path, lib)
        _warn_unmatchable(node.matcher, scope, path, lib)
        where = _condition(node.where, path, lib, captures) if node.where is not None else None
        return ForbidCheck(lib.compile_matcher(node.matcher, path), scope, where, node)
    if isinstance(node, ast.RequireFact):
        _fact_name(node.name, path, lib, node.pos)
        return FactCheck(node.name)
    if isinstance(node, ast.Assert):
        return AssertCheck(_condition(node.cond, path, lib, set()))
    assert isinstance(node, ast.When)
    before = len(lib.errors)
    inner: list[CompiledCheck] = []
    for check in node.checks:
        with lib.collecting():
            inner.append(_check(check, path, lib, captures))
    condition = _condition(node.cond, path, lib, set())
    if len(lib.errors) > before:
        raise AlreadyReported()
    return WhenCheck(condition, inner)


def _check_scope(scope: ast.Scope, path: str, lib: Library) -> None:
    if scope.kind == "citations" and scope.each is not None:
        raise lib.error("citations 已经是逐条引用检查，不能再写 each … of citations", path, scope.pos)
    if scope.kind in ("section", "chapter") and not (scope.section or "").strip():
        raise lib.error("章节名称不能为空", path, scope.pos)
    if scope.kind == "section":
        lib.check_section_name(scope.section or "", path, scope.pos)


def _warn_unmatchable(matcher: ast.Matcher, scope: ast.Scope, path: str, lib: Library) -> None:
    """Load warnings for what this scope can never hold (see normcheck.dsl.unmatchable)."""
    from normcheck.dsl.unmatchable import literals_with_newline

    where = f"{path}:{scope.pos[0]}:{scope.pos[1]}" if scope.pos != (0, 0) else None
    if scope.kind == "title" and scope.each == "article" and where:
        lib.warnings.append(f"{where}: 标题中没有条（第…条），in each article of title 按整个标题检查，与 in title 相同")
    if scope.each == "sentence" or scope.kind == "citations":
        unit = "一句" if scope.kind != "citations" else "一个法律名称"
        for item in literals_with_newline(matcher, lib.definition):
            shown = f"文字“{item.text}”" if isinstance(item, ast.Literal) else f"正则表达式 /{item.source}/"
            lib.warnings.append(f"{path}:{item.pos[0]}:{item.pos[1]}: {shown}要求换行，而{unit}之中没有换行"
                                f"（{scope.describe()}），在这里永远不会匹配")
    if isinstance(matcher, ast.WithExceptions):
        for e in matcher.exceptions:
            same = (e.kind == "title" and scope.kind == "title") or (
                e.kind == "section" and scope.kind == "section" and e.section == scope.section)
            if same:
                lib.warnings.append(f"{path}:{e.pos[0]}:{e.pos[1]}: 在 {scope.describe()} 范围内，这个 unless 总是成立："
                                    "查找条件找到的每一处都被排除，永远不会匹配")


def _fact_name(name: str, path: str, lib: Library, pos: ast.Pos, captures: set[str] | None = None) -> None:
    if name not in cond.FACTS:
        also = f"，以及正则表达式中命名的部分：{'、'.join(sorted(captures))}" if captures else ""
        raise lib.error(f"未知的事实“{name}”（可用：{'、'.join(cond.FACTS)}{also}）"
                        f"{lib._suggest(name, [*cond.FACTS, *sorted(captures or ())])}", path, pos)


def _condition(node: ast.Condition, path: str, lib: Library, captures: set[str]) -> cond.Condition:
    if isinstance(node, ast.Contains) and node.where == "fact":
        name = node.section or ""
        _fact_name(name, path, lib, node.pos)
        if cond.FACTS[name] != "text":
            raise lib.error(f"contains 只能用于文字事实，“{name}”是{_TYPE_WORDS.get(cond.FACTS[name], cond.FACTS[name])}",
                            path, node.pos)
    if isinstance(node, ast.Contains):
        if node.where == "section":
            lib.check_section_name(node.section or "", path, node.pos)
        return cond.Contains(node.where, node.section, lib.compile_matcher(node.matcher, path))
    if isinstance(node, ast.HasFact):
        _fact_name(node.name, path, lib, node.pos)
        return cond.HasFact(node.name)
    if isinstance(node, ast.ParamCond):
        if not isinstance(lib.params.get(node.name), bool):
            flags = [name for name, value in lib.params.items() if isinstance(value, bool)]
            raise lib.error(f"“param {node.name}”不是已定义的是/否参数（true 或 false）"
                            f"{lib._suggest(node.name, flags)}", path, node.pos)
        return cond.ParamCondition(node.name)
    if isinstance(node, ast.Not):
        return cond.NotCondition(_condition(node.cond, path, lib, captures))
    if isinstance(node, (ast.And, ast.Or)):
        before = len(lib.errors)
        items = []
        for item in node.items:
            with lib.collecting():
                items.append(_condition(item, path, lib, captures))
        if len(lib.errors) > before:
            raise AlreadyReported()
        return cond.AllConditions(items) if isinstance(node, ast.And) else cond.AnyCondition(items)
    assert isinstance(node, ast.Compare)
    left = _value(node.left, path, lib, captures)
    right = _value(node.right, path, lib, captures)
    kinds = {left.kind, right.kind} - {"any"}
    if len(kinds) > 1:
        a, b = (_TYPE_WORDS.get(k, k) for k in (left.kind, right.kind))
        raise lib.error(f"无法比较{a}和{b}", path, node.pos)
    if kinds & {"text", "bool", "list"} and node.op not in ("==", "!="):
        raise lib.error(f"{_TYPE_WORDS[kinds.pop()]}只能用 == 或 != 比较", path, node.pos)
    return cond.Compare(left, node.op, right)


def _value(node: ast.Value, path: str, lib: Library, captures: set[str]) -> cond.Value:
    if isinstance(node, ast.Const):
        return cond.ConstValue(node.value)
    if isinstance(node, ast.Arith):
        sides = [_value(side, path, lib, captures) for side in (node.left, node.right)]
        for side in sides:
            if side.kind not in ("number", "any"):
                raise lib.error(f"只能对数字做加减乘除，不能对{_TYPE_WORDS.get(side.kind, side.kind)}", path, node.pos)
        return cond.ArithValue(sides[0], node.op, sides[1])
    if isinstance(node, ast.FactValue):
        if node.name in captures:
            return cond.CaptureValue(node.name)
        _fact_name(node.name, path, lib, node.pos, captures)
        return cond.FactValue(node.name)
    if isinstance(node, ast.ParamValue):
        if node.name not in lib.params:
            raise lib.error(f"未定义的参数“{node.name}”{lib._suggest(node.name, lib.params)}", path, node.pos)
        return cond.ParamValue(node.name, lib.params[node.name])
    if isinstance(node, ast.SentenceValue):
        return cond.SentenceValue(node.kind, lib.compile_matcher(node.matcher, path))
    if isinstance(node, ast.SentencePeriod):
        return cond.SentencePeriod(lib.compile_matcher(node.matcher, path))
    if isinstance(node, ast.PeriodBetween):
        ends = [_value(end, path, lib, captures) for end in (node.first, node.last)]
        for end in ends:
            if end.kind != "date" and not isinstance(end, cond.CaptureValue):
                raise lib.error(f"“period {'after' if node.after else 'from'} … to …”的两端应当是日期，不能是{_TYPE_WORDS.get(end.kind, end.kind)}",
                                path, node.pos)
        return cond.PeriodBetween(ends[0], ends[1], node.after)
    if isinstance(node, ast.CitationField):
        from normcheck.engine.citation_values import CitationFieldValue, check_field

        problem = check_field(node.name)
        if problem:
            from normcheck.laws.answer import CITATION_FIELDS

            raise lib.error(problem + lib._suggest(node.name, CITATION_FIELDS), path, node.pos)
        return CitationFieldValue(node.name)
    assert isinstance(node, ast.CountOf)
    _check_scope(node.scope, path, lib)
    _warn_unmatchable(node.matcher, node.scope, path, lib)
    return cond.CountValue(lib.compile_matcher(node.matcher, path), node.scope)

