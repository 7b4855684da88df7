"""Clauses with an actor, an action and a direction: who acts, what is imposed, on whom, and which way money
flows — the reading that tells “a fee the administration charges” from “a fee the administration pays”.

A clause is the text between two of ，；。：. Its actor is the subject written before its verb, or, when the
clause has none, the actor of the clause before it in the same sentence. The frames are what rules ask for
(``unless clause 政府付费``):

- ``政府付费``: money flows from the administration (it pays, subsidises, rewards, buys a service);
- ``私人之间``: an obligation or a payment between private parties (业主 and 物业服务企业, 出租人 and 承租人, a
  contract's parties);
- ``自主选择``: a private party chooses for itself (自主选择、自行委托);
- ``资格后果``: a consequence inside a benefit scheme (取消资格、追回补贴、三年内不得申报), not a penalty;
- ``政府行为``: the administration itself acts (its own duty, not a burden on the public).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

ACTORS = ("administration", "public", "unknown")

_CLAUSE_MARKS = re.compile(r"[，,；;。：:！？!?]")
_ADMINISTRATION = re.compile(
    r"(?:人民政府|政府|管委会|管理委员会|委员会|办公厅|办公室|办事处|街道|镇|乡|部门|主管部门|机关|财政|局|委|厅|署|"
    r"执法(?:大)?队|管理处|管理所|管理站|事务中心|服务中心)$"
)
_ADMINISTRATION_WORDS = re.compile(
    r"(?:^|[市区县镇乡])(?:人民政府|政府|财政局?|[\u4e00-\u9fff]{1,10}(?:局|委|委员会|办|办公室|管委会|办事处|中心))"
    r"|(?:各|有关|相关|行业|主管|监管|执法|职能|属地)(?:部门|单位)|街道|镇人民政府|管委会|财政"
)
_PUBLIC = re.compile(
    r"(?:企业|经营者|公司|商户|个体工商户|业主|物业服务企业|物业公司|物业|申请人|申请单位|承租人|出租人|买受人|购房人|房屋所有人|"
    r"权利人|产权人|所有权人|使用人|用人单位|劳动者|居民|村民|家庭|个人|公民|单位|投标人|供应商|中标人|承包人|施工单位|建设单位|"
    r"开发企业|开发商|保险机构|评审专家|专家|代理机构|服务机构|社会组织|学校|医院|机构|运营单位|养老机构|当事人|双方|甲方|乙方|"
    r"委托人|受托人|会员|从业人员|驾驶人|车主|游客|消费者|市场主体|纳税人)$"
)
_SUBJECT_END = re.compile(
    r"(?:应当|应|须|需|必须|可以|可|不得|禁止|负责|按照|依照|根据|向|对|将|与|在|于|给予|支付|收取|缴纳|交纳|提供|承担|组织|"
    r"会同|配合|做好|加强|建立|落实|开展|采取|确定|制定|审核|受理|办理|出具|予以|不予|自行|自主|统一|有权|要|"
    r"拨付|安排|奖励|补贴|补助|资助)"
)
_PAYS_OUT = re.compile(
    r"(?:支付|拨付|补贴|补助|奖励|资助|给予|列支|安排|承担|购买|补偿|贴息|返还)"
)
_PUBLIC_FUNDS = re.compile(
    r"(?:由|从|在)[^，。；]{0,8}(?:财政|专项资金|预算|政府投资)|财政(?:资金|补贴|补助|专项|预算|承担|支付|拨付|安排)|"
    r"专项资金|政府购买服务|购买服务|(?:市|区|县|镇)级(?:财政|资金)|扶持资金|奖励资金|补贴资金|补助资金"
)
_TO_CONTRACTOR = re.compile(
    r"向(?:[^，。；]{0,12})?(?:中标|承接|服务机构|服务单位|服务企业|第三方|保险机构|供应商|代理机构|评估机构|专家|"
    r"承包|施工单位|受托)[^，。；]{0,10}(?:支付|拨付)"
)
_PRIVATE_PARTIES = re.compile(
    r"(?:业主|承租人|出租人|买受人|购房人|委托人|受托人|甲方|乙方|双方|当事人|会员|住户|使用人|承包人|发包人|借款人|"
    r"开发企业|物业服务企业|物业公司|保险机构|投保人|被保险人)"
)
_BETWEEN = re.compile(r"(?:双方|当事人|合同|协议)[^，。；]{0,12}(?:约定|协商|商定|签订)|(?:约定|协商确定|协商一致|自行协商)")
_TO_PRIVATE = re.compile(
    r"向(?:[^，。；]{0,8})?(?:物业服务企业|物业公司|物业|出租人|承租人|开发企业|开发商|建设单位|业主|供应商|经营者|"
    r"保险机构|银行|承包人|受托人|委托人|买受人|出卖人)[^，。；]{0,12}(?:缴纳|支付|交纳|交付|预付|缴付)"
)
_OWN_CHOICE = re.compile(r"(?:自主|自行|自愿|可以|可|有权)(?:选择|选定|选聘|委托|确定|聘请|决定)")
# What a benefit scheme gives: money, titles, preferential treatment.
_BENEFIT = re.compile(r"(?:补贴|补助|奖励|资助|扶持|专项资金|奖补资金|资金支持|评选|表彰|优惠|贴息|荣誉|称号|奖补)")
_BENEFIT_CONSEQUENCE = re.compile(
    r"(?:取消|撤销|收回|追回|追缴|退回|返还|停止|暂停|终止|不予|不得|不再|扣减|核减|列入)"
)
_BARRED_FROM_BENEFIT = re.compile(
    r"[一二三两四五\d]+年内(?:不得|不再|不予)(?:再次)?(?:申报|申请|享受|参与|参加|受理)[^，。；]{0,12}"
    r"(?:补贴|补助|奖励|资助|扶持|资金|评选|表彰|荣誉|优惠|政策)"
)
_ITEM_NUMBER = re.compile(r"^(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十\d]+[、.．])")
_ARTICLE_NUMBER = re.compile(r"^(?:第[^条]{1,8}条[ \u3000]*)")
_LEAD_WORD = re.compile(r"^(?:由|经|对|在|凡|各|如|若|如果|其|其中|同时|另外|此外)")
_FRAUD = re.compile(r"虚假|骗取|冒领|弄虚作假|隐瞒|伪造|套取|不实|截留|挪用|违规使用")


@dataclass(frozen=True, slots=True)
class Clause:
    """Characters [start, end) of a text: one clause, its actor and the frames it fits."""

    start: int
    end: int
    actor: str
    subject: str
    frames: frozenset[str]


def clauses_of(sentence: str) -> list[Clause]:
    """The clauses of one sentence, each with its actor (carried on from the clause before when the clause
    has no subject of its own) and the frames of the money or choice it speaks of."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for match in _CLAUSE_MARKS.finditer(sentence):
        if match.end() > start:
            bounds.append((start, match.end()))
        start = match.end()
    if start < len(sentence):
        bounds.append((start, len(sentence)))
    frames_of_sentence = _sentence_frames(sentence)
    clauses: list[Clause] = []
    actor, subject = "unknown", ""
    for lo, hi in bounds:
        text = sentence[lo:hi]
        own_subject = _subject(text)
        if own_subject:
            subject = own_subject
            actor = _classify(own_subject)
        frames = set(frames_of_sentence)
        if (_PAYS_OUT.search(text) and (actor == "administration" or _PUBLIC_FUNDS.search(text))) \
                or _TO_CONTRACTOR.search(text):
            frames.add("政府付费")
        if _OWN_CHOICE.search(text) and actor == "public":
            frames.add("自主选择")
        if actor == "administration" and not _TO_PRIVATE.search(text):
            frames.add("政府行为")
        clauses.append(Clause(lo, hi, actor, subject, frozenset(frames)))
    return clauses


_PERMIT = re.compile(r"[\u4e00-\u9fff]{2,14}?(?:许可证|许可|资格证|合格证|证书|证)")
_PERMIT_LEAD = re.compile(r"^(?:申请|申领|办理|取得|领取|核发|颁发|持有|持|未取得|未办理)+")


def permit_names(clause: str) -> list[str]:
    """The names of licences and certificates a clause mentions, without the verbs before them, as their
    last four to eight characters (新建住宅交付使用许可 → 住宅交付使用许可)."""
    names = []
    for match in _PERMIT.finditer(clause.replace(" ", "").replace("\u3000", "")):
        name = _PERMIT_LEAD.sub("", match.group(0))
        for tail in (8, 6, 4):
            if len(name) >= tail:
                names.append(name[-tail:])
                break
    return names


def frames_at(sentence: str, offset: int) -> frozenset[str]:
    """The frames of the clause of ``sentence`` that holds ``offset``."""
    for clause in clauses_of(sentence):
        if clause.start <= offset < clause.end:
            return clause.frames
    return frozenset()


def _sentence_frames(sentence: str) -> set[str]:
    frames: set[str] = set()
    if _TO_PRIVATE.search(sentence) or (_BETWEEN.search(sentence) and len(_PRIVATE_PARTIES.findall(sentence)) >= 1):
        frames.add("私人之间")
    if _BENEFIT.search(sentence) and _BENEFIT_CONSEQUENCE.search(sentence) and (
            _FRAUD.search(sentence) or _BARRED_FROM_BENEFIT.search(sentence)):
        frames.add("资格后果")
    return frames


def _subject(clause: str) -> str:
    """The words before the clause's first verb or modal, when they are a plausible subject."""
    text = clause.strip(" \u3000，,；;。：:")
    text = _ITEM_NUMBER.sub("", text)
    text = _ARTICLE_NUMBER.sub("", text)
    match = _SUBJECT_END.search(text)
    head = text[:match.start()] if match else ""
    head = _LEAD_WORD.sub("", head)
    return head if 1 <= len(head) <= 24 else ""


def _classify(subject: str) -> str:
    if _PUBLIC.search(subject):
        return "public"
    if _ADMINISTRATION.search(subject) or _ADMINISTRATION_WORDS.search(subject):
        return "administration"
    return "unknown"
