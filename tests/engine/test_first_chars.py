"""The first-character lookahead changes how fast a pattern runs, never what it matches."""
from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from normcheck.dsl import load_rules
from normcheck.engine.firstchars import with_first_chars

FLAGS = re.ASCII | re.IGNORECASE


@pytest.mark.parametrize("source", [
    "(中华人民共和国)?(经济合同法|技术合同法)",
    "的?(行政)?(处罚)?决定(书|前)?|程序|听证",
    "(?m)(年满)?(十|10)周岁以上",
    "(?P<名称>(省|市)?人民政府)?令第\\d+号",
    "a?(b|C)x",
])
def test_rewritten_when_the_start_is_optional(source: str) -> None:
    assert with_first_chars(source, FLAGS) != source


@pytest.mark.parametrize("source", [
    "罚款", "[罚处]款", "(?:经济合同法|技术合同法)", "(?m)^附件", "(宽恕|谅解)[^。]{0,10}", ".?罚款", "a*", "\\w?罚",
    "[一-龥]?法",
])
def test_left_alone_when_re_skips_already_or_the_start_is_unbounded(source: str) -> None:
    assert with_first_chars(source, FLAGS) == source


def test_global_flags_stay_in_front() -> None:
    rewritten = with_first_chars("(?m)(甲)?乙", FLAGS)
    assert rewritten.startswith("(?m)(?=[")
    re.compile(rewritten, FLAGS)


def test_case_insensitive_patterns_look_ahead_for_both_cases() -> None:
    pattern = re.compile(with_first_chars("(x)?Ab", FLAGS), FLAGS)
    assert [m.span() for m in pattern.finditer("ab AB xab")] == [(0, 2), (3, 5), (6, 9)]


def _texts(seed: int) -> list[str]:
    rng = random.Random(seed)
    alphabet = list("中华人民共和国经济合同法技术涉外的行政处罚决定书前后时程序听证年满十10周岁以上未成年人，。；\n aAbB罚款令第号省市")
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 400))) for _ in range(60)]


def _real_texts() -> list[str]:
    from normcheck.engine.fold import fold
    from normcheck.reader import read_path

    folder = Path(__file__).resolve().parents[1] / "realdev" / "docs"
    files = sorted(folder.glob("*.docx"))[:12]
    return [fold("\n".join(block.text for block in read_path(f).blocks)) for f in files]


def test_every_bundled_pattern_matches_the_same_with_and_without_the_lookahead() -> None:
    library = load_rules().rules[0].library
    texts = _texts(3) + _real_texts()
    changed = 0
    for pattern in library._regexes.values():
        flags = re.ASCII | (0 if pattern.regex.case_sensitive else re.IGNORECASE)
        source = pattern.regex.source
        rewritten = with_first_chars(source, flags)
        if rewritten == source:
            continue
        changed += 1
        before, after = re.compile(source, flags), re.compile(rewritten, flags)
        for text in texts + [source]:
            assert [(m.span(), m.groupdict()) for m in before.finditer(text)] == \
                   [(m.span(), m.groupdict()) for m in after.finditer(text)], source
    assert changed > 0
