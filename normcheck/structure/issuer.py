"""The issuer's type and level from its name: 上海市人民政府 → 政府, 市; 浦东新区人民政府办公室 → 政府办公厅, 区县;
XX镇人民政府 → 乡镇; XX街道办事处 → 街道; 市住房城乡建设管理委 → 部门, 市; 临港新片区管委会 → 管委会.

Towns and street offices are not departments: the law gives them different powers (a street office is the
district government's agency, 地方组织法第八十五条) and different collective-decision forms."""
from __future__ import annotations

import re

from normcheck.structure import headings as h

_TOWN = re.compile(r"(?:镇|乡)(?:人民政府|政府)$|(?:镇|乡)(?:人民政府|政府)?(?:办公室|党委)?$")
_STREET = re.compile(r"街道(?:办事处|办)?$|街道办事处")
# A development-zone committee (临港新片区管理委员会); a commission of a government (建设管理委员会) is a department.
_COMMITTEE = re.compile(r"(?:新区|新片区|开发区|园区|高新区|工业区|保税区|试验区|合作区|示范区|功能区)(?:管理委员会|管委会)$|管委会$|管委$")
_GOVERNMENT = re.compile(r"(?:省|市|区|县|旗|州|盟|自治区|新区)(?:人民)?政府$")
_GOVERNMENT_OFFICE = re.compile(r"(?:人民)?政府(?:办公厅|办公室)$")
_MUNICIPAL = re.compile(r"^(?:[\u4e00-\u9fff]{2,6}市|市)(?!.{0,8}区)")
_COUNTY = re.compile(r"(?:区|县|旗|新区)")


def issuer_type(name: str) -> str | None:
    """One of ISSUER_TYPES for the issuer's name, or None when the name says nothing."""
    line = h.compact(name).strip("（）()")
    if not line:
        return None
    first = re.split(r"[、,，\s]", line)[0] or line
    if _STREET.search(first):
        return "街道"
    if _TOWN.search(first) and "区" not in first[-6:-2]:
        return "乡镇"
    if _GOVERNMENT_OFFICE.search(first):
        return "政府办公厅"
    if _GOVERNMENT.search(first):
        return "政府"
    if _COMMITTEE.search(first):
        return "管委会"
    if first.endswith(("局", "委", "委员会", "办", "办公室", "厅", "中心", "处", "署", "院", "队", "所")):
        return "部门"
    return None


def issuer_level(name: str, kind: str | None) -> str | None:
    """市, 区县 or 乡镇."""
    if kind in ("乡镇", "街道"):
        return "乡镇"
    if kind == "管委会":
        return None  # a zone committee's level is set by the government that created it
    line = h.compact(name)
    if not line:
        return None
    if _COUNTY.search(line[:12]) and not line.startswith(("市", "省")):
        return "区县"
    if _MUNICIPAL.match(line) or line.startswith("市"):
        return "市"
    return None
