"""--expiring-within: FILE-EXP-001 (validity ends within the window) and FILE-EXP-002 (ended), on a fixed
"today", through the command line, the configuration, selection, severity overrides and waivers."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from normcheck.cli import cli

DOC = """前进区人民政府文件
前政规〔2024〕{n}号
前进区人民政府关于印发《前进区{name}管理办法》的通知
各街道办事处，区政府各部门：
现将《前进区{name}管理办法》印发给你们，请认真贯彻执行。
前进区人民政府
2024年1月10日
前进区{name}管理办法
第一条 为了规范{name}管理，制定本办法。
第二条 本办法自2024年2月1日起施行{validity}。
"""
TODAY = {"NORMCHECK_TODAY": "2026-01-15"}


def write(folder: Path, name: str, n: int, validity: str) -> Path:
    path = folder / f"{name}.txt"
    path.write_text(DOC.format(n=n, name=name, validity=validity), encoding="utf-8")
    return path


@pytest.fixture()
def docs(tmp_path: Path) -> dict[str, Path]:
    folder = tmp_path / "库"
    folder.mkdir()
    return {"soon": write(folder, "停车", 1, "，有效期2年"),      # last day 2026-01-31: 16 days left
            "ended": write(folder, "绿化", 2, "，有效期1年"),     # last day 2025-01-31
            "later": write(folder, "广告", 3, "，有效期5年"),     # last day 2029-01-31
            "none": write(folder, "养犬", 4, "")}


def run(*args: str | Path, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, ["--format", "json", "--no-cache", *map(str, args)], env=env or TODAY)


def expiry(result: Result) -> dict[str, list[tuple[str, str, int | None]]]:
    data = json.loads(result.stdout)
    return {Path(f["path"]).stem: [(x["rule"], x["severity"], x["location"]["paragraph"]) for x in f["findings"]
                                   if x["rule"].startswith("FILE-EXP")] for f in data["files"]}


def test_window_warns_and_ended_errs(docs: dict[str, Path]) -> None:
    result = run(*docs.values(), "--expiring-within", "30d")
    assert expiry(result) == {"停车": [("FILE-EXP-001", "warning", 10)], "绿化": [("FILE-EXP-002", "error", 10)],
                              "广告": [], "养犬": []}
    assert result.exit_code == 1
    shorter = run(*docs.values(), "--expiring-within", "1w")
    assert expiry(shorter)["停车"] == []


def test_nothing_without_the_option(docs: dict[str, Path]) -> None:
    assert all(v == [] for v in expiry(run(*docs.values())).values())


def test_config_key_selection_severity_and_waivers(docs: dict[str, Path], tmp_path: Path) -> None:
    config = tmp_path / "normcheck.toml"
    config.write_text('expiring-within = "3m"\n[severity]\n"FILE-EXP-002" = "warning"\n'
                      '[[waivers]]\npath = "库/停车.txt"\nrule = "FILE-EXP-001"\nreason = "已列入清理计划"\n',
                      encoding="utf-8")
    result = run("--config", config, *docs.values())
    found = expiry(result)
    assert found["绿化"] == [("FILE-EXP-002", "warning", 10)] and found["停车"] == []
    data = json.loads(result.stdout)
    waived = [w for f in data["files"] for w in f["waived"]]
    assert [(w["finding"]["rule"], w["reason"]) for w in waived] == [("FILE-EXP-001", "已列入清理计划")]
    only = run(*docs.values(), "--expiring-within", "30d", "--select", "FILE-EXP-002")
    rules = {x["rule"] for f in json.loads(only.stdout)["files"] for x in f["findings"]}
    assert rules == {"FILE-EXP-002"}
    dropped = run(*docs.values(), "--expiring-within", "30d", "--ignore", "FILE-EXP-001")
    assert expiry(dropped)["停车"] == [] and expiry(dropped)["绿化"]


def test_bad_window_is_a_usage_error(docs: dict[str, Path]) -> None:
    result = run(docs["soon"], "--expiring-within", "soon")
    assert result.exit_code == 2 and "--expiring-within" in result.stderr


def test_rules_list_and_show_name_the_expiry_checks() -> None:
    listing = CliRunner().invoke(cli, ["rules", "list"]).stdout
    assert "FILE-EXP-001" in listing and "FILE-EXP-002" in listing
    shown = CliRunner().invoke(cli, ["rules", "show", "FILE-EXP-001"])
    assert shown.exit_code == 0 and "filing" in shown.stdout
