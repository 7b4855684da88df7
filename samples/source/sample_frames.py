"""Frames shared by the sample packages: the 印发通知 around a norm, its 版记, the 合法性审核意见书 and the
备案报告. Each takes the facts that differ between packages; the wording follows DOMAIN.md §3."""
from __future__ import annotations

GOVERNMENT = "前进区人民政府"
GOV_OFFICE = "前进区人民政府办公室"
GOV_ADDRESSEES = "各街道办事处，区政府各部门，各有关单位："
GOV_CC = "抄送：区委各部门，区人大常委会办公室，区政协办公室，区法院，区检察院。"
UPPER_GOVERNMENT = "江川市人民政府"


def notice(*, masthead: str, wenhao: str, issuer: str, title: str, addressees: str, adoption: str,
           date: str, publicity: str = "（此件公开发布）") -> str:
    """The 印发通知 up to the 附注; ``adoption`` is the 印发语 (where collective deliberation is stated)."""
    return f"""
^{masthead}
^{wenhao}
^{issuer}关于印发《{title}》的通知
{addressees}
{adoption}
>{issuer}
>{date}
{publicity}
^{title}
"""


def imprint(*, cc: str, office: str, date: str) -> str:
    """The 版记 at the end of the printed notice."""
    return f"""
{cc}
{office}　　　　　　{date}印发
"""


def review_opinion(*, number: str, title: str, sender: str, received: str, findings: str, conclusion: str,
                   date: str, reviewer: str = "前进区司法局") -> str:
    """A 合法性审核意见书 as the legal office issues it; ``findings`` is markup for the numbered items."""
    return f"""
^{reviewer}
^关于《{title}》的合法性审核意见书
^{number}
{sender}：
你单位于{received}报送的《{title}（送审稿）》及起草说明、征求意见情况等材料收悉。根据《国务院办公厅关于全面推行行政规范性文件合法性审核机制的指导意见》（国办发〔2018〕115号）等规定，我局对该文件进行了合法性审核，现提出如下意见：
{findings.strip()}
{conclusion}
>{reviewer}
>{date}
"""


def filing_report(*, number: str, title: str, wenhao: str, facts: str, procedure: str, attachments: str,
                  date: str, issuer: str = GOVERNMENT, recipient: str = UPPER_GOVERNMENT) -> str:
    """A 备案报告 to the government one level up."""
    return f"""
^{issuer}关于报送《{title}》备案的报告
^{number}
{recipient}：
根据《中华人民共和国地方各级人民代表大会和地方各级人民政府组织法》第七十五条和规范性文件备案审查的有关规定，现将《{title}》（{wenhao}）报送备案，有关情况报告如下：
一、文件基本情况
{facts.strip()}
二、制定程序履行情况
{procedure.strip()}
三、报送材料
{attachments.strip()}
特此报告。
>{issuer}
>{date}
"""
