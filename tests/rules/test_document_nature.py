"""Which texts are 行政规范性文件 at all: the filing elements of a normative document (施行日期、有效期) are asked
only of texts that set rights and obligations of citizens, legal persons or other organisations, in general
terms and for repeated application (国办发〔2018〕37号 definition). Texts that govern only the administration's
own work — its budget and cost accounting, its own projects and facilities, the duties of its own departments,
a deployment of work — or that settle one closed case (国办发〔2018〕115号（三）) are not asked for them.

The texts are written for these tests, each with near misses that must still be treated as normative documents.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any

import pytest

from normcheck.engine import check_document
from normcheck.reader.plain import document_from_text
from normcheck.structure import analyze
from normcheck.structure.nature import document_nature

NOTICE = "XX区人民政府办公室关于印发《{name}》的通知\n区政府各委、办、局，各街道办事处：\n现将《{name}》印发给你们，请认真按照执行。\n{name}\n"


@lru_cache(maxsize=1)
def bundled() -> Any:
    from normcheck.dsl import load_rules

    return load_rules()


def nature(text: str) -> str | None:
    doc = document_from_text(text, path="doc.txt")
    fact = document_nature(doc, analyze(doc))
    return str(fact.value) if fact is not None else None


def filing(text: str) -> set[str]:
    doc = document_from_text(text, path="doc.txt")
    return {f.rule for f in check_document(doc, bundled()) if f.severity in ("error", "warning")
            and f.rule in ("FILE-005", "FILE-007", "FILE-008")}


# ---- the administration's own affairs ---------------------------------------------------------------------
OWN_AFFAIRS = [
    # its own budget, cost accounting and fund disbursement
    NOTICE.format(name="XX区征地补偿经费结算办法")
    + "第一条 为规范本区征地补偿经费的预算编制和决算审核，制定本办法。\n"
      "第二条 区财政局负责经费的拨付和监督。\n第三条 项目实施部门应当于每年3月底前报送上年度决算。\n"
      "第四条 本办法自2024年1月1日起施行。",
    NOTICE.format(name="XX区储备土地开发成本审核办法")
    + "第一条 为做好本区储备土地前期开发成本的审核认定工作，制定本办法。\n"
      "第二条 区规划资源局牵头组织成本审核。\n第三条 土地储备机构应当在项目完成后三个月内申请成本审核。\n"
      "第四条 本办法由区规划资源局负责解释。",
    # facilities the administration itself has invested in and runs through its agents
    NOTICE.format(name="XX区公共停车场运行管理办法")
    + "第一条 为加强本区公共停车场的运行管理，制定本办法。\n"
      "第二条 本办法适用于由区政府投资建设的公共停车场的日常管理。\n"
      "第三条 区交通委委托区停车管理中心负责停车场的日常管理和考核。\n第四条 管理经费按季度拨付，年终根据考核结果结算。",
    # the duties of its own departments
    NOTICE.format(name="XX区燃气安全监督检查职责规定")
    + "第一条 为进一步明确区各有关部门在燃气安全监督管理中的职责，规范日常检查工作，制定本规定。\n"
      "第二条 区建管委负责燃气安全的综合协调。\n第三条 区市场监管局负责燃气器具质量的监督检查。\n"
      "第四条 各街道办事处应当协助有关部门开展检查。\n第五条 本规定自印发之日起施行。",
]

# The same subjects where the text does oblige or entitle the public: still normative documents.
OWN_AFFAIRS_NEAR_MISSES = [
    NOTICE.format(name="XX区产业扶持资金管理办法")
    + "第一条 为规范本区产业扶持资金的预算编制和拨付，制定本办法。\n"
      "第二条 申报企业应当提交营业执照复印件和项目说明。\n第三条 本办法自2024年1月1日起施行。",
    NOTICE.format(name="XX区共享单车停放管理规定")
    + "第一条 为明确各有关部门的职责，规范共享单车停放，制定本规定。\n"
      "第二条 区交通委负责综合协调。\n第三条 运营企业应当及时清运违规停放的车辆。\n第四条 本规定自2024年1月1日起施行。",
    NOTICE.format(name="XX区公共停车场管理办法")
    + "第一条 为规范公共停车场管理，制定本办法。\n第二条 本办法适用于由区政府投资建设的公共停车场。\n"
      "第三条 车主应当按照标线停放车辆，不得占用消防通道。\n第四条 本办法自2024年1月1日起施行。",
]


@pytest.mark.parametrize("text", OWN_AFFAIRS)
def test_a_text_on_the_administrations_own_affairs_is_internal(text: str) -> None:
    assert nature(text) == "内部管理"
    assert filing(text) == set()


@pytest.mark.parametrize("text", OWN_AFFAIRS_NEAR_MISSES)
def test_the_same_subjects_with_duties_of_the_public_stay_normative(text: str) -> None:
    assert nature(text) != "内部管理"
    assert "FILE-008" in filing(text)


# ---- a deployment of work, whatever its title -------------------------------------------------------------
DEPLOYMENT = (
    "关于印发《XX市生态示范村评定办法》的通知\n各区农业农村委：\n现将评定办法印发给你们，并就有关事项通知如下：\n"
    "一、充分认识创建生态示范村的重要意义\n创建工作是推进乡村振兴的重要抓手。\n"
    "二、加强组织领导\n各区要明确分管领导，落实责任分工。\n"
    "三、落实保障措施\n各区要统筹安排创建经费，做好宣传推广。\n特此通知。\n附件：XX市生态示范村评定办法"
)
DEPLOYMENT_NEAR_MISSES = [
    # the same structure, but the assessment is of enterprises and has consequences for them
    "关于印发《XX街道物业服务考评办法》的通知\n各居委会、各物业服务企业：\n"
    "一、指导思想\n以提升物业服务水平为目标。\n二、组织领导\n成立考评工作组。\n"
    "三、结果运用\n考评为不合格的物业服务企业，次年补贴给予下浮。",
    # the same structure, but it obliges the public
    "关于印发《XX区餐厨废弃物收运办法》的通知\n各街道办事处：\n一、充分认识收运工作的重要意义\n做好收运是重要民生工作。\n"
    "二、加强组织领导\n各街道要落实责任。\n三、工作要求\n餐饮经营者应当将餐厨废弃物交由有资质的单位收运。",
]


def test_a_deployment_of_work_is_not_asked_for_filing_elements() -> None:
    assert nature(DEPLOYMENT) == "工作部署"
    assert filing(DEPLOYMENT) == set()


@pytest.mark.parametrize("text", DEPLOYMENT_NEAR_MISSES)
def test_a_deployment_that_binds_enterprises_stays_normative(text: str) -> None:
    assert nature(text) != "工作部署"
    assert "FILE-008" in filing(text)


# ---- one closed case --------------------------------------------------------------------------------------
ONE_OFF = (
    "XX路地块房屋征收困难对象帮扶办法\n一、帮扶对象\n至本地块房屋征收决定公告之日（2024年5月10日），户籍在被征收房屋处满一年的被征收人。\n"
    "二、申请\n2024年9月1日至2024年12月31日止，由本人向居委会提出书面申请，逾期视为放弃。\n三、标准\n每户补助五千元，由街道统一发放。\n"
    "XX街道办事处\n2024年8月20日"
)
ONE_OFF_NEAR_MISSES = [
    # applications every year: repeated application
    "XX区困难家庭帮扶办法\n一、帮扶对象\n户籍在本区满一年的低收入家庭。\n二、申请\n每年3月1日至3月31日，由本人向居委会提出书面申请。\n"
    "三、标准\n每户补助五千元。\nXX区民政局\n2024年1月20日",
    # a cut-off date for the class but no closing window
    "XX区征收困难对象帮扶办法\n一、帮扶对象\n至房屋征收决定公告之日（2024年5月10日），户籍在被征收房屋处满一年的被征收人。\n"
    "二、申请\n被征收人可以向居委会提出书面申请。\n三、标准\n每户补助五千元。\nXX区房管局\n2024年8月20日",
]


def test_a_measure_for_one_closed_case_is_not_asked_for_an_effective_date() -> None:
    assert nature(ONE_OFF) == "一次性"
    assert filing(ONE_OFF) == set()


@pytest.mark.parametrize("text", ONE_OFF_NEAR_MISSES)
def test_a_measure_applied_repeatedly_stays_normative(text: str) -> None:
    assert nature(text) != "一次性"
    assert "FILE-005" in filing(text)


# ---- duties of the administration's own contractors ---------------------------------------------------------
COMMISSIONED = [
    NOTICE.format(name="XX区既有建筑安全检测管理办法")
    + "第二条 区住建委通过公开招标选定检测单位，承担既有建筑安全检测任务。\n"
      "第三条 检测单位应当在接受委托后十个工作日内出具检测报告。\n第四条 检测单位不得转包检测任务。\n"
      "第五条 本办法自印发之日起施行，有效期5年。",
    NOTICE.format(name="XX区养老服务评估管理办法")
    + "第二条 区民政局与中标的养老服务评估单位签订服务合同。\n"
      "第三条 养老服务评估单位应当按月报送评估进度，不得泄露老年人信息。\n第四条 本办法自发布之日起施行，有效期3年。",
]
COMMISSIONED_NEAR_MISSES = [
    # the contractor's duties, and the public's as well
    COMMISSIONED[0].replace("第五条 本办法", "第五条 物业服务企业应当配合检测。\n第六条 本办法"),
    # a contractor the owners choose, not the administration
    NOTICE.format(name="XX区住宅小区排水设施养护办法")
    + "第二条 业委会可以委托养护单位负责排水设施日常养护。\n第三条 养护单位应当每季度疏通管道一次。\n"
      "第四条 本办法自印发之日起施行，有效期5年。",
    # no contract at all
    NOTICE.format(name="XX区既有建筑安全检测管理办法")
    + "第二条 检测单位应当在十个工作日内出具检测报告。\n第三条 本办法自印发之日起施行，有效期5年。",
]


@pytest.mark.parametrize("text", COMMISSIONED)
def test_duties_of_the_administrations_contractors_need_no_adaptation_period(text: str) -> None:
    assert nature(text) == "委托事务"
    assert filing(text) == set()


@pytest.mark.parametrize("text", COMMISSIONED_NEAR_MISSES)
def test_duties_of_others_still_need_an_adaptation_period(text: str) -> None:
    assert nature(text) != "委托事务"
    assert "FILE-007" in filing(text)
