"""On-disk cache of parsed rule files, keyed by a hash of the grammar and the file's content.

Only the AST is cached (plain dataclasses); compiled regexes and automata are rebuilt on load. Entries are
written atomically and read with an unpickler that accepts only the AST's own types, so a damaged or
planted entry is ignored rather than trusted.
"""
from __future__ import annotations

import functools
import hashlib
import io
import os
import pickle
import tempfile
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

from normcheck.dsl.ast import RuleFile

_VERSION = b"normcheck-rules-ast-2"
_ALLOWED_MODULES = {"normcheck.dsl.ast", "normcheck.structure.facts"}
_ALLOWED_BUILTINS = {("datetime", "date"), ("builtins", "tuple"), ("builtins", "list"), ("builtins", "dict"),
                     ("builtins", "set"), ("builtins", "frozenset"), ("builtins", "getattr")}


def cache_dir() -> Path:
    explicit = os.environ.get("NORMCHECK_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "normcheck"


@functools.cache
def parser_fingerprint(grammar: str) -> str:
    """The grammar plus the code that turns parse trees into the AST: a change to either must miss."""
    digest = hashlib.sha256(grammar.encode("utf-8"))
    for module in ("ast.py", "transform.py", "parser.py"):
        digest.update(resources.files("normcheck.dsl").joinpath(module).read_bytes())
    return digest.hexdigest()


def cache_key(grammar: str, text: str) -> str:
    digest = hashlib.sha256(_VERSION)
    digest.update(grammar.encode("utf-8"))
    digest.update(b"\0")
    digest.update(text.encode("utf-8"))
    return digest.hexdigest()


class _ASTUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> object:
        if module in _ALLOWED_MODULES or (module, name) in _ALLOWED_BUILTINS:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not part of a rule AST")


def load(key: str) -> RuleFile | None:
    path = cache_dir() / "rules" / f"{key}.pickle"
    try:
        data = path.read_bytes()
    except OSError:
        return None
    try:
        value = _ASTUnpickler(io.BytesIO(data)).load()
    except Exception:  # noqa: BLE001 - any damaged entry is simply a cache miss
        return None
    return value if isinstance(value, RuleFile) else None


def store(key: str, rule_file: RuleFile) -> None:
    folder = cache_dir() / "rules"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".pickle")
        try:
            with os.fdopen(fd, "wb") as handle:
                pickle.dump(rule_file, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, folder / f"{key}.pickle")
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError:
        return  # a read-only or full cache directory only costs speed



def regex_set_digest(patterns: Iterable[tuple[str, bool]]) -> str:
    """Identifies a set of (pattern, case-sensitive) pairs together with the RE2 binding checking them."""
    import re2

    digest = hashlib.sha256(_VERSION + b"\0regexes\0" + str(getattr(re2, "__version__", "")).encode("utf-8"))
    for source, case_sensitive in sorted(set(patterns)):
        digest.update(b"\1" if case_sensitive else b"\0")
        digest.update(source.encode("utf-8") + b"\0")
    return digest.hexdigest()


def regexes_validated(digest: str) -> bool:
    return (cache_dir() / "rules" / f"re2-ok-{digest}").is_file()


def mark_regexes_validated(digest: str) -> None:
    folder = cache_dir() / "rules"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-")
        os.close(fd)
        os.replace(tmp, folder / f"re2-ok-{digest}")
    except OSError:
        return  # a read-only or full cache directory only costs speed
