"""A content-addressed cache of check results, so that re-checking an unchanged repository skips the work.

A key covers everything a result depends on: the bytes of the file (or of every file of a filing-package
folder, with their names), the path as given (findings name the file), the rule pack (rule texts, data
lists and maps, parameters, the selected rule IDs), the normcheck version and source code, and the
effective configuration. A value is the serialized findings, reader warnings or input error, and the
elements checklist when the run built one, never the ``Document``.

Entries are sealed with a keyed checksum under a secret only the cache's owner can read
(``normcheck.cachestore``) and written to a temporary file and renamed into place, so concurrent runs
sharing one cache directory only ever see complete entries, and somebody who can write the folder cannot
make normcheck serve a result it did not compute. Any doubt about an entry is a miss.
Results that depend on the moment rather than on the input (time-outs, crashes, internal errors, files
that could not be opened or converted) are never stored.
"""
from __future__ import annotations

import functools
import hashlib
import json
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from normcheck import cachestore, safeio
from normcheck.model import FileError, FileResult, Finding, Location
from normcheck.version import __version__

_FORMAT = 3
MAX_ENTRY_BYTES = 64 * 1024 * 1024
_CHUNK = 1 << 20
_RULE_FIELDS = ("id", "severity", "tags", "title", "message", "basis", "fix")
_CHECKLIST_FIELDS = ("key", "label", "status", "value", "data", "file", "paragraph", "source")
# Input errors that follow from the bytes alone; every other error code is left out of the cache.
CACHEABLE_ERRORS = frozenset({"empty", "not-a-docx", "encrypted", "corrupt-zip", "malformed-xml", "zip-bomb",
                              "unsafe-xml", "unsupported-format", "no-documents"})


def default_cache_dir() -> Path:
    """``results/`` in normcheck's cache folder (``$NORMCHECK_CACHE_DIR``, else
    ``$XDG_CACHE_HOME/normcheck``, else ``~/.cache/normcheck``); the rule-file cache lives beside it, in
    ``rules/``."""
    return cachestore.cache_dir() / "results"


@functools.cache
def code_fingerprint() -> str:
    """The normcheck version plus its own source files: a changed checker must not reuse old results."""
    digest = hashlib.sha256(__version__.encode("utf-8"))
    package = Path(__file__).resolve().parent
    for source in sorted(package.rglob("*")):
        if source.suffix in (".py", ".lark") and source.is_file():
            digest.update(safeio.path_bytes(source.relative_to(package).as_posix()) + b"\0")
            digest.update(source.read_bytes())
    return digest.hexdigest()


def rules_hash(ruleset: Any) -> str:
    """Hash of a (possibly narrowed) ``RuleSet``: rule-file texts, data lists and maps, parameters and
    the IDs of the rules it holds."""
    digest = hashlib.sha256()
    library = getattr(ruleset, "library", None)
    sources = getattr(library, "sources", {}) or {}
    for name in sorted(sources):
        digest.update(b"file\0" + name.encode("utf-8", "surrogatepass") + b"\0"
                      + "\n".join(sources[name]).encode("utf-8", "surrogatepass"))
    for table in ("lists", "maps"):
        items = getattr(library, table, {}) or {}
        digest.update(table.encode("ascii") + b"\0" + _canonical(items))
    digest.update(b"params\0" + _canonical(getattr(ruleset, "params", {})))
    # The metadata a finding copies from its rule, so that a rule set without source texts is still told apart.
    digest.update(b"rules\0" + _canonical([[getattr(rule, name, None) for name in _RULE_FIELDS]
                                           for rule in ruleset.rules]))
    return digest.hexdigest()


def config_hash(options: Mapping[str, Any]) -> str:
    """Hash of the effective options that change a result (selection, severity overrides, limits...)."""
    return hashlib.sha256(_canonical(dict(options))).hexdigest()


def content_hash(path: str | os.PathLike[str]) -> str:
    """sha256 of a file's bytes, or of a folder's files (relative names and bytes, in sorted order)."""
    target = Path(path)
    digest = hashlib.sha256()
    if target.is_dir():
        for member in sorted(p for p in target.rglob("*") if p.is_file()):
            digest.update(b"member\0" + safeio.path_bytes(member.relative_to(target).as_posix()) + b"\0")
            _feed(digest, member)
    else:
        digest.update(b"file\0")
        _feed(digest, target)
    return digest.hexdigest()


def result_key(path: str | os.PathLike[str], rules_hash: str, config_hash: str) -> str:
    """The cache key of checking ``path`` with a rule pack and configuration. Raises ``OSError`` when
    the path cannot be read (such a path is simply not cached)."""
    digest = hashlib.sha256(f"normcheck-result-{_FORMAT}\0".encode("ascii"))
    for part in (code_fingerprint(), rules_hash, config_hash, content_hash(path)):
        digest.update(part.encode("ascii") + b"\0")
    digest.update(b"path\0" + safeio.path_bytes(path) + b"\0")
    return digest.hexdigest()


def cacheable(result: FileResult) -> bool:
    return result.error is None or result.error.code in CACHEABLE_ERRORS


class ResultCache:
    """Results stored as one small JSON file per key, fanned out over 256 sub-folders."""

    def __init__(self, directory: str | os.PathLike[str] | None = None) -> None:
        self.directory = Path(directory) if directory is not None else default_cache_dir()

    def entry(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def get(self, key: str) -> FileResult | None:
        """The stored result for ``key``, or ``None`` when missing, unreadable, damaged, too large, not a
        regular file, or not sealed with this cache's secret for this key."""
        payload = cachestore.read_entry(self.directory, self.entry(key), "result", key, MAX_ENTRY_BYTES)
        if payload is None:
            return None
        try:
            data = json.loads(payload)
            if data.get("key") != key or data.get("format") != _FORMAT:
                return None
            return _result_from_json(data["result"])
        except Exception:  # noqa: BLE001 - whatever a damaged entry raises, it is a miss
            return None

    def put(self, key: str, result: FileResult) -> bool:
        """Store ``result`` atomically; returns False (and stores nothing) when it is not cacheable or the
        cache directory cannot be written, which only costs speed. Never raises: a finished check must
        not fail because its result could not be stored."""
        if not cacheable(result):
            return False
        try:
            payload = json.dumps({"format": _FORMAT, "key": key, "result": _result_to_json(result)},
                                 ensure_ascii=True, separators=(",", ":")).encode("ascii")
        except (ValueError, TypeError, RecursionError, MemoryError):
            return False
        return cachestore.write_entry(self.directory, self.entry(key), "result", key, payload, MAX_ENTRY_BYTES)


def check_cached(path: Path, check: Callable[[Path], FileResult], cache: ResultCache | None,
                 rules_digest: str, config_digest: str, *,
                 usable: Callable[[FileResult], bool] | None = None) -> FileResult:
    """``check(path)`` through the cache: a hit skips the check, a cacheable miss is stored. A stored
    result that ``usable`` rejects (one without the checklist the caller needs) counts as a miss.

    A miss is stored only when the input still has the bytes it was keyed by, so that a file edited
    during its check cannot leave a result under the key of its old content."""
    if cache is None:
        return check(path)
    try:
        key = result_key(path, rules_digest, config_digest)
    except OSError:
        return check(path)
    hit = cache.get(key)
    if hit is not None and (usable is None or usable(hit)):
        return hit
    result = check(path)
    try:
        unchanged = result_key(path, rules_digest, config_digest) == key
    except OSError:
        unchanged = False
    if unchanged:
        try:
            cache.put(key, result)
        except (OSError, MemoryError):
            pass  # storing is an optimisation: the finished result stands
    return result


def _feed(digest: Any, path: Path) -> None:
    fd = safeio.open_regular(path)  # a named pipe or a device is not hashed (nor cached), never waited on
    with os.fdopen(fd, "rb") as stream:
        while chunk := stream.read(_CHUNK):
            digest.update(chunk)


def _canonical(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=_jsonable).encode("utf-8", "surrogatepass")


def _jsonable(value: Any) -> Any:
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=repr)
    return repr(value)


def _result_to_json(result: FileResult) -> dict[str, Any]:
    return {"path": result.path,
            "error": result.error.to_json() if result.error is not None else None,
            "findings": [_finding_to_json(f) for f in result.findings],
            "warnings": list(result.warnings),
            "checklist": None if result.checklist is None else [
                {name: getattr(item, name) for name in _CHECKLIST_FIELDS} for item in result.checklist]}


def _finding_to_json(finding: Finding) -> dict[str, Any]:
    loc = finding.location
    return {"rule": finding.rule, "severity": finding.severity, "tags": list(finding.tags),
            "title": finding.title, "message": finding.message, "basis": finding.basis, "fix": finding.fix,
            "excerpt": finding.excerpt, "context": finding.context,
            "location": [loc.file, loc.part, loc.paragraph, loc.article, loc.start, loc.end]}


def _result_from_json(data: dict[str, Any]) -> FileResult:
    error = data["error"]
    return FileResult(path=_str(data["path"]),
                      error=FileError(_str(error["code"]), _str(error["message"])) if error is not None else None,
                      findings=[_finding_from_json(f) for f in _list(data["findings"])],
                      warnings=[_str(w) for w in _list(data["warnings"])],
                      checklist=_checklist_from_json(data.get("checklist")))


def _checklist_from_json(data: Any) -> list[Any] | None:
    if data is None:
        return None
    from normcheck.report.checklist import ChecklistItem

    items = []
    for item in _list(data):
        key, label, status, value, data_, file, paragraph, source = (item[name] for name in _CHECKLIST_FIELDS)
        items.append(ChecklistItem(_str(key), _str(label), _str(status), _str(value), _opt_str(data_), _str(file),
                                   _opt_int(paragraph), _str(source)))
    return items


def _finding_from_json(data: dict[str, Any]) -> Finding:
    file, part, paragraph, article, start, end = data["location"]
    location = Location(_str(file), _str(part), _opt_int(paragraph), _opt_str(article), _opt_int(start),
                        _opt_int(end))
    return Finding(rule=_str(data["rule"]), severity=_str(data["severity"]),
                   tags=tuple(_str(t) for t in data["tags"]), title=_str(data["title"]),
                   message=_str(data["message"]), basis=_str(data["basis"]), fix=_str(data["fix"]),
                   location=location, excerpt=_str(data["excerpt"]), context=_str(data["context"]))


def _str(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError("expected a string")
    return value


def _list(value: Any) -> list[Any]:
    if not isinstance(value, list):
        raise TypeError("expected a list")
    return value


def _opt_str(value: Any) -> str | None:
    return None if value is None else _str(value)


def _opt_int(value: Any) -> int | None:
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError("expected an integer")
    return value
