"""The API tests share the stand-in pipeline of the CLI tests."""
from __future__ import annotations

import sys
from pathlib import Path

_CLI_TESTS = str(Path(__file__).resolve().parents[1] / "cli")
if _CLI_TESTS not in sys.path:
    sys.path.insert(0, _CLI_TESTS)

from pipeline_standins import pipeline  # noqa: E402 - importable only after the path is set

__all__ = ["pipeline"]
