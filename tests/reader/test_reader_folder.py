"""Discovery of check targets and filing packages read as one Document."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from ooxml import build_docx, p

from normcheck.errors import InputError
from normcheck.reader import discover, dump_text, read_path
from normcheck.reader.folder import is_filing_package, package_members


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix == ".docx":
        return build_docx(path, p(text), headers=[p(f"{path.stem}页眉")])
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    pkg = tmp_path / "2024" / "停车办法备案"
    _write(pkg / "备案报告.docx", "备案报告正文")
    _write(pkg / "起草说明.txt", "起草过程中公开征求意见30日。")
    _write(pkg / "合法性审核意见书.docx", "经审核，合法。")
    _write(pkg / "停车管理办法.docx", "第一条 为了规范停车。")
    _write(pkg / "附件" / "附件1 收费标准.txt", "收费标准表")
    _write(pkg / "扫描件.pdf", "%PDF")
    _write(tmp_path / "单个" / "通知.docx", "通知正文")
    _write(tmp_path / "单个" / "意见.txt", "意见正文")
    _write(tmp_path / "单个" / "~$通知.docx", "lock")
    _write(tmp_path / "单个" / ".隐藏.txt", "hidden")
    _write(tmp_path / "单个" / "图片.png", "png")
    _write(tmp_path / "单个" / "README.md", "# 说明")
    (tmp_path / "空").mkdir()
    return tmp_path


def test_package_recognised_by_role_names(tree: Path) -> None:
    assert is_filing_package(tree / "2024" / "停车办法备案")
    assert not is_filing_package(tree / "单个")


def test_discover_files_folders_and_globs(tree: Path) -> None:
    targets = discover([tree / "2024", tree / "单个"])
    assert targets == [tree / "2024" / "停车办法备案", tree / "单个" / "意见.txt", tree / "单个" / "通知.docx"]
    assert discover([str(tree / "单个" / "*.docx")]) == [tree / "单个" / "通知.docx"]
    assert discover([str(tree / "**" / "起草说明.txt")]) == [tree / "2024" / "停车办法备案" / "起草说明.txt"]
    assert discover([tree / "单个" / "图片.png"]) == [tree / "单个" / "图片.png"]
    assert discover([tree / "单个", tree / "单个" / "通知.docx"]) == [tree / "单个" / "意见.txt",
                                                                   tree / "单个" / "通知.docx"]


def test_discover_errors(tree: Path) -> None:
    for arg, code in ((tree / "空", "no-documents"), (str(tree / "*.nothing"), "not-found"),
                      (tree / "missing", "not-found")):
        with pytest.raises(InputError) as info:
            discover([arg])
        assert info.value.code == code and info.value.path == str(arg)


def test_member_order_main_document_first(tree: Path) -> None:
    pkg = tree / "2024" / "停车办法备案"
    members, skipped = package_members(pkg)
    assert [m.relative_to(pkg).as_posix() for m in members] == [
        "停车管理办法.docx", "合法性审核意见书.docx", "备案报告.docx", "起草说明.txt", "附件/附件1 收费标准.txt"]
    assert [s.name for s in skipped] == ["扫描件.pdf"]


def test_package_read_as_one_document(tree: Path) -> None:
    pkg = tree / "2024" / "停车办法备案"
    doc = read_path(pkg)
    assert doc.path == str(pkg)
    assert doc.files[0] == str(pkg / "停车管理办法.docx") and len(doc.files) == 5
    assert dump_text(doc) == ("第一条 为了规范停车。\n经审核，合法。\n备案报告正文\n起草过程中公开征求意见30日。\n"
                              "收费标准表\n")
    by_file = {b.file: b for b in doc.blocks if b.part == "body"}
    assert by_file[str(pkg / "起草说明.txt")].index == 1
    assert [b.text for b in doc.part_blocks("header")] == ["停车管理办法页眉", "合法性审核意见书页眉", "备案报告页眉"]
    assert any("扫描件.pdf" in w for w in doc.warnings)


def test_broken_member_names_the_member(tree: Path) -> None:
    pkg = tree / "2024" / "停车办法备案"
    (pkg / "起草说明.txt").write_bytes(b"")
    with pytest.raises(InputError) as info:
        read_path(pkg)
    assert info.value.code == "empty" and "起草说明.txt" in info.value.message and info.value.path == str(pkg)


needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")


@needs_fifo
def test_walks_and_globs_leave_out_pipes_and_dangling_links(tree: Path) -> None:
    single = tree / "单个"
    os.mkfifo(single / "管道.docx")
    (single / "失效.docx").symlink_to(tree / "不存在.docx")
    (single / "链接.docx").symlink_to(single / "通知.docx")
    assert discover([single]) == [single / "意见.txt", single / "通知.docx"]
    assert discover([str(single / "*.docx")]) == [single / "通知.docx"]


@needs_fifo
def test_a_pipe_or_dangling_link_named_explicitly_is_an_error(tree: Path) -> None:
    pipe = tree / "单个" / "管道.docx"
    os.mkfifo(pipe)
    dangling = tree / "单个" / "失效.docx"
    dangling.symlink_to(tree / "不存在.docx")
    for path, code, words in ((pipe, "unsupported-format", "命名管道"), (dangling, "not-found", "链接")):
        for action in (discover, read_path):
            with pytest.raises(InputError) as info:
                action([path] if action is discover else path)  # type: ignore[operator]
            assert info.value.code == code and words in info.value.message and info.value.path == str(path)


def test_a_link_loop_is_an_error(tree: Path) -> None:
    loop = tree / "单个" / "循环.docx"
    loop.symlink_to(loop)
    with pytest.raises(InputError) as info:
        discover([loop])
    assert info.value.code == "unreadable" and "循环" in info.value.message


@needs_fifo
def test_a_package_with_a_pipe_member_is_still_a_package_and_names_it(tmp_path: Path) -> None:
    pkg = tmp_path / "备案"
    _write(pkg / "停车管理办法.docx", "第一条 为了规范停车。")
    os.mkfifo(pkg / "起草说明.docx")
    assert discover([tmp_path]) == [pkg]
    with pytest.raises(InputError) as info:
        read_path(pkg)
    assert info.value.code == "unsupported-format" and "起草说明.docx" in info.value.message


def test_an_unlistable_sub_folder_of_a_package_is_named(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sub = tree / "2024" / "停车办法备案" / "附件"
    scandir = os.scandir

    def refuse(path: object = ".") -> object:
        if Path(str(path)) == sub:
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", refuse)
    with pytest.raises(InputError) as info:
        read_path(tree / "2024" / "停车办法备案")
    assert info.value.code == "unreadable" and "附件" in info.value.message
