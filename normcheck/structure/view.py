"""``normcheck dump --structure``: what normcheck understood — the mode, the filing facts with where each came
from, the typed parts, quoted instruments, articles, and every paragraph with the role of each passage and,
for the document's own provisions, its clauses with their actor and frames."""
from __future__ import annotations

from typing import Any

from normcheck.model import Document
from normcheck.reader.dump import dump_line
from normcheck.structure.clauses import clauses_of
from normcheck.structure.facts import FACT_LABELS, Fact, Structure

ROLE_NAMES = {"own": "本文规定", "quoted": "引用原文", "restatement": "复述上位规定", "record": "起草记录",
              "heading": "标题", "signature": "版头落款"}
MODE_NAMES = {"document": "单份文件（document）", "package": "报送材料（package）"}
ACTOR_NAMES = {"administration": "行政机关", "public": "相对人", "unknown": "未识别"}

def structure_text(doc: Document, structure: Structure) -> str:
    lines: list[str] = []
    provisions = structure.provisions
    if provisions is not None:
        lines.append(f"模式：{MODE_NAMES.get(provisions.mode, provisions.mode)}——{provisions.mode_reason}")
    lines.append("要素：")
    for name, label in FACT_LABELS.items():
        if name == "mode":
            continue
        fact = getattr(structure, name)
        lines.append(f"  {label}：{_fact(doc, fact, structure.provenance.get(name, ''))}")
    if provisions is not None and provisions.parts:
        lines.append("组成部分：")
        for part in provisions.parts:
            signed = "、".join(x for x in (part.issuer or "", _value(part.date.value) if part.date else "") if x)
            typed = "按文件名" if part.typed_by == "file name" else "按内容"
            lines.append(f"  {part.kind}：{_paragraphs(doc, part.block_start, part.block_end)}（{typed}识别）"
                         + (f"，落款：{signed}" if signed else ""))
    if provisions is not None and provisions.quoted:
        lines.append("引用的其他文件原文：")
        for region in provisions.quoted:
            source = f"《{region.source}》" if region.source else "法律法规条文"
            lines.append(f"  {region.where}：{source}，{_paragraphs(doc, region.block_start, region.block_end)}")
    lines.append(f"条文：{len(structure.articles)} 条" + (f"（{structure.articles[0].label}至"
                                                      f"{structure.articles[-1].label}）" if structure.articles else ""))
    lines.append("段落：")
    for b, block in enumerate(doc.blocks):
        if block.part != "body":
            continue
        lines.extend(_block_lines(block.index, block.text, b, structure))
    return "".join(line + "\n" for line in lines)


def _block_lines(index: int, text: str, b: int, structure: Structure) -> list[str]:
    provisions = structure.provisions
    if provisions is None:
        return [f"[{index}] {dump_line(text)}"]
    passages = provisions.passages_of(b, len(text))
    article = structure.article_label(b)
    where = f" {article}" if article else ""
    if len(passages) == 1:
        role = ROLE_NAMES.get(passages[0].role, passages[0].role)
        out = [f"[{index}]{where} {role}｜" + _lines(text)]
    else:
        out = [f"[{index}]{where}"]
        for passage in passages:
            source = f"〔{passage.source}〕" if passage.source else ""
            out.append(f"    {ROLE_NAMES.get(passage.role, passage.role)}{source}｜"
                       + _lines(text[passage.start:passage.end]))
    for passage in passages:
        if passage.role == "own":
            out.extend(_clause_lines(text[passage.start:passage.end]))
    return out


def _clause_lines(text: str) -> list[str]:
    out = []
    for clause in clauses_of(text):
        if clause.actor == "unknown" and not clause.frames:
            continue
        frames = f" 框架：{'、'.join(sorted(clause.frames))}" if clause.frames else ""
        subject = f"（{clause.subject}）" if clause.subject else ""
        out.append(f"      条款：主体={ACTOR_NAMES[clause.actor]}{subject}{frames}｜{dump_line(text[clause.start:clause.end])}")
    return out


def _lines(text: str) -> str:
    """A paragraph's own line breaks (w:br) as continuation lines."""
    parts = [dump_line(part) for part in text.split("\n")]
    return "\n        ↵ ".join(parts)


def _fact(doc: Document, fact: Fact | None, provenance: str) -> str:
    if fact is None:
        return "未找到"
    where = doc.blocks[fact.block].index if 0 <= fact.block < len(doc.blocks) else None
    source = "、".join(x for x in (provenance, f"第{where}段" if where else "") if x)
    return f"{_value(fact.value)}" + (f"（{source}）" if source else "")


def _value(value: Any) -> str:
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    if hasattr(value, "amount") and hasattr(value, "unit"):
        unit = {"year": "年", "month": "个月", "day": "日", "workday": "个工作日"}.get(value.unit, value.unit)
        return f"{value.amount}{unit}"
    return str(value)


def _paragraphs(doc: Document, start: int, end: int) -> str:
    end = min(end, len(doc.blocks))
    if start >= end:
        return ""
    first, last = doc.blocks[start], doc.blocks[end - 1]
    name = f"{first.file}：" if first.file and first.file != doc.path else ""
    return f"{name}第{first.index}—{last.index}段"
