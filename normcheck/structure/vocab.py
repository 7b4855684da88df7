"""The fixed words of the provision layer that rule files may name: passage roles, modes, clause frames and
issuer types. Kept apart so that the rule language can check names without loading the analysis."""
from __future__ import annotations

ROLES = ("own", "quoted", "restatement", "record", "heading", "signature")
MODES = ("document", "package")
FRAMES = ("政府付费", "私人之间", "自主选择", "资格后果", "政府行为", "上位设定")
# 发文机关类型: 人民政府, its 办公厅/办公室, a department (局、委、办), a town (乡镇) or street office (街道), a
# development-zone committee (管委会).
ISSUER_TYPES = ("政府", "政府办公厅", "部门", "乡镇", "街道", "管委会")
ISSUER_LEVELS = ("市", "区县", "乡镇")
# The sections the structure stage produces (正文 and its notice, attachments, drafting records).
SECTION_NAMES = ("印发通知", "正文", "附件", "起草说明", "合法性审核意见", "备案报告", "征求意见情况")


def vocabulary_text(kind: str) -> str:
    """The word list rules/data/vocab_<kind>.txt of the bundled rules."""
    from normcheck.bundled import bundled_rules_dir

    return (bundled_rules_dir() / "data" / f"vocab_{kind}.txt").read_text(encoding="utf-8")
