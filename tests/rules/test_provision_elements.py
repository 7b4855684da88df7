"""The legal elements behind the substantive rules, tested with paraphrases and near misses in both directions.

Each case is one sentence as a document might write it; ``fires`` says whether the named rule must report it.
The sentences are written for these tests (not taken from the real-document set), so that a rule that passes
them has learnt the element, not a sentence.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any

import pytest

from normcheck.engine import check_document
from normcheck.reader.plain import document_from_text

REPORTED = ("error", "warning")


@lru_cache(maxsize=1)
def bundled() -> Any:
    from normcheck.dsl import load_rules

    return load_rules()


def reported(text: str) -> set[str]:
    doc = document_from_text("XX区管理办法\n" + text, path="doc.txt")
    return {f.rule for f in check_document(doc, bundled()) if f.severity in REPORTED}


CASES = [
    # ---- a fine is set only where the document imposes it -------------------------------------------------
    ("AUTH-001", True, "第九条 未按期报送材料的，由区商务委处五百元罚款。"),
    ("AUTH-001", True, "第九条 经营者逾期不改正的，处以二千元以上一万元以下的罚款。"),
    ("AUTH-001", False, "第九条 举报属实的，按照行政处罚罚款金额的百分之五给予举报人奖励。"),
    ("AUTH-001", False, "第九条 奖励金额以罚款数额的10%计算，最高不超过一万元。"),
    ("AUTH-001", False, "第九条 纳税人逾期未申报的，由税务机关依法处以罚款。"),
    ("AUTH-001", False, "第九条 当事人逾期不缴纳的，由城管部门按照有关规定处以罚款。"),
    ("AUTH-001", False, "第九条 依照《上海市市容环境卫生管理条例》第二十四条的规定，对责任人处二百元罚款；拒不改正的，处一千元罚款。"),
    # ---- other penalty types ----------------------------------------------------------------------------------
    ("AUTH-002", True, "第十条 项目承接单位弄虚作假的，三年内不得承接本区同类工程。"),
    ("AUTH-002", True, "第十条 施工企业转包工程的，五年内禁止参加本镇项目投标。"),
    ("AUTH-017", True, "第十条 对违反本办法的经营户，予以通报批评。"),
    ("AUTH-002", True, "第十条 情节较轻的，由街道给予警告。"),
    ("AUTH-002", True, "第十条 拒不整改的场所，由主管部门责令暂停开放。"),
    ("AUTH-002", False, "第十条 申请人以虚假材料骗取补贴的，取消其申报资格，追回已发放资金，三年内不得再次申报补贴。"),
    ("AUTH-002", False, "第十条 投标人近三年内曾被行政机关责令停业的，不得参加本次遴选。"),
    ("AUTH-002", False, "第十条 区城管执法局作出吊销许可证决定前，应当告知当事人有要求听证的权利。"),
    ("AUTH-017", False, "第十条 对街道工作人员违反本办法的，予以通报批评。"),
    ("AUTH-002", False, "第十条 现场张贴安全警告标识，提醒居民注意。"),
    # ---- penalties by analogy ---------------------------------------------------------------------------------
    ("AUTH-016", True, "第十一条 违反本办法规定的，参照《上海市住宅物业管理规定》有关条款予以处罚。"),
    ("AUTH-016", True, "第十一条 未按要求整改的，参照本市有关规定处理并处罚。"),
    ("AUTH-016", False, "第十一条 补贴标准参照市级有关规定执行。"),
    ("AUTH-016", False, "第十一条 违反本办法规定的，依照《上海市住宅物业管理规定》第六十条予以处罚。"),
    # ---- compulsory measures: set, or only mentioned ---------------------------------------------------------
    ("AUTH-007", True, "第十二条 对违规设置的广告牌，街道可以查封并强制拆除。"),
    ("AUTH-007", True, "第十二条 发现违规经营的，执法队员应当当场扣押其经营工具。"),
    ("AUTH-007", False, "第十二条 设备被查封期间，使用单位应当做好安抚解释工作。"),
    ("AUTH-007", False, "第十二条 区市场监管局依法对存在严重隐患的电梯实施查封。"),
    ("AUTH-007", False, "第十二条 需要查封设备的，由区市场监管局报告区政府。"),
    # ---- deposits: demanded, or forbidden -------------------------------------------------------------------
    ("AUTH-009", True, "第十三条 入驻企业应当向园区管委会缴纳五万元履约保证金。"),
    ("AUTH-009", False, "第十三条 严肃查处违规收取保证金、押金等行为。"),
    ("AUTH-009", False, "第十三条 承租人应当按照租赁合同约定向出租人支付押金。"),
    ("AUTH-009", False, "第十三条 区财政向中标服务机构支付履约保证金退还款项。"),
    # ---- fees: charged by the administration, or paid by it --------------------------------------------------
    ("AUTH-010", True, "第十四条 申请临时占道的单位应当向街道缴纳占道管理费，每平方米每日收取5元。"),
    ("AUTH-010", False, "第十四条 区财政按每户每月20元的标准向物业服务企业支付管理费用。"),
    ("AUTH-010", False, "第十四条 停车服务收费按每小时5元收取，由业主与物业服务企业在合同中约定。"),
    # ---- prices: interfered with, or an exception -------------------------------------------------------------
    ("FAIR-005", True, "第十五条 辖区内菜市场摊位统一定价，不得自行调整。"),
    ("FAIR-005", False, "第十五条 除执行国家统一定价的商品外，采购人可以给予小微企业价格扣除。"),
    # ---- designations: an operator, or a self-governing body ---------------------------------------------------
    ("FAIR-001", True, "第十六条 小区电梯维保统一由区指定的某某电梯公司承担。"),
    ("FAIR-001", False, "第十六条 物业服务企业撤离的，由街道指定所在居民委员会临时组织开展物业服务。"),
    # ---- local registration or tax as a condition ---------------------------------------------------------------
    ("FAIR-011", True, "第十七条 申请奖励的企业，其注册地和税收户管地应当均在本区。"),
    ("FAIR-011", True, "第十七条 入驻园区的企业应当确保税收属地化。"),
    ("FAIR-011", True, "第十七条 享受租金减免的企业须在本镇办理税务登记并纳税。"),
    ("FAIR-011", False, "第十七条 本办法所称企业，是指依法登记注册的企业。"),
    ("FAIR-011", False, "第十七条 不得以在本区注册、纳税作为享受扶持政策的条件。"),
    # ---- an internal division deciding an approval in its own name -------------------------------------------
    ("AUTH-018", True, "第十八条 市容科应当自受理之日起五个工作日内作出审批决定。"),
    ("AUTH-018", True, "第十八条 设置临时户外广告的，设置人应当将设置方案报规划处批准。"),
    ("AUTH-018", True, "第十八条 经审核符合条件的，由建管科予以批准并书面告知申请人。"),
    ("AUTH-018", True, "第十八条 对符合条件的申请，审批股应当当场作出准予许可的决定。"),
    ("AUTH-018", False, "第十八条 区绿化市容局应当自受理之日起五个工作日内作出审批决定。"),
    ("AUTH-018", False, "第十八条 街道办事处应当在五个工作日内作出审批决定。"),
    ("AUTH-018", False, "第十八条 市容科负责受理申请材料，报区绿化市容局作出审批决定。"),
    ("AUTH-018", False, "第十八条 公路管理处应当在十日内作出审批决定。"),
    ("AUTH-018", False, "第十八条 设置方案报区规划资源局批准后，由市容科组织实施。"),
    # ---- credit sanctions set by the document ----------------------------------------------------------------
    ("AUTH-019", True, "第十九条 对不配合检查的建设单位，责令改正，并纳入不诚信名单。"),
    ("AUTH-019", True, "第十九条 项目经理被投诉属实的，每次扣信用档案5分。"),
    ("AUTH-019", True, "第十九条 对瞒报装修情况的物业企业，采取信用扣分措施。"),
    ("AUTH-019", True, "第十九条 连续两次考核不合格的，将其列为失信主体名单并向社会公布。"),
    ("AUTH-019", True, "第十九条 物业企业因违反安全生产法律法规规定被行政处罚的，扣除其信用分10分。"),
    ("AUTH-019", False, "第十九条 相关信息由区发展改革委依法依规记入企业信用档案。"),
    ("AUTH-019", False, "第十九条 对存在不诚信行为的单位和个人，将按照有关规定记入诚信档案。"),
    ("AUTH-019", False, "第十九条 申报单位被列入严重失信主体名单的，不予受理。"),
    ("AUTH-019", False, "第十九条 考核不合格的，扣减考核分5分。"),
    # ---- statutory compensation withheld -----------------------------------------------------------------------
    ("AUTH-020", True, "第二十条 对被强制执行的被征收人、公有房屋承租人，不发给搬迁费。"),
    ("AUTH-020", True, "第二十条 未在签约期内签约的，不予支付临时安置补偿。"),
    ("AUTH-020", True, "第二十条 拒绝评估人员入户的，取消其停产停业损失补偿。"),
    ("AUTH-020", False, "第二十条 未在签约期内搬迁的，不享受按期搬迁奖励。"),
    ("AUTH-020", False, "第二十条 选择产权调换并使用周转用房的，不再支付临时安置费。"),
    ("AUTH-020", False, "第二十条 搬迁费按每平方米12元计算，一次付清。"),
    # ---- a town or street office cutting subsidies the city or district grants ------------------------------
    ("AUTH-021", True, "第二十一条 年度考核为C档的物业企业，市、区下发的补贴、奖励给予适当下浮。"),
    ("AUTH-021", True, "第二十一条 考核不合格的，区级拨付的养护补助资金予以核减。"),
    ("AUTH-021", False, "第二十一条 考核不合格的，镇级奖励资金予以核减。"),
    ("AUTH-021", False, "第二十一条 考核结果报区房管局，作为市、区补贴发放的依据。"),
    ("AUTH-021", False, "第二十一条 考核不合格的，建议区房管局核减其市、区下发的补贴。"),
]


@pytest.mark.parametrize(("rule", "fires", "text"), CASES, ids=[f"{r}-{'fail' if f else 'pass'}-{i}"
                                                                  for i, (r, f, _) in enumerate(CASES)])
def test_element(rule: str, fires: bool, text: str) -> None:
    assert (rule in reported(text)) is fires


MORE_CASES = [
    ("AUTH-017", False, "第十条 物业服务企业在年度测评中受到通报批评的，每次扣2分。"),
    ("AUTH-002", False, "第十条 监理单位未按合同约定履职的，按照合同约定扣减服务费用并处以相应处罚。"),
    ("AUTH-017", False, "第十条 各镇因工作不力导致项目延误的，由区农业农村委予以通报批评。"),
    ("AUTH-017", True, "第十条 对整改不力的物业服务企业，由镇房管办予以通报批评。"),
]


@pytest.mark.parametrize(("rule", "fires", "text"), MORE_CASES,
                         ids=[f"{r}-{'fail' if f else 'pass'}-{i}" for i, (r, f, _) in enumerate(MORE_CASES)])
def test_element_penalty_targets(rule: str, fires: bool, text: str) -> None:
    assert (rule in reported(text)) is fires


ORDER_CASES = [
    ("AUTH-002", False, "第七条 发现重大事故隐患的，应当责令施工单位停工整改。"),
    ("AUTH-002", True, "第七条 发现违规施工的，由街道责令其停工。"),
    ("AUTH-002", False, "第十一条 执法部门作出吊销许可证的行政处罚决定前，应当告知当事人有要求听证的权利。"),
    ("AUTH-006", False, "第九条 经复核符合条件的，由街道办事处出具居住情况认定证明。"),
    ("AUTH-006", True, "第九条 申请人应当提交居委会出具的居住情况证明。"),
    ("AUTH-007", False, "第八条 区市场监管局：依法对存在隐患的电梯采取责令停用、查封等措施。"),
]


@pytest.mark.parametrize(("rule", "fires", "text"), ORDER_CASES,
                         ids=[f"{r}-{'fail' if f else 'pass'}-{i}" for i, (r, f, _) in enumerate(ORDER_CASES)])
def test_element_orders_and_own_acts(rule: str, fires: bool, text: str) -> None:
    assert (rule in reported(text)) is fires


def test_a_second_penalty_after_another_is_still_set() -> None:
    # 撤销资质或责令暂停开放: the revocation before it does not make the closure a procedure.
    assert "AUTH-002" in reported("第六条 抽查发现问题的，情节严重的将撤销达标资质或责令暂停开放。")
    assert "AUTH-017" not in reported("第九条 评审人员违反评审纪律的，视情节予以批评或通报批评。")


def test_a_licence_the_cited_instrument_sets_is_not_created() -> None:
    basis = "第一条 根据《XX市新建住宅交付使用许可规定》，制定本细则。\n"
    asked = "第九条 建设单位应当向区房管局申请新建住宅交付使用许可。"
    assert "AUTH-003" not in reported(basis + asked)
    assert "AUTH-003" in reported("第九条 建筑工匠应当向镇人民政府申请办理农村建筑工匠施工许可证。")


def test_what_the_administration_itself_pays_or_entrusts_is_not_market_interference() -> None:
    assert "FAIR-005" not in reported("第十四条 日常养护指导价为不超过1500元/亩，由区财政全额承担。")
    assert "FAIR-005" in reported("第十四条 辖区快递企业的派送费每件不得高于3元。")
    assert "FAIR-001" not in reported("第七条 具体工作由区房管局指定的下属事务机构负责。")
    assert "FAIR-001" in reported("第七条 小区门禁系统统一由区城投智慧社区运营有限公司负责建设和运营。")


# ---- elements behind the real-document misses (tests/realdev/labels.tsv), written before the rules --------------
ELEMENT_CASES = [
    # an extra review or opinion inserted into a registration or licensing step (行政许可法第十六条第四款)
    ("AUTH-022", True, "第六条 市场监管所在办理企业设立登记环节，对经营场所的产权证明予以审核并出具意见。"),
    ("AUTH-022", True, "第六条 区建管委在施工许可审批环节，对建设单位的土地出让合同履约情况进行审核并提出意见。"),
    ("AUTH-022", True, "第六条 办理营业执照变更登记前，由镇经济发展办公室对企业业态变更情况进行审核。"),
    ("AUTH-022", False, "第六条 登记机关在办理企业设立登记时，依法对申请材料进行形式审查。"),
    ("AUTH-022", False, "第六条 各部门在审批环节通过数据共享核验产权信息，不得要求申请人另行提交证明。"),
    ("AUTH-022", False, "第六条 镇规划建设办公室对辖区内违法建筑进行巡查，并提出处置意见。"),
    ("AUTH-022", False, "第六条 企业登记后，镇经济发展办公室做好服务跟踪。"),
    # a fixed or uniform rate for a service the market prices (公平竞争审查条例第十一条第（三）项)
    ("FAIR-005", True, "第三条 本区电梯维保服务实行统一费率，维保单位不得自行调整。"),
    ("FAIR-005", True, "第三条 承保机构应当严格执行本办法规定的保险费率承保。"),
    ("FAIR-005", True, "第三条 养老服务机构护理服务实行固定价格，由区民政局统一公布。"),
    ("FAIR-005", False, "第三条 工伤保险实行行业差别费率，按照国家规定执行。"),
    ("FAIR-005", False, "第三条 保险机构按照市场化原则自主厘定保险费率。"),
    ("FAIR-005", False, "第三条 机动车交通事故责任强制保险执行国务院保险监督管理机构批准的统一费率。"),
    # a subsidy only for those who trade with or through one operator (条例第八条第（三）项、第十条第（二）项)
    ("FAIR-012", True, "第五条 扶持对象：通过区冷链物流服务平台开展冷链配送业务的经营者。"),
    ("FAIR-012", True, "第五条 补贴对象为与区农产品供销平台签约、提供蔬菜配送服务的运输企业。"),
    ("FAIR-012", False, "第五条 扶持对象：在本区开展冷链配送业务的经营者。"),
    ("FAIR-012", False, "第五条 申报单位应当通过“一网通办”平台提交申报材料。"),
    ("FAIR-012", False, "第五条 对通过电子商务平台开展销售的农业企业，按销售额给予补贴。"),
    ("FAIR-012", False, "第五条 物流企业通过区冷链物流服务平台发布运力信息，接受行业监管。"),
    # a civil preemption right created by the document (民法典第三百五十三条；立法法第十一条)
    ("CC-057", True, "第十一条 抵押权实现时，土地所有权人在同等条件下享有优先购买权。"),
    ("CC-057", True, "第八条 商铺转让的，街道在同等条件下有优先受让的权利。"),
    ("CC-057", True, "第九条 集体经济组织对转让的厂房享有优先购买权。"),
    ("CC-057", False, "第九条 出租人出卖租赁房屋的，承租人享有以同等条件优先购买的权利。"),
    ("CC-057", False, "第九条 按份共有人转让其份额的，其他共有人在同等条件下享有优先购买的权利。"),
    ("CC-057", False, "第九条 土地经营权流转时，本集体经济组织成员在同等条件下享有优先权，依照《中华人民共和国农村土地承包法》执行。"),
    ("CC-057", False, "第九条 符合条件的申请家庭优先配租公共租赁住房。"),
    # near misses added after the first run: the authority's own statutory review, generic counterparties,
    # a government preemption right a regulation gives, a fee schedule the price authority sets
    ("AUTH-022", False, "第六条 不动产登记机构在办理转移登记时，对申请材料进行审核。"),
    ("FAIR-012", False, "第五条 对与保险公司签订保险合同的企业，给予保费补贴。"),
    ("FAIR-012", True, "第五条 对与区属国资公司签订厂房租赁合同的企业，给予房租补贴。"),
    ("CC-057", False, "第九条 土地使用权转让价格明显低于市场价格的，市、县人民政府有优先购买权。"),
    ("FAIR-005", False, "第三条 单位生活垃圾处理费执行统一的收费标准。"),
    # who executes a demolition does not make it a restatement: without the upper text it is the document's own
    ("AUTH-007", True, "第九条 逾期未拆除的，由城管执法部门强制拆除，费用由当事人承担。"),
]


@pytest.mark.parametrize(("rule", "fires", "text"), ELEMENT_CASES,
                         ids=[f"{r}-{'fail' if f else 'pass'}-{i}" for i, (r, f, _) in enumerate(ELEMENT_CASES)])
def test_element_behind_a_real_miss(rule: str, fires: bool, text: str) -> None:
    assert (rule in reported(text)) is fires


def test_an_effective_date_before_the_approving_notice_is_retroactive() -> None:
    # 批转、转发、印发通知的落款日期晚于所附办法的施行日期：办法经批转才发生效力，施行日期溯及既往。
    # The notice's date is the document's issue date (not the drafting department's under the measure).
    approved_late = ("XX区人民政府关于批转区市容局制订的《XX区垃圾处理费征收办法》的通知\n区政府同意区市容局制订的办法，"
                     "现转发给你们。\nXX区人民政府\n2019年7月6日\nXX区垃圾处理费征收办法\n第一条 为规范收费，制定本办法。\n"
                     "第十四条 本办法自2019年7月1日起施行，有效期至2023年6月30日。\nXX区市容局\n2019年6月19日")
    approved_early = approved_late.replace("2019年7月6日", "2019年6月26日")
    assert "FILE-006" in reported(approved_late)
    assert "FILE-006" not in reported(approved_early)
    same_day = approved_late.replace("2019年7月6日", "2019年7月1日")
    assert "FILE-006" not in reported(same_day)


def test_a_subsidy_tied_to_one_platform_in_a_document_without_articles() -> None:
    # 一、二、 sections instead of 第…条: the subsidy is named in another section than the condition.
    tied = "一、扶持对象\n通过区冷链物流服务平台开展冷链配送业务的经营者。\n二、扶持标准\n每车给予500元补贴。"
    assert "FAIR-012" in reported(tied)
    regulated = "一、适用对象\n通过区冷链物流服务平台开展冷链配送业务的经营者。\n二、管理要求\n经营者应当如实上传运单信息。"
    assert "FAIR-012" not in reported(regulated)
