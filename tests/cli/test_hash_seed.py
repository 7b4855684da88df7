"""The report does not depend on Python's hash seed: two runs on the same input say the same thing."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Real documents with quoted law, restatements and many findings, and a filing package.
INPUTS = [
    ROOT / "tests/realdev/docs/d010_上海市政府采购评审专家和评审工作管理办法.docx",
    ROOT / "tests/realdev/docs/d023_上海市政府采购促进中小企业发展实施办法.docx",
    ROOT / "tests/realdev/docs/d068_周浦镇住宅小区物业服务补贴达标考核奖励实施办法.docx",
    ROOT / "tests/realdev/docs/d078_临港新片区户外广告设施管理办法.docx",
    ROOT / "samples/sme-support-measures",
]


def _report(seed: str) -> str:
    env = dict(os.environ, PYTHONHASHSEED=seed)
    run = subprocess.run([sys.executable, "-m", "normcheck", "--jobs", "1", "--no-cache", "--format", "json",
                          *map(str, INPUTS)], capture_output=True, text=True, env=env, timeout=300, check=False)
    assert run.returncode in (0, 1), run.stderr
    return run.stdout


def test_the_json_report_is_the_same_under_two_hash_seeds() -> None:
    first, second = _report("1"), _report("2")
    assert '"findings"' in first
    assert first == second
