"""Checking a rule's ``suggest`` clause (its mechanical fix) when the rule is compiled.

The clause only states the fix; ``normcheck/suggest.py`` applies it as a tracked change. Templates may use
``{match}``, ``{param NAME}``, ``{fact NAME}`` and ``{map NAME}`` (looked up with the match).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from normcheck.dsl import ast
from normcheck.dsl.closest import did_you_mean, placeholder_hint
from normcheck.engine.templates import Field, Template, TemplateProblem, parse_template

if TYPE_CHECKING:
    from normcheck.dsl.loader import Library

NORMALIZERS = {"doc_number": "文号：括号改为六角括号〔〕、年份标全、去掉“第”字和序号前的0"}


@dataclass(frozen=True, slots=True)
class CompiledSuggestion:
    kind: str
    template: Template = ()
    old: str = ""
    name: str = ""


def compile_suggestion(node: ast.Suggestion, path: str, lib: Library, facts: set[str]) -> CompiledSuggestion:
    """Validate ``node``: names that exist, templates with known placeholders; errors point at the clause."""

    def known(kind: str, name: str) -> bool:
        if kind == "fact":
            return name in facts
        return name in (lib.params if kind == "param" else lib.maps)

    def names(kind: str) -> list[str]:
        return ["match"] if kind == "plain" else list(facts if kind == "fact" else lib.params if kind == "param"
                                                      else lib.maps if kind == "map" else ())

    try:
        template = parse_template(node.template, set(), known) if node.template else ()
    except TemplateProblem as exc:
        raise lib.error(str(exc) + placeholder_hint(node.template, exc.offset, names), path, node.pos) from None
    for part in template:
        if isinstance(part, Field) and part.kind == "plain" and part.name != "match":
            raise lib.error(f"修改建议（suggest）中只能使用 {{match}}、{{param 名称}}、{{fact 名称}}、{{map 名称}}，"
                            f"不能使用 {{{part.name}}}", path, node.pos)
    if node.kind == "replace_text" and not node.old:
        raise lib.error("suggest replace 中要替换的文字不能为空", path, node.pos)
    if node.kind == "citation" and node.name not in lib.maps:
        raise lib.error(f"suggest replace citation 使用的对照表“{node.name}”未定义（map {node.name} from …）"
                        f"{did_you_mean(node.name, lib.maps)}", path, node.pos)
    if node.kind == "normalize" and node.name not in NORMALIZERS:
        raise lib.error(f"未知的规范化方式“{node.name}”（可用：{'、'.join(NORMALIZERS)}）"
                        f"{did_you_mean(node.name, NORMALIZERS)}", path, node.pos)
    if node.kind == "insert" and node.name not in facts:
        raise lib.error(f"suggest insert 中的“{node.name}”不是可用的事实名称{did_you_mean(node.name, facts)}",
                        path, node.pos)
    return CompiledSuggestion(node.kind, template, node.old, node.name)
