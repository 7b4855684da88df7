"""A misspelled name gets the closest known name: lists, patterns, maps, params, facts, captures, tags,
placeholders, suggest clauses, citation fields and parameter overrides."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from normcheck.dsl import load_rules
from normcheck.errors import ConfigError, RuleError

HEAD = 'list 罚款词 = "罚款"\nparam 有效期上限 = 5 years\nparam 适用于部门文件 = true\nparam 机构名称 = "司法局"\n' \
       'pattern 收费表述 = "收费"\ntags filing, 收费管理\n'


def rule(body: str) -> str:
    return HEAD + 'rule R-1 "t" {\n  severity error\n' + body + '\n  example fail "x"\n}\n'


CASES = {
    "list": (rule('  forbid 罚款'), "罚款词"),
    "pattern": (rule('  forbid 收费表'), "收费表述"),
    "list_param": (rule('  forbid 机构名'), "机构名称"),
    "param_value": (rule('  assert validity <= param 有效期上'), "有效期上限"),
    "bool_param": (rule('  when param 适用于部门 then forbid "a"'), "适用于部门文件"),
    "fact": (rule('  assert validty > 2 years'), "validity"),
    "capture": (rule('  forbid /期限为(?P<期限天数>\\d+)日/ where 期限天 < 7'), "期限天数"),
    "tag": (rule('  tags filling\n  forbid "a"'), "filing"),
    "placeholder": (rule('  message "发现{matc}"\n  forbid "a"'), "{match}"),
    "fact_placeholder": (rule('  message "{fact validty|未写明}"\n  forbid "a"'), "{fact validity|未写明}"),
    "param_placeholder": (rule('  message "{param 有效期上}"\n  forbid "a"'), "{param 有效期上限}"),
    "placeholder_kind": (rule('  message "{fcat validity}"\n  forbid "a"'), "{fact validity}"),
    "capture_placeholder": (rule('  message "{期限天}"\n  forbid /(?P<期限天数>\\d+)日/'), "{期限天数}"),
    "suggest_fact": (rule('  forbid "a"\n  suggest insert "x" after fact effective_rul'), "effective_rule"),
    "suggest_normalize": (rule('  forbid "a"\n  suggest normalize doc_numbr'), "doc_number"),
    "citation_field": (rule('  forbid "a" in citations where citation statu == "x"'), "status"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_closest_name_is_offered(name: str, write_rules: Callable[..., Path]) -> None:
    text, expected = CASES[name]
    with pytest.raises(RuleError) as info:
        load_rules([write_rules(text)], bundled=False)
    assert f"是不是“{expected}”" in str(info.value)


def test_a_misspelled_parameter_override_gets_the_closest(write_rules: Callable[..., Path]) -> None:
    with pytest.raises(ConfigError, match="是不是“有效期上限”"):
        load_rules([write_rules(HEAD)], bundled=False, params={"有效期上": "3 years"})


def test_nothing_close_offers_nothing(write_rules: Callable[..., Path]) -> None:
    with pytest.raises(RuleError) as info:
        load_rules([write_rules(rule('  forbid 完全不同的名字'))], bundled=False)
    assert "是不是" not in str(info.value)
