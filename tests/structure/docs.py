"""Realistic documents for the structure tests (DOMAIN.md §3.1 anatomy)."""
from __future__ import annotations

from normcheck.model import Block, Document
from normcheck.reader.plain import document_from_text

NOTICE_AND_NORM = """\
XX区人民政府文件
前政规〔2020〕1号
XX区人民政府关于印发《XX区物业管理办法》的通知
各街道办事处，区政府各部门，各有关单位：
《XX区物业管理办法》已经2020年12月21日区政府第38次常务会议审议通过，现印发给你们，请认真贯彻执行。
XX区人民政府
2020年12月28日
（此件公开发布）
XX区物业管理办法
第一章 总则
第一条 为了规范物业管理活动，根据《中华人民共和国民法典》《物业管理条例》等法律、法规，结合本区实际，制定本办法。
第二条 本办法适用于本区行政区域内的物业管理活动。
物业管理活动应当遵循公开、公平的原则。
第二章 物业服务
第三条 物业服务企业应当依照《中华人民共和国民法典》第九百三十七条至第九百三十九条的规定提供服务。
第一条规定的事项，由区住房和城乡建设局负责组织实施。
第三章 附则
第四条 本办法由区住房和城乡建设局负责解释。
第五条 本办法自2021年2月1日起施行，有效期5年。
抄送：区委各部门，区人大常委会办公室，区政协办公室。
XX区人民政府办公室 2020年12月28日印发
"""


def text_doc(text: str, path: str = "doc.txt") -> Document:
    return document_from_text(text, path)


def package(files: dict[str, list[str]], path: str = "pkg") -> Document:
    """A filing package: each member file's lines as body blocks remembering their file."""
    blocks = [Block(line, index=i + 1, file=name) for name, lines in files.items() for i, line in enumerate(lines)]
    return Document(path, blocks, files=tuple(files))
