"""Chinese wording shown to legal staff: severity and tag names, and where a finding is."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from normcheck.model import Location

SEVERITY_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}

PART_LABELS = {
    "body": "正文",
    "header": "页眉",
    "footer": "页脚",
    "footnote": "脚注",
    "endnote": "尾注",
    "comment": "批注",
    "document": "整个文件",
}

WHOLE_FILE = "整个文件"


def severity_label(severity: str) -> str:
    return SEVERITY_LABELS.get(severity, severity)


def tag_label(tag: str, labels: Mapping[str, str] | None = None) -> str:
    """``征求意见 (consultation)`` for a tag the rule files label; any other tag as written."""
    label = (labels or {}).get(tag)
    return f"{label} ({tag})" if label else tag


def labels_of(rules: Any) -> dict[str, str]:
    """The Chinese labels of tags as the loaded rule files declare them (``tags authority "制定权限"``), in
    declaration order; none without a rule set."""
    return dict(getattr(rules, "tag_labels", None) or {})


def paragraph_label(location: Location) -> str | None:
    """``第14段`` in the body, ``页眉第2段`` elsewhere; None for a finding about the whole file."""
    if location.paragraph is None:
        return None
    prefix = "" if location.part in ("body", "document") else PART_LABELS.get(location.part, location.part)
    return f"{prefix}第{location.paragraph}段"


def location_label(location: Location) -> str:
    """``第三条，第14段``, ``第14段``, ``第三条`` or ``整个文件``."""
    pieces = [p for p in (location.article, paragraph_label(location)) if p]
    return "，".join(pieces) if pieces else WHOLE_FILE


def location_in(location: Location, path: str) -> str:
    """``location_label``, preceded by the member file when the location is inside the package ``path``."""
    label = location_label(location)
    if not location.file or location.file == path:
        return label
    prefix = path.rstrip("/\\") + "/"
    member = location.file.replace("\\", "/")
    member = member[len(prefix):] if member.startswith(prefix.replace("\\", "/")) else member
    return f"{member} · {label}"
