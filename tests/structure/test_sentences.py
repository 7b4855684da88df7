from hypothesis import given
from hypothesis import strategies as st

from normcheck.structure import split_sentences


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def test_splits_at_terminators() -> None:
    assert sentences("第一条 为了规范管理。第二条 本办法适用于本区！是否？甲；乙") == [
        "第一条 为了规范管理。", "第二条 本办法适用于本区！", "是否？", "甲；", "乙"]


def test_ascii_terminators_and_line_breaks() -> None:
    assert sentences("Hello! World? a;b\n第二行") == ["Hello!", "World?", "a;", "b", "第二行"]


def test_quotes_and_titles_stay_together() -> None:
    assert sentences("他说“好；不好”然后走了。下一句") == ["他说“好；不好”然后走了。", "下一句"]
    assert sentences("《关于印发《XX办法；细则》的通知》已废止。好") == ["《关于印发《XX办法；细则》的通知》已废止。", "好"]


def test_quotation_ending_with_its_own_full_stop_ends_the_sentence() -> None:
    assert sentences("规定：“不得收费。”第二句。") == ["规定：“不得收费。”", "第二句。"]
    assert sentences("（以下简称“本办法”。）下一句") == ["（以下简称“本办法”。）", "下一句"]


def test_unclosed_quote_does_not_swallow_the_paragraph() -> None:
    assert sentences("一个“未闭合的引号。后面的句子。") == ["一个“未闭合的引号。", "后面的句子。"]


def test_blank_text() -> None:
    assert split_sentences("") == []
    assert split_sentences(" \n\u3000 ") == []


@given(st.text(alphabet="。；！？!?;“”《》\"\n 甲乙", max_size=60))
def test_spans_are_ordered_disjoint_and_cover_all_text(text: str) -> None:
    spans = split_sentences(text)
    previous = 0
    for start, end in spans:
        assert previous <= start < end <= len(text)
        assert not text[start].isspace() and not text[end - 1].isspace()
        previous = end
    covered = {i for start, end in spans for i in range(start, end)}
    assert all(i in covered for i, ch in enumerate(text) if not ch.isspace())
    assert all("\n" not in text[start:end] for start, end in spans)


def test_long_text_with_many_unclosed_marks_is_fast() -> None:
    import time

    text = "“《（" * 20000 + "”" * 20000 + "。"
    started = time.perf_counter()
    split_sentences(text)
    assert time.perf_counter() - started < 1.0
