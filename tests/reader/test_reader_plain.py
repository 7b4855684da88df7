"""Plain text and Markdown: encodings detected, one non-blank line per block."""
from __future__ import annotations

from pathlib import Path

import pytest

from normcheck.errors import InputError
from normcheck.reader import dump_text, read_path
from normcheck.reader.plain import decode_text

TEXT = "关于印发《停车管理办法》的通知\n\n第一条　为了规范停车秩序，制定本办法。\r\n第二条 本办法自2024年1月1日起施行。\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "gb2312", "utf-16"])
def test_encodings_detected(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / f"doc-{encoding}.txt"
    path.write_bytes(TEXT.encode(encoding))
    doc = read_path(path)
    assert [b.text for b in doc.blocks] == ["关于印发《停车管理办法》的通知", "第一条　为了规范停车秩序，制定本办法。",
                                            "第二条 本办法自2024年1月1日起施行。"]
    assert [b.index for b in doc.blocks] == [1, 2, 3] and doc.files == (str(path),)


def test_gb18030_only_characters() -> None:
    text = "𠀀字与〇"
    assert decode_text(text.encode("gb18030")) == (text, "gb18030")


def test_markdown_headings(tmp_path: Path) -> None:
    path = tmp_path / "办法.md"
    path.write_text("# 停车管理办法\n\n## 第一章 总则 ##\n第一条 正文。\n#没有空格\n", encoding="utf-8")
    doc = read_path(path)
    assert dump_text(doc) == "停车管理办法\n第一章 总则\n第一条 正文。\n#没有空格\n"
    assert [b.outline for b in doc.blocks] == [0, 1, None, None]


def test_text_by_content_whatever_the_extension(tmp_path: Path) -> None:
    path = tmp_path / "notes"
    path.write_text("第一条 无扩展名的文本。", encoding="utf-8")
    assert read_path(path).blocks[0].text == "第一条 无扩展名的文本。"


def test_whitespace_only_text_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_text(" \n\t\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_path(path)
    assert info.value.code == "empty"


def test_undecodable_text(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(b"\x81\x30\xff\xfe\x00abc")
    with pytest.raises(InputError) as info:
        read_path(path)
    assert info.value.code == "unsupported-format"


def test_text_over_the_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_text("第一条 正文。\n" * 1000, encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_path(path, max_unzipped_bytes=1000)
    assert info.value.code == "too-large"
    assert read_path(path).blocks[0].text == "第一条 正文。"
