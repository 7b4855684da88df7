"""Start-up cost: the command line imports heavy modules only on the paths that use them."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "parking-measures.docx"

PROBE = """
import json, sys
from normcheck.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
import os
watched = os.environ["PROBE_WATCHED"].split()
print(json.dumps(sorted(m for m in watched if m in sys.modules)), file=sys.stderr)
"""


HEAVY = ("rich", "lark", "docx", "jsonschema", "hypothesis", "normcheck.authoring.examples", "normcheck.dsl.transform",
         "normcheck.authoring.describe", "normcheck.report.text")


def loaded_after(*args: str, cache: Path | None = None, watched: tuple[str, ...] = HEAVY) -> list[str]:
    env = {**os.environ, "PROBE_WATCHED": " ".join(watched)}
    if cache is not None:
        env["NORMCHECK_CACHE_DIR"] = str(cache)
    done = subprocess.run([sys.executable, "-c", PROBE, *args], check=False, capture_output=True, text=True,
                          timeout=60, env=env)
    return json.loads(done.stderr.strip().splitlines()[-1])


def test_version_and_help_import_nothing_heavy() -> None:
    assert loaded_after("--version") == []
    assert loaded_after("--help") == []
    assert loaded_after("init", "--help") == []


def test_json_check_with_warm_rule_cache_skips_parser_examples_rich_and_python_docx(tmp_path: Path) -> None:
    check = (str(SAMPLE), "--format", "json", "--no-cache", "--jobs", "1")
    # The first run parses the rule files (Lark) and fills the cache; the probe sees that import.
    assert "lark" in loaded_after(*check, cache=tmp_path)
    assert list((tmp_path / "rules").glob("*.json"))
    assert loaded_after(*check, cache=tmp_path) == []


def test_text_check_imports_rich_only_for_rendering(tmp_path: Path) -> None:
    check = (str(SAMPLE), "--no-cache", "--jobs", "1")
    loaded_after(*check, cache=tmp_path)
    assert loaded_after(*check, cache=tmp_path) == ["normcheck.report.text", "rich"]


def test_results_from_the_result_cache_need_no_reader_or_analysis(tmp_path: Path) -> None:
    check = (str(SAMPLE), "--format", "json", "--jobs", "1")
    watched = ("normcheck.structure.analyze", "normcheck.reader.docx")
    assert loaded_after(*check, cache=tmp_path, watched=watched) == sorted(watched)
    assert loaded_after(*check, cache=tmp_path, watched=watched) == []


def test_python_dash_m_runs_the_command_line() -> None:
    done = subprocess.run([sys.executable, "-m", "normcheck", "--version"], check=False, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0 and done.stdout.startswith("normcheck ")
