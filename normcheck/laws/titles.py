"""Title normalisation: one key for every way a document writes the same instrument's title.

《中华人民共和国行政处罚法》, 《行政处罚法》, 《行政处罚法（2021年修订）》, 《 行政处罚法 》 and
《最高人民法院关于适用〈中华人民共和国行政诉讼法〉的解释》 / 《…适用《行政诉讼法》的解释》 all meet.
"""
from __future__ import annotations

import re
import unicodedata

PREFIX = "中华人民共和国"
_SPACES = re.compile(r"[\s\u3000\u00a0]+")
# A trailing note that is not part of the title: （2019年修正）, （2017年修订本）, （法释〔2015〕9号）,
# （国务院令第588号）, （2021版）.
_NOTE = re.compile(r"\((?:[^()]*\d{4}[^()]*|[^()]*号)\)$")
_INNER = str.maketrans({"〈": "《", "〉": "》", "<": "《", ">": "》", "＜": "《", "＞": "》"})

# Titles of legal instruments that the register may know (the rest — 通知, 意见, 方案, 办法 of a
# department or a local government — are not checked when unknown).
_LEGAL_SUFFIX = re.compile(r"(?:法|法典|条例|实施细则|法实施办法|的解释|的规定|若干规定|的决定|规则)$")
_LAW_SUFFIX = re.compile(r"(?:法|法典|条例|实施细则|法实施办法)$")
_PROVINCES = (
    "北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽", "福建",
    "江西", "山东", "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西", "甘肃", "青海",
    "台湾", "内蒙古", "广西", "西藏", "宁夏", "新疆", "香港", "澳门",
)
_LOCAL = re.compile(r"^(?:" + "|".join(_PROVINCES) + r"|[\u4e00-\u9fff]{2,6}?(?:省|市|自治区|自治州|自治县|县|区|镇|乡|街道|盟))")


def normalize_title(title: str) -> str:
    """The lookup key of ``title``: width-folded, without spaces, without 中华人民共和国 (also inside an
    inner title), 〈〉 read as 《》, and without a trailing version or document-number note."""
    text = unicodedata.normalize("NFKC", title).translate(_INNER)
    text = _SPACES.sub("", text).strip("《》")
    while True:
        stripped = _NOTE.sub("", text)
        if stripped == text:
            break
        text = stripped
    return text.replace(PREFIX, "")


def is_national_law_title(title: str) -> bool:
    """A title that names a national law or regulation (…法, …条例, …实施细则), not a local one: the only
    unknown titles worth a did-you-mean."""
    key = normalize_title(title)
    return bool(_LAW_SUFFIX.search(key)) and not is_local_title(title) and len(key) >= 4


def is_legal_title(title: str) -> bool:
    return bool(_LEGAL_SUFFIX.search(normalize_title(title)))


def is_local_title(title: str) -> bool:
    """A title that starts with a place name (上海市…条例, 浦东新区…办法, 张江镇…办法)."""
    key = normalize_title(title)
    return bool(_LOCAL.match(key))
