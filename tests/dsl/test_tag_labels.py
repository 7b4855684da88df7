"""Tag labels are declared in the rule files (``tags authority "制定权限"``) and exposed on the RuleSet."""
from __future__ import annotations

from collections.abc import Callable

import pytest

from normcheck.dsl import RuleSet, load_rules
from normcheck.errors import RuleError

RULE = 'rule R-1 "t" {\n  severity error\n  tags 收费\n  forbid "保证金"\n  example fail "保证金"\n}\n'


def test_the_bundled_packs_label_their_tags() -> None:
    from rule_fixtures import BUNDLED_TAG_LABELS as LABELS

    assert list(load_rules().tag_labels.items()) == list(LABELS.items())


def test_reports_show_the_labels_the_rule_files_declare(load_text: Callable[..., RuleSet]) -> None:
    from normcheck.model import FileResult, Finding, Location
    from normcheck.report import render

    finding = Finding(rule="R-1", severity="error", tags=("收费",), title="t", message="m", basis="b", fix="f",
                      location=Location(file="a.docx", part="document"))
    results = [FileResult(path="a.docx", findings=[finding])]
    own = load_text('tags 收费 "收费管理"\n' + RULE)
    assert "收费管理 (收费)" in str(render("text", results, rules=own, width=120))
    assert "收费管理 (收费)" in str(render("html", results, rules=own))
    assert "收费管理" not in str(render("text", results, width=120))


def test_an_office_declares_its_own_tag_with_a_label(load_text: Callable[..., RuleSet]) -> None:
    ruleset = load_text('tags 收费 "收费管理", 其他\n' + RULE)
    assert ruleset.tag_labels == {"收费": "收费管理"}
    assert {"收费", "其他"} <= ruleset.tags


def test_the_same_label_twice_is_fine_another_is_an_error(load_text: Callable[..., RuleSet]) -> None:
    assert load_text('tags 收费 "收费管理"\ntags 收费 "收费管理"\n' + RULE).tag_labels == {"收费": "收费管理"}
    with pytest.raises(RuleError) as info:
        load_text('tags 收费 "收费管理"\ntags 收费 "收费"\n' + RULE)
    assert (info.value.line, info.value.column) == (2, 9) and "收费管理" in info.value.message


def test_an_empty_label_is_an_error(load_text: Callable[..., RuleSet]) -> None:
    with pytest.raises(RuleError) as info:
        load_text('tags 收费 " "\n' + RULE)
    assert (info.value.line, info.value.column) == (1, 9)
