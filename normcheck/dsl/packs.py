"""Where rule files come from: the bundled packs, the files and folders given, and an office's copy of a
bundled pack, which replaces the bundled pack of the same file name and may lean on the bundled files it
includes (``common.rules``) and the bundled data files."""
from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from normcheck import safeio
from normcheck.bundled import bundled_rules_dir
from normcheck.errors import RuleError


def rule_files(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Expand files and folders (all ``*.rules`` below, sorted) into rule files."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(sorted(path.rglob("*.rules")))
        elif path.is_file():
            files.append(path)
        else:
            raise RuleError(f"找不到规则文件或文件夹：{raw}", str(raw))
    return files


@dataclass
class Sources:
    """The files of one load, in order, and the bundled packs that given files replace."""

    files: list[Path]
    # Resolved bundled file → the given file that replaces it (also where another pack includes it).
    replaced: dict[Path, Path] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)


def sources(paths: Iterable[str | os.PathLike[str]], bundled: bool) -> Sources:
    given = rule_files(paths)
    if not bundled:
        return Sources(given)
    packs = rule_files([bundled_rules_dir()])
    by_name = {pack.name: pack for pack in packs}
    replaced: dict[Path, Path] = {}
    notices: list[str] = []
    for path in given:
        pack = by_name.get(path.name)
        if pack is None or pack.resolve() == path.resolve() or pack.resolve() in replaced:
            continue
        replaced[pack.resolve()] = path
        notices.append(f"{display(path)} 取代了内置规则包 {pack.stem}")
    kept = [pack for pack in packs if pack.resolve() not in replaced]
    return Sources(kept + given, replaced, notices)


def beside_or_bundled(base: Path, relative: str) -> Path:
    """``relative`` next to the file in ``base``; when there is no such file but the bundled packs have one
    (a copied pack's ``include "common.rules"`` or ``data/…``), the bundled one."""
    target = base / relative
    if target.is_file():
        return target
    fallback = bundled_rules_dir() / relative
    return fallback if fallback.is_file() else target


def display(path: Path) -> str:
    try:
        return safeio.shown(os.path.relpath(path))
    except ValueError:
        return safeio.shown(path)
