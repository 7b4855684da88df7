"""The compiled checks of a rule: what each ``require``, ``forbid``, ``fact``, ``assert`` and ``when`` becomes.
The compiler (``normcheck.dsl.compiler``) builds them; ``normcheck.engine.run`` runs them."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from normcheck.engine import conditions as cond
from normcheck.engine import matchers as m

if TYPE_CHECKING:
    from normcheck.dsl import ast


@dataclass(eq=False)
class RequireCheck:
    matcher: m.Matcher
    scope: ast.Scope
    least: int | None
    most: int | None
    source: ast.Require


@dataclass(eq=False)
class ForbidCheck:
    matcher: m.Matcher
    scope: ast.Scope
    where: cond.Condition | None
    source: ast.Forbid
    anchors: list[m.Primitive] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.anchors = self.matcher.anchors()


@dataclass(eq=False)
class FactCheck:
    name: str


@dataclass(eq=False)
class AssertCheck:
    cond: cond.Condition


@dataclass(eq=False)
class WhenCheck:
    cond: cond.Condition
    checks: list[Any] = field(default_factory=list)


CompiledCheck = RequireCheck | ForbidCheck | FactCheck | AssertCheck | WhenCheck
