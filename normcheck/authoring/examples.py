"""Run the ``example fail`` / ``example pass`` cases of rules (``normcheck rules test``)."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from normcheck.dsl.checker import example_path
from normcheck.errors import NormcheckError

if TYPE_CHECKING:
    from normcheck.dsl.ast import Example
    from normcheck.dsl.checker import CompiledRule
    from normcheck.dsl.loader import RuleSet
    from normcheck.model import Document


@dataclass(frozen=True, slots=True)
class ExampleResult:
    """One example's outcome. ``kind`` is fail or pass; ``detail`` explains a failure in Chinese."""

    rule: str
    kind: str
    ok: bool
    detail: str = ""
    line: int | None = None
    file: str = ""


def run_examples(ruleset: RuleSet | Iterable[CompiledRule], rule_ids: Iterable[str] | None = None) -> list[ExampleResult]:
    """Every example of the selected rules (all when ``rule_ids`` is None), in rule order. A rule without a
    fail example counts as one failed result, because a rule that is never seen to fire may match nothing."""
    wanted = set(rule_ids) if rule_ids is not None else None
    results: list[ExampleResult] = []
    for rule in ruleset:
        if wanted is not None and rule.id not in wanted:
            continue
        if not any(example.kind == "fail" for example in rule.examples):
            results.append(ExampleResult(rule.id, "fail", False, "规则没有 fail 示例，无法证明它能发现问题",
                                         rule.line, rule.file))
        for example in rule.examples:
            results.append(_run_one(rule, example))
    return results


def _run_one(rule: CompiledRule, example: Example) -> ExampleResult:
    from normcheck.engine import check_document
    from normcheck.structure import analyze

    try:
        doc = _example_document(rule, example)
        # A rule that applies only to filing packages is shown package excerpts: read them as such.
        structure = analyze(doc, mode="package" if rule.applies_mode == "package" else None)
        findings = [f for f in check_document(doc, [rule], structure) if f.rule == rule.id]
    except NormcheckError as exc:
        return ExampleResult(rule.id, example.kind, False, f"无法读取示例：{exc}", example.pos[0], rule.file)
    if example.kind == "fail":
        ok = bool(findings)
        detail = "" if ok else "应当报告问题，但规则没有报告"
    else:
        ok = not findings
        detail = "" if ok else f"不应报告问题，但规则报告了：{findings[0].message}（“{findings[0].excerpt}”）"
    return ExampleResult(rule.id, example.kind, ok, detail, example.pos[0], rule.file)


def _example_document(rule: CompiledRule, example: Example) -> Document:
    if example.is_file:
        from normcheck.reader import read_path

        return read_path(example_path(rule.file, example.text))
    from normcheck.reader.plain import document_from_text

    return document_from_text(example.text, path=f"<{rule.id} 示例>")
