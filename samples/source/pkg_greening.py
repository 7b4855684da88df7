"""《前进区城市绿化管理规定》: a document issued without deliberation or consultation, with a malformed
文号, an effective date before the issue date and no validity period."""
from __future__ import annotations

from sample_frames import GOV_CC, GOV_OFFICE, GOVERNMENT, imprint, notice
from sample_spec import DocSpec, PackageSpec, compose

TITLE = "前进区城市绿化管理规定"

NORM = """
@ 为了促进本区城市绿化事业发展，改善生态环境和人居环境，根据《城市绿化条例》等法规，结合本区实际，制定本规定。
@ 本规定适用于本区城市规划区内城市绿化的规划、建设、保护和管理。
@ 区城市管理局是本区城市绿化行政主管部门。区自然资源局、区住房和城乡建设局等部门按照各自职责做好城市绿化相关工作。
@ 新建、改建、扩建工程项目的附属绿化工程设计方案，应当符合城市绿化规划和国家、省有关标准，绿地率不得低于规定的标准。
@ 任何单位和个人不得擅自占用城市绿地。因建设或者其他特殊需要临时占用城市绿地的，依照《城市绿化条例》的规定办理。
@ 砍伐、迁移城市树木，依照《城市绿化条例》和省有关规定办理。
@ 鼓励单位和个人通过认建认养、捐资捐物等方式参与城市绿化建设和养护。
@ 本规定自2024年3月1日起施行。
"""

DRAFTING_NOTE = """
^关于《前进区城市绿化管理规定》的起草说明
一、制定背景
本区现有城市绿地面积386公顷，建成区绿化覆盖率38.2%。近年来擅自占用绿地、随意砍伐树木等问题时有发生，需要进一步明确管理要求。
二、起草过程
2023年11月起，区城市管理局组织开展调研，梳理了本区城市绿化管理中存在的问题，在此基础上形成了送审稿。
2024年2月20日，区司法局对送审稿进行了合法性审核，出具了合法性审核意见书（前司审〔2024〕6号），审核结论为合法。
经公平竞争审查，本规定不涉及经营者的经济活动。
下一步，本规定拟提请区政府常务会议审议。
三、主要内容
本规定共八条，明确了城市绿化的管理职责、附属绿化工程要求、绿地保护和树木砍伐迁移的办理要求。
>前进区城市管理局
>2024年2月26日
"""

DOCUMENT = DocSpec(
    body=compose(
        notice(masthead="前进区人民政府文件", wenhao="前政规[2024]第4号", issuer=GOVERNMENT, title=TITLE,
               addressees="各街道办事处，区政府各部门：",
               adoption=f"现将《{TITLE}》印发给你们，请认真贯彻执行。", date="2024年3月15日"),
        NORM,
        imprint(cc=GOV_CC, office=GOV_OFFICE, date="2024年3月15日"),
        DRAFTING_NOTE,
    ),
    title=TITLE, author="区城市管理局 陈刚", created="2024-03-15T16:05:00Z", header="前进区人民政府规范性文件",
)

PACKAGE = PackageSpec(
    name="greening-regulations.docx",
    summary="区政府规范性文件单文件包（不分章）：印发通知 + 规定 + 起草说明",
    files=(("greening-regulations.docx", DOCUMENT),),
    defects=(
        ("filing", "文号“前政规[2024]第4号”用方括号并带“第”"),
        ("filing", "施行日期2024年3月1日早于成文日期2024年3月15日"),
        ("filing", "未规定有效期"),
        ("consultation", "起草说明没有任何征求意见的记录"),
        ("collective-decision", "只有“拟提请区政府常务会议审议”，印发通知未写明审议情况"),
    ),
)
