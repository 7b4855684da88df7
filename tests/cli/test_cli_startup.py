"""Start-up cost: the command line imports heavy modules only on the paths that use them."""
from __future__ import annotations

import json
import subprocess
import sys

PROBE = """
import json, sys
from normcheck.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
heavy = ("rich", "lark", "docx", "jsonschema")
print(json.dumps(sorted(m for m in heavy if m in sys.modules)), file=sys.stderr)
"""


def loaded_after(*args: str) -> list[str]:
    done = subprocess.run([sys.executable, "-c", PROBE, *args], check=False, capture_output=True, text=True, timeout=60)
    return json.loads(done.stderr.strip().splitlines()[-1])


def test_version_and_help_import_nothing_heavy() -> None:
    assert loaded_after("--version") == []
    assert loaded_after("--help") == []
    assert loaded_after("init", "--help") == []


def test_python_dash_m_runs_the_command_line() -> None:
    done = subprocess.run([sys.executable, "-m", "normcheck", "--version"], check=False, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0 and done.stdout.startswith("normcheck ")
