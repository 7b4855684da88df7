"""``citation NAME`` in the citations scope: what the law register says about the citation at hand
(normcheck.laws.answer.CITATION_FIELDS), judged on the document's issue date."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from normcheck.engine.conditions import CITATION_KEY, Env, Val, Value
from normcheck.laws.answer import CITATION_FIELDS

if TYPE_CHECKING:
    from normcheck.engine.context import DocContext


def check_field(name: str) -> str | None:
    """The Chinese error for an unknown field name, or None."""
    if name in CITATION_FIELDS:
        return None
    return f"“citation {name}”不是法律法规库提供的信息（可用：{'、'.join(CITATION_FIELDS)}）"


@dataclass(eq=False)
class CitationFieldValue(Value):
    field_name: str

    def __post_init__(self) -> None:
        self.kind = CITATION_FIELDS[self.field_name]

    def evaluate(self, ctx: DocContext, env: Env) -> Val | None:
        citation = env.get(CITATION_KEY)
        if citation is None:
            return None
        value = citation_field(ctx, citation, self.field_name)
        return None if value is None else Val(value)


def citation_field(ctx: DocContext, citation: Any, name: str) -> Any:
    """The register's ``name`` for ``citation`` in this document (None when unknown)."""
    if citation is None:
        return None
    return ctx.citation_answer(citation).field(name)
