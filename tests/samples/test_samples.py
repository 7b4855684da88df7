"""The sample filing packages in samples/: they are rebuilt byte for byte from their sources, they are
built the way Word builds documents, and normcheck reports exactly the planted defects on them."""
from __future__ import annotations

import re
import sys
import zipfile
from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
sys.path.insert(0, str(SAMPLES))

import build_samples

# Rule IDs reported at error or warning severity, per sample. A missed defect and new noise both fail.
EXPECTED: dict[str, frozenset[str]] = {
    "parking-measures.docx": frozenset(),
    "elderly-care-subsidy.docx": frozenset(),
    "property-management.docx": frozenset(),
    "rental-housing-interim.docx": frozenset(),
    "greening-regulations.docx": frozenset(),
    "adoption-registration.docx": frozenset(),
    "sme-support-measures": frozenset(),
    "training-institutions": frozenset(),
    "temporary-assistance": frozenset(),
}

# Expectations the bundled rules do not meet yet: sample -> reason (strict xfail, so a fix is noticed).
KNOWN_GAPS: dict[str, str] = {}

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _sample_params() -> list[object]:
    return [pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=KNOWN_GAPS[name]))
            if name in KNOWN_GAPS else name for name in EXPECTED]


def _member(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as zf:
        return zf.read(name).decode("utf-8")


def test_every_package_has_an_expectation() -> None:
    names = [package.name for package in build_samples.packages()]
    assert sorted(names) == sorted(EXPECTED)
    assert len(names) >= 8


def test_folder_packages_hold_the_four_filing_documents() -> None:
    folders = [package for package in build_samples.packages() if package.folder]
    assert len(folders) >= 2
    for package in folders:
        assert {name for name, _ in package.files} == {"正文.docx", "起草说明.docx", "合法性审核意见书.docx",
                                                       "备案报告.docx"}


def test_clean_and_defective_packages_cover_every_pack() -> None:
    packages = build_samples.packages()
    assert sum(1 for package in packages if not package.defects) >= 2
    tags = {tag for package in packages for tag, _ in package.defects}
    assert tags == {"consultation", "legality-review", "collective-decision", "civil-code", "authority",
                    "fair-competition", "filing"}


def test_rebuild_is_byte_identical(tmp_path: Path) -> None:
    written = build_samples.build(tmp_path)
    assert len(written) == 18
    for path in written:
        committed = SAMPLES / path.relative_to(tmp_path)
        assert committed.read_bytes() == path.read_bytes(), f"{committed} is stale: run samples/build_samples.py"


def test_zip_timestamps_are_fixed() -> None:
    with zipfile.ZipFile(SAMPLES / "parking-measures.docx") as zf:
        assert {info.date_time for info in zf.infolist()} == {(2024, 1, 1, 0, 0, 0)}


def test_articles_chapters_and_items_are_automatic_numbering() -> None:
    numbering = _member(SAMPLES / "parking-measures.docx", "word/numbering.xml")
    for label in ("第%1章", "第%1条", "（%2）"):
        assert f'w:lvlText w:val="{label}"' in numbering
    assert numbering.count('w:numFmt w:val="chineseCounting"') == 3
    document = _member(SAMPLES / "parking-measures.docx", "word/document.xml")
    assert "第一条" not in document and "第十八条" not in document
    assert len(re.findall(r'<w:numId w:val="2"/>', document)) >= 18


def test_tracked_changes_carry_a_defect_and_remove_one() -> None:
    document = _member(SAMPLES / "parking-measures.docx", "word/document.xml")
    inserted = re.search(r"<w:ins [^>]*>(.*?)</w:ins>", document).group(1)  # type: ignore[union-attr]
    deleted = re.search(r"<w:del [^>]*>(.*?)</w:del>", document).group(1)  # type: ignore[union-attr]
    assert "罚款" in "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", inserted))
    assert "滞纳金" in "".join(re.findall(r"<w:delText[^>]*>([^<]*)</w:delText>", deleted))


def test_tables_header_footer_and_core_properties() -> None:
    path = SAMPLES / "parking-measures.docx"
    assert "<w:tbl>" in _member(path, "word/document.xml")
    assert "前进区人民政府规范性文件" in _member(path, "word/header1.xml")
    assert "PAGE" in _member(path, "word/footer1.xml")
    core = _member(path, "docProps/core.xml")
    assert "<dc:title>前进区机动车停车管理办法</dc:title>" in core


def test_reader_keeps_the_inserted_fine_and_drops_the_deleted_surcharge() -> None:
    from normcheck.reader import read_path

    text = "\n".join(block.text for block in read_path(SAMPLES / "parking-measures.docx").blocks)
    assert "第十七条 违反本办法第十五条第（三）项规定" in text.replace("\u3000", " ")
    assert "处二百元以上五百元以下罚款" in text
    assert "滞纳金" not in text
