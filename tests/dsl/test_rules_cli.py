"""``normcheck rules list|show|test|check``: output and exit codes."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner

from normcheck.rules_cli import rules_group

GOOD = ('rule G-1 "禁止收取保证金" {\n severity error\n tags fees\n basis "《依据》"\n forbid "保证金"\n'
        ' example fail "收取保证金。"\n example pass "不收费。"\n}\n')
BAD_EXAMPLE = ('rule B-1 "漏报" {\n severity warning\n forbid "押金"\n example fail "收取保证金。"\n}\n'
               'rule B-2 "无失败示例" {\n severity info\n forbid "押金"\n example pass "收费。"\n}\n')


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(rules_group, list(args))
    return result.exit_code, result.output


def test_list_and_show(write_rules: Callable[..., Path]) -> None:
    path = str(write_rules(GOOD))
    code, out = invoke("list", "--no-bundled", "--rules", path)
    assert code == 0 and "G-1" in out and "禁止收取保证金" in out and "fees" in out
    code, out = invoke("show", "G-1", "--no-bundled", "--rules", path)
    assert code == 0 and "《依据》" in out and 'forbid "保证金" in each sentence' in out and "收取保证金" in out
    code, _ = invoke("show", "NOPE-1", "--no-bundled", "--rules", path)
    assert code == 2


def test_test_command_counts_and_exit_codes(write_rules: Callable[..., Path]) -> None:
    good = str(write_rules(GOOD, "good.rules"))
    code, out = invoke("test", "--no-bundled", good)
    assert code == 0 and out.strip().splitlines()[-1] == "2 passed, 0 failed"
    bad = str(write_rules(BAD_EXAMPLE, "bad.rules"))
    code, out = invoke("test", "--no-bundled", good, bad)
    assert code == 1 and out.strip().splitlines()[-1] == "3 passed, 2 failed"
    code, out = invoke("test", "--no-bundled", "--rules", good, bad)
    assert code == 1 and out.strip().splitlines()[-1] == "1 passed, 2 failed"  # only the given file's rules


def test_rule_file_errors_exit_2(write_rules: Callable[..., Path]) -> None:
    broken = str(write_rules('rule X-1 "t" {\n severity eror\n}\n', "broken.rules"))
    for command in ("list", "test", "check"):
        result = CliRunner().invoke(rules_group, [command, "--no-bundled", broken] if command != "list"
                                    else [command, "--no-bundled", "--rules", broken])
        assert result.exit_code == 2
        assert "broken.rules:2:11" in result.output


def test_check_command(write_rules: Callable[..., Path]) -> None:
    code, out = invoke("check", "--no-bundled", str(write_rules(GOOD)))
    assert code == 0 and "1" in out


def test_bundled_rules_examples_run() -> None:
    import re

    code, out = invoke("test")
    m = re.fullmatch(r"(\d+) passed, (\d+) failed", out.strip().splitlines()[-1])
    assert m is not None and int(m.group(1)) > 100
    assert code == (1 if int(m.group(2)) else 0)
