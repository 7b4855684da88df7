"""The parser never crashes: any text either parses or raises RuleError with a position."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from normcheck.dsl.parser import parse_rules
from normcheck.errors import RuleError

_WORDS = ["rule", "R-1", '"标题"', "{", "}", "severity", "error", "require", "forbid", "in", "each", "sentence",
          "article", "unless", "preceded", "by", "within", "chars", "of", "before", "and", "or", "not", "|",
          "(", ")", '"罚款"', "/处\\d+元/", "拟办词", "list", "=", ",", "pattern", "param", "30", "days",
          "when", "then", "assert", "validity", "<=", "2", "years", "title", "contains", "example", "fail",
          "pass", "file", "tags", "message", "fix", "basis", "#", "\n", "section", '"起草说明"', "at", "least",
          "2021-01-01", "count", "date", "exact", "include", "map", "from", "where", "has", "fact", "“", "”"]


def _check(text: str) -> None:
    try:
        parse_rules(text, "p.rules")
    except RuleError as exc:
        assert exc.file == "p.rules"
        assert str(exc)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=200))
def test_arbitrary_text(text: str) -> None:
    _check(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_WORDS), max_size=40))
def test_arbitrary_token_soup(words: list[str]) -> None:
    _check(" ".join(words))
