"""The procedure packs (consultation, legality-review, collective-decision, filing) on realistic documents.

Each test starts from one complete, compliant filing package written as plain text, changes the passage
that carries one piece of evidence, and asserts exactly which procedure rules fire. Near misses (wording
that looks like a defect but is not) must leave the set unchanged.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest

from normcheck.engine import check_document
from normcheck.reader.plain import document_from_text

PACK_PREFIXES = ("CONSULT-", "LEGAL-", "DECIDE-", "FILE-")
PACK_TAGS = {"CONSULT-": "consultation", "LEGAL-": "legality-review", "DECIDE-": "collective-decision",
             "FILE-": "filing"}

NOTICE = """XX区人民政府文件
前政规〔2020〕1号
XX区人民政府关于印发《XX区住宅小区停车管理办法》的通知
各街道办事处，区政府各部门：
《XX区住宅小区停车管理办法》已经2020年12月21日区政府第38次常务会议审议通过，现印发给你们，请认真贯彻执行。
XX区人民政府
2020年12月28日
（此件公开发布）"""

BODY = """XX区住宅小区停车管理办法
第一章 总则
第一条 为规范本区住宅小区停车秩序，根据《中华人民共和国道路交通安全法》《物业管理条例》等法律法规，结合本区实际，制定本办法。
第二条 本办法适用于本区行政区域内住宅小区的停车管理活动。
第三条 区交通运输局负责本区住宅小区停车管理的指导和监督工作。
第二章 停车管理
第四条 车辆所有人应当按照规定在停车泊位内停放车辆。
第五条 物业服务企业应当在小区出入口公示停车泊位数量和收费标准。
第三章 附则
第六条 本办法自2021年2月1日起施行，有效期5年。"""

EXPLANATION = """关于《XX区住宅小区停车管理办法》的起草说明
一、制定的必要性
近年来本区住宅小区机动车保有量快速增长，停车矛盾突出，有必要制定本办法。
二、起草过程
我局于2020年9月1日至9月30日通过区政府门户网站向社会公开征求意见，为期30日，共收到意见建议12条，采纳8条，未采纳4条的理由已在网站反馈。
2020年12月10日，区司法局对本办法进行了合法性审核，出具了合法性审核意见书，认为本办法合法，同意提请区政府常务会议审议。"""

PACKAGE = f"{NOTICE}\n{BODY}\n{EXPLANATION}"

CONSULTED = ("我局于2020年9月1日至9月30日通过区政府门户网站向社会公开征求意见，为期30日，共收到意见建议12条，采纳8条，"
             "未采纳4条的理由已在网站反馈。")
REVIEWED = "2020年12月10日，区司法局对本办法进行了合法性审核，出具了合法性审核意见书，认为本办法合法，同意提请区政府常务会议审议。"
DELIBERATED = "《XX区住宅小区停车管理办法》已经2020年12月21日区政府第38次常务会议审议通过，现印发给你们，请认真贯彻执行。"
IN_FORCE = "第六条 本办法自2021年2月1日起施行，有效期5年。"

DEPARTMENT_PACKAGE = """XX区住房和城乡建设局文件
前住建规〔2021〕1号
XX区住房和城乡建设局关于印发《XX区物业服务质量考评办法》的通知
各物业服务企业：
《XX区物业服务质量考评办法》经2021年5月6日局务会议审议通过，现印发给你们，请遵照执行。
XX区住房和城乡建设局
2021年5月10日
XX区物业服务质量考评办法
第一条 为提升本区物业服务质量，根据《物业管理条例》，制定本办法。
第二条 区住房和城乡建设局每年组织一次物业服务质量考评。
第十条 本办法自2021年6月10日起施行，有效期5年。
起草说明
我局于2021年3月1日至3月31日在区政府网站向社会公开征求意见，为期31日，收到物业服务企业和业主意见8条，采纳6条。
2021年4月20日，我局政策法规科对本办法进行了合法性审核，审核意见为合法。"""


@lru_cache(maxsize=1)
def bundled() -> Any:
    from normcheck.dsl import load_rules

    return load_rules()


def fired(text: str, rules: Any = None) -> set[str]:
    findings = check_document(document_from_text(text, path="package.txt"), rules or bundled())
    return {f.rule for f in findings if f.rule.startswith(PACK_PREFIXES)}


def edit(text: str, old: str, new: str) -> str:
    assert old in text, f"fixture does not contain {old!r}"
    return text.replace(old, new)


def procedure_rules() -> list[Any]:
    return [r for r in bundled().rules if r.id.startswith(PACK_PREFIXES)]


# ---- the packs as a whole ----------------------------------------------------------------------------

def test_compliant_government_package_is_clean() -> None:
    assert fired(PACKAGE) == set()


def test_compliant_department_package_is_clean() -> None:
    assert fired(DEPARTMENT_PACKAGE) == set()


def test_every_procedure_rule_is_complete() -> None:
    rules = procedure_rules()
    assert len(rules) >= 25
    for rule in rules:
        prefix = next(p for p in PACK_PREFIXES if rule.id.startswith(p))
        assert PACK_TAGS[prefix] in rule.tags, rule.id
        assert rule.severity in ("error", "warning", "info"), rule.id
        assert rule.basis.startswith(("《", "GB/T", "各省")), rule.id
        assert rule.message and rule.fix and rule.title, rule.id
        fails = [e for e in rule.examples if e.kind == "fail"]
        passes = [e for e in rule.examples if e.kind == "pass"]
        assert len(fails) >= 2 and len(passes) >= 2, rule.id


# ---- consultation ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("replacement", "expected"), [
    ("下一步，拟通过区政府门户网站向社会公开征求意见。", {"CONSULT-001"}),
    ("因时间紧迫，未向社会公开征求意见。", {"CONSULT-001"}),
    ("已征求区直相关部门和各街道办事处意见，各单位均无异议。", {"CONSULT-002"}),
    ("我局在区政府门户网站向社会公开征求意见，为期3天，共收到意见2条，均已采纳。", {"CONSULT-003", "CONSULT-004"}),
    ("我局在区政府门户网站向社会公开征求意见，期限为10个工作日，共收到意见2条，均已采纳。", {"CONSULT-004"}),
    ("我局于2020年9月1日至9月30日在区政府门户网站向社会公开征求意见，收到意见若干条，已充分吸收。", {"CONSULT-005"}),
    ("我局在区政府门户网站向社会公开征求意见，共收到意见建议12条，采纳8条。", {"CONSULT-006"}),
    # Periods written only as a range: measured in working days (7) and calendar days (30, business-related).
    ("我局于2020年9月1日至9月3日通过区政府门户网站向社会公开征求意见，共收到意见建议2条，采纳1条。",
     {"CONSULT-003", "CONSULT-004"}),
    ("自9月1日起至9月21日止，我局通过区政府门户网站向社会公开征求意见，共收到意见建议2条，采纳1条。", {"CONSULT-004"}),
    ("征求意见时间为2020年9月7日—9月11日，我局通过区政府门户网站向社会公开征求意见，收到意见2条。",
     {"CONSULT-003", "CONSULT-004"}),
])
def test_consultation_defects(replacement: str, expected: set[str]) -> None:
    assert fired(edit(PACKAGE, CONSULTED, replacement)) == expected


@pytest.mark.parametrize("replacement", [
    # 草拟 is drafting, not planning; the draft title appears but the record is there.
    "起草单位草拟了《办法（征求意见稿）》，于2020年9月1日至10月8日在区政府网站公开征求意见，共收到意见3条，均已采纳。",
    # 将 as an object marker, not future tense.
    "我局将《XX区住宅小区停车管理办法（征求意见稿）》于2020年9月1日至9月30日在区政府网站全文公布，公开征求意见，为期30日，未收到意见建议。",
    # A shortened period with its reason stated.
    "因台风过后小区停车秩序亟需整治、情况紧急，本办法在区政府网站公开征求意见的期限缩短为5天，共收到意见4条，采纳3条。",
    # Period right after the wording, no comments received.
    "草案于2020年9月1日起在区政府网站公示征求意见30天，未收到反馈意见。",
    # Period written before the channel, no comments received.
    "2020年9月1日起，在区政府门户网站上进行了为期30天的公示，公开征求社会意见，社会公众未提出意见。",
    # A publicity period for applicants is not the consultation period.
    CONSULTED + "补贴名单在社区公示5日，为期5日的公示期满无异议的，予以发放。",
    # A feedback deadline for departments is not the public consultation period.
    "我局书面征求了区直相关部门意见，请各部门在3个工作日内反馈；" + CONSULTED,
    # Planned wording after the record refers to other work.
    CONSULTED + "下一步，我局将做好政策解读工作。",
    # A period stated in months, from a start date.
    "我局自2020年9月1日起在区政府门户网站向社会公开征求意见，为期一个月，共收到意见建议12条，采纳8条。",
    # A range with a dash, long enough; a range that crosses New Year.
    "2020年9月1日—9月30日，我局在区政府门户网站向社会公开征求意见，共收到意见建议12条，采纳8条。",
    "我局于2019年12月16日至2020年1月20日在区政府门户网站向社会公开征求意见，共收到意见建议12条，采纳8条。",
    # A short internal round before a long public one: only the public period is measured.
    "我局于2020年8月3日至8月5日书面征求了区直部门意见；" + CONSULTED,
])
def test_consultation_near_misses(replacement: str) -> None:
    assert fired(edit(PACKAGE, CONSULTED, replacement)) == set()


def test_internal_consultation_allowed_for_department_documents_when_configured() -> None:
    from normcheck.dsl import load_rules

    internal = edit(DEPARTMENT_PACKAGE, "我局于2021年3月1日至3月31日在区政府网站向社会公开征求意见，为期31日，",
                    "我局书面征求了各街道办事处意见，")
    assert fired(internal) == {"CONSULT-002"}
    relaxed = load_rules(params={"征求意见_部门文件须公开": False})
    assert fired(internal, relaxed) == set()


# ---- legality review ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("replacement", "expected"), [
    ("本办法已送区司法局审核。", {"LEGAL-001"}),
    ("本办法已送区司法局进行合法性审核，目前尚未出具审核意见。", {"LEGAL-001"}),
    ("本办法经XX律师事务所审查，认为内容合法。", {"LEGAL-002"}),
    ("本办法已由我局法规科自行审查，未发现问题。", {"LEGAL-002"}),
    ("本办法已经区司法局会签同意。", {"LEGAL-003"}),
    ("根据规定，行政规范性文件未经合法性审核或者经审核不合法的，不得提交集体审议。", {"LEGAL-001"}),
    ("本办法须经区司法局合法性审核，审核通过后方可提交审议。", {"LEGAL-001"}),
    ("送审稿已送区司法局、区财政局、区市场监督管理局会签，区司法局会签同意。", {"LEGAL-003"}),
    ("区市场监督管理局开展了公平竞争审查，认为本办法不违反公平竞争审查标准，内容合法合规。", {"LEGAL-001"}),
    ("2020年12月25日，区司法局对本办法进行了合法性审核，认为本办法合法。", {"LEGAL-004"}),
    ("2020年12月10日，区司法局出具了合法性审核意见书，审核意见为应当予以修改。", {"LEGAL-005"}),
    ("区司法局于2020年12月9日收到送审稿，当天即出具合法性审核意见书，认为本办法合法。", {"LEGAL-006"}),
    ("区司法局于2020年12月7日受理，12月9日出具了合法性审核意见书，认为本办法合法。", {"LEGAL-006"}),
])
def test_legality_review_defects(replacement: str, expected: set[str]) -> None:
    assert fired(edit(PACKAGE, REVIEWED, replacement)) == expected


@pytest.mark.parametrize("replacement", [
    "起草过程中征求了区司法局意见；" + REVIEWED,
    "本办法会签了区财政局、区市场监管局。" + REVIEWED,
    "区政府法律顾问出具了法律意见；" + REVIEWED,
    "2020年12月10日，经区司法局审查，本办法符合法律、法规和规章的规定。",
    "本办法已于2020年12月10日通过区司法局合法性审核。",
    "2020年12月10日，经区司法局合法性审查，未发现与上位法相抵触的内容。",
    "2020年12月10日，区司法局出具了合法性审核意见书，审核意见为应当予以修改；起草单位已按审核意见修改第五条，修改后经复核同意。",
    # Conclusion after a colon inside brackets; 将 as an object marker in the sentence before.
    "2020年12月1日，我局将送审稿报送区司法局。经区司法局合法性审核（审核结论：合法），起草单位已调整第五条的表述。",
    # The review body is the justice bureau, which consulted legal advisers: far from the record, same sentence.
    "区司法局于2020年11月30日受理，组织政府法律顾问、公职律师逐条研究并提出法律意见后，于12月10日出具了合法性审核意见，认为本办法合法。",
    # The demanded change was made and re-reviewed.
    "2020年12月10日，区司法局出具合法性审核意见书，结论为应当予以修改。我局已删除第五条中的收费规定，经区司法局复核，同意提请审议。",
    # Five working days after receipt, not counting the day of receipt.
    "区司法局于2020年12月3日收到送审稿，于12月10日出具合法性审核意见书，认为本办法合法。",
])
def test_legality_review_near_misses(replacement: str) -> None:
    assert fired(edit(PACKAGE, REVIEWED, replacement)) == set()


def test_department_legal_section_counts_only_for_department_documents() -> None:
    assert fired(DEPARTMENT_PACKAGE) == set()
    self_reviewed = edit(PACKAGE, REVIEWED, "2020年12月10日，区交通运输局政策法规科对本办法进行了合法性审核，审核意见为合法。")
    assert fired(self_reviewed) == {"LEGAL-002"}


# ---- collective decision -----------------------------------------------------------------------------

@pytest.mark.parametrize(("replacement", "expected"), [
    ("现将《XX区住宅小区停车管理办法》印发给你们，请认真贯彻执行。", {"DECIDE-001"}),
    ("《XX区住宅小区停车管理办法》拟提请区政府常务会议审议通过后印发。", {"DECIDE-001"}),
    ("《XX区住宅小区停车管理办法》经区司法局审核后提请区政府常务会议审议。", {"DECIDE-001"}),
    ("根据规定，未经区政府常务会议审议通过的规范性文件，不得印发。", {"DECIDE-001"}),
    ("《XX区住宅小区停车管理办法》已经区长办公会议研究同意，现印发给你们。", {"DECIDE-003"}),
    ("《XX区住宅小区停车管理办法》经分管副区长审定，现印发给你们。", {"DECIDE-003"}),
    ("《XX区住宅小区停车管理办法》已经区政府同意，现印发给你们，请认真贯彻执行。", {"DECIDE-004"}),
    ("《XX区住宅小区停车管理办法》已经2021年1月5日区政府第39次常务会议审议通过，现印发给你们。", {"DECIDE-005"}),
])
def test_collective_decision_defects(replacement: str, expected: set[str]) -> None:
    assert fired(edit(PACKAGE, DELIBERATED, replacement)) == expected


@pytest.mark.parametrize("replacement", [
    "《XX区住宅小区停车管理办法》经区长办公会议研究后，已经2020年12月21日区政府第38次常务会议审议通过，现印发给你们。",
    "《XX区住宅小区停车管理办法》已经区政府同意，并经2020年12月21日区政府第38次常务会议审议通过，现印发给你们。",
    "经区政府十七届第38次常务会议研究同意，现将《XX区住宅小区停车管理办法》印发给你们。",
    "《XX区住宅小区停车管理办法》已于2020年12月21日经区政府第38次常务会议同意，现印发给你们。",
    "《XX区住宅小区停车管理办法》业经区政府第38次全体会议通过，现印发给你们。",
    "《XX区住宅小区停车管理办法》经区政府第38次常务会议讨论，现予印发。",
])
def test_collective_decision_near_misses(replacement: str) -> None:
    assert fired(edit(PACKAGE, DELIBERATED, replacement)) == set()


SUBMITTED_DRAFT = f"""XX区住宅小区停车管理办法（送审稿）
{BODY.split(chr(10), 1)[1]}
关于《XX区住宅小区停车管理办法（送审稿）》的起草说明
{CONSULTED}
{REVIEWED}"""


@pytest.mark.parametrize(("deliberation", "expected"), [
    ("本办法经区交通运输局局务会议研究后，拟提请区政府常务会议审议。", {"DECIDE-001"}),
    ("本办法已经区交通运输局局务会议审议通过，待区政府常务会议审议后以区政府名义印发。", {"DECIDE-001"}),
    ("本办法已经2020年12月21日区政府第38次常务会议审议通过，拟以区政府名义印发。", set()),
])
def test_a_draft_bound_for_the_government_needs_its_executive_meeting(deliberation: str, expected: set[str]) -> None:
    decided = {r for r in fired(SUBMITTED_DRAFT + "\n" + deliberation) if r.startswith("DECIDE-")}
    assert decided == expected


def test_citing_a_government_notice_does_not_make_a_department_document_governmental() -> None:
    citing = edit(DEPARTMENT_PACKAGE, "第一条 为提升本区物业服务质量，", "第一条 为落实《XX区人民政府关于加强物业管理的意见》，提升本区物业服务质量，")
    assert fired(citing) == set()


def test_department_documents_need_their_own_meeting() -> None:
    informal = edit(DEPARTMENT_PACKAGE, "经2021年5月6日局务会议审议通过", "经局领导班子碰头会研究")
    assert fired(informal) == {"DECIDE-003"}
    silent = edit(DEPARTMENT_PACKAGE, "经2021年5月6日局务会议审议通过，", "")
    assert fired(silent) == {"DECIDE-002"}
    from normcheck.dsl import load_rules

    assert fired(silent, load_rules(params={"集体审议_适用于部门文件": False})) == set()


# ---- filing ------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("old", "new", "expected"), [
    ("前政规〔2020〕1号\n", "", {"FILE-001"}),
    ("前政规〔2020〕1号", "前政规[2020]1号", {"FILE-002"}),
    ("前政规〔2020〕1号", "前政规〔2020〕第1号", {"FILE-002"}),
    ("前政规〔2020〕1号", "前政规〔2020〕01号", {"FILE-002"}),
    ("XX区人民政府\n2020年12月28日", "XX区人民政府", {"FILE-004"}),
    (IN_FORCE, "第六条 本办法有效期5年。", {"FILE-005"}),
    (IN_FORCE, "第六条 本办法自2020年12月1日起施行，有效期5年。", {"FILE-006"}),
    (IN_FORCE, "第六条 本办法自印发之日起施行，有效期5年。", {"FILE-007"}),
    (IN_FORCE, "第六条 本办法自2021年2月1日起施行。", {"FILE-008"}),
    (IN_FORCE, "第六条 本办法自2021年2月1日起施行，有效期10年。", {"FILE-009"}),
    (IN_FORCE, "第六条 本办法自2021年2月1日起施行，有效期至2026年2月1日。", {"FILE-009"}),
    (IN_FORCE, "第六条 本办法自印发之日起施行，至2026年12月31日止。", {"FILE-007", "FILE-009"}),
    ("住宅小区停车管理办法》的通知", "住宅小区停车管理暂行办法》的通知", {"FILE-010"}),
    ("住宅小区停车管理办法》的通知", "住宅小区停车管理条例》的通知", {"FILE-011"}),
    ("（此件公开发布）", "（此件不公开）", {"FILE-012"}),
    ("XX区人民政府\n2020年12月28日", "XX区人民政府\n二〇二〇年十二月二十八日", {"FILE-013"}),
])
def test_filing_defects(old: str, new: str, expected: set[str]) -> None:
    assert fired(edit(PACKAGE, old, new)) == expected


def test_effective_date_before_the_approving_notice() -> None:
    # A published text: the attached measure is signed by the drafting department before the effective date,
    # the government's 批转 notice after it; the measure takes effect through the notice, so it is retroactive.
    approving = ("XX区人民政府关于批转区交通运输局《XX区住宅小区停车管理办法》的通知\n"
                 "区政府同意区交通运输局制订的《XX区住宅小区停车管理办法》，现转发给你们，请认真执行。\n"
                 "XX区人民政府\n2021年2月8日\n")
    measure = edit(BODY, IN_FORCE, "第六条 本办法自2021年2月1日起施行，有效期5年。") + "\nXX区交通运输局\n2021年1月20日"
    assert "FILE-006" in fired(f"{approving}{measure}")
    assert "FILE-006" not in fired(f"{approving.replace('2021年2月8日', '2021年1月25日')}{measure}")


def test_a_filing_report_dated_after_the_effective_date_is_not_the_approving_notice() -> None:
    # In a package the filing report (dated after publication) may come first; its date says nothing about
    # when the measure took effect.
    report = ("关于报送《XX区住宅小区停车管理办法》的备案报告\nXX市人民政府：\n"
              "《XX区住宅小区停车管理办法》已于2020年12月28日印发，现将有关材料报送备案。\n"
              "附件：1.正式文本 2.起草说明\nXX区人民政府\n2021年2月10日\n")
    assert "FILE-006" not in fired(report + PACKAGE)


@pytest.mark.parametrize(("old", "new"), [
    (IN_FORCE, "第六条 本办法自2021年2月1日起施行，有效期至2025年12月31日。"),
    (IN_FORCE, "第六条 本办法自2021年2月1日起施行，有效期至2026年1月31日。"),
    (IN_FORCE, "第六条 本办法自2020年12月28日起施行，有效期5年。"),
    (IN_FORCE, "第六条 本办法自2021年2月1日起施行，有效期5年。《XX区停车管理规定》（前政发[2009]1号）同时废止。"),
    ("第四条 车辆所有人应当按照规定在停车泊位内停放车辆。",
     "第四条 车辆所有人应当按照规定在停车泊位内停放车辆。车辆所有人的个人信息不予公开。"),
])
def test_filing_near_misses(old: str, new: str) -> None:
    assert fired(edit(PACKAGE, old, new)) == set()


def test_immediate_effect_is_fine_without_obligations_or_with_a_reason() -> None:
    no_burden = edit(edit(PACKAGE, "第四条 车辆所有人应当按照规定在停车泊位内停放车辆。\n", ""),
                     "第五条 物业服务企业应当在小区出入口公示停车泊位数量和收费标准。", "第五条 区城管局负责停车秩序的日常巡查。")
    assert fired(edit(no_burden, IN_FORCE, "第六条 本办法自印发之日起施行，有效期5年。")) == set()
    urgent = edit(PACKAGE, IN_FORCE, "第六条 鉴于冬季清雪工作紧急，本办法自印发之日起施行，有效期5年。")
    assert fired(urgent) == set()


def test_validity_limits_follow_the_params() -> None:
    from normcheck.dsl import load_rules

    long_lived = edit(PACKAGE, IN_FORCE, "第六条 本办法自2021年2月1日起施行，有效期8年。")
    assert fired(long_lived) == {"FILE-009"}
    assert fired(long_lived, load_rules(params={"备案_有效期上限": "10 years"})) == set()


def test_minimum_consultation_period_follows_the_params() -> None:
    from normcheck.dsl import load_rules

    residents_only = edit(PACKAGE, "第五条 物业服务企业应当在小区出入口公示停车泊位数量和收费标准。", "第五条 区城管局负责停车秩序的日常巡查。")
    five_days = edit(residents_only, CONSULTED, "我局在区政府门户网站向社会公开征求意见，为期5日，共收到意见2条，均已采纳。")
    assert fired(five_days) == {"CONSULT-003"}
    assert fired(five_days, load_rules(params={"征求意见最短期限": "5 days"})) == set()
    ten_workdays = edit(PACKAGE, CONSULTED, "我局在区政府门户网站向社会公开征求意见，期限为10个工作日，共收到意见2条，均已采纳。")
    assert fired(ten_workdays, load_rules(params={"涉企征求意见最短期限": "14 days"})) == set()


def test_document_without_any_authority_name() -> None:
    anonymous = edit(edit(edit(PACKAGE, "XX区人民政府文件\n", ""), "XX区人民政府关于印发", "关于印发"),
                     "XX区人民政府\n2020年12月28日", "2020年12月28日")
    assert fired(anonymous) == {"FILE-003"}


# ---- the filing report, when the package holds one --------------------------------------------------

def filing_report(recipient: str = "市人民政府", statement: str = "已于2020年12月28日印发，并在区政府门户网站公布",
                  materials: str = "正式文本、起草说明、合法性审核意见书和制定依据", dated: str = "2021年1月20日") -> str:
    return (f"{PACKAGE}\nXX区人民政府关于报送《XX区住宅小区停车管理办法》备案的报告\n前政报〔2021〕2号\n{recipient}：\n"
            f"《XX区住宅小区停车管理办法》（前政规〔2020〕1号）{statement}。现将文件{materials}报送备案，请予审查。\n"
            f"XX区人民政府\n{dated}")


@pytest.mark.parametrize(("changes", "expected"), [
    ({}, set()),
    ({"dated": "2021年1月27日"}, set()),  # 30 days after publication, the day of publication not counted
    ({"dated": "2021年1月28日"}, {"FILE-014"}),
    ({"dated": "二〇二一年三月一日"}, {"FILE-013", "FILE-014"}),
    ({"statement": "已印发", "dated": "2021年2月10日"}, {"FILE-014"}),  # counted from the issue date
    ({"statement": "已于2021年1月5日印发", "dated": "2021年2月3日"}, set()),  # published later than signed
    ({"materials": "正式文本、起草说明及电子文本"}, {"FILE-015"}),
    ({"materials": "正式文本、合法性审核意见书"}, {"FILE-015"}),
    ({"statement": "已于2020年12月28日印发，因工作疏忽未能按时报送，现予补报"}, {"FILE-016"}),
    ({"recipient": "区人大常委会"}, {"FILE-017"}),
    ({"recipient": "区人民政府办公室"}, {"FILE-017"}),
    ({"recipient": "市人民政府、区人大常委会"}, set()),
])
def test_filing_report_checks(changes: dict[str, str], expected: set[str]) -> None:
    assert fired(filing_report(**changes)) == expected


def test_filing_report_checks_follow_the_params() -> None:
    from normcheck.dsl import load_rules

    relaxed = load_rules(params={"备案_报送期限": "60 days", "备案_政府文件报上级政府": False})
    assert fired(filing_report(recipient="区人大常委会", dated="2021年2月20日"), relaxed) == set()


def test_no_filing_report_no_filing_report_checks() -> None:
    planned = PACKAGE + "\n本办法印发后，将于近期报送市人民政府备案；逾期报送的，予以补报。"
    assert fired(planned) == set()


def test_every_procedure_rule_has_a_document_test() -> None:
    source = Path(__file__).read_text(encoding="utf-8")
    untested = [r.id for r in procedure_rules() if f'"{r.id}"' not in source]
    assert untested == []


# ---- modes: a lone published text is not a filing package ---------------------------------------------

def _findings(text: str, mode: str | None = None) -> list[Any]:
    from normcheck.structure import analyze

    doc = document_from_text(text, path="正文.txt")
    return check_document(doc, bundled(), analyze(doc, mode=mode))


def test_lone_text_gets_no_process_findings_and_one_notice() -> None:
    findings = _findings(f"{NOTICE}\n{BODY}")
    reported = {f.rule for f in findings if f.severity in ("error", "warning")}
    assert not [r for r in reported if r.startswith(("CONSULT-", "LEGAL-", "DECIDE-", "FAIR-010"))]
    assert [f.rule for f in findings if f.rule == "MODE-001"] == ["MODE-001"]


def test_lone_text_without_doc_number_gets_an_info_not_a_warning() -> None:
    text = edit(NOTICE, "前政规〔2020〕1号\n", "") + "\n" + BODY
    severities = {f.rule: f.severity for f in _findings(text)}
    assert severities.get("FILE-018") == "info"
    assert "FILE-001" not in severities


def test_the_same_text_as_a_package_is_checked_for_its_records() -> None:
    text = edit(NOTICE, "前政规〔2020〕1号\n", "") + "\n" + BODY
    rules = {f.rule for f in _findings(text, mode="package")}
    assert {"CONSULT-001", "LEGAL-001", "FILE-001"} <= rules
    assert not {"MODE-001", "FILE-018"} & rules


def test_a_long_validity_is_an_error_in_a_package_and_a_prompt_on_a_lone_text() -> None:
    """The reason for a validity over the ceiling belongs in the 起草说明: checked in a package, asked for alone."""
    text = f"{NOTICE}\n{BODY}".replace("有效期5年", "有效期8年")
    alone = {f.rule: f.severity for f in _findings(text)}
    assert alone.get("FILE-022") == "info" and "FILE-009" not in alone
    packaged = {f.rule: f.severity for f in _findings(text, mode="package")}
    assert packaged.get("FILE-009") == "error" and "FILE-022" not in packaged


def test_an_article_that_orders_consultation_is_not_a_record_of_it() -> None:
    operative = "第七条 区交通运输局制定停车收费标准，应当向社会公开征求意见，期限不少于30日，并汇总采纳情况。"
    text = edit(PACKAGE, CONSULTED, "起草过程中未开展其他工作。").replace(IN_FORCE, operative + "\n" + IN_FORCE)
    assert "CONSULT-001" in fired(text)


def test_a_record_sentence_in_the_notice_counts_as_a_record() -> None:
    # 《…》已经…常务会议审议通过 in the notice is what was done, not a rule: it satisfies DECIDE-001.
    assert "DECIDE-001" not in fired(PACKAGE)
    assert "DECIDE-001" in fired(edit(PACKAGE, DELIBERATED, "现将《XX区住宅小区停车管理办法》印发给你们，请认真贯彻执行。"))


def test_lone_text_without_issuer_or_date_gets_infos() -> None:
    text = "XX区停车管理办法\n第一条 为规范停车秩序，制定本办法。\n第二十条 本办法自2021年2月1日起施行，有效期5年。"
    severities = {f.rule: f.severity for f in _findings(text)}
    assert severities.get("FILE-019") == "info" and severities.get("FILE-020") == "info"
    assert not {"FILE-003", "FILE-004"} & set(severities)
    assert {"FILE-003", "FILE-004"} <= {f.rule for f in _findings(text, mode="package")}


def test_internal_management_document_is_not_checked_for_validity() -> None:
    internal = ("XX镇人民政府关于印发《机关公务用车管理办法》的通知\n机关各办、镇属事业单位：\n"
                "现将办法印发给你们，请遵照执行。\n一、公务用车由党政办统一调度。\nXX镇人民政府\n2023年3月1日")
    rules = {f.rule: f.severity for f in _findings(internal)}
    assert "FILE-021" in rules and not {"FILE-005", "FILE-008"} & set(rules)
    # The same text that obliges the public is a normative document again.
    external = internal.replace("一、公务用车由党政办统一调度。", "一、辖区内经营者应当于每月5日前报送经营数据。")
    rules = {f.rule for f in _findings(external)}
    assert {"FILE-005", "FILE-008"} <= rules and "FILE-021" not in rules


@pytest.mark.parametrize(("number", "expected"), [
    ("前政规〔20〕01号", {"FILE-002"}),      # malformed: reported once, as malformed
    ("前政规[2020]1号", {"FILE-002"}),
    ("前政规〔2020〕1号", set()),
    ("", {"FILE-001"}),                     # missing: reported once, as missing
])
def test_doc_number_is_missing_malformed_or_present_never_two(number: str, expected: set[str]) -> None:
    text = PACKAGE.replace("前政规〔2020〕1号", number) if number else PACKAGE.replace("前政规〔2020〕1号\n", "")
    assert {r for r in fired(text) if r in ("FILE-001", "FILE-002")} == expected


def test_trial_period_written_as_试行一年_is_a_validity() -> None:
    text = edit(PACKAGE, IN_FORCE, "第六条 本办法自2021年2月1日起试行一年。")
    assert "FILE-008" not in fired(text)


def test_work_deployment_notice_is_not_checked_for_validity() -> None:
    plan = ("XX区人民政府关于开展老旧小区消防安全专项整治工作的通知\n各街道办事处，区政府各部门：\n"
            "一、工作目标\n年底前完成全部老旧小区的隐患排查。\n二、工作要求\n各街道要落实属地责任。\n"
            "XX区人民政府\n2023年3月1日")
    rules = {f.rule for f in _findings(plan)}
    assert "FILE-021" in rules and not {"FILE-005", "FILE-008"} & rules
    # Rules for the public under the same kind of title are a normative document again.
    binding = plan.replace("各街道要落实属地责任。", "小区业主应当在三十日内清理楼道堆物。")
    assert {"FILE-005", "FILE-008"} <= {f.rule for f in _findings(binding)}


def test_town_documents_are_checked_for_town_meetings_not_as_departments() -> None:
    town = ("XX镇人民政府关于印发《XX镇农村道路养护办法》的通知\n各村民委员会：\n现将办法印发给你们，请遵照执行。\n"
            "XX镇人民政府\n2023年5月6日\n起草说明\n已在镇政府网站公开征求意见。")
    rules = fired(town)
    assert "DECIDE-006" in rules and "DECIDE-002" not in rules
    decided = town.replace("现将办法印发给你们", "本办法已经2023年4月28日镇长办公会议讨论通过，现将办法印发给你们")
    assert not {"DECIDE-002", "DECIDE-006"} & fired(decided)
