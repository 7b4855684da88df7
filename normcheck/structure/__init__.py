"""Structure: the anatomy of a normative document (title, 文号, articles, dates, sections, citations)."""
from normcheck.structure.analyze import analyze
from normcheck.structure.dates import find_dates, find_durations
from normcheck.structure.facts import (
    Article,
    Citation,
    Duration,
    Fact,
    Section,
    Structure,
)
from normcheck.structure.numbers import parse_chinese_number
from normcheck.structure.sentences import split_sentences

__all__ = [
    "Article", "Citation", "Duration", "Fact", "Section", "Structure",
    "analyze", "find_dates", "find_durations", "parse_chinese_number", "split_sentences",
]
