"""The rule language: parse, check and compile ``.rules`` files (see docs/rule-language-spec.md)."""
from __future__ import annotations

from normcheck.dsl.examples import ExampleResult, run_examples
from normcheck.dsl.loader import RuleSet, bundled_rules_dir, load_rules
from normcheck.dsl.parser import parse_rules

__all__ = ["ExampleResult", "RuleSet", "bundled_rules_dir", "load_rules", "parse_rules", "run_examples"]
