"""Passage roles, quoted instruments, restatements, modes and the structure view, on texts written for them."""
from __future__ import annotations

from click.testing import CliRunner

from normcheck.cli import cli
from normcheck.reader.plain import document_from_text
from normcheck.structure import analyze
from normcheck.structure.view import structure_text

NOTICE = """XX区人民政府关于印发《XX区户外广告设施管理办法》的通知
各街道办事处，区政府各部门：
《XX区户外广告设施管理办法》已经2023年3月1日区政府第12次常务会议审议通过，现印发给你们，请认真贯彻执行。
XX区人民政府
2023年3月10日
XX区户外广告设施管理办法
第一条 为规范户外广告设施设置，制定本办法。
第二条 设置户外广告设施的单位应当按照审批要求设置，并定期检查维护。
第三条 违反第二条规定的，依照《XX市户外广告设施管理办法》第三十条的规定，由城管执法部门责令限期改正；逾期不改正的，处五千元以上三万元以下罚款。
第四条 本办法自2023年5月1日起施行，有效期5年。
附件：相关法律法规条文
《XX市户外广告设施管理办法》
第三十条 违反本办法第十二条规定的，由城管执法部门责令限期改正；逾期不改正的，处五千元以上三万元以下罚款。
第三十一条 户外广告设施存在安全隐患的，由城管执法部门责令限期整改，逾期不整改的，依法强制拆除。"""


def _roles(text: str) -> dict[str, set[str]]:
    doc = document_from_text(text, path="t.txt")
    structure = analyze(doc)
    assert structure.provisions is not None
    out: dict[str, set[str]] = {}
    for b, block in enumerate(doc.blocks):
        for passage in structure.provisions.passages_of(b, len(block.text)):
            out.setdefault(passage.role, set()).add(block.text[passage.start:passage.end][:12])
    return out


def test_roles_of_a_notice_its_norm_and_an_attachment_of_law_excerpts() -> None:
    roles = _roles(NOTICE)
    assert "第二条 设置户外广告设施" in roles["own"]
    assert any(text.startswith("依照《XX市户外") for text in roles["restatement"])
    assert "第三十一条 户外广告设施" in roles["quoted"]
    assert any(text.startswith("《XX区户外广告设施管理") for text in roles["record"])
    assert "XX区人民政府" in roles["signature"]


def test_articles_of_a_quoted_law_are_not_the_documents_own() -> None:
    structure = analyze(document_from_text(NOTICE, path="t.txt"))
    assert [a.number for a in structure.articles] == [1, 2, 3, 4]
    block = next(b for b, blk in enumerate(document_from_text(NOTICE, path="t.txt").blocks)
                 if blk.text.startswith("第三十一条"))
    assert structure.article_label(block) == "附件引用的《XX市户外广告设施管理办法》第三十一条"


def test_a_basis_in_the_first_clause_governs_the_sentence_across_semicolons() -> None:
    text = "第五条 依照《某某条例》第十条的规定，对违规单位处一千元罚款；情节严重的，处五千元罚款。"
    roles = _roles(text)
    assert not any("情节严重" in t for t in roles.get("own", set()))
    generic = "第五条 按照有关法律、法规规定办理登记；未办理的，处一千元罚款。"
    assert any("未办理的" in t for t in _roles(generic)["own"])


def test_a_framework_law_without_an_article_is_not_a_basis() -> None:
    text = "第六条 根据《中华人民共和国行政处罚法》，对违反本办法的，处二千元罚款。"
    assert "restatement" not in _roles(text)


def test_a_sentence_repeating_the_quoted_law_is_a_restatement() -> None:
    repeated = NOTICE.replace("第二条 设置户外广告设施的单位应当按照审批要求设置，并定期检查维护。",
                              "第二条 户外广告设施存在安全隐患的，由城管执法部门责令限期整改，逾期不整改的，依法强制拆除。")
    assert any(t.startswith("第二条 户外广告设施") for t in _roles(repeated)["restatement"])


def test_mode_is_document_for_a_lone_text_and_package_with_a_record() -> None:
    assert analyze(document_from_text(NOTICE)).mode == "document"
    with_record = NOTICE + "\n起草说明\n我局于2023年1月3日至2月3日在区政府网站公开征求意见。"
    assert analyze(document_from_text(with_record)).mode == "package"
    assert analyze(document_from_text(NOTICE), mode="package").mode == "package"


def test_the_structure_view_shows_mode_facts_roles_and_clauses() -> None:
    doc = document_from_text(NOTICE, path="t.txt")
    view = structure_text(doc, analyze(doc))
    assert view.startswith("模式：单份文件（document）")
    assert "成文日期：2023-03-10（印发通知落款" in view
    assert "复述上位规定〔《XX市户外广告设施管理办法》〕" in view
    assert "引用原文" in view and "主体=相对人" in view


def test_dump_structure_on_the_command_line(tmp_path) -> None:
    path = tmp_path / "办法.txt"
    path.write_text(NOTICE, encoding="utf-8")
    result = CliRunner().invoke(cli, ["dump", "--structure", str(path)])
    assert result.exit_code == 0 and "模式：单份文件" in result.output
    result = CliRunner().invoke(cli, ["dump", "--structure", "--mode", "package", str(path)])
    assert "模式：报送材料（package）" in result.output


def test_record_names_are_one_vocabulary_for_structure_and_rules() -> None:
    from normcheck.dsl import load_rules
    from normcheck.structure import headings as h

    library = load_rules().rules[0].library
    for kind in ("起草说明", "合法性审核意见", "备案报告", "征求意见情况"):
        names = set(dict(h._SECTION_HEADINGS)[kind])
        assert names == set(library.lists[f"{kind}名称"]), kind
        for name in names:
            assert h.section_heading(name) == kind and h.file_section(f"{name}.docx") in (kind, None)


def test_a_modal_inside_an_attribute_obliges_no_one() -> None:
    from normcheck.structure.nature import document_nature

    def nature(body: str) -> str | None:
        doc = document_from_text("XX区人民政府关于贯彻落实垃圾分类工作的实施意见\n" + body)
        fact = document_nature(doc, analyze(doc))
        return fact.value if fact is not None else None

    listed = "一、完善制度。制订配套文件，包括宾馆、餐饮服务单位不得主动提供的一次性用品目录。"
    assert nature(listed) == "工作部署"
    obliged = "一、宾馆、餐饮服务单位不得主动提供一次性用品。"
    assert nature(obliged) == "对外"


def test_a_rule_made_with_approval_is_own_text_not_a_record() -> None:
    approved = "第五条 经区政府同意，对新落户的总部企业给予一次性奖励500万元。"
    assert any(text.startswith("第五条 经区政府同意") for text in _roles(approved)["own"])
    reported = "经区政府第12次常务会议审议通过，现将本办法印发给你们。"
    assert any(text.startswith("经区政府第12次") for text in _roles(reported)["record"])


def test_a_policy_document_is_no_basis_to_restate() -> None:
    policy = "第三条 根据《XX区促进产业发展的若干意见》的规定，对在本区注册的企业给予奖励。"
    assert "restatement" not in _roles(policy)
    law = "第三条 根据《XX市促进中小企业发展条例》第十条的规定，对小微企业给予奖励。"
    assert "restatement" in _roles(law)


def test_an_amending_notice_takes_effect_on_its_own_date() -> None:
    text = ("关于修改《XX区停车管理规定》的通知\n各街道办事处：\n现决定对《XX区停车管理规定》作如下修改。\n"
            "本通知自2020年11月1日起施行。\nXX区城管执法局\n2020年10月26日\nXX区停车管理规定\n"
            "第一条 为规范停车秩序，制定本规定。\n第十八条 本规定自2019年7月1日起施行。")
    structure = analyze(document_from_text(text))
    assert structure.effective_date is not None and str(structure.effective_date.value) == "2020-11-01"
    issuing = text.replace("关于修改《XX区停车管理规定》的通知", "关于印发《XX区停车管理规定》的通知")
    assert str(analyze(document_from_text(issuing)).effective_date.value) == "2019-07-01"


TWO_BASES = """XX区市容管理办法
第一条 为加强市容管理，制定本办法。
第二条 违反本办法规定的，按照下列规定处理。
依照《XX市甲条例》第十条的规定，处一千元罚款。
依照《XX市乙条例》第五条的规定，处二千元罚款。
情节严重的，由城管执法部门责令停业整顿。
第三条 本办法自2023年5月1日起施行，有效期5年。
附件：相关法律法规条文
《XX市甲条例》
第十条 违反本条例规定擅自设置户外设施的，由城管执法部门责令改正，处一千元罚款。"""

_SOURCES_OF_ARTICLE_TWO = """
import sys
from normcheck.reader.plain import document_from_text
from normcheck.structure import analyze
doc = document_from_text(sys.stdin.read(), path="t.txt")
passages = analyze(doc).provisions.passages
print(sorted({p.source for b, block in enumerate(doc.blocks) if block.text.startswith(("第二条", "情节"))
              for p in passages.get(b, [])}))
"""


def test_an_article_restating_two_instruments_equally_follows_the_one_named_first() -> None:
    import os
    import subprocess
    import sys

    # A tie once went to whichever instrument a set yielded first, which changes with the hash seed.
    for seed in ("1", "2", "3", "4"):
        run = subprocess.run([sys.executable, "-c", _SOURCES_OF_ARTICLE_TWO], input=TWO_BASES, capture_output=True,
                             text=True, env=dict(os.environ, PYTHONHASHSEED=seed), timeout=120, check=True)
        assert run.stdout.strip() == "['《XX市甲条例》']", seed
