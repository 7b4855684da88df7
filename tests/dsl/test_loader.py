"""Loading rule files: bundled packs, folders, includes, data files, params, warnings and the disk cache."""
from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from normcheck.authoring.describe import describe_rule
from normcheck.dsl import bundled_rules_dir, cache, load_rules
from normcheck.structure.facts import Duration

RULE = 'rule {id} "t" {{\n  severity warning\n  tags {tag}\n  forbid "{term}"\n  example fail "{term}"\n}}\n'


def test_bundled_packs_load_in_file_order() -> None:
    ruleset = load_rules()
    assert len(ruleset.rules) > 20
    assert {"consultation", "civil-code", "filing"} <= ruleset.tags
    files = [r.file for r in ruleset.rules]
    assert files == sorted(files, key=files.index)  # grouped by file, in load order
    assert ruleset.get(ruleset.rules[0].id) is ruleset.rules[0]
    assert bundled_rules_dir().joinpath("common.rules").is_file()


def test_compiled_rule_fields(write_rules: Callable[..., Path]) -> None:
    path = write_rules('rule X-1 "标题" {\n severity info\n tags a, b\n basis "依据"\n message "消息{match}"\n'
                       ' fix "建议"\n forbid "甲"\n example fail "甲"\n example pass "乙"\n}\n')
    [rule] = load_rules([path], bundled=False).rules
    assert (rule.id, rule.title, rule.severity, rule.tags, rule.basis, rule.message, rule.fix) == (
        "X-1", "标题", "info", ("a", "b"), "依据", "消息{match}", "建议")
    assert [e.kind for e in rule.examples] == ["fail", "pass"]
    assert Path(rule.file).resolve() == path.resolve() and rule.line == 1
    assert describe_rule(rule.checks) == ['forbid "甲" in each sentence']


def test_describe_shows_conditions(write_rules: Callable[..., Path]) -> None:
    path = write_rules('param 上限 = 2 years\nrule D-1 "t" {\n severity info\n'
                       ' when title contains "暂行" and not has fact validity_end then assert validity <= param 上限\n'
                       ' assert count of "罚款" in each article < 3 or effective_date >= 2021-01-01\n'
                       ' forbid /(?P<期限>\\d+)日/ where 期限 < 30 days\n example fail "x"\n}\n')
    [rule] = load_rules([path], bundled=False).rules
    assert describe_rule(rule.checks) == [
        'when (title contains "暂行" and not (has fact validity_end)) then { assert validity <= param 上限 }',
        'assert (count of "罚款" in each article < 3 or effective_date >= 2021-01-01)',
        "forbid /(?P<期限>\\d+)日/ in each sentence where 期限 < 30 days"]


def test_describe_names_patterns_and_lists_them(write_rules: Callable[..., Path]) -> None:
    path = write_rules('list 词 = "甲"\npattern 内 = 词 | /乙+/\npattern 外 = 内 within 3 chars of "丙"\n'
                       'rule D-2 "t" {\n severity info\n forbid 外 unless in title\n'
                       ' when document contains 内 then require 内\n example fail "x"\n}\n')
    [rule] = load_rules([path], bundled=False).rules
    assert describe_rule(rule.checks) == ["forbid 外 unless in title in each sentence",
                               "when document contains 内 then { require 内 in document }",
                               'pattern 内 = (词 | /乙+/)', 'pattern 外 = (内 within 3 chars of "丙")']


def test_folder_include_once_and_shared_names(write_rules: Callable[..., Path], tmp_path: Path) -> None:
    write_rules('list 词 = "甲", "乙"\n', "pack/common.rules")
    write_rules('include "common.rules"\n' + RULE.format(id="A-1", tag="x", term="甲"), "pack/a.rules")
    write_rules('include "common.rules"\ninclude "a.rules"\nrule B-1 "t" {\n severity info\n forbid 词\n'
                ' example fail "乙"\n}\n', "pack/b.rules")
    ruleset = load_rules([tmp_path / "pack"], bundled=False)
    assert [r.id for r in ruleset.rules] == ["A-1", "B-1"]
    assert len(ruleset.files) == 3


def test_lists_and_maps_from_data_files(write_rules: Callable[..., Path]) -> None:
    write_rules("# 废止的法律\n中华人民共和国合同法\n\n中华人民共和国担保法\n", "data/laws.txt")
    write_rules("合同法\t民法典合同编\n", "data/map.tsv")
    path = write_rules('list 废止 from "data/laws.txt"\nmap 对照 from "data/map.tsv"\n'
                       'rule M-1 "t" {\n severity info\n message "{map 对照}"\n forbid 废止 | 对照\n'
                       ' example fail "合同法"\n}\n')
    ruleset = load_rules([path], bundled=False)
    assert ruleset.library is not None
    assert ruleset.library.lists["废止"] == ("中华人民共和国合同法", "中华人民共和国担保法")
    assert ruleset.library.maps["对照"] == {"合同法": "民法典合同编"}


def test_params_defaults_and_overrides(write_rules: Callable[..., Path]) -> None:
    path = write_rules('param 天数 = 30\nparam 上限 = 5 years\nparam 机构 = "司法局"\nparam 开关 = true\n')
    assert load_rules([path], bundled=False).params == {"天数": 30, "上限": Duration(5, "year"),
                                                       "机构": ("司法局",), "开关": True}
    ruleset = load_rules([path], bundled=False, params={"天数": 15, "上限": "3年", "机构": ["甲", "乙"],
                                                        "开关": False})
    assert ruleset.params == {"天数": 15, "上限": Duration(3, "year"), "机构": ("甲", "乙"), "开关": False}


def test_rule_without_examples_is_a_warning(write_rules: Callable[..., Path]) -> None:
    path = write_rules('rule W-1 "t" {\n severity info\n forbid "甲"\n}\n')
    ruleset = load_rules([path], bundled=False)
    assert len(ruleset.warnings) == 1 and "W-1" in ruleset.warnings[0] and ":1:" in ruleset.warnings[0]


def test_declared_tags_accept_known_and_collect(write_rules: Callable[..., Path]) -> None:
    path = write_rules("tags 甲, b-c\n" + RULE.format(id="T-1", tag="b-c", term="x"))
    assert load_rules([path], bundled=False).tags == {"甲", "b-c"}


def test_cache_hit_skips_parsing(write_rules: Callable[..., Path], monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_rules(RULE.format(id="C-1", tag="x", term="甲"))
    load_rules([path], bundled=False)
    entries = list((cache.cache_dir() / "rules").glob("*.json"))
    assert entries

    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("parsed although cached")

    monkeypatch.setattr("normcheck.dsl.loader.parse_rules", fail)
    assert [r.id for r in load_rules([path], bundled=False).rules] == ["C-1"]


def test_corrupt_or_foreign_cache_entries_are_ignored(write_rules: Callable[..., Path]) -> None:
    import pickle

    path = write_rules(RULE.format(id="C-2", tag="x", term="乙"))
    load_rules([path], bundled=False)
    for entry in (cache.cache_dir() / "rules").glob("*.json"):
        entry.write_bytes(b"not an entry")
    assert [r.id for r in load_rules([path], bundled=False).rules] == ["C-2"]
    for entry in (cache.cache_dir() / "rules").glob("*.json"):
        entry.with_suffix(".pickle").write_bytes(pickle.dumps(os.system))  # a planted entry must not be trusted
    assert [r.id for r in load_rules([path], bundled=False).rules] == ["C-2"]


def test_cache_dir_from_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("NORMCHECK_CACHE_DIR", str(tmp_path / "c"))
    assert cache.cache_dir() == tmp_path / "c"
    monkeypatch.delenv("NORMCHECK_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "x"))
    assert cache.cache_dir() == tmp_path / "x" / "normcheck"


def test_unwritable_cache_still_loads(write_rules: Callable[..., Path], monkeypatch: pytest.MonkeyPatch,
                                      tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("NORMCHECK_CACHE_DIR", str(blocker / "sub"))
    path = write_rules(RULE.format(id="C-3", tag="x", term="丙"))
    assert [r.id for r in load_rules([path], bundled=False).rules] == ["C-3"]
