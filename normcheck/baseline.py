"""Baseline: findings recorded once so that only new findings are reported afterwards.

A fingerprint is the file (relative to the baseline's folder), the rule ID and a hash of the normalized
excerpt and the article label. The message and the paragraph number are left out on purpose: rewording a
rule or inserting a paragraph above must not bring old findings back. Counts keep two identical findings
apart (fixing one of them leaves one recorded).
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from pathlib import Path

from normcheck import safeio
from normcheck.errors import ConfigError
from normcheck.model import FileResult, Finding
from normcheck.output import write_atomic
from normcheck.report.fingerprint import normalize_excerpt

FORMAT_VERSION = 1
_SURROGATE = re.compile("[\ud800-\udfff]")
MAX_BASELINE_BYTES = 256 * 1024 * 1024
Key = tuple[str, str, str]


def fingerprint(finding: Finding) -> str:
    """sha256 of the normalized excerpt and the article label (stable under rewording and renumbering)."""
    excerpt = normalize_excerpt(finding.excerpt)
    article = finding.location.article or ""
    return hashlib.sha256(f"{excerpt}\x1f{article}".encode()).hexdigest()


def relative_file(path: str, folder: Path) -> str:
    """``path`` relative to ``folder`` in POSIX form, so a baseline survives moving the repository."""
    resolved = Path(path).resolve()
    try:
        return resolved.relative_to(folder.resolve()).as_posix()
    except ValueError:
        return Path(os.path.relpath(resolved, folder.resolve())).as_posix()


def finding_key(result: FileResult, finding: Finding, folder: Path) -> Key:
    return relative_file(finding.location.file or result.path, folder), finding.rule, fingerprint(finding)


def build(results: list[FileResult], folder: Path) -> dict[str, object]:
    """The baseline document for ``results`` (sorted, so rewriting an unchanged baseline is a no-op)."""
    counts: Counter[Key] = Counter(
        finding_key(result, finding, folder) for result in results for finding in result.findings)
    entries = [{"file": f, "rule": r, "fingerprint": h, "count": n} for (f, r, h), n in sorted(counts.items())]
    return {"normcheck-baseline": FORMAT_VERSION, "findings": entries}


def write(path: Path, results: list[FileResult]) -> int:
    """Record the findings of ``results`` in ``path`` atomically; returns how many were recorded."""
    document = build(results, path.resolve().parent)
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    # A file name that is not UTF-8 keeps its exact bytes as JSON escapes of its surrogates (they can only
    # occur inside JSON strings), so that the file still matches when the baseline is read back.
    write_atomic(path, _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text))
    return sum(len(result.findings) for result in results)


def load(path: Path) -> Counter[Key]:
    """Read a baseline file; a missing, unreadable or malformed one is a one-line ``ConfigError``."""
    try:
        data = json.loads(safeio.read_text(path, MAX_BASELINE_BYTES))
    except FileNotFoundError:
        raise ConfigError(f"{safeio.shown(path)}: 基线文件不存在") from None
    except OSError as exc:
        raise ConfigError(f"{safeio.shown(path)}: 无法读取基线文件（{safeio.reason(exc)}）") from None
    except (ValueError, RecursionError) as exc:
        # ValueError covers undecodable bytes, bad JSON and integers longer than Python converts.
        raise ConfigError(f"{safeio.shown(path)}: 无法读取基线文件（{exc.__class__.__name__}）") from None
    if not isinstance(data, dict) or not _is_count(data.get("normcheck-baseline")) \
            or data["normcheck-baseline"] != FORMAT_VERSION:
        raise ConfigError(f"{safeio.shown(path)}: 不是 normcheck 基线文件")
    entries = data.get("findings", [])
    if not isinstance(entries, list):
        raise ConfigError(f"{safeio.shown(path)}: 基线文件的 findings 应为列表")
    counts: Counter[Key] = Counter()
    for number, entry in enumerate(entries, 1):
        key, count = _entry(entry, f"{safeio.shown(path)}: 基线文件第 {number} 条记录格式错误")
        counts[key] += count
    return counts


def _is_count(value: object) -> bool:
    # JSON true is a Python int, and Infinity/NaN/1.0 are floats: only a real integer is a count.
    return isinstance(value, int) and not isinstance(value, bool)


def _entry(entry: object, where: str) -> tuple[Key, int]:
    """``(key, count)`` of one recorded finding; ``ConfigError`` starting with ``where`` when malformed."""
    if not isinstance(entry, dict):
        raise ConfigError(f"{where}：应为一个对象")
    fields = []
    for name in ("file", "rule", "fingerprint"):
        value = entry.get(name)
        if not isinstance(value, str) or not value:
            raise ConfigError(f"{where}：{name} 应为非空文字")
        fields.append(value)
    count = entry.get("count", 1)
    if not _is_count(count) or count < 1:
        raise ConfigError(f"{where}：count 应为正整数")
    return (fields[0], fields[1], fields[2]), count


def apply(results: list[FileResult], recorded: Counter[Key], folder: Path) -> int:
    """Drop findings recorded in the baseline from ``results`` in place; returns how many were dropped."""
    remaining = Counter(recorded)
    suppressed = 0
    for result in results:
        kept = []
        for finding in result.findings:
            key = finding_key(result, finding, folder)
            if remaining[key] > 0:
                remaining[key] -= 1
                suppressed += 1
            else:
                kept.append(finding)
        result.findings = kept
    return suppressed
