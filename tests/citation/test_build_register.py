"""tools/build_law_register.py over a tiny snapshot laid out like LawRefBook/Laws: superseded versions
stay in force, a repealed instrument is marked repealed, 《…》同时废止 in a new instrument dates a repeal."""
from __future__ import annotations

import gzip
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "tools" / "build_law_register.py"


def _law(title: str, events: list[str], articles: int, tail: str = "") -> str:
    numbers = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]
    body = "\n\n".join(f"第{numbers[i]}条 内容。" for i in range(articles - 1))
    last = f"第{numbers[articles - 1]}条 {tail or '本法自公布之日起施行。'}"
    return f"# {title}\n\n" + "\n\n".join(events) + "\n\n<!-- INFO END -->\n\n" + body + "\n\n" + last + "\n"


def _snapshot(root: Path) -> None:
    (root / "行政法").mkdir(parents=True)
    (root / "行政法规").mkdir()
    (root / "行政法" / "甲法(2010-01-01).md").write_text(
        _law("中华人民共和国甲法", ["2010年1月1日 通过"], 5), encoding="utf-8")
    (root / "行政法" / "甲法(2020-06-01).md").write_text(
        _law("中华人民共和国甲法", ["2010年1月1日 通过", "2020年6月1日 修订", "2021年1月1日 施行"], 8),
        encoding="utf-8")
    # A text cut short: its last article is not a last article.
    (root / "行政法规" / "戊条例(2012-01-01).md").write_text(
        _law("戊条例", ["2012年1月1日 公布"], 6, "内容。"), encoding="utf-8")
    (root / "行政法规" / "乙条例(2005-03-01).md").write_text(
        _law("乙条例", ["2005年3月1日 公布"], 4), encoding="utf-8")
    (root / "行政法规" / "丙条例(2019-05-01).md").write_text(
        _law("丙条例", ["2019年5月1日 公布"], 3, "本条例自2019年7月1日起施行。《丁管理办法》同时废止。"),
        encoding="utf-8")
    db = sqlite3.connect(root / "db.sqlite3")
    db.execute("create table law (name text, publish date, expired integer, valid_from date)")
    db.executemany("insert into law values (?, ?, ?, ?)", [
        ("甲法", "2010-01-01", 1, ""), ("甲法", "2020-06-01", 0, ""), ("乙条例", "2005-03-01", 1, ""),
        ("丙条例", "2019-05-01", 0, ""),
    ])
    db.commit()
    db.close()


def test_build_tells_superseded_versions_from_repealed_instruments(tmp_path: Path) -> None:
    snapshot = tmp_path / "Laws"
    _snapshot(snapshot)
    out = tmp_path / "register.json.gz"
    result = subprocess.run([sys.executable, str(SCRIPT), str(snapshot), "--output", str(out)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    data = json.loads(gzip.decompress(out.read_bytes()))
    assert data["format"] == 1 and data["source"]["name"] == "LawRefBook/Laws" and data["date"]
    by_name = {i["name"]: i for i in data["instruments"]}
    assert by_name["甲法"]["status"] == "in-force"
    assert [v[2] for v in by_name["甲法"]["versions"]] == [5, 8]
    assert by_name["甲法"]["versions"][1][1] == "2021-01-01"
    assert by_name["甲法"]["renumbered"] == ["2021-01-01"]
    assert by_name["乙条例"]["status"] == "repealed"
    assert by_name["戊条例"]["versions"][0][2] == 0
    assert by_name["丁管理办法"]["status"] == "repealed"
    assert by_name["丁管理办法"]["repealed_on"] == "2019-07-01"
    assert by_name["丁管理办法"]["basis"] == "《丙条例》第三条"


def test_build_refuses_a_missing_snapshot(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, str(SCRIPT), str(tmp_path / "nope"), "--output",
                             str(tmp_path / "x.gz")], capture_output=True, text=True, check=False)
    assert result.returncode == 2 and "nope" in result.stderr
