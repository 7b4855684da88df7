"""《前进区校外培训机构管理办法》: a folder package that creates an approval and extra certificates, was
only planned to go out for public comment and had its legality review after the deliberation."""
from __future__ import annotations

from sample_frames import (
    GOV_ADDRESSEES,
    GOV_CC,
    GOV_OFFICE,
    GOVERNMENT,
    filing_report,
    imprint,
    notice,
    review_opinion,
)
from sample_spec import DocSpec, PackageSpec, compose

TITLE = "前进区校外培训机构管理办法"
WENHAO = "前政规〔2024〕8号"
HEADER = "前进区人民政府规范性文件"

NORM = """
# 总则
@ 为了规范本区校外培训机构的培训行为，维护中小学生和家长的合法权益，根据《中华人民共和国教育法》《中华人民共和国民办教育促进法》等法律、法规，结合本区实际，制定本办法。
@ 本办法所称校外培训机构，是指面向中小学生和3至6周岁学龄前儿童开展非学科类培训的社会组织和企业。
@ 区教育局负责本区校外培训机构的统筹管理；区文化广电和旅游局、区体育局、区科学技术局按照职责分工，分别负责文化艺术类、体育类、科技类校外培训机构的监督管理；区市场监督管理局负责培训收费、广告等方面的监督管理。
# 设立
@ 在本区开办非学科类校外培训机构，除依照有关规定办理登记外，还须经所在街道办事处审核同意后方可开展培训活动。
@ 申请人除提交有关规定要求的材料外，还应当提交所在社区出具的无违法犯罪证明和培训场所的房屋产权证明。
# 培训行为
@ 校外培训机构应当遵守下列规定：
- 培训时间不得与中小学教学时间相冲突，线下培训结束时间不得晚于20:30；
- 不得超出登记的培训范围开展培训；
- 一次性收取费用的时间跨度不得超过3个月或者60课时；
- 预收费按照国家和省有关规定纳入资金监管。
@ 校外培训机构应当与学员或者其监护人签订培训服务合同，鼓励使用国家有关部门发布的合同示范文本。
@ 区教育局会同有关部门建立校外培训机构信息公示制度，定期向社会公布培训机构的登记、资金监管等信息。
# 附则
@ 本办法自2024年8月1日起施行，有效期5年。
"""

MAIN = DocSpec(
    body=compose(
        notice(masthead="前进区人民政府文件", wenhao=WENHAO, issuer=GOVERNMENT, title=TITLE,
               addressees=GOV_ADDRESSEES,
               adoption=f"《{TITLE}》已经2024年6月14日区政府第31次常务会议审议通过，现印发给你们，请认真贯彻执行。",
               date="2024年6月24日"),
        NORM,
        imprint(cc=GOV_CC, office=GOV_OFFICE, date="2024年6月24日"),
    ),
    title=TITLE, author="区教育局 冯雪", created="2024-06-24T09:45:00Z", header=HEADER,
)

DRAFTING = DocSpec(
    body=compose("""
^关于《前进区校外培训机构管理办法》的起草说明
一、制定背景和必要性
“双减”政策实施以来，本区学科类校外培训得到有效治理，但非学科类培训机构数量增长较快，部分机构存在安全隐患、超前收费、退费难等问题，需要建立常态化管理制度。
二、起草过程
（一）调研。2024年4月，区教育局会同区市场监督管理局对全区87家非学科类培训机构开展了摸底调查。
（二）征求意见。区教育局书面征求了区文化广电和旅游局、区体育局、区科学技术局、区市场监督管理局和各街道办事处的意见，各单位均无异议。下一步，拟通过区政府门户网站向社会公开征求意见。
（三）公平竞争审查。区教育局会同区市场监督管理局开展了公平竞争审查。经审查，本办法不含有限制市场准入和退出、限制商品要素自由流动、影响生产经营成本和生产经营行为的内容。
（四）合法性审核。2024年6月20日，区司法局出具了合法性审核意见书（前司审〔2024〕23号），审核结论为合法。
三、主要内容
本办法共四章九条，规定了管理职责、机构设立、培训行为规范和信息公示等内容。
>前进区教育局
>2024年6月21日
"""),
    title=f"关于《{TITLE}》的起草说明", author="区教育局 冯雪", created="2024-06-21T16:00:00Z",
)

REVIEW = DocSpec(
    body=compose(review_opinion(
        number="前司审〔2024〕23号", title=TITLE, sender="区教育局", received="2024年6月11日",
        findings="""
一、制定主体。区人民政府制定本办法，制定主体适格。
二、内容。本办法对校外培训机构的培训行为作出规范，与《中华人民共和国民办教育促进法》的规定相衔接。
三、程序。起草单位征求了有关部门的意见，开展了公平竞争审查。
""",
        conclusion="审核结论：合法。",
        date="2024年6月20日")),
    title=f"关于《{TITLE}》的合法性审核意见书", author="区司法局 郑文", created="2024-06-20T17:00:00Z",
)

FILING = DocSpec(
    body=compose(filing_report(
        number="前政报〔2024〕22号", title=TITLE, wenhao=WENHAO,
        facts="本办法经2024年6月14日区政府第31次常务会议审议通过，于2024年6月24日印发，自2024年8月1日起施行，有效期5年，已于2024年6月26日在区政府门户网站“政府信息公开—规范性文件”栏目公布。",
        procedure="起草单位开展了调研和部门征求意见；区教育局会同区市场监督管理局开展了公平竞争审查；区司法局出具了合法性审核意见书；经区政府常务会议审议通过。",
        attachments="1.正式文本（纸质和电子文本各一份）；2.起草说明；3.合法性审核意见书；4.常务会议纪要（摘要）。",
        date="2024年7月5日")),
    title=f"关于报送《{TITLE}》备案的报告", author="区政府办公室 钱晨", created="2024-07-05T09:00:00Z",
)

PACKAGE = PackageSpec(
    name="training-institutions",
    summary="区政府规范性文件文件夹包：正文（四章九条）、起草说明、合法性审核意见书、备案报告",
    folder=True,
    files=(("正文.docx", MAIN), ("起草说明.docx", DRAFTING), ("合法性审核意见书.docx", REVIEW),
           ("备案报告.docx", FILING)),
    defects=(
        ("authority", "第四条须经街道办事处审核同意后方可开展培训活动（设定许可）"),
        ("authority", "第五条要求提交社区出具的无违法犯罪证明等法定以外材料"),
        ("consultation", "只征求了部门意见，公开征求意见只是“拟”进行"),
        ("legality-review", "合法性审核意见书（2024年6月20日）晚于常务会议（2024年6月14日）"),
    ),
)
