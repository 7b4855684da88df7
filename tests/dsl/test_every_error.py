"""Every error of a load is reported together (up to a limit), each at file:line:column, as one RuleError."""
from __future__ import annotations

import pickle
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from normcheck.dsl import load_rules
from normcheck.dsl.problems import MAX_REPORTED_ERRORS, RuleErrors
from normcheck.errors import RuleError

SEVERAL = '''list 词 = "甲"
pattern 坏 = 未定义甲
rule R-1 "t" {
  forbid 词乙
  example fail "x"
}
rule R-2 "t" {
  severity error
  forbid /(罚款/
  assert issue_date > 3
  message "{matc}"
  example fail "x"
}
rule R-1 "dup" {
  severity error
  forbid 坏
  example fail "x"
}
'''
EXPECTED = [(2, 13), (3, 6), (4, 10), (9, 10), (10, 21), (11, 12), (14, 6)]


def load_error(paths: list[Path]) -> RuleError:
    with pytest.raises(RuleError) as info:
        load_rules(paths, bundled=False)
    return info.value


def test_every_compile_error_of_a_file_is_reported_in_order(write_rules: Callable[..., Path]) -> None:
    err = load_error([write_rules(SEVERAL)])
    assert isinstance(err, RuleErrors)
    assert [(e.line, e.column) for e in err.errors] == EXPECTED
    assert (err.line, err.column) == EXPECTED[0]
    lines = str(err).splitlines()
    assert [line.split(": ")[0] for line in lines if line.startswith(err.errors[0].file or "")] == [
        f"{err.file}:{line}:{column}" for line, column in EXPECTED]
    assert lines[-1].startswith("共 7 处")


def test_a_single_error_reads_as_before(write_rules: Callable[..., Path]) -> None:
    err = load_error([write_rules('rule R-1 "t" {\n  forbid "a"\n  example fail "x"\n}\n')])
    assert len(getattr(err, "errors", [err])) == 1
    assert str(err).splitlines()[-1].strip() == "^"


def test_at_most_the_limit_is_shown(write_rules: Callable[..., Path]) -> None:
    rules = "".join(f'rule R-{n} "t" {{\n  severity error\n  forbid 无此{n}\n  example fail "x"\n}}\n'
                    for n in range(MAX_REPORTED_ERRORS + 5))
    err = load_error([write_rules(rules)])
    assert isinstance(err, RuleErrors) and len(err.errors) == MAX_REPORTED_ERRORS + 5
    text = str(err)
    assert text.count("未定义的名称") == MAX_REPORTED_ERRORS
    assert text.splitlines()[-1] == f"共 {MAX_REPORTED_ERRORS + 5} 处错误，只列出前 {MAX_REPORTED_ERRORS} 处"


def test_syntax_errors_stop_each_file_but_every_file_is_read(write_rules: Callable[..., Path]) -> None:
    first = write_rules('rule R-1 "t" {\n  severity eror\n}\nrule R-2 "t" {\n  severity eror\n}\n', "a.rules")
    second = write_rules('lst x = "a"\n', "b.rules")
    err = load_error([first, second])
    assert [(Path(e.file or "").name, e.line) for e in getattr(err, "errors", [err])] == [("a.rules", 2),
                                                                                         ("b.rules", 1)]


def test_a_file_that_does_not_parse_causes_no_unknown_names(write_rules: Callable[..., Path]) -> None:
    broken = write_rules('list 词 = "甲" "乙"\n', "words.rules")
    user = write_rules('rule R-1 "t" {\n  severity error\n  forbid 词\n  example fail "甲"\n}\n', "use.rules")
    err = load_error([broken, user])
    assert len(getattr(err, "errors", [err])) == 1 and "逗号" in err.message


def test_a_broken_pattern_is_reported_once(write_rules: Callable[..., Path]) -> None:
    text = ('pattern a = b\npattern b = a\n'
            'rule R-1 "t" {\n  severity error\n  forbid a | b\n  example fail "x"\n}\n')
    err = load_error([write_rules(text)])
    assert len(getattr(err, "errors", [err])) == 1 and (err.line, err.column) == (2, 13)


def test_errors_in_both_sides_of_a_condition(write_rules: Callable[..., Path]) -> None:
    text = 'rule R-1 "t" {\n  severity error\n  assert validty > 1 and issue_dat > 2\n  example fail "x"\n}\n'
    err = load_error([write_rules(text)])
    assert [(e.line, e.column) for e in getattr(err, "errors", [err])] == [(3, 10), (3, 26)]


def test_the_error_list_survives_pickling(write_rules: Callable[..., Path]) -> None:
    err = load_error([write_rules(SEVERAL)])
    copy = pickle.loads(pickle.dumps(err))
    assert isinstance(copy, RuleErrors) and str(copy) == str(err)


def test_rules_check_prints_every_error(write_rules: Callable[..., Path]) -> None:
    from normcheck.cli import cli

    path = write_rules(SEVERAL)
    result = CliRunner().invoke(cli, ["rules", "check", "--no-bundled", str(path)])
    assert result.exit_code == 2
    assert sum(f":{line}:{column}: " in result.output for line, column in EXPECTED) == len(EXPECTED)


def test_checking_documents_prints_every_error(write_rules: Callable[..., Path], tmp_path: Path) -> None:
    from normcheck.cli import cli

    path = write_rules(SEVERAL)
    doc = tmp_path / "doc.txt"
    doc.write_text("XX区管理办法\n第一条 为规范管理，制定本办法。\n", encoding="utf-8")
    result = CliRunner().invoke(cli, [str(doc), "--rules", str(path), "--no-cache"])
    assert result.exit_code == 2
    assert sum(f":{line}:{column}: " in result.output for line, column in EXPECTED) == len(EXPECTED)


def test_a_broken_file_is_reported_before_parameter_overrides(write_rules: Callable[..., Path]) -> None:
    broken = write_rules('param 天数 = 30\nlist 词 = "甲" "乙"\n')
    with pytest.raises(RuleError) as info:
        load_rules([broken], bundled=False, params={"天数x": 3})
    assert "逗号" in info.value.message
