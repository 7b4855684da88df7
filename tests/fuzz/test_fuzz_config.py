"""Configuration files and baselines written by hand: any text loads or raises the project's own error,
and whatever loads drives a run (include/exclude globs, waivers, baseline) without crashing."""
from __future__ import annotations

import json
import tempfile
from pathlib import Path

from fuzzing import fuzz_settings, own_outcome
from hypothesis import example, given
from hypothesis import strategies as st

from normcheck.baseline import FORMAT_VERSION
from normcheck.config import STARTER

TOML_PIECES = ['select = ["filing"]', 'ignore = ["CC-001", "nope"]', 'rules = ["missing.rules"]',
               'include = ["**/*.docx", "[", "**/**/**", "\\\\"]', 'exclude = ["~$*", "***", "[!a-"]',
               'fail-on = "warning"', 'fail-on = 3', 'format = "sarif"', 'format = "pdf"', "[severity]",
               '"FILE-001" = "info"', '"FILE-001" = "fatal"', "[params]", '"征求意见最短天数" = 30',
               '"征求意见最短天数" = "三十"', '"备案_有效期上限" = "5 years"', "[[waivers]]",
               'path = "*.docx"', 'path = "[z-a].docx"', 'rule = "CONSULT-001"', 'rule = "filing"',
               'reason = "测试"', "[tool.normcheck]", "select = 1", "unknown = true", "= =", '"""', "[", ""]
WAIVER_GLOBS = ["*.docx", "**/*", "[", "[!]", "***", "a/**/b", "\\", "{a,b}", "?", "", "/abs/*", "../*"]


@fuzz_settings(120)
@given(st.lists(st.sampled_from(TOML_PIECES), max_size=12), st.booleans())
def test_configuration_files_load_or_fail_cleanly(lines: list[str], starter: bool) -> None:
    from normcheck.config import load_config

    text = (STARTER if starter else "") + "\n".join(lines) + "\n"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "normcheck.toml"
        path.write_text(text, encoding="utf-8")

        def load_and_use() -> object:
            config = load_config(path)
            for name in ("a.docx", "sub/b.docx", "~$c.docx", "d.txt"):
                config.wants(Path(folder) / name)
            return config

        own_outcome(load_and_use)


@fuzz_settings(60)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_as_a_configuration(data: bytes) -> None:
    from normcheck.config import load_config

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "normcheck.toml"
        path.write_bytes(data)
        own_outcome(lambda: load_config(path))


@fuzz_settings(150)
@given(st.sampled_from(WAIVER_GLOBS), st.text(max_size=20), st.sampled_from(WAIVER_GLOBS + ["a.docx", "x/y.docx"]))
def test_glob_matching_never_fails(pattern: str, noise: str, path: str) -> None:
    from normcheck.config import glob_match

    own_outcome(lambda: glob_match(pattern + noise, path))
    own_outcome(lambda: glob_match(pattern, noise + path))


def _reference_glob(pattern: str, path: str) -> bool:
    """The same semantics with Python's backtracking ``re`` (fine on short inputs)."""
    import re

    if "/" not in pattern:
        pattern = "**/" + pattern
    out, i = [], 0
    while i < len(pattern):
        for token, regex in (("**/", "(?:.*/)?"), ("**", ".*"), ("*", "[^/]*"), ("?", "[^/]")):
            if pattern.startswith(token, i):
                out.append(regex)
                i += len(token)
                break
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.fullmatch("".join(out) + "(?:/.*)?", path, re.DOTALL) is not None


@fuzz_settings(300)
@given(st.text(alphabet="ab*?/.[]\\中~$", max_size=12), st.text(alphabet="ab/.[]中~$\n", max_size=14))
def test_linear_glob_matches_like_the_reference(pattern: str, path: str) -> None:
    from normcheck.globmatch import glob_match

    assert glob_match(pattern, path) is _reference_glob(pattern, path)


_JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=8),
                     lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                                 max_size=4), max_leaves=12)


@fuzz_settings(100)
@given(st.one_of(_JSON, st.fixed_dictionaries({"normcheck-baseline": _JSON, "findings": _JSON}),
                 st.fixed_dictionaries({"normcheck-baseline": st.just(FORMAT_VERSION), "findings": _JSON}),
                 st.fixed_dictionaries({"normcheck-baseline": st.just(FORMAT_VERSION),
                                        "findings": st.lists(st.dictionaries(
                                            st.sampled_from(["file", "rule", "fingerprint", "count"]), _JSON),
                                            max_size=3)})))
@example(document={"normcheck-baseline": 1, "findings": None})
@example(document={"normcheck-baseline": 1, "findings": [{"file": "a", "rule": "b", "fingerprint": "c",
                                                          "count": float("inf")}]})
def test_baseline_files_load_or_fail_cleanly(document: object) -> None:
    from normcheck import baseline

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "baseline.json"
        path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
        own_outcome(lambda: baseline.apply([], baseline.load(path), Path(folder)))
