"""The command line over the real reader, structure analysis, rule compiler and engine."""
from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import docx
from click.testing import CliRunner, Result
from ooxml import build_docx, p, r
from test_cli_annotate import anchored_texts

from normcheck.cli import cli

HERE = Path(__file__).resolve().parent
TINY = HERE / "fixtures" / "tiny.rules"
SAMPLES = HERE.parents[1] / "samples"
TINY_ONLY = ("--rules", str(TINY), "--select", "tiny-test")


def invoke(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def findings_of(result: Result) -> list[tuple[str, str | None, str]]:
    return [(f["rule"], f["location"]["article"], f["excerpt"])
            for entry in json.loads(result.stdout)["files"] for f in entry["findings"]]


def test_tiny_rules_on_text_exit_codes_and_selection(tmp_path: Path) -> None:
    doc = tmp_path / "办法.txt"
    doc.write_text("关于印发停车管理办法的通知\n第一条 违者处以罚款。\n第二条 停车收费，不得以罚款代替管理。\n",
                   encoding="utf-8")
    result = invoke(*TINY_ONLY, "--format", "json", doc)
    assert result.exit_code == 1
    assert findings_of(result) == [("TINY-002", None, ""), ("TINY-001", "第一条", "罚款"), ("TINY-003", "第二条", "收费")]
    assert invoke(*TINY_ONLY, "--ignore", "TINY-001", "--format", "json", doc).exit_code == 0
    assert invoke(*TINY_ONLY, "--ignore", "TINY-001", "--fail-on", "info", "--format", "json", doc).exit_code == 1
    assert invoke(*TINY_ONLY, "--select", "TINY-09", doc).exit_code == 2


def test_annotated_copy_has_one_comment_per_finding_around_its_excerpt(tmp_path: Path) -> None:
    source = tmp_path / "in" / "停车管理办法.docx"
    source.parent.mkdir()
    build_docx(source, p("关于印发停车管理办法的通知") + p("第一条 违者处以", r("罚", "<w:b/>"), "款。")
               + p("第二条 停车", "收费标准另定。") + p("第三条 对违法停车者罚款二百元。"))
    before = hashlib.sha256(source.read_bytes()).hexdigest()
    result = invoke(*TINY_ONLY, "--format", "json", "--annotate", tmp_path / "out", source)
    assert result.exit_code == 1
    expected = findings_of(result)
    copy = tmp_path / "out" / source.name
    comments = list(docx.Document(str(copy)).comments)
    assert len(comments) == len(expected) == 4
    anchors = anchored_texts(copy)
    anchored = Counter((c.text.split("]")[0].lstrip("["), anchors[str(c.comment_id)]) for c in comments)
    assert anchored == Counter({("TINY-001", "罚款"): 2, ("TINY-003", "收费"): 1,
                                ("TINY-002", "关于印发停车管理办法的通知"): 1})
    assert hashlib.sha256(source.read_bytes()).hexdigest() == before


def test_samples_annotated_comments_land_on_excerpts(tmp_path: Path) -> None:
    result = invoke("--format", "json", "--annotate", tmp_path, SAMPLES / "parking-measures.docx",
                    SAMPLES / "sme-support-measures")
    assert result.exit_code in (0, 1)
    report = json.loads(result.stdout)
    total = sum(len(entry["findings"]) for entry in report["files"])
    comments = 0
    for copy in tmp_path.iterdir():
        anchors = anchored_texts(copy)
        for comment in docx.Document(str(copy)).comments:
            comments += 1
            assert comment.author == "normcheck"
            assert anchors[str(comment.comment_id)].strip()
    assert comments == total > 0
    excerpts = {f["excerpt"] for entry in report["files"] for f in entry["findings"] if f["excerpt"]}
    anchored = {text for copy in tmp_path.iterdir() for text in anchored_texts(copy).values()}
    assert excerpts <= anchored


def test_jobs_give_identical_reports_on_the_samples() -> None:
    one = invoke("--format", "json", "--jobs", "1", "--no-cache", SAMPLES)
    two = invoke("--format", "json", "--jobs", "2", "--no-cache", SAMPLES)
    assert one.exit_code == two.exit_code and one.exit_code in (0, 1)
    assert one.stdout == two.stdout
    assert len(json.loads(one.stdout)["files"]) >= 3


def test_a_single_json_check_does_not_import_rich_or_python_docx(tmp_path: Path) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text("第一条 违者处以罚款。\n", encoding="utf-8")
    probe = ("import sys\nfrom normcheck.cli import main\ntry:\n    main(sys.argv[1:])\nexcept SystemExit:\n"
             "    pass\nprint(sorted(m for m in ('rich', 'docx') if m in sys.modules), file=sys.stderr)\n")
    done = subprocess.run([sys.executable, "-c", probe, "--format", "json", str(doc)], check=False,
                          capture_output=True, text=True, timeout=60)
    assert json.loads(done.stdout)["files"][0]["error"] is None
    assert done.stderr.strip().splitlines()[-1] == "[]"


def test_rules_subcommand_is_reached_through_the_main_command(tmp_path: Path) -> None:
    assert invoke("rules", "test", TINY).exit_code == 0
    broken = tmp_path / "broken.rules"
    broken.write_text(TINY.read_text(encoding="utf-8").replace('example pass "免费开放。"', 'example pass "收费。"'),
                      encoding="utf-8")
    assert CliRunner().invoke(cli, ["rules", "test", str(broken)]).exit_code != 0


def test_mode_option_reads_a_lone_text_as_a_package_only_when_asked(tmp_path: Path) -> None:
    doc = tmp_path / "正文.txt"
    doc.write_text("XX区停车管理办法\n第一条 为规范停车秩序，制定本办法。\n第二十条 本办法自2021年2月1日起施行，有效期5年。\n",
                   encoding="utf-8")

    def rules_of(*options: str) -> set[str]:
        result = invoke("--format", "json", "--no-cache", *options, doc)
        return {f["rule"] for entry in json.loads(result.stdout)["files"] for f in entry["findings"]}

    detected = rules_of()
    assert "MODE-001" in detected and not {r for r in detected if r.startswith(("CONSULT-", "LEGAL-", "DECIDE-"))}
    assert rules_of("--mode", "document") == detected
    package = rules_of("--mode", "package")
    assert {"CONSULT-001", "LEGAL-001"} <= package and "MODE-001" not in package
