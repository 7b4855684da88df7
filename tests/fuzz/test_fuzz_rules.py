"""Rule files that legal staff might write, damaged: loading gives a RuleSet or the project's own error,
and a loaded rule set checks documents without crashing or hanging.

Three sources of input: the bundled packs with a few line- and character-level edits, rules built around
arbitrary regular expressions (including ones that backtrack catastrophically in a backtracking engine),
and rules built from random but grammatical pieces.
"""
from __future__ import annotations

import functools
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from fuzzing import ROOT, RULE_FIXTURES, fuzz_settings, hang_guard, own_outcome
from hypothesis import given
from hypothesis import strategies as st

TOKENS = ["rule", "R-1", '"标题"', "{", "}", "(", ")", "|", "and", "or", "not", "within", "chars", "of",
          "before", "in", "each", "sentence", "article", "paragraph", "package", "document", "title",
          "section", '"起草说明"', "unless", "preceded", "followed", "by", "require", "forbid", "at least",
          "at most", "when", "then", "assert", "fact", "has", "where", "count", "param", "list", "pattern",
          "map", "from", "include", '"common.rules"', '"data/none.txt"', "exact", "0", "1", "999999999999",
          "-1", "30 days", "2 years", "7 workdays", "2021-01-01", "2021-02-30", "<=", "==", "!=", "validity",
          "issue_date", "effective_date", '"{match}"', '"{fact title}"', '"{map 无}"', '"{param 无}"', "#",
          "\n", "“", "”", "/(a+)+$/", "/(?P<x>\\d+)/", "/[/", "/\\p{Han}{1,1000}/", "/.{0,99999}/", '""', "\\"]
REGEXES = ["(a+)+$", "(a|aa)+b", "(.*)*x", "(?P<n>\\d+)天", "[\\p{Han}]{2,8}", "(?i)ABC", "\\bword\\b",
           "(?<=a)b", "(a)\\1", "a{1001}", "a{2,1}", "[z-a]", "(?P<n>a)(?P<n>b)", "\\", "(", "", "^$",
           "(?m)^第.{1,5}条", "\\x{110000}", "[[:alpha:]]", "\\pN+", "a**", "(?s).", "\u0000"]
HAYSTACKS = ["a" * 3000 + "!", "第一条 " + "罚款" * 500, "x" * 5000, "处5000元以上罚款，" * 50, "\u0000\ufffd",
             "拟于2024年3月1日起施行，有效期2年。"]
DOC_TEXT = ("前进区人民政府关于印发《前进区停车管理办法》的通知\n前政规〔2024〕3号\n第一条 为了规范停车管理，"
            "根据《中华人民共和国物权法》，制定本办法。\n第二条 违反本办法的，处5000元罚款。\n"
            "本办法自2024年3月1日起施行，有效期5年。\n前进区人民政府\n2024年2月1日")


@pytest.fixture(scope="module", autouse=True)
def _private_rule_cache() -> Iterator[None]:
    """Damaged rule files must not fill the user's rule-AST cache."""
    previous = os.environ.get("NORMCHECK_CACHE_DIR")
    with tempfile.TemporaryDirectory() as folder:
        os.environ["NORMCHECK_CACHE_DIR"] = folder
        yield
    if previous is None:
        del os.environ["NORMCHECK_CACHE_DIR"]
    else:
        os.environ["NORMCHECK_CACHE_DIR"] = previous


@functools.cache
def _documents() -> tuple[object, ...]:
    from normcheck.reader.plain import document_from_text

    return tuple(document_from_text(text) for text in (DOC_TEXT, *HAYSTACKS))


def load_and_run(files: dict[str, str]) -> None:
    """Write ``files`` beside a copy of the bundled data, load the first one, check the test documents."""
    from normcheck.authoring.examples import run_examples
    from normcheck.dsl import load_rules
    from normcheck.engine import check_document

    with tempfile.TemporaryDirectory() as folder:
        shutil.copytree(ROOT / "rules" / "data", Path(folder) / "data")
        paths = []
        for name, text in files.items():
            (Path(folder) / name).write_text(text, encoding="utf-8")
            paths.append(Path(folder) / name)

        def load_check() -> int:
            ruleset = load_rules([paths[0]], bundled=False)
            for doc in _documents():
                check_document(doc, ruleset)
            run_examples(ruleset)
            return len(ruleset.rules)

        own_outcome(load_check)


@functools.cache
def _fixture_texts() -> dict[str, str]:
    return {path.name: path.read_text(encoding="utf-8") for path in RULE_FIXTURES}


@st.composite
def damaged_rule_file(draw: st.DrawFn) -> dict[str, str]:
    texts = _fixture_texts()
    name = draw(st.sampled_from(sorted(texts)))
    lines = texts[name].splitlines()
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            break
        at = draw(st.integers(0, len(lines) - 1))
        edit = draw(st.sampled_from(["drop", "duplicate", "swap", "cut", "insert", "token"]))
        if edit == "drop":
            del lines[at]
        elif edit == "duplicate":
            lines.insert(at, lines[at])
        elif edit == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
        elif edit == "cut":
            line = lines[at]
            start = draw(st.integers(0, len(line)))
            lines[at] = line[:start] + line[start + draw(st.integers(1, 12)):]
        elif edit == "insert":
            line = lines[at]
            where = draw(st.integers(0, len(line)))
            lines[at] = line[:where] + draw(st.text(max_size=6)) + line[where:]
        else:
            line = lines[at]
            where = draw(st.integers(0, len(line)))
            lines[at] = line[:where] + " " + draw(st.sampled_from(TOKENS)) + " " + line[where:]
    others = {n: t for n, t in texts.items() if n != name}
    return {name: "\n".join(lines), **others}


def _rule(body: str, prelude: str = "") -> str:
    return (f'{prelude}\nrule FZ-1 "测试" {{\n  severity warning\n  message "发现{{match}}"\n  {body}\n'
            '  example fail "处5000元罚款"\n  example pass "无"\n}\n')


@fuzz_settings(150)
@given(damaged_rule_file())
def test_damaged_bundled_rules_load_or_fail_cleanly(files: dict[str, str]) -> None:
    load_and_run(files)


@fuzz_settings(150)
@given(st.one_of(st.sampled_from(REGEXES), st.text(max_size=30)), st.sampled_from(["", "exact "]),
       st.sampled_from(["each paragraph", "each sentence", "document", "package", "title", "citations"]))
def test_arbitrary_regexes_compile_or_fail_cleanly(regex: str, exact: str, scope: str) -> None:
    escaped = regex.replace("/", "\\/").replace("\n", " ")
    load_and_run({"fz.rules": _rule(f"forbid {exact}/{escaped}/ in {scope}")})


@fuzz_settings(100)
@given(st.lists(st.sampled_from(TOKENS), min_size=1, max_size=25),
       st.sampled_from(["forbid {} in each sentence", "require {}", "when title contains {} then forbid 罚 ",
                        "assert {}", "forbid 罚 in each sentence where {}", "{}"]))
def test_grammatical_fragments_load_or_fail_cleanly(tokens: list[str], shape: str) -> None:
    prelude = 'list 罚 = "罚款", "处罚"\nparam 期 = 30 days\npattern 模 = "罚款" | /处\\d+元/\n'
    load_and_run({"fz.rules": _rule(shape.format(" ".join(tokens)), prelude)})


@fuzz_settings(60)
@given(st.text(max_size=300))
def test_arbitrary_text_as_a_rule_file(text: str) -> None:
    load_and_run({"fz.rules": text})


def test_catastrophic_pattern_is_linear_on_a_long_paragraph() -> None:
    """``(a+)+$`` against 3,000 a's and a '!' takes forever with backtracking; RE2 answers at once."""
    from normcheck.dsl import load_rules
    from normcheck.engine import check_document
    from normcheck.reader.plain import document_from_text

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "slow.rules"
        path.write_text(_rule("forbid /(a+)+$/ in each paragraph"), encoding="utf-8")
        ruleset = load_rules([path], bundled=False)
    doc = document_from_text("a" * 30_000 + "!\n" + "a" * 30_000)
    with hang_guard(10):
        findings = check_document(doc, ruleset)
    assert [f.location.paragraph for f in findings] == [2]
