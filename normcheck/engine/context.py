"""One document prepared for matching: the joined text and its folded shadow, block and sentence offsets,
scope units, and per-document caches of primitive matches (computed once, shared by every rule)."""
from __future__ import annotations

import bisect
import os
from collections.abc import Container
from typing import TYPE_CHECKING, Any

from normcheck.engine.fold import fold
from normcheck.engine.matchers import Match, Unit

if TYPE_CHECKING:
    from normcheck.dsl.ast import Scope
    from normcheck.dsl.compiler import Library
    from normcheck.engine.matchers import Matcher, Primitive
    from normcheck.laws.answer import CitationAnswer
    from normcheck.model import Document
    from normcheck.structure.facts import Citation, Structure

_BASE_PARTS = {"document": ("body",), "body": ("body",), "headers": ("header", "footer")}


class DocContext:
    def __init__(self, doc: Document, structure: Structure, library: Library) -> None:
        self.doc = doc
        self.structure = structure
        self.library = library
        self.text = "\n".join(block.text for block in doc.blocks)
        self.shadow = fold(self.text)
        self.block_starts: list[int] = []
        offset = 0
        for block in doc.blocks:
            self.block_starts.append(offset)
            offset += len(block.text) + 1
        self._primitives: dict[int, tuple[list[Match], list[int]]] = {}
        self._whole: dict[int, tuple[list[Match], list[int]] | None] = {}
        self._occurrences: dict[str, list[int]] | None = None
        self._regex_hits: Container[int] | None = None
        self._block_sentences: dict[int, tuple[list[int], list[tuple[int, int]]]] = {}
        self._base: dict[tuple[str, str | None], set[int]] = {}
        self._units: dict[tuple[str, str | None, str | None], list[Unit]] = {}
        self._frames: dict[tuple[int, int], list[Any]] = {}
        self._citation_answers: dict[tuple[str, tuple[int, ...]], Any] = {}

    def citation_answer(self, citation: Citation) -> CitationAnswer:
        """The law register's answer for ``citation``, judged on the issue date (once per law and articles)."""
        key = (citation.law, citation.articles)
        found = self._citation_answers.get(key)
        if found is None:
            from normcheck.laws.answer import answer_citation
            from normcheck.laws.register import get_register

            found = self._citation_answers[key] = answer_citation(
                get_register(), citation.law, citation.articles, self.structure.issue_day)
        return found  # type: ignore[no-any-return]

    # ---- primitive matches -------------------------------------------------------------------
    def primitive(self, matcher: Primitive) -> tuple[list[Match], list[int]]:
        key = id(matcher)
        found = self._primitives.get(key)
        if found is None:
            found = self._primitives[key] = matcher.global_matches(self)
        return found

    def whole(self, matcher: Matcher) -> tuple[list[Match], list[int]] | None:
        """``matcher.whole_text`` for this document, computed once (shared by every rule using it)."""
        key = id(matcher)
        if key in self._whole:
            return self._whole[key]
        found = self._whole[key] = matcher.whole_text(self)
        return found

    def term_occurrences(self) -> dict[str, list[int]]:
        if self._occurrences is None:
            self._occurrences = self.library.scan_terms(self.shadow)
        return self._occurrences

    def regex_hits(self) -> Container[int]:
        if self._regex_hits is None:
            self._regex_hits = self.library.regex_hits(self.term_occurrences())
        return self._regex_hits

    # ---- positions ---------------------------------------------------------------------------
    def block_at(self, pos: int) -> int:
        return max(bisect.bisect_right(self.block_starts, pos) - 1, 0)

    def block_span(self, index: int) -> tuple[int, int]:
        start = self.block_starts[index]
        return start, start + len(self.doc.blocks[index].text)

    def block_sentences(self, index: int) -> tuple[list[int], list[tuple[int, int]]]:
        """The sentences of one block as global spans (and their starts), split on first use only:
        most rules never look at most blocks."""
        found = self._block_sentences.get(index)
        if found is None:
            base = self.block_starts[index]
            from normcheck.structure import split_sentences

            spans = [(base + s, base + e) for s, e in split_sentences(self.doc.blocks[index].text)]
            found = self._block_sentences[index] = ([s for s, _ in spans], spans)
        return found

    def sentences(self) -> list[tuple[int, int]]:
        """Every sentence of every block as a global (start, end), in order."""
        return [span for index in range(len(self.doc.blocks)) for span in self.block_sentences(index)[1]]

    def sentence_span(self, pos: int) -> tuple[int, int]:
        block = self.block_at(pos)
        starts, spans = self.block_sentences(block)
        i = bisect.bisect_right(starts, pos) - 1
        if 0 <= i < len(spans) and spans[i][0] <= pos < max(spans[i][1], spans[i][0] + 1):
            return spans[i]
        return self.block_span(block)

    def unit_at(self, pos: int, kind: str, section: str | None, each: str) -> Unit | None:
        """The unit of an ``each`` scope that holds ``pos`` (None when ``pos`` is outside the base scope)."""
        block = self.block_at(pos)
        if kind == "title" or block not in self.base_block_set(kind, section):
            return None
        if each == "sentence":
            return Unit((self.sentence_span(pos),), block)
        if each == "paragraph":
            return Unit((self.block_span(block),), block)
        for unit in self.units_for(kind, section, each):
            if any(lo <= pos < hi for lo, hi in unit.ranges):
                return unit
        return None

    def base_block_set(self, kind: str, section: str | None) -> set[int]:
        key = (kind, section)
        found = self._base.get(key)
        if found is None:
            found = self._base[key] = set(self._base_blocks(kind, section))
        return found

    def unit_around(self, pos: int, kind: str) -> Unit:
        block = self.block_at(pos)
        if kind == "sentence":
            return Unit((self.sentence_span(pos),), block)
        if kind == "article":
            article = self.structure.article_at(block)
            if article is not None:
                return Unit(((self.block_starts[article.block_start],
                              self.block_span(article.block_end - 1)[1]),), article.block_start)
        return Unit((self.block_span(block),), block)

    # ---- provisions ---------------------------------------------------------------------------
    def role_at(self, pos: int) -> str:
        """The passage role of the character at ``pos`` (own, quoted, restatement, record, heading, signature)."""
        block = self.block_at(pos)
        return self.structure.role_at(block, pos - self.block_starts[block])

    def frames_at(self, pos: int) -> frozenset[str]:
        """The clause frames (政府付费, 私人之间 …) of the clause holding ``pos``."""
        lo, hi = self.sentence_span(pos)
        # A sentence ends at ；as well; a clause's actor may be named at the start of the whole sentence.
        block = self.block_at(pos)
        b_lo, _ = self.block_span(block)
        full_lo = lo
        while full_lo > b_lo and self.text[full_lo - 1] not in "。！？!?\n":
            full_lo -= 1
        key = (full_lo, hi)
        found = self._frames.get(key)
        if found is None:
            from normcheck.structure.clauses import clauses_of

            found = self._frames[key] = clauses_of(self.text[full_lo:hi])
        offset = pos - full_lo
        for clause in found:
            if clause.start <= offset < clause.end:
                if self._named_by_citation(self.text[full_lo + clause.start:full_lo + clause.end]):
                    return clause.frames | {"上位设定"}
                return clause.frames
        return frozenset()

    def _named_by_citation(self, clause: str) -> bool:
        """The licence or certificate the clause names is the subject of an instrument the document cites
        (申请新建住宅交付使用许可 under 《上海市新建住宅交付使用许可规定》): the cited instrument sets it."""
        from normcheck.structure.clauses import permit_names

        names = permit_names(clause)
        if not names:
            return False
        titles = [c.law for c in self.structure.citations]
        return any(name in title for name in names for title in titles)

    def in_title(self, pos: int) -> bool:
        return any(lo <= pos < hi for unit in self.units_for("title") for lo, hi in unit.ranges)

    def in_section(self, pos: int, name: str) -> bool:
        return self.block_at(pos) in self.section_blocks(name)

    def article_label(self, block: int) -> str | None:
        return self.structure.article_label(block)

    # ---- scopes ------------------------------------------------------------------------------
    def units(self, scope: Scope) -> list[Unit]:
        return self.units_for(scope.kind, scope.section, scope.each)

    def units_for(self, kind: str, section: str | None = None, each: str | None = None) -> list[Unit]:
        key = (kind, section, each)
        units = self._units.get(key)
        if units is None:
            units = self._units[key] = self._build_units(kind, section, each)
        return units

    def _build_units(self, kind: str, section: str | None, each: str | None) -> list[Unit]:
        if kind == "title":
            title = self.structure.title
            if title is None or not 0 <= title.block < len(self.doc.blocks):
                return []
            base = self.block_starts[title.block]
            units = [Unit(((base + title.start, base + title.end),), title.block)]
            return units if each is None else self._split(units, each)
        if kind == "citations":
            return self._citation_units()
        blocks = self._base_blocks(kind, section)
        if each is None:
            return [Unit(tuple(self._ranges(blocks)), blocks[0] if blocks else None)]
        if each == "paragraph":
            return [Unit((self.block_span(b),), b) for b in blocks]
        if each == "sentence":
            return [Unit((span,), b) for b in blocks for span in self.block_sentences(b)[1]]
        chosen = set(blocks)
        units = []
        for article in self.structure.articles:
            members = [b for b in range(article.block_start, article.block_end) if b in chosen]
            if members:
                units.append(Unit(tuple(self._ranges(members)), members[0]))
        return units

    def _split(self, units: list[Unit], each: str) -> list[Unit]:
        if each != "sentence":
            return units
        out: list[Unit] = []
        for unit in units:
            if unit.block is None:
                continue
            for lo, hi in unit.ranges:
                out.extend(Unit(((s, e),), unit.block) for s, e in self.block_sentences(unit.block)[1]
                           if lo <= s and e <= hi)
        return out

    def _base_blocks(self, kind: str, section: str | None) -> list[int]:
        blocks = self.doc.blocks
        if kind == "package":
            return list(range(len(blocks)))
        if kind == "tables":
            return [i for i, b in enumerate(blocks) if b.cell is not None or b.kind in ("cell", "table")]
        if kind == "section":
            return sorted(self.section_blocks(section or ""))
        if kind == "chapter":
            return sorted(self.chapter_blocks(section or ""))
        parts = _BASE_PARTS.get(kind, ("body",))
        return [i for i, b in enumerate(blocks) if b.part in parts]

    def chapter_blocks(self, words: str) -> set[int]:
        """The blocks of every chapter whose heading contains ``words`` (第五章 法律责任 for "法律责任"), from
        its heading to the next chapter heading or the end of its section."""
        chosen: set[int] = set()
        chapters = self.structure.chapters
        wanted = "".join(words.split())
        for k, chapter in enumerate(chapters):
            if wanted not in "".join(str(chapter.text).split()):
                continue
            end = chapters[k + 1].block if k + 1 < len(chapters) else len(self.doc.blocks)
            section = self.structure.section_at(chapter.block)
            if section is not None:
                end = min(end, section.block_end)
            chosen.update(range(chapter.block, end))
        return chosen

    def section_blocks(self, name: str) -> set[int]:
        chosen: set[int] = set()
        for section in self.structure.sections:
            if section.name == name:
                chosen.update(range(section.block_start, section.block_end))
        for i, block in enumerate(self.doc.blocks):
            if block.file and block.file != self.doc.path and name in os.path.basename(block.file):
                chosen.add(i)
        return chosen

    def _ranges(self, blocks: list[int]) -> list[tuple[int, int]]:
        ranges: list[tuple[int, int]] = []
        for b in blocks:
            lo, hi = self.block_span(b)
            if ranges and ranges[-1][1] + 1 == lo:
                ranges[-1] = (ranges[-1][0], hi)
            else:
                ranges.append((lo, hi))
        return ranges

    def _citation_units(self) -> list[Unit]:
        units = []
        for citation in self.structure.citations:
            if not 0 <= citation.block < len(self.doc.blocks):
                continue
            base = self.block_starts[citation.block]
            offset = citation.text.find(citation.law)
            lo = base + citation.start + max(offset, 0)
            units.append(Unit(((lo, lo + len(citation.law)),), citation.block, citation))
        return units
