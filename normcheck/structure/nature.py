"""What kind of document it is (要不要按行政规范性文件审查): a document addressed only to the issuer's own offices
and subordinate units that puts no obligation on the public is an internal management document (内部管理制度),
not a 行政规范性文件 — the definition (国办发〔2018〕37号) requires that it concern the rights and obligations
of citizens, legal persons or other organisations.

Likewise a work deployment (工作方案: 贯彻落实…、开展…工作、推进…的实施意见) that has no articles and obliges
no one outside is not a normative document (国办发〔2018〕115号（三）: 内部管理规范、工作制度、会议纪要、工作方案、
请示报告、表彰奖惩、人事任免 are outside the review).

``doc_nature`` is "内部管理" or "工作部署" in those cases, "对外" when the document's own provisions oblige or
forbid something to the public, and unknown otherwise."""
from __future__ import annotations

import re

from normcheck.model import Document
from normcheck.structure.clauses import clauses_of
from normcheck.structure.facts import Fact, Structure

# The issuer's own offices and subordinate units, and the self-governing bodies that carry out its work.
_INTERNAL = re.compile(
    r"^(?:全区|全镇|本镇|本街道|全街道)?(?:各|有关|相关)?[、]?(?:机关|局机关|委机关|镇机关|街道机关)?(?:各)?"
    r"(?:科室|办公室|办|所|部门|职能部门|内设机构|直属单位|所属单位|局属单位|镇属单位|镇属各企事业单位|事业单位|镇属事业单位|"
    r"中小学校|学校|幼儿园|居委会|居委|村委会|居村委|村居委|村居|居村|居民区|社区中心|社区|村|居|执法大队|中心|站)"
    r"(?:[（(][^（）()]{1,12}[）)])?$"
    r"|^[\u4e00-\u9fff]{0,8}(?:居委会|村委会|居民委员会|村民委员会)$"
)
_SPLIT = re.compile(r"[，、,；;]")
# A title that deploys work rather than issuing rules.
_WORK_PLAN = re.compile(
    r"(?:贯彻|落实|开展|推进|部署|做好|加强|组织)[^。]{0,60}?(?:工作|实施意见|若干意见|意见)》?(?:的通知)?$"
    r"|(?:工作方案|实施方案|行动方案|工作要点|工作计划)"
)
_OBLIGATION = re.compile(r"应当|须|必须|不得|禁止|严禁")
# The modal inside an attribute (……不得主动提供的一次性用品目录): it names a list or a rule, it obliges no one here.
_ATTRIBUTIVE = re.compile(r"(?:应当|须|必须|不得|禁止|严禁)[^，。；、]{0,16}的[^，。；、的]{0,12}"
                          r"(?:目录|清单|名录|名单|标准|制度|办法|规定|情形|行为|事项|范围|要求)[，。；、]?$")


def document_nature(doc: Document, structure: Structure) -> Fact | None:
    obliges_public = _obliges_public(doc, structure)
    recipients = structure.recipients
    if obliges_public is not None:
        return Fact("对外", obliges_public[0], obliges_public[1], obliges_public[2], obliges_public[3])
    if recipients is not None and _all_internal(str(recipients.value)):
        return Fact("内部管理", recipients.text, recipients.block, recipients.start, recipients.end)
    title = structure.title
    if title is not None and not structure.articles and _WORK_PLAN.search(str(title.value)):
        return Fact("工作部署", title.text, title.block, title.start, title.end)
    return None


def _all_internal(recipients: str) -> bool:
    items = [item.strip(" \u3000：:") for item in _SPLIT.split(recipients.replace("居、村", "居村").replace("村、居", "村居"))]
    items = [item for item in items if item]
    return bool(items) and all(_INTERNAL.match(re.sub(r"[\s\u3000]", "", item)) for item in items)


def _obliges_public(doc: Document, structure: Structure) -> tuple[str, int, int, int] | None:
    """The first own clause in which the public must or must not do something: (text, block, start, end)."""
    for b, block in enumerate(doc.blocks):
        if block.part != "body" or structure.role_at(b, 0) != "own" or not _OBLIGATION.search(block.text):
            continue
        for clause in clauses_of(block.text):
            text = block.text[clause.start:clause.end]
            if clause.actor == "public" and _OBLIGATION.search(text) and not _ATTRIBUTIVE.search(text) \
                    and structure.role_at(b, clause.start) == "own":
                return text, b, clause.start, clause.end
    return None
