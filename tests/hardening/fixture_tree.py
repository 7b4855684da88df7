"""A small tree of real inputs: single files, a filing-package folder, text inputs, a broken file, a
configuration and a rule pack, and a way to hash it."""
from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"

CONFIG = """\
exclude = ["~$*"]
fail-on = "warning"

[severity]
"FILE-001" = "info"

[[waivers]]
path = "rental-housing-interim.docx"
rule = "civil-code"
reason = "测试用豁免"
"""

RULES = """\
tags tiny-test

rule TINY-001 "设定罚款" {
  severity error
  tags tiny-test
  basis "《中华人民共和国行政处罚法》第十六条"
  message "{article}设定了罚款：{match}"
  fix "删除罚款规定"
  forbid "罚款" in each sentence
  example fail "违者处以罚款。"
  example pass "不得以其他方式代替管理。"
}
"""


def build_tree(root: Path) -> Path:
    """``root/tree`` with documents of every kind normcheck reads, plus config and rules."""
    tree = root / "tree"
    tree.mkdir(parents=True)
    for name in ("parking-measures.docx", "rental-housing-interim.docx"):
        shutil.copy(SAMPLES / name, tree / name)
    shutil.copytree(SAMPLES / "temporary-assistance", tree / "临时救助" / "报送材料")
    (tree / "notes.txt").write_text("前进区停车管理办法\n第一条 违反本办法的，处5000元罚款。\n", encoding="utf-8")
    (tree / "draft.md").write_text("# 养犬管理规定\n\n第一条 为了规范养犬行为，制定本规定。\n", encoding="utf-8")
    (tree / "gbk.txt").write_bytes("第一条 本办法自2024年1月1日起施行。\n".encode("gb18030"))
    (tree / "broken.docx").write_bytes(b"PK\x03\x04 this is not really a zip file")
    (tree / "normcheck.toml").write_text(CONFIG, encoding="utf-8")
    (tree / "tiny.rules").write_text(RULES, encoding="utf-8")
    return tree


def snapshot(tree: Path) -> dict[str, str]:
    """Relative path → sha256 of every file below ``tree``."""
    return {p.relative_to(tree).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(tree.rglob("*")) if p.is_file()}

