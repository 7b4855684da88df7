"""What the parser, the tree transformer and the syntax-error messages share: size limits, the keywords
of the grammar (filled when the parser is built) and source-line lookup."""
from __future__ import annotations

MAX_FILE_CHARS = 1_000_000
MAX_STRING_CHARS = 2_000
MAX_REGEX_CHARS = 1_000
MAX_TREE_DEPTH = 120

# Terminal name → keyword text, for keywords matched as whole words (see normcheck.dsl.parser).
KEYWORDS: dict[str, str] = {}


def source_line(lines: list[str], line: int | None) -> str | None:
    if line is None or not 1 <= line <= len(lines):
        return None
    return lines[line - 1]
