"""Citations: 《…》 with the articles named right after it (第五十二条, 第五十二条第二款第（三）项,
第五十二条、第五十四条, 第五十二条至第五十四条), and laws named without title marks (根据合同法第五十二条)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from normcheck.structure.numbers import NUMERAL_CLASS, parse_chinese_number

_N = f"[{NUMERAL_CLASS}]{{1,8}}"
_REF = rf"第\s?(?P<a>{_N})\s?条(?:第(?P<p>{_N})款)?(?:第[（(]?(?P<i>{_N})[）)]?项)?"
_SEP = r"(?:、|，|,|和|及|以及|与|或者|或|至|到|—|～|~|-)"
_NEXT = _REF.replace("第", "第?", 1).replace("(?P<a>", "(?P<a2>").replace("(?P<p>", "(?P<p2>").replace("(?P<i>", "(?P<i2>")
_RANGE_SEPS = frozenset(("至", "到", "—", "～", "~", "-"))
_MAX_RANGE = 200

_TITLE = re.compile(r"《(?P<law>(?:[^《》\n]|《[^《》\n]{0,100}》){1,200})》")
_INNER_TITLE = re.compile(r"《(?P<law>[^《》\n]{1,100})》")
_CHAIN = re.compile(rf"(?:的)?(?P<chain>{_REF}(?:{_SEP}{_NEXT})*)")
_REF_ITEM = re.compile(rf"(?P<sep>{_SEP})?{_REF.replace('第', '第?', 1)}")

# Laws without title marks: only after a word that introduces a legal basis, and only when an article
# or 的规定 follows, so that 劳动法律法规 or 合同法律关系 are not read as laws.
_BARE = re.compile(
    r"(?:根据|依据|依照|按照|参照|违反|适用|对照|执行|^|(?<=[，。；：、,;:\s]))"
    r"(?P<law>(?:中华人民共和国)?[\u4e00-\u9fff]{1,20}?(?:法|条例|通则|总则))"
    rf"(?=的(?:有关|相关)?规定|{_REF})"
)

# 本办法第三条 or 依法 are not the names of laws.
_NOT_A_LAW_START = ("本", "该", "上述", "此", "前款", "依法", "违法")
_NOT_A_LAW_END = ("办法", "方法", "做法", "依法", "违法", "合法", "非法", "执法", "立法", "司法", "用法",
                  "说法", "看法", "想法", "手法", "章法", "规则")


@dataclass(frozen=True, slots=True)
class CitationSpan:
    """A citation found in one text: offsets are within that text."""

    law: str
    articles: tuple[int, ...]
    start: int
    end: int
    paragraph: int | None = None
    item: int | None = None


def find_citations(text: str) -> list[CitationSpan]:
    """Every 《…》 in ``text``, each with the article numbers written right after it (empty if none).
    A title that is not a law (《关于…的通知》) is still a citation, with no articles."""
    found: list[CitationSpan] = []
    for match in _TITLE.finditer(text):
        articles, paragraph, item, end = _articles_after(text, match.end())
        found.append(CitationSpan(match.group("law").strip(), articles, match.start(), end, paragraph, item))
        # A title inside a title (《关于适用《中华人民共和国合同法》若干问题的解释》) cites that law too.
        for inner in _INNER_TITLE.finditer(text, match.start() + 1, match.end() - 1):
            found.append(CitationSpan(inner.group("law").strip(), (), inner.start(), inner.end()))
    found.sort(key=lambda c: (c.start, -c.end))
    return found


def find_bare_citations(text: str) -> list[CitationSpan]:
    """Laws named without 《》 after 根据/依照/违反…: 根据合同法第五十二条, 依照担保法的规定."""
    found: list[CitationSpan] = []
    for match in _BARE.finditer(text):
        law = match.group("law")
        if law.startswith(_NOT_A_LAW_START) or law.endswith(_NOT_A_LAW_END) or len(law) < 2:
            continue
        articles, paragraph, item, end = _articles_after(text, match.end("law"))
        found.append(CitationSpan(match.group("law"), articles, match.start("law"), end, paragraph, item))
    return found


def _articles_after(text: str, position: int) -> tuple[tuple[int, ...], int | None, int | None, int]:
    chain = _CHAIN.match(text, position)
    if chain is None:
        return (), None, None, position
    articles: list[int] = []
    paragraph: int | None = None
    item: int | None = None
    for ref in _REF_ITEM.finditer(chain.group("chain")):
        try:
            number = parse_chinese_number(ref.group("a"))
        except ValueError:
            break
        if not articles:
            paragraph = _optional_number(ref.group("p"))
            item = _optional_number(ref.group("i"))
        if ref.group("sep") in _RANGE_SEPS and articles and 0 < number - articles[-1] <= _MAX_RANGE:
            articles.extend(range(articles[-1] + 1, number + 1))
        elif number not in articles:
            articles.append(number)
    return tuple(articles), paragraph, item, chain.end()


def _optional_number(s: str | None) -> int | None:
    if s is None:
        return None
    try:
        return parse_chinese_number(s)
    except ValueError:
        return None
