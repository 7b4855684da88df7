"""Stable identities for findings: the same problem in the same place keeps its fingerprint when a rule's
message is reworded or paragraphs are added above it, because neither the message nor the paragraph number
goes into the hash."""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

from normcheck.model import Finding

_SPACE = re.compile(r"\s+")


def normalize_excerpt(text: str) -> str:
    """NFKC (full-width letters and digits become ASCII) without any white space."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text))


def finding_fingerprint(finding: Finding, path: str = "") -> str:
    """A hex digest of file, rule, normalized excerpt and article label. ``path`` stands in for the file
    when the finding's location names none."""
    file = (finding.location.file or path).replace("\\", "/")
    key = "\x1f".join((file, finding.rule, normalize_excerpt(finding.excerpt), finding.location.article or ""))
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def numbered_fingerprints(findings: Iterable[Finding], path: str = "") -> list[str]:
    """``<digest>:<n>`` for each finding, where ``n`` counts earlier findings with the same digest, so that
    two identical matches in one article stay distinct."""
    seen: Counter[str] = Counter()
    numbered = []
    for finding in findings:
        digest = finding_fingerprint(finding, path)
        seen[digest] += 1
        numbered.append(f"{digest}:{seen[digest]}")
    return numbered
