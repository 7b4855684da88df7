"""Issuer type and level from the issuer's name."""
from __future__ import annotations

import pytest

from normcheck.structure.issuer import issuer_level, issuer_type


@pytest.mark.parametrize(("name", "kind", "level"), [
    ("上海市人民政府", "政府", "市"),
    ("上海市浦东新区人民政府", "政府", "区县"),
    ("XX区人民政府办公室", "政府办公厅", "区县"),
    ("上海市人民政府办公厅", "政府办公厅", "市"),
    ("上海市住房和城乡建设管理委员会", "部门", "市"),
    ("XX区住房保障和房屋管理局", "部门", "区县"),
    ("上海市宝山区月浦镇人民政府", "乡镇", "乡镇"),
    ("XX区人民政府XX路街道办事处", "街道", "乡镇"),
    ("中国（上海）自由贸易试验区临港新片区管理委员会", "管委会", None),
    ("XX经济开发区管委会", "管委会", None),
])
def test_issuer_type_and_level(name: str, kind: str, level: str | None) -> None:
    assert issuer_type(name) == kind
    assert issuer_level(name, kind) == level


def test_nothing_said_is_none() -> None:
    assert issuer_type("") is None
    assert issuer_type("关于印发的通知") is None
