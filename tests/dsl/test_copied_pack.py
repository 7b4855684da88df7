"""An office copies a bundled pack to its own folder: the copy checks on its own (it leans on the bundled
common.rules and data files), and loaded with the bundled packs it replaces the pack of the same name."""
from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from normcheck.authoring.examples import run_examples
from normcheck.dsl import bundled_rules_dir, load_rules


def copy_pack(folder: Path, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copy(bundled_rules_dir() / name, folder / name))


def failed(ruleset: object) -> list[str]:
    return [f"{r.rule} {r.kind}: {r.detail}" for r in run_examples(ruleset) if not r.ok]  # type: ignore[arg-type]


def test_a_copied_pack_checks_on_its_own(tmp_path: Path) -> None:
    copy = copy_pack(tmp_path / "mine", "authority.rules")
    ruleset = load_rules([copy], bundled=False)
    assert {rule.id.split("-")[0] for rule in ruleset.rules} == {"AUTH"}
    assert ruleset.tag_labels["authority"] == "制定权限"
    assert failed(ruleset) == []


def test_a_copied_pack_with_data_files_checks_on_its_own(tmp_path: Path) -> None:
    copy = copy_pack(tmp_path / "mine", "citation.rules")
    ruleset = load_rules([copy], bundled=False)
    # citation.rules includes civil-code.rules, whose lists and map are read from the bundled data/ folder.
    assert {rule.id.split("-")[0] for rule in ruleset.rules} == {"CIT", "CC"}
    assert ruleset.library is not None and ruleset.library.maps["民典_条文对照"]
    civil = copy_pack(tmp_path / "other", "civil-code.rules")
    assert load_rules([civil], bundled=False).library.lists["民典_废止法律"]  # type: ignore[union-attr]


def test_an_edited_copy_replaces_the_bundled_pack(tmp_path: Path) -> None:
    copy = copy_pack(tmp_path / "mine", "authority.rules")
    text = copy.read_text(encoding="utf-8")
    first = text.index("severity ", text.index("rule AUTH-"))
    old = text[first:text.index("\n", first)]
    copy.write_text(text[:first] + "severity info" + text[first + len(old):], encoding="utf-8")
    ruleset = load_rules([copy])
    bundled = load_rules()
    assert len(ruleset.rules) == len(bundled.rules)
    auth = [rule for rule in ruleset.rules if rule.id.startswith("AUTH-")]
    assert auth and all(Path(rule.file).resolve() == copy.resolve() for rule in auth)
    assert auth[0].severity == "info"
    assert len(ruleset.notices) == 1 and "authority.rules" in ruleset.notices[0]
    assert ruleset.notices[0].endswith("取代了内置规则包 authority")


def test_a_copy_of_an_included_pack_replaces_it_where_it_is_included(tmp_path: Path) -> None:
    copy = copy_pack(tmp_path / "mine", "civil-code.rules")
    ruleset = load_rules([copy])  # the bundled citation.rules includes civil-code.rules
    civil = [rule for rule in ruleset.rules if rule.id.startswith("CC-")]
    assert civil and all(Path(rule.file).resolve() == copy.resolve() for rule in civil)


def test_the_bundled_file_itself_replaces_nothing() -> None:
    ruleset = load_rules([bundled_rules_dir() / "authority.rules"])
    assert ruleset.notices == [] and len(ruleset.rules) == len(load_rules().rules)


def test_rules_test_on_a_copy(tmp_path: Path) -> None:
    from normcheck.cli import cli

    copy = copy_pack(tmp_path / "mine", "authority.rules")
    alone = CliRunner().invoke(cli, ["rules", "test", "--no-bundled", str(copy)])
    assert alone.exit_code == 0, alone.output
    shadowing = CliRunner().invoke(cli, ["rules", "test", str(copy)])
    assert shadowing.exit_code == 0, shadowing.output
    assert "normcheck: 提示：" in shadowing.output and "取代了内置规则包 authority" in shadowing.output


def test_checking_documents_with_a_copy(tmp_path: Path) -> None:
    from normcheck.cli import cli

    copy = copy_pack(tmp_path / "mine", "authority.rules")
    doc = tmp_path / "doc.txt"
    doc.write_text("XX区管理办法\n第一条 违反本办法的，处500元罚款。\n", encoding="utf-8")
    result = CliRunner().invoke(cli, [str(doc), "--rules", str(copy.parent), "--no-cache", "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    assert load_rules([copy]).messages() == [f"normcheck: 提示：{load_rules([copy]).notices[0]}"]
