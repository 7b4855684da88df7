"""One registry of facts, derived from the Structure's fields: rules, messages and ``dump --structure``
all read it, so a new fact is declared once, on its field."""
from __future__ import annotations

import dataclasses

from normcheck.engine.conditions import FACTS as ENGINE_FACTS
from normcheck.reader.plain import document_from_text
from normcheck.structure import analyze
from normcheck.structure.facts import FACT_COUNTS, FACT_LABELS, FACTS, Structure
from normcheck.structure.view import structure_text

TEXT = ("XX区人民政府关于印发《XX区停车管理办法》的通知\nX府规〔2024〕3号\n第一条 为了规范停车管理，制定本办法。\n"
        "第二条 本办法自2024年5月1日起施行，有效期5年。\nXX区人民政府\n2024年4月1日")


def test_the_engine_reads_the_structure_registry() -> None:
    assert ENGINE_FACTS is FACTS


def test_every_fact_field_is_registered_with_a_type_and_a_label() -> None:
    unregistered = [f.name for f in dataclasses.fields(Structure)
                    if "Fact | None" in str(f.type) and f.name != "supplementary" and f.name not in FACTS]
    assert unregistered == []
    assert all(FACT_LABELS[name] for name in FACTS if name not in FACT_COUNTS)
    assert set(FACTS[name] for name in FACTS) <= {"text", "date", "duration", "number"}


def test_every_registered_fact_is_read_from_an_analysed_document() -> None:
    structure = analyze(document_from_text(TEXT))
    for name in FACTS:
        if name in FACT_COUNTS:
            assert isinstance(len(getattr(structure, FACT_COUNTS[name])), int)
        else:
            getattr(structure, name)  # a field or a property; AttributeError means the registry lies
    assert structure.validity is not None and FACTS["validity"] == "duration"


def test_dump_structure_shows_every_labelled_fact() -> None:
    doc = document_from_text(TEXT)
    shown = structure_text(doc, analyze(doc))
    for name, label in FACT_LABELS.items():
        if name != "mode":
            assert f"  {label}：" in shown
