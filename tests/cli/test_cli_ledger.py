"""normcheck ledger: one row per document or package, the validity status on a fixed "today"."""
from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner, Result

from normcheck.cli import cli

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
DOC = """前进区人民政府文件
前政规〔2024〕{n}号
前进区人民政府关于印发《前进区{name}管理办法》的通知
各街道办事处，区政府各部门：
现将《前进区{name}管理办法》印发给你们，请认真贯彻执行。
前进区人民政府
2024年1月10日
前进区{name}管理办法
第一条 为了规范{name}管理，制定本办法。
第二条 本办法自{start}起施行{validity}。
"""


def write_doc(folder: Path, stem: str, n: int, start: str, validity: str) -> Path:
    path = folder / f"{stem}.txt"
    path.write_text(DOC.format(n=n, name=stem, start=start, validity=validity), encoding="utf-8")
    return path


@pytest.fixture()
def library(tmp_path: Path) -> Path:
    folder = tmp_path / "库"
    folder.mkdir()
    write_doc(folder, "停车", 1, "2024年2月1日", "，有效期2年")        # last day 2026-01-31
    write_doc(folder, "绿化", 2, "2024年6月1日", "，有效期2年")        # last day 2026-05-31
    write_doc(folder, "广告", 3, "2024年3月1日", "，有效期5年")        # last day 2029-02-28
    write_doc(folder, "养犬", 4, "2024年3月1日", "")                  # no validity stated
    (folder / "损坏.docx").write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    return folder


def invoke(*args: str | Path, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, ["ledger", *map(str, args)], env=env)


def rows_by_name(header: list[str], rows: list[list[object]]) -> dict[str, dict[str, object]]:
    return {Path(str(row[1])).stem: dict(zip(header, row)) for row in rows}


def test_csv_ledger_statuses_on_a_fixed_day(library: Path, tmp_path: Path) -> None:
    out = tmp_path / "台账.csv"
    result = invoke(library, "--output", out, "--today", "2026-04-15", "--no-cache")
    assert result.exit_code == 2  # one input could not be read; the ledger is still written
    raw = out.read_bytes()
    assert raw.startswith("\ufeff".encode())
    header, *rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    table = rows_by_name(header, rows)
    assert len(rows) == 5
    assert table["停车"]["状态"] == "已失效" and table["停车"]["有效期届满日期"] == "2026-01-31"
    assert table["停车"]["剩余天数"] == "-74"
    assert table["绿化"]["状态"] == "90天内届满" and table["绿化"]["剩余天数"] == "46"
    assert table["广告"]["状态"] == "有效" and table["广告"]["有效期届满日期"] == "2029-02-28"
    assert table["养犬"]["状态"] == "未写明有效期" and table["养犬"]["有效期届满日期"] == ""
    assert table["损坏"]["状态"] == "无法读取" and table["损坏"]["无法读取原因"]
    assert table["停车"]["文号"] == "前政规〔2024〕1号" and table["停车"]["发文机关"] == "前进区人民政府"
    assert int(table["养犬"]["备案问题"]) >= 1  # the missing validity period is a filing finding
    assert int(table["养犬"]["错误"]) + int(table["养犬"]["警告"]) >= 1


def test_window_and_today_from_environment(library: Path, tmp_path: Path) -> None:
    out = tmp_path / "台账.csv"
    invoke(library, "-o", out, "--expiring-within", "30d", "--no-cache", env={"NORMCHECK_TODAY": "2026-04-15"})
    header, *rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert rows_by_name(header, rows)["绿化"]["状态"] == "有效"
    invoke(library, "-o", out, "--expiring-within", "30d", "--no-cache", env={"NORMCHECK_TODAY": "2026-05-10"})
    header, *rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert rows_by_name(header, rows)["绿化"]["状态"] == "30天内届满"


def test_xlsx_ledger_of_the_samples(tmp_path: Path) -> None:
    samples = tmp_path / "samples"
    shutil.copytree(SAMPLES, samples, ignore=shutil.ignore_patterns("source", "*.py", "*.md"))
    out = tmp_path / "台账.xlsx"
    result = invoke(samples, "--output", out, "--today", "2027-06-15")
    assert result.exit_code == 0, result.output
    sheet = openpyxl.load_workbook(out).active
    header = [c.value for c in sheet[1]]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    inputs = [p for p in samples.iterdir() if p.suffix == ".docx" or p.is_dir()]
    assert len(rows) == len(inputs)
    table = rows_by_name(header, rows)
    # 3 years from 2024-07-01: the last day is 2027-06-30, 15 days after the fixed "today".
    assert table["sme-support-measures"]["状态"] == "90天内届满"
    assert table["sme-support-measures"]["剩余天数"] == 15
    assert table["parking-measures"]["状态"] == "有效"
    assert sheet.freeze_panes == "C2"


def test_formula_like_text_stays_text(tmp_path: Path) -> None:
    folder = tmp_path / "x"
    folder.mkdir()
    write_doc(folder, "=1+1", 5, "2024年2月1日", "，有效期2年")
    out = tmp_path / "台账.xlsx"
    invoke(folder, "-o", out, "--today", "2025-01-01", "--no-cache")
    sheet = openpyxl.load_workbook(out).active
    assert all(not str(c.value).startswith("=") for row in sheet.iter_rows() for c in row if c.value is not None)


def test_usage_errors(library: Path, tmp_path: Path) -> None:
    assert invoke(library, "-o", tmp_path / "台账.txt").exit_code == 2
    assert invoke(library, "-o", tmp_path / "a.csv", "--today", "明天").exit_code == 2
    assert invoke(library, "-o", tmp_path / "a.csv", "--expiring-within", "soon").exit_code == 2
    assert invoke(library).exit_code == 2
