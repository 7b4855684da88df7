"""Nothing lost: every command and option run over a tree of inputs leaves every input byte-identical,
writes only where asked, refuses to write onto an input, and leaves no temporary files behind."""
from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from fixture_tree import snapshot

from normcheck.cli import SUBCOMMANDS, cli


def _options(command: click.Command, path: tuple[str, ...] = ()) -> dict[tuple[str, ...], list[click.Option]]:
    """Every option of ``command`` and of its subcommands, by command path."""
    found = {path: [p for p in command.params if isinstance(p, click.Option)]}
    if isinstance(command, click.Group):
        for name, sub in command.commands.items():
            found.update(_options(sub, (*path, name)))
    return found


def all_options() -> dict[tuple[str, ...], list[click.Option]]:
    found = _options(cli)
    for name, factory in SUBCOMMANDS.items():
        found.update(_options(factory(), (name,)))
    return found


def _uncovered_flags(invocations: list[list[str]]) -> list[list[str]]:
    """An extra run for every flag of the main command that the list does not use yet (new flags are
    covered without editing this test; options with values must be added by hand)."""
    used = {a for args in invocations for a in args}
    extra = []
    for option in all_options()[()]:
        if option.is_flag and not option.is_eager and not set(option.opts) & used:
            extra.append([invocations[0][0], option.opts[0]])
    return extra


def _invocations(tree: Path, out: Path) -> list[list[str]]:
    t, o = str(tree), str(out)
    docx = str(tree / "parking-measures.docx")
    package = str(tree / "临时救助" / "报送材料")
    rules = str(tree / "tiny.rules")
    return [
        [t],
        [t, "--format", "json", "--output", f"{o}/report.json"],
        [t, "--format", "sarif", "-o", f"{o}/report.sarif"],
        [t, "--format", "junit", "--output", f"{o}/report.xml", "--jobs", "2"],
        [t, "--format", "github", "-j", "1"],
        [t, "--format", "json", "--jobs", "2", "--max-memory", "1536"],
        [docx, package, "--format", "html", "--output", f"{o}/report.html"],
        [t, "--format", "text", "--no-color", "--debug", "--timeout", "120"],
        [t, "--rules", rules, "--select", "tiny-test", "--fail-on", "warning"],
        [t, "--ignore", "civil-code,filing", "--fail-on", "never"],
        [t, "--mode", "package", "--format", "json"],
        [docx, "--mode", "document"],
        [t, "--config", str(tree / "normcheck.toml"), "--fail-on", "info"],
        [t, "--annotate", f"{o}/annotated"],
        [t, "--annotate", t],
        [docx, "--annotate", str(tree / "临时救助")],
        [t, "--write-baseline", f"{o}/baseline.json"],
        [t, "--baseline", f"{o}/baseline.json", "--format", "json"],
        [t, "--output", docx],
        [t, "--format", "json", "--output", str(tree / "notes.txt")],
        [t, "--write-baseline", docx],
        [t, "--baseline", docx],
        [f"{t}/*.docx", f"{t}/**/*.md"],
        [str(tree / "missing.docx"), docx],
        ["dump", docx],
        ["dump", "--parts", docx],
        ["dump", "--structure", docx],
        ["dump", "--structure", "--mode", "package", docx],
        ["dump", str(tree / "gbk.txt")],
        ["dump", str(tree / "broken.docx")],
        ["rules", "list"],
        ["rules", "list", "--rules", rules, "--no-bundled"],
        ["rules", "show", "TINY-001", "--rules", rules],
        ["rules", "test", rules, "--no-bundled"],
        ["rules", "check", rules],
        ["rules", "docs", f"{o}/ruledocs", "--check"],
        ["rules", "docs", f"{o}/ruledocs", "--rules", rules, "--no-bundled"],
        [t, "--format", "opinion", "--output", f"{o}/审查意见.docx"],
        [t, "--expiring-within", "90d", "--format", "json"],
        [t, "--suggest", f"{o}/suggested"],
        [docx, "--suggest", str(tree)],
        [t, "--format", "opinion", "--output", docx],
        ["ledger", t, "--output", f"{o}/台账.xlsx", "--expiring-within", "30d", "--today", "2026-01-01"],
        ["ledger", t, "-o", f"{o}/台账.csv", "--config", str(tree / "normcheck.toml"), "--jobs", "1", "--no-cache"],
        ["init", f"{o}/fresh"],
        ["init", t],
        ["--version"],
        ["--help"],
        ["rules", "--help"],
        ["laws", "show", "行政处罚法"],
        ["laws", "search", "文物", "--limit", "3"],
    ]


def test_every_command_leaves_every_input_untouched(tree: Path, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.chdir(tmp_path)
    before = snapshot(tree)
    runner = CliRunner()
    invocations = _invocations(tree, out)
    invocations += _uncovered_flags(invocations)
    used = {a for args in invocations for a in args}
    for args in invocations:
        result = runner.invoke(cli, args, catch_exceptions=True)
        assert result.exit_code in (0, 1, 2), (args, result.output, result.exception)
        if result.exception is not None:
            assert isinstance(result.exception, SystemExit), (args, repr(result.exception))
        after = snapshot(tree)
        changed = sorted(name for name in before if after.get(name) != before[name])
        assert not changed, f"{args} changed or removed inputs: {changed}"
        added = set(after) - set(before)
        # Only annotated or suggested copies may land inside the tree, and only where --annotate/--suggest pointed.
        assert "--annotate" in args or "--suggest" in args or not added, (args, added)
        assert all(name.endswith(".docx") for name in added), (args, added)
        before.update(after)
    for command, options in all_options().items():
        for option in options:
            assert set(option.opts) & used, f"no invocation uses {' '.join(command)} {option.opts[0]}: add one"
    assert {"report.json", "report.sarif", "report.xml", "report.html", "baseline.json", "审查意见.docx", "台账.xlsx",
            "台账.csv"} <= {
        p.name for p in out.iterdir()}
    assert list((out / "annotated").glob("*.docx"))
    assert (out / "fresh" / "normcheck.toml").is_file()
    leftovers = [p for p in tmp_path.rglob("*") if p.name.endswith(".tmp") or p.name.startswith(".tmp-")]
    assert not leftovers


@pytest.mark.parametrize("args", [
    ["--output", "{docx}"], ["--format", "json", "--output", "{txt}"], ["--write-baseline", "{docx}"],
])
def test_writing_onto_an_input_is_refused_with_exit_2(tree: Path, args: list[str]) -> None:
    docx, txt = tree / "parking-measures.docx", tree / "notes.txt"
    before = snapshot(tree)
    filled = [a.format(docx=docx, txt=txt) for a in args]
    result = CliRunner().invoke(cli, [str(tree), *filled])
    assert result.exit_code == 2
    assert snapshot(tree) == before
