"""The sample filing packages in samples/: they are rebuilt byte for byte from their sources, they are
built the way Word builds documents, and normcheck reports exactly the planted defects on them."""
from __future__ import annotations

import functools
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from normcheck.dsl import RuleSet
from normcheck.model import Finding

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
sys.path.insert(0, str(SAMPLES))

import build_samples  # noqa: E402

# Rule IDs that must be reported at error or warning severity, per sample: the planted defects. Each one is
# its own test (a missed defect fails), and a second test per sample fails on any other error/warning (noise);
# together they pin the exact set.
EXPECTED: dict[str, frozenset[str]] = {
    "parking-measures.docx": frozenset({"CC-001", "CC-022", "AUTH-001", "CONSULT-003", "CONSULT-004"}),
    "elderly-care-subsidy.docx": frozenset(),
    "property-management.docx": frozenset({"CC-001", "CC-021", "FAIR-001", "LEGAL-003"}),
    "rental-housing-interim.docx": frozenset({"CC-001", "CC-011", "FILE-010", "LEGAL-001", "CONSULT-003",
                                              "CONSULT-004"}),
    "greening-regulations.docx": frozenset({"FILE-002", "FILE-006", "FILE-008", "CONSULT-001", "DECIDE-001"}),
    "adoption-registration.docx": frozenset({"CC-001", "CC-030", "CC-031", "CC-032", "CC-034", "CC-051"}),
    "sme-support-measures": frozenset({"FAIR-002", "FAIR-004", "FAIR-010", "AUTH-009", "DECIDE-003"}),
    "training-institutions": frozenset({"AUTH-003", "AUTH-005", "AUTH-006", "CONSULT-002", "LEGAL-004"}),
    "temporary-assistance": frozenset(),
    "land-management-rights.docx": frozenset(),
}

# Planted defects the bundled rules do not report yet: (sample, rule) -> why (strict xfail: a fix is noticed).
KNOWN_MISSES: dict[tuple[str, str], str] = {}

# Defects inside the norm, by the article that must carry the finding: sample -> {(rule, article)}.
PLANTED_AT: dict[str, frozenset[tuple[str, str]]] = {
    "parking-measures.docx": frozenset({("CC-001", "第一条"), ("CC-001", "第十条"), ("CC-022", "第十一条"),
                                        ("AUTH-001", "第十七条")}),
    "property-management.docx": frozenset({("CC-001", "第一条"), ("CC-001", "第四条"), ("CC-021", "第七条"),
                                           ("FAIR-001", "第八条")}),
    "rental-housing-interim.docx": frozenset({("CC-001", "第一条"), ("CC-011", "第七条"), ("FILE-010", "第九条")}),
    "greening-regulations.docx": frozenset({("FILE-006", "第八条")}),
    "adoption-registration.docx": frozenset({("CC-001", "第一条"), ("CC-030", "第三条"), ("CC-031", "第四条"),
                                             ("CC-031", "第五条"), ("CC-034", "第五条"), ("CC-032", "第六条")}),
    "sme-support-measures": frozenset({("FAIR-004", "第四条"), ("FAIR-002", "第五条"), ("AUTH-009", "第六条")}),
    "training-institutions": frozenset({("AUTH-003", "第四条"), ("AUTH-005", "第五条"), ("AUTH-006", "第五条")}),
}

KNOWN_MISSES_AT: dict[tuple[str, str, str], str] = {}

# Samples on which the bundled rules report something that is not a defect: sample -> (rule IDs, why).
KNOWN_NOISE: dict[str, tuple[frozenset[str], str]] = {}

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _planted() -> list[object]:
    return [pytest.param(name, rule, id=f"{name}-{rule}",
                         marks=[pytest.mark.xfail(strict=True, reason=KNOWN_MISSES[name, rule])]
                         if (name, rule) in KNOWN_MISSES else [])
            for name, rules in EXPECTED.items() for rule in sorted(rules)]


def _planted_at() -> list[object]:
    return [pytest.param(name, rule, article, id=f"{name}-{rule}-{article}",
                         marks=[pytest.mark.xfail(strict=True, reason=KNOWN_MISSES_AT[name, rule, article])]
                         if (name, rule, article) in KNOWN_MISSES_AT else [])
            for name, pairs in PLANTED_AT.items() for rule, article in sorted(pairs)]


def _samples() -> list[object]:
    return [pytest.param(name, marks=[pytest.mark.xfail(strict=True, reason=KNOWN_NOISE[name][1])]
                         if name in KNOWN_NOISE else []) for name in EXPECTED]


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
    assert sum(1 for package in packages if not package.defects) >= 3
    tags = {tag for package in packages for tag, _ in package.defects}
    assert tags == {"consultation", "legality-review", "collective-decision", "civil-code", "authority",
                    "fair-competition", "filing"}


def test_rebuild_is_byte_identical(tmp_path: Path) -> None:
    written = build_samples.build(tmp_path)
    assert len(written) == 19
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


@functools.cache
def _findings(name: str) -> tuple[Finding, ...]:
    """Findings at error or warning severity on one sample."""
    from normcheck.engine import check_document
    from normcheck.reader import read_path

    findings = check_document(read_path(SAMPLES / name), _ruleset().rules)
    return tuple(f for f in findings if f.severity in ("error", "warning"))


def _reported(name: str) -> frozenset[str]:
    return frozenset(f.rule for f in _findings(name))


@functools.cache
def _ruleset() -> RuleSet:
    from normcheck.dsl import load_rules

    return load_rules()


@pytest.mark.parametrize(("name", "rule"), _planted())
def test_planted_defect_is_reported(name: str, rule: str) -> None:
    assert rule in _reported(name)


@pytest.mark.parametrize(("name", "rule", "article"), _planted_at())
def test_planted_defect_is_reported_at_its_article(name: str, rule: str, article: str) -> None:
    assert (rule, article) in {(f.rule, f.location.article) for f in _findings(name)}


@pytest.mark.parametrize("name", _samples())
def test_nothing_else_is_reported(name: str) -> None:
    assert _reported(name) <= EXPECTED[name]


def test_headline_demo_from_the_command_line() -> None:
    """The README's first command: errors found, so exit code 1, and the same findings as the library."""
    done = subprocess.run([sys.executable, "-m", "normcheck", str(SAMPLES / "parking-measures.docx"),
                           "--format", "json"], check=False, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1, done.stderr
    (result,) = json.loads(done.stdout)["files"]
    assert result["error"] is None
    findings = [f for f in result["findings"] if f["severity"] in ("error", "warning")]
    assert {f["rule"] for f in findings} == EXPECTED["parking-measures.docx"]
    assert {f["location"]["article"] for f in findings if f["rule"] == "CC-001"} == {"第一条", "第十条"}


def _documented_as_reported(name: str) -> frozenset[str]:
    missed = {rule for sample, rule in KNOWN_MISSES if sample == name}
    noise = KNOWN_NOISE[name][0] if name in KNOWN_NOISE else frozenset()
    return (EXPECTED[name] - missed) | noise


def test_readme_lists_what_normcheck_reports() -> None:
    readme = (SAMPLES / "README.md").read_text(encoding="utf-8")
    for name in EXPECTED:
        rows = [line for line in readme.splitlines() if line.startswith(f"| `{name}")]
        assert len(rows) == 1, name
        assert set(re.findall(r"\b[A-Z]+-\d{3}\b", rows[0].split("|")[-2])) == _documented_as_reported(name), name
