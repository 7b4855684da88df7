"""A filing package is recognised by what its members say, not only by their names."""
from __future__ import annotations

import shutil
from pathlib import Path

from normcheck import check_path
from normcheck.reader.folder import is_filing_package, package_members

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "sme-support-measures"


def _rules(results: list) -> set[str]:
    return {f.rule for r in results for f in r.findings if f.severity != "info"}


def test_renamed_members_are_still_one_package(tmp_path: Path) -> None:
    folder = tmp_path / "材料"
    folder.mkdir()
    for source, name in (("正文.docx", "正文.docx"), ("起草说明.docx", "编制说明.docx"),
                         ("合法性审核意见书.docx", "区司法局意见.docx"), ("备案报告.docx", "报送函.docx")):
        shutil.copy(SAMPLE / source, folder / name)
    assert is_filing_package(folder)
    results = check_path(folder)
    assert len(results) == 1
    assert _rules(results) == _rules(check_path(SAMPLE))


def test_members_named_by_nothing_are_typed_by_content(tmp_path: Path) -> None:
    folder = tmp_path / "x"
    folder.mkdir()
    shutil.copy(SAMPLE / "起草说明.docx", folder / "a.docx")
    shutil.copy(SAMPLE / "正文.docx", folder / "b.docx")
    shutil.copy(SAMPLE / "合法性审核意见书.docx", folder / "c.docx")
    assert is_filing_package(folder)
    members, _ = package_members(folder)
    assert members[0].name == "b.docx"  # the norm, not the first record by name


def test_a_folder_of_separate_documents_stays_separate(tmp_path: Path) -> None:
    samples = SAMPLE.parent
    shutil.copy(samples / "parking-measures.docx", tmp_path / "a.docx")
    shutil.copy(samples / "greening-regulations.docx", tmp_path / "b.docx")
    # parking-measures.docx holds its own 起草说明 inside, but no file opens as a record.
    assert not is_filing_package(tmp_path)
    assert len(check_path(tmp_path)) == 2
