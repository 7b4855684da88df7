"""The substance packs: civil-code (CC-), authority (AUTH-) and fair-competition (FAIR-).

Realistic multi-paragraph documents; the tests assert which rule IDs fire (never message wording), with
near misses that must stay silent.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest

from normcheck.dsl import bundled_rules_dir, load_rules
from normcheck.engine import check_document
from normcheck.model import Finding
from normcheck.reader.plain import document_from_text
from normcheck.structure import analyze

PACKS = {"civil-code": "CC-", "authority": "AUTH-", "fair-competition": "FAIR-"}
REPORTED = ("error", "warning")


def pack_files() -> list[Path]:
    return [bundled_rules_dir() / f"{pack}.rules" for pack in PACKS]


@lru_cache(maxsize=4)
def rules(params: tuple[tuple[str, Any], ...] = ()) -> Any:
    # Only these packs: a rule file of another pack under construction must not break these tests.
    return load_rules(pack_files(), bundled=False, params=dict(params))


def check(text: str, params: tuple[tuple[str, Any], ...] = ()) -> list[Finding]:
    """The findings on ``text`` read as a filing-package excerpt (the review-record rule needs one)."""
    doc = document_from_text(text, path="doc.txt")
    return check_document(doc, rules(params).rules, analyze(doc, mode="package"))


def reported_ids(findings: list[Finding]) -> set[str]:
    return {f.rule for f in findings if f.severity in REPORTED}


def data_map(name: str) -> dict[str, str]:
    mapping = {}
    for line in (bundled_rules_dir() / "data" / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            key, value = line.split("\t")
            mapping[key] = value
    return mapping


# ---- every rule is a complete unit (its examples run in tests/rules/test_all_examples.py) ---------------

@pytest.mark.parametrize("pack", sorted(PACKS))
def test_rules_carry_id_tag_basis_message_fix_and_examples(pack: str) -> None:
    own = [r for r in rules().rules if r.file.endswith(f"{pack}.rules")]
    assert own, pack
    for rule in own:
        assert rule.id.startswith(PACKS[pack]), rule.id
        assert pack in rule.tags, rule.id
        assert rule.basis and rule.fix and rule.title, rule.id
        kinds = [example.kind for example in rule.examples]
        assert kinds.count("fail") >= 2 and kinds.count("pass") >= 2, rule.id


def test_civil_code_pack_has_at_least_25_substantive_rules() -> None:
    citation_rules = {"CC-001", "CC-002", "CC-003", "CC-004", "CC-005"}
    substantive = [r for r in rules().rules
                   if r.id.startswith("CC-") and r.id not in citation_rules and r.severity in REPORTED]
    assert len(substantive) >= 25


# ---- civil code ------------------------------------------------------------------------------------

PROPERTY_MEASURES_2021 = """XX区人民政府关于印发《XX区住宅小区物业管理办法》的通知
第一条 为规范物业管理活动，根据《中华人民共和国物权法》《中华人民共和国劳动合同法》等法律法规，结合本区实际，制定本办法。
第二条 本办法适用于本区行政区域内的住宅小区物业管理活动。
第三条 筹集和使用专项维修资金，应当经专有部分占建筑物总面积三分之二以上的业主且占总人数三分之二以上的业主同意。
第四条 对拖欠物业费超过六个月的业主，物业服务企业可以采取暂停供水、供电等措施予以催缴。
第五条 物业服务企业应当与其招用的人员依法订立劳动合同。
第六条 定金的数额由当事人约定，但是不得超过主合同标的额的百分之二十。
第七条 本办法自2021年3月1日起施行。
XX区人民政府
2021年2月1日"""


def test_property_measures_citing_the_property_law_and_restating_old_rules() -> None:
    findings = check(PROPERTY_MEASURES_2021)
    assert {"CC-001", "CC-021", "CC-022"} <= reported_ids(findings)
    cited = [f for f in findings if f.rule == "CC-001"]
    assert [f.excerpt for f in cited] == ["中华人民共和国物权法"]  # the Labour Contract Law is in force
    assert cited[0].location.article == "第一条"
    by_rule = {f.rule: f.location.article for f in findings}
    assert by_rule["CC-021"] == "第三条" and by_rule["CC-022"] == "第四条"
    assert "CC-002" not in reported_ids(findings)  # 《》 citations are CC-001's, not the short-name rule's


def test_document_dated_before_2021_still_needs_revision() -> None:
    text = """XX区人民政府关于印发《XX区农村集体资产管理办法》的通知
第一条 为加强农村集体资产管理，根据《中华人民共和国合同法》第五十二条和有关法律法规，制定本办法。
第二条 集体经济组织订立合同，应当经集体经济组织成员大会讨论决定。
XX区人民政府
2019年6月3日"""
    # Repealed after the document was issued: a cleanup warning, not an error of the document at adoption.
    assert not [f for f in check(text) if f.rule == "CC-001"]
    findings = [f for f in check(text) if f.rule == "CC-006"]
    assert len(findings) == 1 and findings[0].severity == "warning"
    later = [f for f in check(text.replace("2019年6月3日", "2021年6月3日")) if f.rule.startswith("CC-00")]
    assert [(f.rule, f.severity) for f in later] == [("CC-001", "error")]
    replacement = data_map("civil_code_article_map.tsv")["中华人民共和国合同法第五十二条"]
    assert replacement in findings[0].message


def test_every_mapped_article_names_the_civil_code_for_short_and_full_titles() -> None:
    mapping = data_map("civil_code_article_map.tsv")
    repealed = {line for line in (bundled_rules_dir() / "data" / "civil_code_repealed_laws.txt")
                .read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")}
    for key, value in mapping.items():
        law = re.sub(r"第[一二三四五六七八九十百千零]+条$", "", key)
        assert law in repealed, key
        assert value.startswith("《中华人民共和国民法典》"), key
        other = law.removeprefix("中华人民共和国") if law.startswith("中华人民共和国") else "中华人民共和国" + law
        assert key.replace(law, other, 1) in mapping, key
    assert mapping["物权法第一百九十一条"] == "《中华人民共和国民法典》第四百零六条"


CIVIL_CODE_COMPLIANT = """XX区人民政府关于印发《XX区住房租赁管理办法》的通知
第一条 为规范住房租赁活动，根据《中华人民共和国民法典》合同编、《中华人民共和国劳动合同法》《中华人民共和国农村土地承包法》等法律法规，制定本办法。
第二条 本办法所称租赁合同，适用《中华人民共和国民法典》的规定，原《中华人民共和国合同法》不再适用。
第三条 租赁期限不得超过二十年；定金不得超过主合同标的额的百分之二十。
第四条 向人民法院请求保护民事权利的诉讼时效期间为三年。赔偿请求人请求国家赔偿的时效为两年。
第五条 物业服务人不得采取停止供电、供水、供热、供燃气等方式催交物业费。
第六条 承包方可以采取出租（转包）、入股或者其他方式向他人流转土地经营权。
第七条 坚持物权法定原则，依法保护各类产权。"""


def test_civil_code_near_misses_stay_silent() -> None:
    findings = check(CIVIL_CODE_COMPLIANT)
    assert not [f for f in findings if "civil-code" in f.tags and f.severity in REPORTED]
    # The historical mention is reported only for information.
    assert {f.rule for f in findings if f.severity == "info"} == {"CC-005"}


def test_short_names_and_repealed_interpretations() -> None:
    text = """第六条 融资担保机构提供担保的，依照担保法的规定与企业签订书面合同。
第七条 保证期间按照担保法解释第三十二条确定。
第八条 用人单位应当依照劳动合同法与劳动者订立书面劳动合同。"""
    findings = check(text)
    assert {f.location.article for f in findings if f.rule == "CC-002"} == {"第六条"}
    assert {f.location.article for f in findings if f.rule == "CC-003"} == {"第七条"}


# ---- authority ---------------------------------------------------------------------------------------

PARKING_MEASURES = """XX区人民政府关于印发《XX区机动车停放管理办法》的通知
第八条 在本区范围内经营停车场，须经区城市管理局审批同意后方可开展经营活动。
第十二条 对违反本办法第八条规定，擅自占用公共停车泊位的，由区城市管理局责令改正，处2000元罚款。
第十三条 对拒不整改的，执法人员可以扣押相关车辆。
第十四条 违反本办法规定的行为，法律、法规、规章已有处罚规定的，由有关部门依照其规定予以处罚。
第十五条 当事人到期不缴纳罚款的，每日按罚款数额的百分之三加处罚款，加处罚款的数额不得超出罚款的数额。
第十六条 实施停车场备案不得收取任何费用。"""


def test_parking_measures_creating_licence_fine_and_seizure() -> None:
    findings = check(PARKING_MEASURES)
    where = {(f.rule, f.location.article) for f in findings if f.severity in REPORTED}
    assert where == {("AUTH-003", "第八条"), ("AUTH-001", "第十二条"), ("AUTH-007", "第十三条")}


AUTHORITY_COMPLIANT = """第五条 开办民办培训机构，依照《中华人民共和国民办教育促进法》的规定办理许可手续。
第六条 依法须经批准的项目，经相关部门批准后方可开展经营活动。
第七条 申请人的户籍、婚姻信息由经办部门通过政务数据共享平台核验，申请人无需提供证明。
第八条 需要采取查封、扣押等行政强制措施的，依照《中华人民共和国行政强制法》的规定执行。
第九条 当事人逾期不履行的，行政机关可以依法加处罚款或者滞纳金，数额不得超出金钱给付义务的数额。
第十条 依法需要缴纳的保证金，按照国家规定执行，可以以银行保函替代。
第十一条 违法行为轻微并及时改正，没有造成危害后果的，不予行政处罚。
第十二条 对被吊销营业执照的企业，登记机关应当及时公示。"""


def test_authority_near_misses_stay_silent() -> None:
    assert not [f for f in check(AUTHORITY_COMPLIANT) if "authority" in f.tags]


def test_discretion_benchmark_within_statutory_range_is_allowed() -> None:
    text = """XX区城市管理局关于印发《XX区城市管理行政处罚裁量基准》的通知
违法行为：在城市道路两侧违规堆放物料
法律依据：《城市市容和环境卫生管理条例》第三十六条
情节较轻的，处以五百元以上一千元以下罚款。
情节严重的，处以一千元以上三千元以下罚款。"""
    assert "AUTH-001" not in reported_ids(check(text))
    untitled = text.split("\n", 1)[1].replace("法律依据：《城市市容和环境卫生管理条例》第三十六条\n", "")
    assert "AUTH-001" in reported_ids(check(untitled))


def test_certificate_issuers_are_a_parameter() -> None:
    text = "第八条 申请人应当提供户籍所在地村委会出具的亲属关系证明。"
    assert "AUTH-006" in reported_ids(check(text))
    assert "AUTH-006" not in reported_ids(check(text, (("权限_证明出具主体", ("派出所",)),)))


# ---- fair competition ------------------------------------------------------------------------------

INVESTMENT_MEASURES = """XX区人民政府关于促进招商引资的若干措施
第一条 对年纳税额超过500万元的企业，按其区级财政贡献的50%给予奖励。
第二条 政府投资项目应当优先采购本地企业生产的建材产品。
第三条 外地企业参与本区政府投资项目投标，须在本区注册设立分公司。
第四条 对新引进的规模以上工业企业，给予一次性奖励50万元。"""


def test_investment_measures_with_local_preferences_and_no_review() -> None:
    findings = check(INVESTMENT_MEASURES)
    assert {"FAIR-002", "FAIR-003", "FAIR-004", "FAIR-010"} <= reported_ids(findings)
    absent = [f for f in findings if f.rule == "FAIR-010"]
    assert absent[0].location.part == "document"


def test_review_that_is_only_planned_or_declared_unnecessary_does_not_count() -> None:
    grant = "XX区促进工业发展的若干措施\n第一条 对新引进的规模以上工业企业，给予一次性奖励50万元。\n"
    for note in ("起草说明：下一步将适时开展公平竞争审查。", "起草说明：本文件不涉及市场主体，无需开展公平竞争审查。"):
        assert "FAIR-010" in reported_ids(check(grant + note))
    done = "起草说明：区市场监督管理局会同起草单位开展了公平竞争审查，认为不含排除、限制竞争的内容。"
    assert "FAIR-010" not in reported_ids(check(grant + done))


def test_department_documents_can_be_exempted_from_the_review_record() -> None:
    text = "XX区工业和信息化局关于企业技术改造奖励的通知\n第一条 对完成技术改造的企业给予奖励。"
    assert "FAIR-010" in reported_ids(check(text))
    assert "FAIR-010" not in reported_ids(check(text, (("竞争_审查适用于部门文件", False),)))
    government = text.replace("XX区工业和信息化局", "XX区人民政府")
    assert "FAIR-010" in reported_ids(check(government, (("竞争_审查适用于部门文件", False),)))


FAIR_COMPLIANT = """第一条 前期物业服务企业由建设单位依法通过招投标方式选聘。
第二条 各类经营者依法平等参与本区政府采购和招标投标活动，不得排斥、限制外地经营者。
第三条 安排财政支出不得与企业缴纳的税收或者非税收入挂钩。
第四条 鼓励餐饮企业明码标价，价格主管部门依法加强价格监督检查。
第五条 不得要求企业缴纳法律、行政法规规定以外的保证金。
起草说明：经区市场监督管理局会同起草单位开展公平竞争审查，本办法不含排除、限制竞争的内容。"""


def test_fair_competition_near_misses_stay_silent() -> None:
    assert not [f for f in check(FAIR_COMPLIANT) if "fair-competition" in f.tags]


def test_drafting_notes_and_review_opinions_quoting_the_text_are_not_reported_again() -> None:
    text = """XX区人民政府关于印发《XX区户外广告管理办法》的通知
各街道办事处，区政府各部门：
现将《XX区户外广告管理办法》印发给你们，请认真贯彻执行。
XX区户外广告管理办法
第十二条 擅自设置户外广告的，由区城市管理局责令限期拆除，处2000元罚款。
起草说明
三、主要内容
办法第十二条规定，对擅自设置户外广告的，处2000元罚款。"""
    fines = [f for f in check(text) if f.rule == "AUTH-001"]
    assert [f.location.article for f in fines] == ["第十二条"]


def test_review_record_is_only_required_of_a_whole_document() -> None:
    grant = "第五条 对新引进的规模以上工业企业，给予一次性奖励50万元。"
    assert "FAIR-010" not in reported_ids(check(grant))
    assert "FAIR-010" in reported_ids(check("XX区促进工业发展的若干措施\n" + grant))
    assert "FAIR-010" in reported_ids(check(grant + "\n起草说明\n本办法经局务会议审议通过。"))
    articles = "\n".join(f"第{n}条 对新引进的企业给予奖励。" for n in "一二三")
    assert "FAIR-010" in reported_ids(check(articles))
    two = "\n".join(f"第{n}条 对新引进的企业给予奖励。" for n in "一二")
    assert "FAIR-010" not in reported_ids(check(two))
    assert "FAIR-010" in reported_ids(check(two, (("竞争_完整文件最少条数", 2),)))


ENTRY_MEASURES = """XX区燃气和检测服务管理办法
第一条 新申请管道燃气经营的企业，其管网与现有经营企业管网的间距不得少于3公里。
第二条 本区建设工程质量检测业务，由区建设工程质量检测中心统一承担。
第三条 本区注册企业承建的区内项目，城市基础设施配套费减半收取。
第四条 外地生产的建筑钢材进入本区销售的，须先到区住房和城乡建设局登记备案。
第五条 对XX燃气有限公司每年给予运营补贴300万元。
起草说明
经区市场监督管理局会同起草单位开展公平竞争审查，认为不含排除、限制竞争的内容。"""


def test_entry_conditions_designated_testing_local_fees_and_selective_grants() -> None:
    findings = check(ENTRY_MEASURES)
    where = {(f.rule, f.location.article) for f in findings if f.severity in REPORTED}
    assert {("FAIR-008", "第一条"), ("FAIR-001", "第二条"), ("FAIR-007", "第三条"), ("FAIR-003", "第四条"),
            ("AUTH-004", "第四条"), ("FAIR-009", "第五条")} <= where
    assert "FAIR-010" not in {rule for rule, _ in where}


ENTRY_COMPLIANT = """第一条 新建加油站与学校、医院的安全距离，按照国家强制性标准执行。
第二条 建设单位可以自主选择具有相应资质的检测机构进行质量检测。
第三条 城市基础设施配套费对本区和外地企业执行同一标准。
第四条 外地生产的建筑钢材进入本区销售，与本地产品执行同一质量标准。
第五条 对符合条件的各类燃气企业，经公开评审给予安全改造补贴。
起草说明
经区市场监督管理局会同起草单位开展公平竞争审查，认为不含排除、限制竞争的内容。"""


def test_entry_near_misses_stay_silent() -> None:
    assert not [f for f in check(ENTRY_COMPLIANT) if "fair-competition" in f.tags and f.severity in REPORTED]


def test_disguised_licence_deposit_refusal_and_withheld_services() -> None:
    text = """第一条 本区户外招牌设置实行备案管理，未经街道办事处备案的，一律不得安装。
第二条 入驻产业园的企业须向管委会缴纳50万元履约保证金，投产后予以退还。
第三条 因物业纠纷引发的投诉，区住房和城乡建设局一律不再受理。
第四条 对拖欠物业服务费的住户，有关部门暂不为其办理子女入学手续。"""
    where = {(f.rule, f.location.article) for f in check(text) if f.severity in REPORTED}
    assert {("AUTH-004", "第一条"), ("AUTH-009", "第二条"), ("AUTH-012", "第三条"), ("AUTH-013", "第四条")} <= where


def test_lawful_counterparts_of_licence_deposit_refusal_and_services() -> None:
    text = """第一条 运营企业应当报送车辆投放信息，该告知性备案不作为投放的前置条件。
第二条 对已收取的履约保证金，管委会应当在项目验收后30日内退还。
第三条 投诉人以同一事实和理由重复投诉，已经依法作出处理的，不再受理。
第四条 未缴清土地出让金的，不动产登记机构不予办理不动产登记。"""
    assert not [f for f in check(text) if "authority" in f.tags and f.severity in REPORTED]


def test_fine_graded_within_the_upper_laws_range_is_not_a_new_fine() -> None:
    within = ("第六条 违反《城市供水条例》第三十五条规定，情节较轻的，处以五千元以上一万元以下罚款；"
              "情节较重的，处以一万元以上三万元以下罚款。上述档次在该条例规定的罚款幅度内划分。")
    assert "AUTH-001" not in reported_ids(check(within))
    own_range = "第六条 擅自占用绿地的，处以五千元以上一万元以下罚款；情节较重的，在上述幅度内从重处罚。"
    assert "AUTH-001" in reported_ids(check(own_range))


MARRIAGE_AND_SUCCESSION_GUIDE = """XX区婚姻家庭和继承纠纷调解工作指引
第一条 有下列情形之一，导致离婚的，无过错方有权请求损害赔偿：
（一）重婚；
（二）有配偶者与他人同居；
（三）实施家庭暴力；
（四）虐待、遗弃家庭成员。
第二条 居住权人死亡的，居住权可以由其继承人继承。
第三条 出租人出卖租赁房屋的，应当在出卖之前的合理期限内通知承租人，承租人享有以同等条件优先购买的权利。
第四条 代位继承仅限于被继承人子女的晚辈直系血亲。
第五条 继承人有下列行为之一的，丧失继承权：
（一）故意杀害被继承人的；
（二）伪造、篡改或者销毁遗嘱，情节严重的。"""


def test_marriage_residence_tenancy_and_succession_rules_changed_by_the_civil_code() -> None:
    findings = check(MARRIAGE_AND_SUCCESSION_GUIDE)
    where = {(f.rule, f.location.article) for f in findings if f.severity in REPORTED}
    assert {("CC-050", "第一条"), ("CC-052", "第二条"), ("CC-053", "第三条"), ("CC-054", "第四条"),
            ("CC-055", "第五条")} <= where


CURRENT_CIVIL_CODE_WORDING = """第一条 有下列情形之一，导致离婚的，无过错方有权请求损害赔偿：（一）重婚；（二）与他人同居；（三）实施家庭暴力；（四）虐待、遗弃家庭成员；（五）有其他重大过错。
第二条 居住权不得转让、继承；居住权自登记时设立。
第三条 出租人出卖租赁房屋的，应当在出卖之前的合理期限内通知承租人，承租人享有以同等条件优先购买的权利；但是，房屋按份共有人行使优先购买权或者出租人将房屋出卖给近亲属的除外。
第四条 被继承人的兄弟姐妹先于被继承人死亡的，由被继承人的兄弟姐妹的子女代位继承。
第五条 继承人伪造、篡改、隐匿或者销毁遗嘱，情节严重的，丧失继承权；确有悔改表现，被继承人表示宽恕的，不丧失继承权。
第六条 收养人应当同时具备下列条件：
（一）无子女或者只有一名子女；
（二）无不利于被收养人健康成长的违法犯罪记录；
（三）年满三十周岁。"""


def test_current_civil_code_wording_stays_silent() -> None:
    assert not [f for f in check(CURRENT_CIVIL_CODE_WORDING) if f.severity in REPORTED]


def test_adopter_conditions_in_separate_paragraphs() -> None:
    old = "第四条 收养人应当同时具备下列条件：\n（一）无子女；\n（二）有抚养、教育和保护被收养人的能力；\n（三）年满三十周岁。"
    assert {"CC-031", "CC-051"} <= reported_ids(check(old))
    new = old.replace("（一）无子女；", "（一）无子女或者只有一名子女；").replace(
        "（三）年满三十周岁。", "（三）无不利于被收养人健康成长的违法犯罪记录；\n（四）年满三十周岁。")
    assert not {"CC-031", "CC-051"} & reported_ids(check(new))


def test_historical_mention_excerpt_keeps_the_closing_title_mark() -> None:
    from normcheck.dsl import load_rules
    from normcheck.engine import check_document
    from normcheck.reader.plain import document_from_text

    text = "该办法依据的原《中华人民共和国物权法》已于2021年1月1日废止，需要重新制定。"
    findings = [f for f in check_document(document_from_text(text), load_rules()) if f.rule == "CC-005"]
    assert [f.excerpt for f in findings] == ["原《中华人民共和国物权法》"]
