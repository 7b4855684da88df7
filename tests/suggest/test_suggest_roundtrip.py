"""--suggest end to end: fixes as tracked changes by the reviewer next to a comment; accepting them all
(our own accept function, and LibreOffice when installed) removes exactly the fixed findings and changes
nothing else."""
from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx.oxml.ns import qn
from libreoffice import accept_all, needs_soffice

from normcheck.cli import cli
from normcheck.dsl import load_rules
from normcheck.reader import read_path
from normcheck.revisions import accept_all_changes, remove_comments
from normcheck.suggest import plan_edits

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
FILES = ("parking-measures.docx", "greening-regulations.docx")
FIXED_RULES = {"parking-measures.docx": Counter({"CC-001": 2}),
               "greening-regulations.docx": Counter({"FILE-002": 1, "FILE-008": 1})}


def check(paths: list[Path]) -> dict[str, list[dict[str, object]]]:
    result = CliRunner().invoke(cli, ["--format", "json", "--no-cache", "--fail-on", "never", *map(str, paths)],
                                catch_exceptions=False)
    return {Path(f["path"]).name: f["findings"] for f in json.loads(result.stdout)["files"]}


def key(finding: dict[str, object]) -> tuple[object, ...]:
    location = finding["location"]
    assert isinstance(location, dict)
    return finding["rule"], location["part"], location["paragraph"]


@pytest.fixture(scope="module")
def suggested(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("suggest")
    originals = root / "docs"
    originals.mkdir()
    for name in FILES:
        shutil.copy(SAMPLES / name, originals / name)
    (root / "normcheck.toml").write_text('[review]\nname = "张三"\ninitials = "ZS"\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["--suggest", str(root / "修订"), "--no-cache", *(str(originals / n) for n in FILES)],
                                catch_exceptions=False)
    assert result.exit_code == 1
    assert "已生成修订副本" in result.stderr
    return originals, root / "修订"


def test_changes_are_tracked_by_the_reviewer_with_a_comment(suggested: tuple[Path, Path]) -> None:
    _, folder = suggested
    copy = docx.Document(str(folder / "greening-regulations.docx"))
    body = copy.element.body
    inserted = ["".join(t.text or "" for t in ins.iter(qn("w:t"))) for ins in body.iter(qn("w:ins"))
                if ins.get(qn("w:author")) == "张三"]
    deleted = ["".join(t.text or "" for t in d.iter(qn("w:delText"))) for d in body.iter(qn("w:del"))
               if d.get(qn("w:author")) == "张三"]
    assert "前政规〔2024〕4号" in inserted and "前政规[2024]第4号" in deleted
    assert any(text.startswith("，有效期") for text in inserted)
    comments = list(copy.comments)
    assert sorted(c.text.split("]")[0] for c in comments) == ["[FILE-002", "[FILE-008"]
    assert {c._comment_elm.get(qn("w:author")) for c in comments} == {"张三"}
    # Each comment's range spans its change.
    for start in body.iter(qn("w:commentRangeStart")):
        assert start.getnext().tag in (qn("w:del"), qn("w:ins"))


def test_civil_code_citation_maps_one_to_one_articles_only(tmp_path: Path) -> None:
    source = tmp_path / "x.txt"
    source.write_text("第三条 抵押财产的转让，依照《中华人民共和国物权法》第一百九十一条的规定办理。\n"
                      "第四条 车位的归属，依照《中华人民共和国物权法》第七十四条的规定确定。\n", encoding="utf-8")
    doc = read_path(source)
    rules = load_rules()
    findings = [f for f in rules_findings(doc, rules) if f.rule == "CC-001"]
    edits = {e.old: e.new for e in plan_edits(doc, findings, rules)}
    assert edits == {"《中华人民共和国物权法》第一百九十一条": "《中华人民共和国民法典》第四百零六条",
                     "《中华人民共和国物权法》第七十四条": "《中华人民共和国民法典》"}


def rules_findings(doc: object, rules: object) -> list:  # type: ignore[type-arg]
    from normcheck.api import check_document

    return check_document(doc, rules)  # type: ignore[arg-type]


def _roundtrip(suggested: tuple[Path, Path], accepted: dict[str, Path]) -> None:
    originals, _ = suggested
    before = check([originals / n for n in FILES])
    after = check(list(accepted.values()))
    for name in FILES:
        gone = Counter(key(f) for f in before[name]) - Counter(key(f) for f in after[name])
        added = Counter(key(f) for f in after[name]) - Counter(key(f) for f in before[name])
        assert not added, f"{name}: new findings {added}"
        assert Counter(rule for rule, _, _ in gone.elements()) == FIXED_RULES[name]
    # Nothing else changed: the text read from the accepted copy is the original with the edits applied.
    rules = load_rules()
    for name in FILES:
        original, fixed = read_path(originals / name), read_path(accepted[name])
        findings = rules_findings(original, rules)
        expected = {b.index: b.text for b in original.blocks if b.part == "body"}
        for edit in sorted(plan_edits(original, findings, rules), key=lambda e: -e.start):
            text = expected[edit.block.index]
            expected[edit.block.index] = text[:edit.start] + edit.new + text[edit.end:]
        assert {b.index: b.text for b in fixed.blocks if b.part == "body"} == expected


def test_accepting_every_change_removes_exactly_the_fixed_findings(suggested: tuple[Path, Path],
                                                                   tmp_path: Path) -> None:
    _, folder = suggested
    accepted = {}
    for name in FILES:
        target = tmp_path / name
        # Accept every change, then resolve the reviewer's comments (they quote the problems they point at).
        target.write_bytes(remove_comments(accept_all_changes((folder / name).read_bytes()), "张三"))
        accepted[name] = target
    _roundtrip(suggested, accepted)


@needs_soffice
def test_libreoffice_accept_all_gives_the_same_result(suggested: tuple[Path, Path], tmp_path: Path) -> None:
    _, folder = suggested
    accepted = {}
    for name in FILES:
        saved = accept_all(folder / name, tmp_path / "lo" / name, tmp_path / "profile")
        target = tmp_path / name
        target.write_bytes(remove_comments(saved.read_bytes(), "张三"))
        accepted[name] = target
    _roundtrip(suggested, accepted)


def test_inputs_untouched_and_never_overwritten(tmp_path: Path) -> None:
    source = tmp_path / "in" / "greening.docx"
    source.parent.mkdir()
    shutil.copy(SAMPLES / "greening-regulations.docx", source)
    before = source.read_bytes()
    written = CliRunner().invoke(cli, ["--suggest", str(tmp_path / "out"), "--no-cache", str(source)])
    assert written.exit_code == 1 and (tmp_path / "out" / "greening.docx").is_file()
    refused = CliRunner().invoke(cli, ["--suggest", str(source.parent), "--no-cache", str(source)])
    assert refused.exit_code == 2 and "修订副本" in refused.stderr
    assert source.read_bytes() == before


def test_text_inputs_and_files_without_fixes_get_no_copy(tmp_path: Path) -> None:
    text = tmp_path / "办法.txt"
    text.write_text("前政规[2024]第4号\n第一条 本办法自2024年1月1日起施行。\n", encoding="utf-8")
    clean = tmp_path / "clean.docx"
    shutil.copy(SAMPLES / "elderly-care-subsidy.docx", clean)
    result = CliRunner().invoke(cli, ["--suggest", str(tmp_path / "out"), "--no-cache", str(text), str(clean)])
    assert result.exit_code in (0, 1)
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())
