"""A pattern runs on Python's ``re`` when that cannot backtrack badly, else on RE2. Either way it must find
the same matches: every bundled pattern that runs on ``re`` is checked against RE2 on real documents."""
from __future__ import annotations

from pathlib import Path

from normcheck.dsl import load_rules
from normcheck.engine.fold import fold
from normcheck.engine.saferegex import SafeRegex, compile_safe


def _texts() -> list[str]:
    from normcheck.reader import read_path

    folder = Path(__file__).resolve().parents[1] / "realdev" / "docs"
    files = sorted(folder.glob("*.docx"))[::4]
    return [fold("\n".join(block.text for block in read_path(f).blocks)) for f in files]


def _spans(regex: SafeRegex, text: str) -> list[tuple[int, int, dict[str, tuple[int, int]]]]:
    return list(regex.finditer(text))


def test_bundled_patterns_find_the_same_matches_on_re_and_re2() -> None:
    library = load_rules().rules[0].library
    texts = _texts()
    checked = 0
    for pattern in library._regexes.values():
        python_side = pattern.regex
        if python_side.uses_re2:
            continue
        re2_side = compile_safe(python_side.source, python_side.case_sensitive)
        re2_side._chosen, re2_side._python = True, None  # force the RE2 extractor
        for text in texts:
            assert _spans(python_side, text) == _spans(re2_side, text), python_side.source
        checked += 1
    assert checked > 300
