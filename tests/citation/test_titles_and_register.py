"""Title normalisation, the bundled register, the hand-kept table and did-you-mean."""
from __future__ import annotations

import datetime as dt
import gzip
import json
from pathlib import Path

import pytest

from normcheck.laws.answer import answer_citation
from normcheck.laws.register import RegisterError, get_register, load_register, read_extra, register_info
from normcheck.laws.suggest import suggest_title
from normcheck.laws.titles import is_local_title, is_national_law_title, normalize_title


@pytest.mark.parametrize("title", [
    "中华人民共和国行政处罚法", "行政处罚法", "《行政处罚法》", " 行政处罚 法 ", "中华人民共和国行政处罚法（2021年修订）",
    "行政处罚法(2017年修正)", "中华人民共和国行政处罚法（2021年1月22日第十三届全国人民代表大会常务委员会第二十五次会议修订）",
])
def test_every_spelling_of_one_title_meets(title: str) -> None:
    assert normalize_title(title) == "行政处罚法"


def test_inner_title_marks_and_document_numbers() -> None:
    a = normalize_title("最高人民法院关于适用〈中华人民共和国行政诉讼法〉若干问题的解释（法释〔2015〕9号）")
    assert a == normalize_title("最高人民法院关于适用《行政诉讼法》若干问题的解释")


def test_trial_marks_stay_part_of_the_title() -> None:
    assert normalize_title("人民检察院刑事诉讼规则（试行）") != normalize_title("人民检察院刑事诉讼规则")


@pytest.mark.parametrize(("title", "local"), [
    ("上海市物业管理条例", True), ("浦东新区城市管理办法", True), ("张江镇加装电梯补贴办法", True),
    ("城市房屋拆迁管理条例", False), ("社区矫正法", False), ("中华人民共和国行政处罚法", False),
])
def test_local_titles(title: str, local: bool) -> None:
    assert is_local_title(title) is local


def test_national_law_titles_only_are_did_you_mean_candidates() -> None:
    assert is_national_law_title("中华人民共和国招标投标法实施办法")
    assert not is_national_law_title("上海市某某条例")
    assert not is_national_law_title("关于加强基层治理的意见")
    assert not is_national_law_title("条例")


def test_bundled_register_knows_versions_status_and_date() -> None:
    register = get_register()
    law = register.lookup("行政处罚法")
    assert law is not None and law.status == "in-force" and law.level == "法律"
    assert law.versions[-1].articles == 86
    assert law.version_at(dt.date(2022, 1, 1)) is law.versions[-1]
    repealed = register.lookup("城市房屋拆迁管理条例")
    assert repealed is not None and repealed.status == "repealed"
    assert repealed.repealed_on == dt.date(2011, 1, 21)
    assert "第三十五条" in repealed.basis
    assert register.date.isoformat() == register_info()["date"]


def test_superseded_versions_are_not_repealed_instruments() -> None:
    review = get_register().lookup("中华人民共和国行政复议法")
    assert review is not None and review.status == "in-force"
    assert [v.articles for v in review.versions] == [43, 90]
    assert review.version_at(dt.date(2020, 1, 1)).articles == 43  # type: ignore[union-attr]
    assert review.renumbered_before(dt.date(2024, 6, 1)) == dt.date(2024, 1, 1)


def test_national_instrument_wins_over_a_local_one_of_the_same_title() -> None:
    found = get_register().lookup("物业管理条例")
    assert found is not None and found.region == ""


def test_hand_kept_rows_complete_or_add_instruments(tmp_path: Path) -> None:
    data = {"format": 1, "date": "2025-01-01", "source": {"name": "test"}, "instruments": [
        {"title": "甲条例", "name": "甲条例", "level": "行政法规", "region": "", "status": "repealed",
         "versions": [["2001-01-01", "2001-02-01", 30]], "renumbered": []},
    ]}
    path = tmp_path / "r.json.gz"
    path.write_bytes(gzip.compress(json.dumps(data, ensure_ascii=False).encode()))
    extra = tmp_path / "extra.tsv"
    extra.write_text("# comment\n甲条例\t行政法规\trepealed\t2010-05-01\t《乙条例》\t《乙条例》第九十条\n"
                     "中华人民共和国丙法\t法律\trepealed\t2009-06-01\t《丁法》\t《丁法》第一百条\n", encoding="utf-8")
    register = load_register(path, extra)
    first = register.lookup("甲条例")
    assert first is not None and first.repealed_on == dt.date(2010, 5, 1) and first.basis == "《乙条例》第九十条"
    added = register.lookup("丙法")
    assert added is not None and added.status == "repealed" and added.source == "extra"


def test_damaged_register_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.json.gz"
    path.write_bytes(b"not gzip")
    with pytest.raises(RegisterError):
        load_register(path, tmp_path / "none.tsv")


def test_read_extra_skips_comments_and_blank_lines() -> None:
    rows = read_extra("# a\n\n甲\t法律\trepealed\t2020-01-01\t乙\t丙\n")
    assert rows == [{"title": "甲", "level": "法律", "status": "repealed", "repealed_on": "2020-01-01",
                     "replaced_by": "乙", "basis": "丙"}]


@pytest.mark.parametrize(("wrong", "right"), [
    ("中华人民共和国招标投标法实施办法", "中华人民共和国招标投标法实施条例"),
    ("中华人民共和国行政许可证法", "中华人民共和国行政许可法"),
    ("中华人民共和国道路交通安全管理法", "中华人民共和国道路交通安全法"),
    ("人民共和国行政处罚法", "中华人民共和国行政处罚法"),
    ("中华人名共和国行政许可法", "中华人民共和国行政许可法"),
])
def test_did_you_mean(wrong: str, right: str) -> None:
    assert suggest_title(get_register(), wrong) == right


@pytest.mark.parametrize("title", ["中华人民共和国民营经济促进法", "中华人民共和国网络安全审查法", "海警法"])
def test_different_laws_are_not_slips(title: str) -> None:
    assert suggest_title(get_register(), title) is None


def test_without_an_issue_date_the_register_date_judges_and_says_so() -> None:
    register = get_register()
    answer = answer_citation(register, "城市房屋拆迁管理条例", (), None)
    assert answer.judged_on == register.date
    assert answer.date_note
    assert answer_citation(register, "城市房屋拆迁管理条例", (), dt.date(2015, 1, 1)).date_note == ""


def test_the_bundled_register_includes_the_hand_kept_table() -> None:
    from normcheck.bundled import bundled_rules_dir

    assert (bundled_rules_dir() / "data" / "law_register_extra.tsv").is_file()
    found = load_register().lookup("物权法")
    assert found is not None and found.status == "repealed" and "extra" in found.source
