"""What kind of document it is (要不要按行政规范性文件审查): a document addressed only to the issuer's own offices
and subordinate units that puts no obligation on the public is an internal management document (内部管理制度),
not a 行政规范性文件 — the definition (国办发〔2018〕37号) requires that it concern the rights and obligations
of citizens, legal persons or other organisations.

Likewise a work deployment (工作方案: 贯彻落实…、开展…工作、推进…的实施意见) that has no articles and obliges
no one outside is not a normative document (国办发〔2018〕115号（三）: 内部管理规范、工作制度、会议纪要、工作方案、
请示报告、表彰奖惩、人事任免 are outside the review).

A text whose purpose or scope is the administration's own affairs — its budget and cost accounting, the projects
and facilities it invests in itself, the duties of its own departments (黑龙江省行政规范性文件制定和监督管理办法
第三条: 下达预算、分配资金、批复项目事项等不含有对外行政管理规范类内容的文件) — and that obliges no one outside
is internal too, whoever it is sent to. A text that settles one closed case (the people of one expropriated plot as
they stood on a dated event, applying within one closed window) is not applied repeatedly (反复适用) and is not a
normative document either.

A normative document whose duties fall only on the parties the administration itself has selected or contracted
(通过招标选定、签订委托协议的机构) binds them by the contract, not the public at large: it is still a normative document,
but those duties are not burdens for which the public needs an adaptation period (优化营商环境条例第六十五条).

``doc_nature`` is "内部管理", "工作部署" or "一次性" in those cases, "委托事务" when every duty the document puts on
someone outside the administration falls on its own contractors, "对外" when the document's own provisions oblige
or forbid something to the public, and unknown otherwise."""
from __future__ import annotations

import re
from collections.abc import Iterator

from normcheck.model import Document
from normcheck.structure.clauses import Clause, clauses_of
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
# Headings of a deployment of work: why it matters, who leads, what secures it (一、充分认识……的重要意义 / 二是加强组织领导).
_DEPLOYMENT_HEADING = re.compile(
    r"^(?:[一二三四五六七八九十]+[、是]|[（(][一二三四五六七八九十]+[）)])[^。]{0,30}?"
    r"(重要意义|指导思想|组织领导|保障措施|任务分工|工作要求|工作目标|总体要求|宣传)"
)
# Anyone outside the administration named in the text: a deployment that names them is not only internal work.
_PUBLIC_PARTY = re.compile(
    r"企业|经营者|公司|商户|个体工商户|业主|物业|居民|村民|个人|公民|申请人|法人|市场主体|消费者|从业人员"
)
# The purpose (为……，制定本办法) or scope (本办法适用于……) of a text on the administration's own affairs.
_PURPOSE = re.compile(r"制定本[\u4e00-\u9fff]{1,3}|制订本[\u4e00-\u9fff]{1,3}|提出如下意见|适用(?:于)?本[\u4e00-\u9fff]{1,3}|"
                      r"本[\u4e00-\u9fff]{1,3}适用于")
_PURPOSE_REACH = 600
_OWN_AFFAIRS = re.compile(
    r"预算编制|决算|成本(?:的)?(?:审核)?认定|经费(?:的)?(?:管理|拨付|结算|预算)|财务管理|"
    r"(?:本级|区|县|市|镇)?政府投资(?:新建|建设|兴建)?的[^。；]{0,30}(?:日常|运行|运营)?管理|"
    r"土地储备项目(?:的)?审批|"
    r"明确[^。；]{0,24}(?:部门|单位|机构)[^。；]{0,20}职责|职责分工"
)
# Bodies that are by law part of the administration though their names read like private ones: the land reserve
# body is a public institution under the land department (土地储备管理办法).
_PUBLIC_INSTITUTION = re.compile(r"土地储备(?:机构|中心)|土储中心")
# One closed case: the class fixed as it stood on a dated event, and one closed window to apply in.
_CLASS_FIXED_AT = re.compile(
    r"(?:至|截至|截止)[^，。；]{0,16}(?:公告|决定|签约|登记)[^，。；]{0,8}(?:之日|截止日)[（(]\d{4}年\d{1,2}月\d{1,2}日[）)]"
)
_WINDOW_HINT = re.compile(r"日(?:起)?至\d{4}年")
_CLOSED_WINDOW = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日(?:起)?至\d{4}年\d{1,2}月\d{1,2}日止?[^。]{0,40}?(?:申请|申报)")
# A party the administration selects or contracts (区住建委通过公开招标选定检测单位 / 市房管局与入选的评估机构签订委托协议).
_COMMISSIONER = r"(?:人民政府|政府|管委会|办事处|街道|镇|局|署|(?<![业居村主])委(?:员会)?|办(?!法))"
_CONTRACTOR = r"(?P<party>[\u4e00-\u9fff]{2,10}?)(?:机构|单位|企业|公司)"
_COMMISSION_VERB = re.compile(r"委托|选择|选定|遴选|聘请|招标确定|签订")
_COMMISSIONED = re.compile(
    _COMMISSIONER + r"[^。，；\n]{0,12}?(?:委托|择优选择|选择|选定|遴选|聘请|招标确定)(?:的)?" + _CONTRACTOR
    + r"|" + _COMMISSIONER + r"[^。，；\n]{0,6}与(?:入选|中标|选定|遴选)?(?:的)?" + _CONTRACTOR.replace("party", "party2")
    + r"[^。，；]{0,4}签订"
)
_OBLIGATION = re.compile(r"应当|须|必须|不得|禁止|严禁")
# The modal inside an attribute (……不得主动提供的一次性用品目录): it names a list or a rule, it obliges no one here.
_ATTRIBUTIVE = re.compile(r"(?:应当|须|必须|不得|禁止|严禁)[^，。；、]{0,16}的[^，。；、的]{0,12}"
                          r"(?:目录|清单|名录|名单|标准|制度|办法|规定|情形|行为|事项|范围|要求)[，。；、]?$")


def document_nature(doc: Document, structure: Structure) -> Fact | None:
    body = "\n".join(block.text for block in doc.blocks if block.part == "body")
    window = "至" in body and _WINDOW_HINT.search(body) and _CLOSED_WINDOW.search(body)
    one_off = _one_closed_case(_own(doc, structure)) if window else None
    if one_off is not None:
        return Fact("一次性", *one_off)
    obliges_public = _obliges_public(doc, structure)
    recipients = structure.recipients
    if obliges_public is not None:
        kind = "委托事务" if _only_contractors_obliged(doc, structure, body) else "对外"
        return Fact(kind, obliges_public[0], obliges_public[1], obliges_public[2], obliges_public[3])
    if recipients is not None and _all_internal(str(recipients.value)):
        return Fact("内部管理", recipients.text, recipients.block, recipients.start, recipients.end)
    own_affairs = _own_affairs(_own(doc, structure, limit=40))
    if own_affairs is not None:
        return Fact("内部管理", *own_affairs)
    title = structure.title
    if title is not None and not structure.articles and _WORK_PLAN.search(str(title.value)):
        return Fact("工作部署", title.text, title.block, title.start, title.end)
    if not structure.articles:
        own = _own(doc, structure)
        deployment = None if any(_PUBLIC_PARTY.search(text) for _, text in own) else _deployment(own)
        if deployment is not None:
            return Fact("工作部署", *deployment)
    return None


def _own(doc: Document, structure: Structure, limit: int | None = None) -> list[tuple[int, str]]:
    """The paragraphs of the body that are the document's own provisions: (block, text), the first ``limit``."""
    own: list[tuple[int, str]] = []
    for b, block in enumerate(doc.blocks):
        if limit is not None and len(own) >= limit:
            break
        if block.part == "body" and structure.role_at(b, 0) == "own":
            own.append((b, block.text))
    return own


def _own_affairs(own: list[tuple[int, str]]) -> tuple[str, int, int, int] | None:
    """The purpose or scope sentence that names the administration's own affairs as what the text governs: it
    stands among the first paragraphs, near their start."""
    for b, text in own:
        for sentence in re.finditer(r"[^。；]+", text[:_PURPOSE_REACH]):
            if _PURPOSE.search(sentence.group(0)):
                match = _OWN_AFFAIRS.search(sentence.group(0))
                if match is not None:
                    start = sentence.start() + match.start()
                    return match.group(0), b, start, start + len(match.group(0))
    return None


def _deployment(own: list[tuple[int, str]]) -> tuple[str, int, int, int] | None:
    """A text laid out as a deployment of work (two kinds of deployment heading); the caller has made sure that
    it has no articles and names no one outside the administration."""
    found: dict[str, tuple[str, int, int, int]] = {}
    for b, text in own:
        match = _DEPLOYMENT_HEADING.search(text)
        if match is not None:
            found.setdefault(match.group(1), (match.group(0), b, match.start(), match.end()))
    return next(iter(found.values())) if len(found) >= 2 else None


def _one_closed_case(own: list[tuple[int, str]]) -> tuple[str, int, int, int] | None:
    """The dated event that fixes the class, when the text also closes the window for applying (the caller
    has found the window)."""
    for b, text in own:
        match = _CLASS_FIXED_AT.search(text)
        if match is not None:
            return match.group(0), b, match.start(), match.end()
    return None


def _all_internal(recipients: str) -> bool:
    items = [item.strip(" \u3000：:") for item in _SPLIT.split(recipients.replace("居、村", "居村").replace("村、居", "村居"))]
    items = [item for item in items if item]
    return bool(items) and all(_INTERNAL.match(re.sub(r"[\s\u3000]", "", item)) for item in items)


def _only_contractors_obliged(doc: Document, structure: Structure, body: str) -> bool:
    """Whether every own clause that obliges someone outside the administration has one of the parties the
    administration selects or contracts as its subject."""
    stems = set()
    for hint in _COMMISSION_VERB.finditer(body):
        window = body[max(0, hint.start() - 24):hint.end() + 20]
        for match in _COMMISSIONED.finditer(window):
            stems.add((match.group("party") or match.group("party2") or "").removeprefix("的"))
    stems.discard("")
    if not stems:
        return False
    subjects = [clause.subject for _, _, clause in _public_obligations(doc, structure)]
    return bool(subjects) and all(any(stem in subject for stem in stems) for subject in subjects)


def _obliges_public(doc: Document, structure: Structure) -> tuple[str, int, int, int] | None:
    """The first own clause in which the public must or must not do something: (text, block, start, end)."""
    for text, b, clause in _public_obligations(doc, structure):
        return text, b, clause.start, clause.end
    return None


def _public_obligations(doc: Document, structure: Structure) -> Iterator[tuple[str, int, Clause]]:
    """The own clauses in which the public must or must not do something: (text, block, clause)."""
    for b, block in enumerate(doc.blocks):
        if block.part != "body" or structure.role_at(b, 0) != "own" or not _OBLIGATION.search(block.text):
            continue
        for clause in clauses_of(block.text):
            text = block.text[clause.start:clause.end]
            if clause.actor == "public" and _OBLIGATION.search(text) and not _ATTRIBUTIVE.search(text) \
                    and not _PUBLIC_INSTITUTION.search(clause.subject) and structure.role_at(b, clause.start) == "own":
                yield text, b, clause
