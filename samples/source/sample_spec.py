"""The shape of a sample filing package, independent of how it is written to .docx.

Paragraph text is written in a small markup so that the package texts read like the printed documents:

``# 总则``        a chapter heading; the label 第N章 comes from automatic numbering
``@ 为了……``      an article; the label 第N条 comes from automatic numbering (continuous across chapters)
``- ……``          an item of the preceding article; the label （N） restarts in every article
``{+…+}``         text inserted with tracked changes (it counts)
``{-…-}``         text deleted with tracked changes (it does not count)
anything else     a plain paragraph, typed exactly as shown
"""
from __future__ import annotations

import re
from dataclasses import dataclass

KINDS = ("plain", "chapter", "article", "item")
_PREFIXES = {"# ": "chapter", "@ ": "article", "- ": "item"}
_CHANGE = re.compile(r"\{\+(.*?)\+\}|\{-(.*?)-\}")


@dataclass(frozen=True, slots=True)
class Run:
    """A stretch of text; ``change`` is "" (plain), "ins" (tracked insertion) or "del" (tracked deletion)."""

    text: str
    change: str = ""


@dataclass(frozen=True, slots=True)
class Paragraph:
    kind: str
    runs: tuple[Run, ...]
    align: str = ""

    @property
    def visible_text(self) -> str:
        """The text a reader of the accepted document sees (without the numbering label)."""
        return "".join(run.text for run in self.runs if run.change != "del")


@dataclass(frozen=True, slots=True)
class Table:
    rows: tuple[tuple[str, ...], ...]


Content = Paragraph | Table


@dataclass(frozen=True, slots=True)
class DocSpec:
    """One .docx file: its body, one header and one footer line, and the core properties."""

    body: tuple[Content, ...]
    title: str
    author: str
    created: str
    header: str = ""
    footer: str = "— 1 —"


@dataclass(frozen=True, slots=True)
class PackageSpec:
    """A filing package: one .docx (``files`` has one entry) or a folder of named .docx files.

    ``defects`` lists the planted defects as (tag, description); an empty tuple marks a clean package.
    """

    name: str
    summary: str
    files: tuple[tuple[str, DocSpec], ...]
    folder: bool = False
    defects: tuple[tuple[str, str], ...] = ()


def parse_runs(text: str) -> tuple[Run, ...]:
    runs: list[Run] = []
    pos = 0
    for match in _CHANGE.finditer(text):
        if match.start() > pos:
            runs.append(Run(text[pos:match.start()]))
        inserted, deleted = match.group(1), match.group(2)
        runs.append(Run(inserted, "ins") if inserted is not None else Run(deleted, "del"))
        pos = match.end()
    if pos < len(text):
        runs.append(Run(text[pos:]))
    return tuple(runs)


def parse_line(line: str) -> Paragraph:
    for prefix, kind in _PREFIXES.items():
        if line.startswith(prefix):
            return Paragraph(kind, parse_runs(line[len(prefix):]))
    align = "center" if line.startswith("^") else "right" if line.startswith(">") else ""
    return Paragraph("plain", parse_runs(line[1:] if align else line), align)


def paragraphs(text: str) -> tuple[Paragraph, ...]:
    """Parse a block of markup, one paragraph per non-empty line (``^`` centres a line, ``>`` right-aligns)."""
    return tuple(parse_line(line.strip()) for line in text.strip().splitlines() if line.strip())


def table(*rows: tuple[str, ...] | list[str]) -> Table:
    return Table(tuple(tuple(row) for row in rows))


def compose(*parts: str | Table) -> tuple[Content, ...]:
    """A document body from markup blocks and tables, in order."""
    body: list[Content] = []
    for part in parts:
        body.extend(paragraphs(part) if isinstance(part, str) else (part,))
    return tuple(body)
