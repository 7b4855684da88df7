"""A validity period over the general ceiling (一般不超过5年) is lawful when the drafting unit states its reason in
the drafting explanation (上海市行政规范性文件制定和备案规定（沪府令第26号）第二十六条: 需要超过5年的，制定机关
应当在起草说明中载明理由). So the ceiling is an error only in a filing package whose 起草说明 gives no reason; on a
published text alone it is a prompt to check the 起草说明. Sentences written for these tests."""
from __future__ import annotations

from functools import lru_cache
from typing import Any

import pytest

from normcheck.engine import check_document
from normcheck.reader.plain import document_from_text
from normcheck.structure import analyze

TEXT = ("XX区人民政府关于印发《XX区光伏发电扶持办法》的通知\n前政规〔2021〕2号\n各街道办事处，区政府各部门：\n"
        "现将办法印发给你们。\nXX区人民政府\n2021年1月20日\n第二十条 本办法自2021年2月1日起施行，有效期8年。\n")


@lru_cache(maxsize=1)
def bundled() -> Any:
    from normcheck.dsl import load_rules

    return load_rules()


def findings(text: str, mode: str) -> dict[str, str]:
    doc = document_from_text(text, path="doc.txt")
    return {f.rule: f.severity for f in check_document(doc, bundled(), analyze(doc, mode=mode))
            if f.rule in ("FILE-009", "FILE-022")}


@pytest.mark.parametrize("explanation", [
    "起草说明\n关于有效期：扶持对象可连续5年享受度电奖励，有效期需覆盖奖励期，故设定为8年。",
    "起草说明\n考虑到2023年底前并网的项目可享受连续5年奖励，本办法有效期确定为8年。",
    "起草说明\n本办法有效期超过5年的理由是：奖励兑付周期较长。",
])
def test_a_stated_reason_in_the_drafting_explanation_allows_a_longer_period(explanation: str) -> None:
    assert findings(TEXT + explanation, "package") == {}


@pytest.mark.parametrize("explanation", [
    "起草说明\n本办法共二十条，有效期8年。",
    "起草说明\n鉴于情况紧急，本办法自印发之日起施行。",
    "起草说明\n起草过程中通过区政府网站公开征求意见，期限30日。",
])
def test_without_a_reason_the_longer_period_is_an_error(explanation: str) -> None:
    assert findings(TEXT + explanation, "package") == {"FILE-009": "error"}


def test_a_published_text_alone_gets_a_prompt_to_check_the_explanation() -> None:
    assert findings(TEXT, "document") == {"FILE-022": "info"}
    assert findings(TEXT.replace("有效期8年", "有效期5年"), "document") == {}
