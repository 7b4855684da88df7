"""《前进区促进中小微企业高质量发展若干措施》: a folder package with fair-competition defects, a deposit
without legal basis and a decision taken only at the 区长办公会议."""
from __future__ import annotations

from sample_frames import GOV_ADDRESSEES, GOV_CC, GOV_OFFICE, GOVERNMENT, filing_report, imprint, notice, review_opinion
from sample_spec import DocSpec, Expectation, PackageSpec, compose, table

TITLE = "前进区促进中小微企业高质量发展若干措施"
WENHAO = "前政规〔2024〕7号"
HEADER = "前进区人民政府规范性文件"

NORM = """
@ 为了支持本区中小微企业高质量发展，进一步优化营商环境，根据《中华人民共和国中小企业促进法》《优化营商环境条例》等法律、法规，结合本区实际，制定本措施。
@ 本措施适用于在本区依法登记注册、具有独立法人资格且符合国家中小微企业划型标准的企业。
@ 对首次被认定为国家级专精特新“小巨人”企业的，给予一次性奖励50万元；首次被认定为省级专精特新中小企业的，给予一次性奖励20万元。
@ 对年度纳税额超过500万元的企业，按其当年区级财政贡献的50%给予奖励，单个企业每年最高不超过200万元。
@ 区政府投资项目和政府采购项目，在同等条件下优先采购本区企业生产的产品。
@ 入驻区中小企业孵化基地的企业，应当与基地运营单位签订入驻协议，并缴纳10万元履约保证金。
@ 设立区中小企业应急转贷资金，为符合条件的中小微企业提供短期资金周转服务，具体办法由区财政局另行制定。
@ 区工业和信息化局负责本措施的组织实施，区财政局负责资金保障和监督管理。
@ 本措施自2024年7月1日起施行，有效期3年。
"""

MAIN = DocSpec(
    body=compose(
        notice(masthead="前进区人民政府文件", wenhao=WENHAO, issuer=GOVERNMENT, title=TITLE,
               addressees=GOV_ADDRESSEES,
               adoption=f"《{TITLE}》已经2024年6月3日区长办公会议研究同意，现印发给你们，请认真抓好落实。",
               date="2024年6月7日"),
        NORM,
        imprint(cc=GOV_CC, office=GOV_OFFICE, date="2024年6月7日"),
    ),
    title=TITLE, author="区工业和信息化局 吴鹏", created="2024-06-07T09:00:00Z", header=HEADER,
)

DRAFTING = DocSpec(
    body=compose("""
^关于《前进区促进中小微企业高质量发展若干措施》的起草说明
一、制定背景和必要性
本区现有中小微企业3200余户，占企业总数的98%以上。受市场需求不足、融资成本偏高等因素影响，部分企业经营困难。为稳定市场主体、促进产业升级，区工业和信息化局起草了本措施。
二、制定依据
《中华人民共和国中小企业促进法》《优化营商环境条例》以及省、市支持中小企业发展的有关政策。
三、起草过程
（一）调研论证。2024年3月，区工业和信息化局走访企业46户，召开企业座谈会2次，听取了区工商联和行业协会的意见。
（二）征求意见。2024年4月15日至5月20日，区工业和信息化局在区政府门户网站向社会公开征求意见，同时书面征求了区发展和改革局、区财政局、区税务局、区市场监督管理局的意见。共收到意见建议18条，采纳11条，部分采纳3条，未采纳4条，未采纳理由已在区政府门户网站反馈。
""", table(
        ("意见类别", "收到（条）", "采纳（条）", "部分采纳（条）", "未采纳（条）"),
        ("奖励补助", "9", "5", "2", "2"),
        ("融资服务", "6", "4", "1", "1"),
        ("其他", "3", "2", "0", "1"),
    ), """
（三）合法性审核。2024年5月28日，区司法局出具了合法性审核意见书（前司审〔2024〕21号），审核结论为合法。
（四）审议情况。2024年6月3日，区长办公会议研究同意本措施。
四、主要内容
本措施共九条，包括专精特新企业奖励、企业发展奖励、政府采购支持、孵化基地入驻管理和应急转贷服务等内容。
>前进区工业和信息化局
>2024年5月29日
"""),
    title=f"关于《{TITLE}》的起草说明", author="区工业和信息化局 吴鹏", created="2024-05-29T15:30:00Z",
)

REVIEW = DocSpec(
    body=compose(review_opinion(
        number="前司审〔2024〕21号", title=TITLE, sender="区工业和信息化局", received="2024年5月21日",
        findings="""
一、制定主体。区人民政府制定本措施，制定主体适格。
二、内容。本措施属于扶持激励类政策，未设定行政许可、行政处罚和行政强制。
三、程序。起草单位向社会公开征求意见30日以上，听取了企业和行业协会的意见。
""",
        conclusion="审核结论：合法，同意提请区政府常务会议审议。",
        date="2024年5月28日")),
    title=f"关于《{TITLE}》的合法性审核意见书", author="区司法局 郑文", created="2024-05-28T10:00:00Z",
)

FILING = DocSpec(
    body=compose(filing_report(
        number="前政报〔2024〕19号", title=TITLE, wenhao=WENHAO,
        facts="本措施经2024年6月3日区长办公会议研究同意，于2024年6月7日印发，自2024年7月1日起施行，有效期3年，已于2024年6月11日在区政府门户网站“政府信息公开—规范性文件”栏目公布。",
        procedure="起草单位向社会公开征求意见36日；区司法局出具了合法性审核意见书，审核结论为合法；区长办公会议研究同意。",
        attachments="1.正式文本（纸质和电子文本各一份）；2.起草说明；3.合法性审核意见书；4.制定依据目录。",
        date="2024年6月20日")),
    title=f"关于报送《{TITLE}》备案的报告", author="区政府办公室 钱晨", created="2024-06-20T09:00:00Z",
)

PACKAGE = PackageSpec(
    name="sme-support-measures",
    summary="区政府规范性文件文件夹包：正文、起草说明（含意见统计表）、合法性审核意见书、备案报告",
    folder=True,
    files=(("正文.docx", MAIN), ("起草说明.docx", DRAFTING), ("合法性审核意见书.docx", REVIEW),
           ("备案报告.docx", FILING)),
    expected=Expectation(
        rules=frozenset(),
        defects=(
            ("fair-competition", "第四条按区级财政贡献（纳税额）给予奖励"),
            ("fair-competition", "第五条同等条件下优先采购本区企业产品"),
            ("fair-competition", "起草说明没有公平竞争审查的记录，而措施涉及经营者经济活动"),
            ("authority", "第六条要求入驻企业缴纳10万元履约保证金"),
            ("collective-decision", "只经区长办公会议研究，未经区政府常务会议或者全体会议审议"),
        ),
    ),
)
