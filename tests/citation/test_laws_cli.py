"""``normcheck laws show|search`` and the register's date in ``--version`` and the reports."""
from __future__ import annotations

import json
import re

from click.testing import CliRunner

from normcheck.cli import cli
from normcheck.laws.register import register_date


def _run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, list(args))


def test_show_lists_versions_status_and_article_counts() -> None:
    result = _run("laws", "show", "行政复议法")
    assert result.exit_code == 0
    assert "《中华人民共和国行政复议法》" in result.output
    assert "共43条（已被修改）" in result.output and "共90条（现行文本）" in result.output
    assert register_date() in result.output


def test_show_a_repealed_instrument_names_its_repeal() -> None:
    result = _run("laws", "show", "城市房屋拆迁管理条例")
    assert result.exit_code == 0
    assert "2011年1月21日" in result.output and "第三十五条" in result.output


def test_show_unknown_title_suggests_and_exits_1() -> None:
    result = _run("laws", "show", "中华人民共和国行政许可证法")
    assert result.exit_code == 1
    assert "中华人民共和国行政许可法" in result.output


def test_search_lists_titles_with_every_word() -> None:
    result = _run("laws", "search", "文物", "保护")
    assert result.exit_code == 0
    titles = re.findall(r"《([^\t]+)》", result.output)
    assert titles and all("文物" in t and "保护" in t for t in titles)
    assert _run("laws", "search", "没有这样的法规名称").exit_code == 1


def test_version_prints_the_register_date() -> None:
    assert register_date() in _run("--version").output


def test_reports_carry_the_register_date(tmp_path) -> None:  # type: ignore[no-untyped-def]
    doc = tmp_path / "a.txt"
    doc.write_text("第一条 根据《城市房屋拆迁管理条例》，制定本办法。\n某某区人民政府\n2015年3月2日\n", encoding="utf-8")
    out = _run(str(doc), "--format", "json", "--select", "citation")
    assert out.exit_code == 1
    report = json.loads(out.output)
    assert report["law_register"]["date"] == register_date()
    assert [f["rule"] for f in report["files"][0]["findings"]] == ["CIT-001"]
    text = _run(str(doc), "--select", "citation", "--no-color")
    assert "法律法规库日期" in text.output and register_date() in text.output
