"""Every load-time error points at file:line:column, shows the line with a caret, and names the problem."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from normcheck.dsl import load_rules
from normcheck.errors import ConfigError, RuleError

R = 'rule R-1 "t" {\n  severity error\n'
END = '  example fail "x"\n}\n'
CASES = {
    "bad_severity": 'rule R-1 "t" {\n  severity eror\n}\n',
    "bad_rule_item": R + '  reqire "x"\n}\n',
    "bad_statement": 'lst x = "a"\n',
    "unterminated_string": R + '  require "abc\n}\n',
    "unterminated_regex": R + '  require /abc\n}\n',
    "chinese_quotes": 'list x = “a”\n',
    "missing_brace": R + '  require "x"\n',
    "bad_scope": R + '  require "x" in everywhere\n}\n',
    "bad_unit": R + '  require "x" in each chapter\n}\n',
    "bad_duration_unit": R + '  assert validity > 2 yeers\n' + END,
    "bad_rule_id": 'rule 规则一 "t" {\n}\n',
    "bad_compare": R + '  assert validity => 2 years\n' + END,
    "unknown_name": R + '  forbid 罚款词\n' + END,
    "unknown_name_suggest": 'list 罚款词 = "罚款"\n' + R + '  forbid 罚款\n' + END,
    "unknown_param": R + '  forbid param 机构\n' + END,
    "param_not_list": 'param n = 3\n' + R + '  forbid param n\n' + END,
    "unknown_fact": R + '  assert validty > 2 years\n' + END,
    "type_mismatch": R + '  assert issue_date > 3\n' + END,
    "text_order": R + '  assert title < "a"\n' + END,
    "bad_regex": R + '  forbid /(罚款/\n' + END,
    "regex_repeat": R + '  forbid /a{2000}/\n' + END,
    "regex_lookahead": R + '  forbid /罚(?=款)/\n' + END,
    "empty_literal": R + '  forbid ""\n' + END,
    "long_term": R + '  forbid "' + 'x' * 300 + '"\n' + END,
    "dup_rule": R + '  forbid "a"\n' + END + 'rule R-1 "again" {\n  severity error\n  forbid "b"\n' + END,
    "dup_name": 'list a = "x"\npattern a = "y"\n',
    "undeclared_tag": 'tags filing\n' + R + '  tags filing, fillng\n  forbid "a"\n' + END,
    "missing_severity": 'rule R-1 "t" {\n  forbid "a"\n' + END,
    "no_checks": R + END,
    "repeated_severity": R + '  severity warning\n  forbid "a"\n' + END,
    "not_alone": R + '  forbid not "a"\n' + END,
    "bad_placeholder": R + '  message "发现{matc}"\n  forbid "a"\n' + END,
    "missing_example_file": R + '  forbid "a"\n  example fail file "nope.docx"\n}\n',
    "missing_include": 'include "nope.rules"\n',
    "missing_data": 'list x from "data/nope.txt"\n',
    "each_citations": R + '  forbid "a" in each sentence of citations\n' + END,
    "pattern_cycle": 'pattern a = b\npattern b = a\n',
    "param_cond_not_bool": 'param n = 3\n' + R + '  when param n then forbid "a"\n' + END,
    "bad_date": R + '  assert issue_date > 2021-02-30\n' + END,
    "long_string": R + '  message "' + 'x' * 2500 + '"\n  forbid "a"\n' + END,
    "deep_nesting": 'pattern p = ' + '(' * 60 + '"a"' + ')' * 60 + '\n',
    "chinese_paren": R + '  forbid （"a"）\n' + END,
    "missing_close": R + '  forbid "a"\n\nrule R-2 "t" {\n  severity error\n}\n',
    "missing_comma": 'list x = "a" "b"\n',
    "unless_alternatives": R + '  forbid "a" unless preceded by "不得" | "禁止"\n' + END,
}
POSITIONS = {
    "bad_severity": (2, 12), "bad_rule_item": (3, 3), "bad_statement": (1, 1), "unterminated_string": (3, 11),
    "unterminated_regex": (3, 11), "chinese_quotes": (1, 10), "missing_brace": (3, 14), "bad_scope": (3, 18),
    "bad_unit": (3, 23), "bad_duration_unit": (3, 23), "bad_rule_id": (1, 6), "bad_compare": (3, 19),
    "unknown_name": (3, 10), "unknown_name_suggest": (4, 10), "unknown_param": (3, 16), "param_not_list": (4, 16),
    "unknown_fact": (3, 10), "type_mismatch": (3, 21), "text_order": (3, 16), "bad_regex": (3, 10),
    "regex_repeat": (3, 10), "regex_lookahead": (3, 10), "empty_literal": (3, 10), "long_term": (3, 10),
    "dup_rule": (6, 6), "dup_name": (2, 9), "undeclared_tag": (4, 16), "missing_severity": (1, 6),
    "no_checks": (1, 6), "repeated_severity": (3, 12), "not_alone": (3, 10), "bad_placeholder": (3, 14),
    "missing_example_file": (4, 21), "missing_include": (1, 9), "missing_data": (1, 6), "each_citations": (3, 14),
    "pattern_cycle": (2, 13), "param_cond_not_bool": (4, 14), "bad_date": (3, 23), "long_string": (3, 11),
    "deep_nesting": (1, 52), "chinese_paren": (3, 10), "missing_close": (5, 1), "missing_comma": (1, 14),
    "unless_alternatives": (3, 38),
}
# A word of each message that identifies which problem was reported (the wording itself may change).
KEYS = {
    "bad_severity": "eror", "bad_rule_item": "reqire", "bad_statement": "lst", "unterminated_string": "双引号",
    "unterminated_regex": "斜杠", "chinese_quotes": "中文引号", "missing_brace": "}", "bad_scope": "everywhere",
    "bad_unit": "chapter", "bad_duration_unit": "期限单位", "bad_rule_id": "规则编号", "bad_compare": "比较符号",
    "unknown_name": "罚款词", "unknown_name_suggest": "罚款词", "unknown_param": "机构", "param_not_list": "列表",
    "unknown_fact": "validty", "type_mismatch": "日期", "text_order": "==", "bad_regex": "括号",
    "regex_repeat": "1000", "regex_lookahead": "RE2", "empty_literal": "空", "long_term": "200",
    "dup_rule": "R-1", "dup_name": "“a”", "undeclared_tag": "fillng", "missing_severity": "severity",
    "no_checks": "require", "repeated_severity": "severity", "not_alone": "not", "bad_placeholder": "{matc}",
    "missing_example_file": "nope.docx", "missing_include": "nope.rules", "missing_data": "nope.txt",
    "each_citations": "citations", "pattern_cycle": "“a”", "param_cond_not_bool": "param n",
    "bad_date": "2021-02-30", "long_string": "2000", "deep_nesting": "嵌套", "chinese_paren": "中文括号",
    "missing_close": "}", "missing_comma": "逗号", "unless_alternatives": "括号",
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_error_points_at_file_line_column(name: str, write_rules: Callable[..., Path]) -> None:
    path = write_rules(CASES[name], f"{name}.rules")
    with pytest.raises(RuleError) as info:
        load_rules([path], bundled=False)
    err = info.value
    assert err.file is not None and Path(err.file).resolve() == path.resolve()
    assert (err.line, err.column) == POSITIONS[name]
    assert KEYS[name] in err.message
    rendered = str(err)
    assert rendered.startswith(f"{err.file}:{err.line}:{err.column}: ")
    assert rendered.splitlines()[-1].strip() == "^"
    assert err.source_line is not None and err.source_line == path.read_text(encoding="utf-8").splitlines()[err.line - 1]


def test_every_case_has_position_and_key() -> None:
    assert set(CASES) == set(POSITIONS) == set(KEYS)


def test_bad_map_line_points_into_the_data_file(write_rules: Callable[..., Path]) -> None:
    write_rules("甲\t乙\n没有制表符\n", "data/m.tsv")
    path = write_rules('map 对照 from "data/m.tsv"\n')
    with pytest.raises(RuleError) as info:
        load_rules([path], bundled=False)
    assert info.value.file is not None and info.value.file.endswith("m.tsv")
    assert (info.value.line, info.value.column) == (2, 1)


def test_huge_rule_file_is_rejected(write_rules: Callable[..., Path]) -> None:
    path = write_rules('list a = "' + "x" * 1_100_000 + '"\n')
    with pytest.raises(RuleError) as info:
        load_rules([path], bundled=False)
    assert (info.value.line, info.value.column) == (1, 1)


def test_huge_rule_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.rules"
    with path.open("wb") as handle:
        handle.truncate(200_000_000)  # sparse: nothing is written, nothing may be read
    with pytest.raises(RuleError) as info:
        load_rules([path], bundled=False)
    assert (info.value.line, info.value.column) == (1, 1)


def test_include_chains_are_bounded(write_rules: Callable[..., Path]) -> None:
    for i in range(80):
        write_rules(f'include "f{i + 1}.rules"\n', f"f{i}.rules")
    write_rules('list 末 = "x"\n', "f80.rules")
    with pytest.raises(RuleError) as info:
        load_rules([write_rules('include "f0.rules"\n', "top.rules")], bundled=False)
    assert info.value.line == 1 and info.value.column == 9


def test_missing_rule_path_is_a_rule_error(tmp_path: Path) -> None:
    with pytest.raises(RuleError):
        load_rules([tmp_path / "nope.rules"], bundled=False)


def test_unknown_param_override_is_a_config_error(write_rules: Callable[..., Path]) -> None:
    path = write_rules("param 天数 = 30\n")
    with pytest.raises(ConfigError):
        load_rules([path], bundled=False, params={"天数x": 3})
    with pytest.raises(ConfigError):
        load_rules([path], bundled=False, params={"天数": "三十"})


def test_duplicate_rule_id_across_files(write_rules: Callable[..., Path]) -> None:
    rule = R + '  forbid "a"\n' + END
    first = write_rules(rule, "a.rules")
    second = write_rules("# another office\n" + rule, "b.rules")
    with pytest.raises(RuleError) as info:
        load_rules([first, second], bundled=False)
    assert info.value.file is not None and info.value.file.endswith("b.rules")
    assert (info.value.line, info.value.column) == (2, 6)
