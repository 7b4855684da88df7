"""Blocks the reader builds through ``make_block`` are the Blocks the dataclass constructor builds."""
from __future__ import annotations

import dataclasses
import pickle

from normcheck.model import Block, make_block


def test_make_block_equals_the_dataclass_constructor() -> None:
    values = ("第一条 正文", "header", 7, "a.docx", "cell", "第一条", "Heading1", 2, (0, 1, 2), 9, "word/header1.xml")
    made = make_block(*values)
    built = Block(*values)
    assert made == built and hash(made) == hash(built) and repr(made) == repr(built)
    assert dataclasses.astuple(made) == values
    assert pickle.loads(pickle.dumps(made)) == built
    assert made != dataclasses.replace(built, index=8)


def test_made_blocks_stay_frozen() -> None:
    block = make_block("正文", "body", 1, "a.docx", "paragraph", "", "", None, None, 0, "word/document.xml")
    try:
        block.text = "改"  # type: ignore[misc]
    except dataclasses.FrozenInstanceError:
        return
    raise AssertionError("a made Block accepted an assignment")


def test_made_blocks_are_blocks_with_fields_in_order() -> None:
    values = ("正文", "body", 1, "a.docx", "paragraph", "", "", None, None, 0, "word/document.xml")
    block = make_block(*values)
    assert type(block) is Block and isinstance(block, Block)
    assert Block.__slots__ == tuple(f.name for f in dataclasses.fields(Block))
    assert [getattr(block, f.name) for f in dataclasses.fields(Block)] == list(values)
