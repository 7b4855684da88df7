"""--annotate over documents read by the real reader: every comment lands on its excerpt, in single files
and in each member file of a filing package."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import docx
import pytest
from test_cli_annotate import anchored_texts

from normcheck.model import Document, FileResult, Finding, Location
from normcheck.reader import read_path
from normcheck.report.annotate import annotate_results

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def findings_on_every_body_block(doc: Document) -> list[Finding]:
    """A four-character excerpt just after the numbering label of every body paragraph and table cell."""
    findings = []
    for block in doc.blocks:
        start = len(block.label) + 1
        end = min(start + 4, len(block.text))
        if block.part != "body" or end - start < 2:
            continue
        location = Location(block.file or doc.path, "body", block.index, None, start, end)
        findings.append(Finding(f"R-{len(findings)}", "warning", (), "题", "说明", "依据", "建议", location,
                                block.text[start:end]))
    findings.append(Finding("DOC-1", "error", (), "缺少记录", "说明", "依据", "建议", Location(doc.path)))
    return findings


@pytest.mark.parametrize("name", ["parking-measures.docx", "rental-housing-interim.docx", "sme-support-measures"])
def test_every_comment_is_anchored_on_its_excerpt(tmp_path: Path, name: str) -> None:
    doc = read_path(SAMPLES / name)
    findings = findings_on_every_body_block(doc)
    assert len(findings) > 10
    written = [out for _, out in annotate_results([FileResult(doc.path, findings, document=doc)], tmp_path, set())]
    assert all(isinstance(out, Path) for out in written)
    assert len(written) == len(doc.files)
    expected = {f.rule: f.excerpt for f in findings}
    per_copy: Counter[str] = Counter()
    for copy in written:
        anchors = anchored_texts(copy)
        for comment in docx.Document(str(copy)).comments:
            rule = comment.text.split("]")[0].lstrip("[")
            per_copy[copy.name] += 1
            if rule != "DOC-1":
                assert anchors[str(comment.comment_id)] == expected[rule], (copy.name, rule)
    assert sum(per_copy.values()) == len(findings)
    member_counts = Counter(Path(f.location.file).name for f in findings if f.rule != "DOC-1")
    first = Path(doc.files[0]).name
    assert per_copy == member_counts + Counter({first: 1})
