"""What a single line is: an article or chapter heading, a section heading (起草说明…), a title, a 文号,
a 发文机关标志. Each test looks at one block only; the analysis modules decide by position."""
from __future__ import annotations

import re

from normcheck.model import Block
from normcheck.structure.numbers import NUMERAL_CLASS

_N = f"[{NUMERAL_CLASS}]{{1,8}}"

# "第三条" opens an article unless the words after it show a reference: 第三条规定的…, 第三条第二款…
ARTICLE_HEADING = re.compile(
    rf"第[ \u3000]?(?P<n>{_N})[ \u3000]?条"
    r"(?!规定|所|的|第|至|到|、|，|,|和|及|中|款|项|或|与|之|以|明确|要求|提出|已|也|还|同|修改|废止|删除|调整|内容)"
)
DIVISION_HEADING = re.compile(rf"第[ \u3000]?(?P<n>{_N})[ \u3000]?(?P<kind>编|章|节)(?![的规所第至、，和及中])")
_LABEL = re.compile(rf"第[ \u3000]?(?P<n>{_N})[ \u3000]?(?P<kind>条|章|节|编)")

DOC_NUMBER = re.compile(
    r"[\u4e00-\u9fff]{1,14}[ \u3000]?[〔\[［【(（〈<﹝]\s*(?:(?:19|20)[0-9０-９]{2}|[0-9０-９]{2})\s*[〕\]］】)）〉>﹞]"
    r"\s*第?\s*[0-9０-９]{1,5}\s*号"
)

_ENUMERATED = re.compile(rf"^(?:[{NUMERAL_CLASS}]{{1,4}}[、.．]|[（(][{NUMERAL_CLASS}]{{1,4}}[)）]|第{_N}(?:条|章|节|编|部分))")
_RECORD_KINDS = ("起草说明", "合法性审核意见", "备案报告", "征求意见情况")


def _vocabulary(kind: str) -> tuple[str, ...]:
    """The names of one kind of drafting record, declared once in the bundled rules' data
    (rules/data/vocab_<kind>.txt) and shared with the rule packs (list … from "data/vocab_<kind>.txt")."""
    from normcheck.structure.vocab import vocabulary_text

    text = vocabulary_text(kind)
    names = [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]
    # Longest first, so that 合法性审核意见书 is tried before 合法性审核意见.
    return tuple(sorted(names, key=len, reverse=True))


_SECTION_HEADINGS: tuple[tuple[str, tuple[str, ...]], ...] = tuple((kind, _vocabulary(kind)) for kind in _RECORD_KINDS)
_FILE_KEYWORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("起草说明", ("起草说明", "编制说明", "制定说明", "起草情况")),
    ("合法性审核意见", ("合法性审核", "合法性审查", "法制审核", "审核意见", "司法局意见")),
    ("备案报告", ("备案报告", "报送备案", "备案的报告", "备案登记")),
    ("征求意见情况", ("征求意见情况", "意见采纳", "意见汇总", "征求意见的情况", "意见反馈")),
)
EXPLANATORY = frozenset(name for name, _ in _SECTION_HEADINGS)
ATTACHMENT_MARK = re.compile(rf"^附\s*件\s*(?:[{NUMERAL_CLASS}]{{1,3}})?\s*[:：]?$")
ATTACHMENT_TITLED = re.compile(rf"^附\s*件\s*[{NUMERAL_CLASS}]{{0,3}}\s*[:：]\S")

_GENRES = ("办法", "规定", "细则", "规则", "意见", "决定", "通告", "公告", "方案", "规范", "标准", "制度",
           "准则", "规程", "目录", "清单", "措施", "通知", "命令", "令", "批复", "决议", "条例", "守则", "要点")
_TITLE_SUFFIX = re.compile(r"[（(](?:试行|暂行|修订|修订稿|草案|送审稿|征求意见稿|\d{4}年修订)[)）]$")
_NOTICE_TITLE = re.compile(r"关于.{0,90}(?:印发|发布|转发|批转|公布|颁布|修订|修改).{0,90}的(?:通知|决定|通告|公告|令)$")
_ISSUED_NAME = re.compile(r"(?:印发|发布|转发|批转|公布|颁布)(.{2,90})的(?:通知|决定|通告|公告|令)$")
_CLOSING_PUNCTUATION = frozenset("。；，：:;,！？!?")
_SUMMARY_MARK = re.compile(r"[（(](?:摘要|节选|简要|要点|概要)[）)]$")
# The last character of any section heading: that of a name it ends with, or a quotation mark or bracket
# that is stripped before the name is looked for. Other lines are rejected before they are compacted.
_SECTION_LAST_CHARS = frozenset(
    {name[-1] for _, names in _SECTION_HEADINGS for name in names} | set("告况表总") | set("“”\"）)")
)


# No heading, title, banner or 文号 line is longer than this, however it is spaced out; longer text is
# rejected before any work on it, so that one huge paragraph costs nothing here.
MAX_LINE = 300


def compact(text: str) -> str:
    """The text without any white space: headings are often typed 通  知 or 第一章　总则."""
    # str.split() cuts at exactly the characters [\s\u3000] matches, several times faster than re.sub.
    return "".join(text.split())


def is_table_cell(block: Block) -> bool:
    return block.cell is not None


def article_heading(block: Block) -> re.Match[str] | None:
    """The 第N条 that opens this block as an article heading (typed or automatic numbering), or None."""
    if is_table_cell(block):
        return None
    text = block.text.lstrip(" \u3000\t")
    offset = len(block.text) - len(text)
    label = _LABEL.fullmatch(block.label.strip()) if block.label else None
    if label and label.group("kind") == "条":
        return _LABEL.match(block.text, offset) or ARTICLE_HEADING.match(block.text, offset)
    return ARTICLE_HEADING.match(block.text, offset)


def division_heading(block: Block) -> re.Match[str] | None:
    """The 第N章/节/编 that opens a short heading block, or None."""
    if is_table_cell(block):
        return None
    text = block.text.strip()
    if len(text) > 40 or text[-1:] in _CLOSING_PUNCTUATION or "。" in text:
        return None
    offset = len(block.text) - len(block.text.lstrip(" \u3000\t"))
    return DIVISION_HEADING.match(block.text, offset)


def short_line(text: str, limit: int = 80) -> bool:
    """A line that could be a heading: short, not a sentence."""
    if len(text) > MAX_LINE:
        return False
    stripped = compact(text)
    return 0 < len(stripped) <= limit and stripped[-1] not in _CLOSING_PUNCTUATION and "。" not in stripped


def section_heading(text: str) -> str | None:
    """The explanatory section a heading line opens (起草说明, 合法性审核意见, 备案报告, 征求意见情况)."""
    if len(text) > MAX_LINE or text.rstrip()[-1:] not in _SECTION_LAST_CHARS:
        return None
    line = compact(text)
    if not 0 < len(line) <= 60 or line[-1] in _CLOSING_PUNCTUATION or "。" in line:
        return None
    if _ENUMERATED.match(line) or line.startswith("附件"):
        return None
    line = _SUMMARY_MARK.sub("", line.strip("“”\""))
    for name, endings in _SECTION_HEADINGS:
        if line.endswith(endings):
            return name
    if "备案" in line and line.endswith("报告"):
        return "备案报告"
    if ("征求意见" in line or "意见采纳" in line) and line.endswith(("情况", "汇总表", "汇总", "反馈表", "情况表")):
        return "征求意见情况"
    return None


def file_section(name: str) -> str | None:
    """The section a package member file holds, from its file name (起草说明.docx, 合法性审核意见书.docx…)."""
    stem = compact(name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1])
    stem = stem.rsplit(".", 1)[0] if "." in stem else stem
    for section, words in _FILE_KEYWORDS:
        if any(word in stem for word in words):
            return section
    for section, names in _SECTION_HEADINGS:
        if any(name in stem for name in names):
            return section
    if stem.startswith("附件") and not any(genre in stem for genre in ("办法", "规定", "细则")):
        return "附件"
    return None


def is_notice_title(text: str) -> bool:
    """关于印发《…》的通知: a notice that issues the norm printed after it."""
    if len(text) > MAX_LINE:
        return False
    line = compact(text)
    return short_line(line, 120) and bool(_NOTICE_TITLE.search(line))


def is_title(text: str) -> bool:
    """A line shaped like a document title: 关于…的通知, XX区XX管理办法（试行）."""
    if len(text) > MAX_LINE:
        return False
    line = compact(text)
    if not short_line(line, 100) or _ENUMERATED.match(line) or line.startswith("附件"):
        return False
    line = _TITLE_SUFFIX.sub("", line)
    return line.endswith(_GENRES) and len(line) >= 4


def norm_title_of(text: str) -> str | None:
    """The name of the norm a notice title issues: 关于印发《XX办法》的通知 → XX办法 (also without 《》)."""
    if len(text) > 2 * MAX_LINE:
        return None
    line = compact(text)
    start = line.find("《")
    end = line.rfind("》")
    if 0 <= start < end:
        return line[start + 1:end]
    issued = _ISSUED_NAME.search(line)
    return issued.group(1) if issued else None


def is_banner(text: str) -> bool:
    """The 发文机关标志: XX区人民政府文件 (or a joint banner of several organs)."""
    if len(text) > MAX_LINE:
        return False
    line = compact(text)
    return 4 <= len(line) <= 60 and line.endswith("文件") and not any(ch in line for ch in "《》。，：:")


def doc_number_in(text: str) -> re.Match[str] | None:
    """The 文号 on a front-matter line (前政规〔2024〕3号, also with [] ［］ 【】 () （）and 第/leading zeros)."""
    if len(text) > MAX_LINE or len(compact(text)) > 60:
        return None
    return DOC_NUMBER.search(text)


def is_rule_line(text: str) -> bool:
    """A separator, 份号, 密级 or 紧急程度 line of the front matter."""
    if len(text) > MAX_LINE:
        return False
    line = compact(text)
    if not line:
        return True
    if all(ch in "-—─━_=＿·.*★☆" for ch in line):
        return True
    if line.isdigit() and len(line) <= 8:
        return True
    return len(line) <= 12 and any(word in line for word in ("秘密", "机密", "绝密", "特急", "加急", "平急", "特提"))
