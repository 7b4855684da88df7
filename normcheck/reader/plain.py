"""Plain text (.txt, .md) and in-memory text as a Document: each non-empty line is one body block."""
from __future__ import annotations

from normcheck.model import Block, Document


def document_from_text(text: str, path: str = "<text>") -> Document:
    """Build a Document from text; each non-blank line becomes one body paragraph (1-based index)."""
    blocks: list[Block] = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        stripped = line.strip()
        if not stripped:
            continue
        blocks.append(Block(text=stripped, part="body", index=len(blocks) + 1, file=path))
    return Document(path=path, blocks=blocks, files=(path,))
