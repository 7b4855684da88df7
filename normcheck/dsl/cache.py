"""On-disk cache of parsed rule files, keyed by a hash of the grammar and the file's content.

Only the AST is cached, as JSON (``normcheck.dsl.astjson``: data that cannot execute); compiled regexes
and automata are rebuilt on load. Entries are sealed with the keyed checksum of ``normcheck.cachestore``
and written atomically, so a damaged or planted entry is a miss and is rebuilt, never trusted. Entries of
earlier formats (``*.pickle``) are never opened.
"""
from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

from normcheck import cachestore
from normcheck.dsl import astjson
from normcheck.dsl.ast import RuleFile

_VERSION = b"normcheck-rules-ast-3"
MAX_ENTRY_BYTES = 64 * 1024 * 1024


def cache_dir() -> Path:
    return cachestore.cache_dir()


def rules_dir() -> Path:
    return cache_dir() / "rules"


@functools.cache
def parser_fingerprint(grammar: str) -> str:
    """The grammar plus the code that turns parse trees into the AST: a change to either must miss."""
    digest = hashlib.sha256(grammar.encode("utf-8"))
    for module in ("ast.py", "transform.py", "parser.py", "astjson.py"):
        digest.update(resources.files("normcheck.dsl").joinpath(module).read_bytes())
    return digest.hexdigest()


def cache_key(grammar: str, text: str) -> str:
    digest = hashlib.sha256(_VERSION)
    digest.update(grammar.encode("utf-8"))
    digest.update(b"\0")
    digest.update(text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _entry(key: str) -> Path:
    return rules_dir() / f"{key}.json"


def load(key: str) -> RuleFile | None:
    payload = cachestore.read_entry(rules_dir(), _entry(key), "rules-ast", key, MAX_ENTRY_BYTES)
    if payload is None:
        return None
    try:
        return astjson.loads(payload)
    except (ValueError, TypeError, MemoryError):
        return None


def store(key: str, rule_file: RuleFile) -> None:
    try:
        payload = astjson.dumps(rule_file)
    except (ValueError, TypeError, RecursionError, MemoryError):
        return  # a value outside the encoding is simply not cached
    cachestore.write_entry(rules_dir(), _entry(key), "rules-ast", key, payload, MAX_ENTRY_BYTES)


def regex_set_digest(patterns: Iterable[tuple[str, bool]]) -> str:
    """Identifies a set of (pattern, case-sensitive) pairs together with the RE2 binding checking them."""
    import re2

    digest = hashlib.sha256(_VERSION + b"\0regexes\0" + str(getattr(re2, "__version__", "")).encode("utf-8"))
    for source, case_sensitive in sorted(set(patterns)):
        digest.update(b"\1" if case_sensitive else b"\0")
        digest.update(source.encode("utf-8", "surrogatepass") + b"\0")
    return digest.hexdigest()


def regexes_validated(digest: str) -> bool:
    entry = rules_dir() / f"re2-ok-{digest}"
    return cachestore.read_entry(rules_dir(), entry, "re2-ok", digest, 1024) == b"ok"


def mark_regexes_validated(digest: str) -> None:
    cachestore.write_entry(rules_dir(), rules_dir() / f"re2-ok-{digest}", "re2-ok", digest, b"ok", 1024)


def load_blob(purpose: str, digest: str, limit: int = MAX_ENTRY_BYTES) -> bytes | None:
    """A sealed entry of derived data (never code) stored under ``purpose`` and ``digest``, or None."""
    return cachestore.read_entry(rules_dir(), rules_dir() / f"{purpose}-{digest}", purpose, digest, limit)


def store_blob(purpose: str, digest: str, data: bytes, limit: int = MAX_ENTRY_BYTES) -> None:
    cachestore.write_entry(rules_dir(), rules_dir() / f"{purpose}-{digest}", purpose, digest, data, limit)
