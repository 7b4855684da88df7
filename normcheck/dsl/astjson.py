"""Rule ASTs as JSON, and back: the compiled-rule cache stores data that cannot execute.

The encoding is explicit and closed. A node is ``{"n": class name, "f": {field: value}}`` and may only name
a dataclass of ``normcheck.dsl.ast`` or ``Duration``; a tuple is ``{"t": [...]}``, a date ``{"d": ISO
date}``, a list a JSON array; strings, numbers, booleans and null are themselves. Anything else — another
class name, a missing or extra field, a non-finite number — is refused on both sides with ``ValueError``,
so a value this module cannot encode is simply not cached, and an entry it cannot decode is a miss.
"""
from __future__ import annotations

import dataclasses
import datetime as _dt
import json
from typing import Any

from normcheck.dsl import ast
from normcheck.structure.facts import Duration


def _node_classes() -> dict[str, type]:
    classes: dict[str, type] = {"Duration": Duration}
    for name, value in vars(ast).items():
        if isinstance(value, type) and dataclasses.is_dataclass(value) and value.__module__ == ast.__name__:
            classes[name] = value
    return classes


NODE_CLASSES = _node_classes()
_FIELDS = {name: tuple(f.name for f in dataclasses.fields(cls)) for name, cls in NODE_CLASSES.items()}


def dumps(rule_file: ast.RuleFile) -> bytes:
    """The JSON bytes of ``rule_file``; ``ValueError`` for a value outside the encoding."""
    return json.dumps(_encode(rule_file), ensure_ascii=True, allow_nan=False,
                      separators=(",", ":")).encode("ascii")


def loads(data: bytes) -> ast.RuleFile:
    """The ``RuleFile`` encoded in ``data``; ``ValueError`` when it is not exactly such an encoding."""
    try:
        value = _decode(json.loads(data))
    except RecursionError:
        raise ValueError("nested too deeply") from None
    if not isinstance(value, ast.RuleFile):
        raise ValueError("not a rule file")
    return value


def _encode(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return value
    if isinstance(value, tuple):
        return {"t": [_encode(item) for item in value]}
    if isinstance(value, list):
        return [_encode(item) for item in value]
    if isinstance(value, _dt.date) and not isinstance(value, _dt.datetime):
        return {"d": value.isoformat()}
    name = type(value).__name__
    if NODE_CLASSES.get(name) is type(value):
        return {"n": name, "f": {field: _encode(getattr(value, field)) for field in _FIELDS[name]}}
    raise ValueError(f"{type(value).__qualname__} is not part of a rule AST")


def _decode(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, list):
        return [_decode(item) for item in value]
    if not isinstance(value, dict):
        raise ValueError("unexpected JSON value")
    keys = set(value)
    if keys == {"t"} and isinstance(value["t"], list):
        return tuple(_decode(item) for item in value["t"])
    if keys == {"d"} and isinstance(value["d"], str):
        return _dt.date.fromisoformat(value["d"])
    if keys == {"n", "f"} and isinstance(value["f"], dict):
        name = value["n"]
        fields = _FIELDS.get(name) if isinstance(name, str) else None
        if fields is None or set(value["f"]) != set(fields):
            raise ValueError(f"{name!r} is not a rule AST node")
        return NODE_CLASSES[name](**{field: _decode(value["f"][field]) for field in fields})
    raise ValueError("unexpected JSON object")
