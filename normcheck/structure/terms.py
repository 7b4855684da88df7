"""施行日期 and 有效期, read from the norm's closing articles (附则).

effective_rule values: "date" (自2021年2月1日起施行, 有效期为2021年2月1日至…), "on-issue" (自印发之日起施行),
"on-approval" (自批准之日起实施), "on-publication"
(自发布/公布之日起施行), "days-after:N" / "workdays-after:N" / "months-after:N" (自发布之日起30日后施行).
When several statements are found, the last one about the document itself (本办法/本规定…) wins.
"""
from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from normcheck.model import Document
from normcheck.structure.dates import add_months, find_dates, find_durations
from normcheck.structure.facts import Fact
from normcheck.structure.numbers import NUMERAL_CLASS, parse_chinese_number

_TAKES_EFFECT = r"(?:正式)?(?:施行|实施|执行|生效|试行|实行)"
_RELATIVE = re.compile(
    r"(?:自|从)(?P<event>印发|发布|公布|颁布|签发|下发|发文|公开发布|批准|通过|审议通过)之日起"
    rf"(?:(?P<n>[{NUMERAL_CLASS}]{{1,9}})(?P<unit>个工作日|工作日|日|天|个月)(?:后|之后|以后))?"
    rf"起?{_TAKES_EFFECT}"
)
_ON_DATE = re.compile(rf"[ \u3000]*(?:零时)?(?P<from>起|开始)?[ \u3000]*{_TAKES_EFFECT}")
_VALIDITY = re.compile(r"(?:有效期|试行期|试行|暂行)限?(?:为|是|暂定为?|定为|设定为|[:：])?[ \u3000]*")
_VALIDITY_START = re.compile(r"[ \u3000]*(?:自|从)?[ \u3000]*")
_EXPIRES = re.compile(r"[ \u3000]*(?:止|起)?[ \u3000]*(?:自行|自动)?(?:失效|废止|终止)")
_UNTIL = re.compile(r"(?:至|到|截至|截止(?:到|至|日期为|于)?)[ \u3000]*")
_EVENTS = {"印发": "on-issue", "签发": "on-issue", "下发": "on-issue", "发文": "on-issue",
           "发布": "on-publication", "公布": "on-publication", "颁布": "on-publication", "公开发布": "on-publication",
           "批准": "on-approval", "通过": "on-approval", "审议通过": "on-approval"}
_UNITS = {"个工作日": "workdays", "工作日": "workdays", "日": "days", "天": "days", "个月": "months"}
_SELF = "本"  # 本办法/本规定/本意见/本通知: the document speaking of itself
_SENTENCE_START = "。；;！？\n"
_SENTENCE_REACH = 200
_Statement = tuple[bool, Fact | None, Fact | None]  # (about the document itself, fact, fact)


@dataclass(slots=True)
class Terms:
    effective_date: Fact | None = None
    effective_rule: Fact | None = None
    validity: Fact | None = None
    validity_end: Fact | None = None


def find_terms(doc: Document, positions: list[int], issue: Fact | None) -> Terms:
    """Read backwards from the end of the norm: the 附则 is last, so the search usually stops early."""
    terms = Terms()
    effective = _last_statement(doc, positions, ("施行", "实施", "生效", "执行", "试行", "实行", "有效期"),
                                _effective)
    if effective is not None:
        terms.effective_rule, date = effective
        terms.effective_date = date if date is not None else _relative_date(terms.effective_rule, issue)
    validity = _last_statement(doc, positions, ("有效期", "试行期", "试行", "暂行", "失效", "废止"), _validity)
    if validity is not None:
        terms.validity, terms.validity_end = validity
    return terms


def _last_statement(doc: Document, positions: list[int], words: tuple[str, ...],
                    read: Callable[[str, int], list[_Statement]]) -> tuple[Fact | None, Fact | None] | None:
    """The last statement about the document itself, else the last statement of any kind."""
    fallback: tuple[Fact | None, Fact | None] | None = None
    for position in reversed(positions):
        text = doc.blocks[position].text
        if not any(word in text for word in words) or (fallback is not None and _SELF not in text):
            continue
        candidates = read(text, position)
        for about_itself, first, second in reversed(candidates):
            if about_itself:
                return first, second
            anchor = first or second
            if fallback is None and anchor is not None and not _about_other(text, anchor.start):
                fallback = (first, second)
    return fallback


# The period of something other than the document: a certificate, a licence, a contract, a bid, a subsidy.
_OTHER_OBJECT = re.compile(
    r"(?:证|证书|证件|证明|执照|许可|批准文件|批复|合同|协议|投标|报价|标书|保函|担保|保证金|押金|资格|资质|名单|目录库|入库|备案|"
    r"意见书|承诺|决定书|凭证|卡|牌|标志|补贴|补助|奖励|资金|项目|计划|方案|规划|指标|额度|贷款|保险|预约|申请|结果|"
    r"公示|认定|评价|评估|报告|检测|鉴定)(?:的)?$"
)


def _about_other(text: str, at: int) -> bool:
    """Whether the statement at ``at`` is about another instrument named right before it (证书有效期…)."""
    floor = max(at - 20, 0)
    clause_start = max(text.rfind(mark, floor, at) for mark in _SENTENCE_START + "，,") + 1
    lead = text[max(clause_start, floor):at].rstrip(" \u3000")
    lead = re.sub(r"(?:有效期|试行期)限?$", "", lead)
    if _OTHER_OBJECT.search(lead):
        return True
    # The sentence's own subject: 许可证自颁发之日起生效，有效期至… speaks of the licence throughout.
    reach = max(at - _SENTENCE_REACH, 0)
    sentence_start = max(text.rfind(mark, reach, at) for mark in _SENTENCE_START) + 1
    sentence = re.sub(r"^[ \u3000]*(?:第[^条]{1,8}条[ \u3000]*)?", "", text[max(sentence_start, reach):at])
    subject = re.match(r"[^，,。；自从由经在于的]{1,12}?(?=自|从|由|经|在|于|的|有效期|，|,)", sentence)
    return bool(subject and _SELF not in subject.group(0) and _OTHER_OBJECT.search(subject.group(0)))


def _effective(text: str, position: int) -> list[_Statement]:
    found: list[tuple[int, bool, Fact, Fact | None]] = []
    for match in _RELATIVE.finditer(text):
        value = _EVENTS[match.group("event")]
        if match.group("n"):
            try:
                amount = parse_chinese_number(match.group("n"))
            except ValueError:
                continue
            value = f"{_UNITS[match.group('unit')]}-after:{amount}"
        rule = Fact(value, match.group(0), position, match.start(), match.end())
        found.append((match.start(), _about_itself(text, match.start()), rule, None))
    for date, start, end in find_dates(text):
        tail = _ON_DATE.match(text, end)
        introduced = start > 0 and text[start - 1] in "自从于"
        # 自2021年2月1日施行 needs no 起, but a bare "2021年2月1日实施的…" is another text's date.
        if tail is None or not (tail.group("from") or introduced):
            continue
        begin = start - 1 if introduced else start
        span = text[begin:tail.end()]
        rule = Fact("date", span, position, begin, tail.end())
        found.append((begin, _about_itself(text, begin), rule, Fact(date, span, position, begin, tail.end())))
    # 有效期为2020年11月1日至2025年5月31日 / 有效期自2025年8月25日起至…止: the period starts on its first day.
    for match in _VALIDITY.finditer(text):
        opening = _VALIDITY_START.match(text, match.end())
        if opening is None:
            continue
        dates = find_dates(text[opening.end():opening.end() + 16])
        if not dates or dates[0][1] != 0:
            continue
        date, _, length = dates[0]
        begin, end = opening.end(), opening.end() + length
        rest = text[end:end + 4]
        if not _UNTIL.match(rest.lstrip("起开始")):
            continue
        rule = Fact("date", text[match.start():end], position, match.start(), end)
        found.append((match.start(), _about_itself(text, match.start()), rule, Fact(date, text[begin:end], position,
                                                                                      begin, end)))
    found.sort(key=lambda item: item[0])
    return [(preferred, rule, date) for _, preferred, rule, date in found]


def _validity(text: str, position: int) -> list[_Statement]:
    found: list[_Statement] = []
    # 本办法自2023年5月1日起实施，2028年4月30日失效
    for date, start, end in find_dates(text):
        expires = _EXPIRES.match(text, end)
        if expires is not None:
            found.append((_about_itself(text, start), None, Fact(date, text[start:expires.end()], position, start,
                                                                  expires.end())))
    for match in _VALIDITY.finditer(text):
        at = match.end()
        window = text[at:at + 40]
        durations = find_durations(window[:12])
        length = None
        if durations and durations[0][1] == 0:
            duration, start, end = durations[0]
            length = Fact(duration, window[start:end], position, at + start, at + end)
        end_fact = _validity_end(window, at, position)
        if length is not None or end_fact is not None:
            found.append((_about_itself(text, match.start()), length, end_fact))
    return found


def _validity_end(window: str, at: int, position: int) -> Fact | None:
    """有效期至2025年12月31日, 有效期自2021年1月1日至2025年12月31日, 有效期5年（至2025年12月31日）."""
    dates = find_dates(window)
    for date, start, end in dates:
        lead = window[:start]
        if _UNTIL.search(lead[-6:]) and (start <= 12 or lead.startswith("自")):
            return Fact(date, window[start:end], position, at + start, at + end)
    return None


def _about_itself(text: str, at: int) -> bool:
    """本办法/本规定… written earlier in the same sentence (looking back a bounded stretch only)."""
    floor = max(at - _SENTENCE_REACH, 0)
    sentence_start = max(text.rfind(mark, floor, at) for mark in _SENTENCE_START) + 1
    return _SELF in text[max(sentence_start, floor):at]


def _relative_date(rule: Fact | None, issue: Fact | None) -> Fact | None:
    """The effective date implied by 自印发之日起… once the issue date is known."""
    if rule is None or issue is None or not isinstance(issue.value, _dt.date):
        return None
    value = str(rule.value)
    kind, _, amount = value.partition("-after:")
    try:
        if value in ("on-issue", "on-publication"):
            day = issue.value
        elif kind == "days":
            day = issue.value + _dt.timedelta(days=int(amount))
        elif kind == "workdays":
            day = _add_workdays(issue.value, int(amount))
        elif kind == "months":
            day = add_months(issue.value, int(amount))
        else:
            return None
    except (OverflowError, ValueError):
        return None  # a term beyond the calendar (自发布之日起99999999日后) has no date
    return Fact(day, rule.text, rule.block, rule.start, rule.end)


def _add_workdays(day: _dt.date, count: int) -> _dt.date:
    """Monday to Friday only: public holidays are not known here, so the result may be a few days early."""
    weeks, rest = divmod(count, 5)
    if weeks > 1:
        # Whole weeks keep the weekday; step from a weekday so that the last week lands on one.
        while day.weekday() >= 5:
            day -= _dt.timedelta(days=1)
        day += _dt.timedelta(weeks=weeks)
    else:
        rest = count
    while rest:
        day += _dt.timedelta(days=1)
        if day.weekday() < 5:
            rest -= 1
    return day

