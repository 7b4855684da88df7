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
import unicodedata
from collections import Counter
from pathlib import Path

from normcheck.errors import ConfigError
from normcheck.model import FileResult, Finding
from normcheck.output import write_atomic

FORMAT_VERSION = 1
Key = tuple[str, str, str]


def fingerprint(finding: Finding) -> str:
    """sha256 of the normalized excerpt and the article label (stable under rewording and renumbering)."""
    excerpt = "".join(unicodedata.normalize("NFKC", finding.excerpt).split())
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
    write_atomic(path, json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    return sum(len(result.findings) for result in results)


def load(path: Path) -> Counter[Key]:
    """Read a baseline file; a missing or malformed one is a ``ConfigError``."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: 基线文件不存在") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ConfigError(f"{path}: 无法读取基线文件（{exc.__class__.__name__}）") from None
    if not isinstance(data, dict) or data.get("normcheck-baseline") != FORMAT_VERSION:
        raise ConfigError(f"{path}: 不是 normcheck 基线文件")
    counts: Counter[Key] = Counter()
    for entry in data.get("findings", []):
        try:
            key = (str(entry["file"]), str(entry["rule"]), str(entry["fingerprint"]))
            counts[key] += int(entry.get("count", 1))
        except (KeyError, TypeError, ValueError):
            raise ConfigError(f"{path}: 基线文件中有格式错误的条目") from None
    return counts


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
