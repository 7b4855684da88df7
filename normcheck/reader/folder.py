"""Folders: which ones are filing packages (备案材料), what to check in the others, and member order.

A folder is one filing package when, among the document files directly inside it, at least two are
documents and at least one name shows a package role (起草说明, 合法性审核, 审核意见, 备案报告, 征求意见,
公平竞争审查, 集体审议, 会议纪要, 制定依据). Any other folder is searched recursively and each document file
(or package sub-folder) in it is checked on its own. Hidden files and folders, Office lock files (``~$``)
and project files such as README.md or LICENSE are never read from a folder (name them explicitly to check
them).
"""
from __future__ import annotations

import glob
import os
from pathlib import Path

from normcheck.errors import InputError

DOCUMENT_SUFFIXES = frozenset((".docx", ".docm", ".dotx", ".dotm", ".doc", ".wps", ".wpt", ".odt", ".rtf",
                               ".txt", ".md", ".markdown"))
PACKAGE_ROLES = ("起草说明", "合法性审核", "审核意见", "备案报告", "征求意见", "公平竞争审查", "集体审议", "会议纪要",
                 "制定依据")
# Names that mark a member as supporting material when choosing the main document of a package.
MEMBER_ROLES = PACKAGE_ROLES + ("附件", "说明", "意见书", "登记表", "审查表", "纪要", "报告")
_GLOB_CHARS = frozenset("*?[")
# Project files that sit next to documents in a folder but are not documents to check.
_NOT_DOCUMENTS = frozenset(("readme", "changelog", "changes", "license", "licence", "copying"))


def is_ignored(path: Path) -> bool:
    """Hidden files and Word/WPS lock files (``~$…``, ``.~…``) are never documents."""
    return path.name.startswith((".", "~$", "~"))


def is_document_file(path: Path) -> bool:
    """A file a folder walk checks: a document suffix, not hidden, not a lock file, not a README/LICENSE."""
    return (path.suffix.lower() in DOCUMENT_SUFFIXES and not is_ignored(path)
            and path.stem.lower() not in _NOT_DOCUMENTS and path.is_file())


def _has_role(name: str, roles: tuple[str, ...]) -> bool:
    return any(role in name for role in roles)


def direct_documents(folder: Path) -> list[Path]:
    try:
        entries = sorted(folder.iterdir())
    except OSError as exc:
        raise InputError("unreadable", f"无法读取文件夹（{exc.strerror or exc}）") from None
    return [p for p in entries if is_document_file(p)]


def is_filing_package(folder: Path) -> bool:
    """True when the folder's own document files look like one filing package (see the module docstring)."""
    docs = direct_documents(folder)
    return len(docs) >= 2 and any(_has_role(p.stem, PACKAGE_ROLES) for p in docs)


def package_members(folder: Path) -> tuple[list[Path], list[Path]]:
    """``(members, skipped)``: the package's document files (recursive) in reading order — the main document
    first (the first by name whose name shows no supporting role), then the others by relative path — and
    the non-document files that were left out."""
    members: list[Path] = []
    skipped: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for filename in sorted(filenames):
            path = Path(dirpath) / filename
            if is_ignored(path) or path.stem.lower() in _NOT_DOCUMENTS:
                continue
            (members if path.suffix.lower() in DOCUMENT_SUFFIXES else skipped).append(path)
    members.sort(key=lambda p: p.relative_to(folder).as_posix())
    top = [p for p in members if p.parent == folder]
    main = next((p for p in top if not _has_role(p.stem, MEMBER_ROLES)), None)
    if main is None:
        main = next((p for p in members if not _has_role(p.stem, MEMBER_ROLES)), None)
    if main is not None:
        members.remove(main)
        members.insert(0, main)
    return members, skipped


def _expand(arg: str) -> list[Path]:
    path = Path(arg)
    if path.exists():
        return [path]
    if _GLOB_CHARS & set(arg):
        matches = sorted(glob.glob(arg, recursive=True))
        if matches:
            return [Path(m) for m in matches if not is_ignored(Path(m))]
        raise InputError("not-found", "没有与该通配符匹配的文件", path=arg)
    raise InputError("not-found", "文件或文件夹不存在", path=arg)


def _walk(folder: Path) -> list[Path]:
    if is_filing_package(folder):
        return [folder]
    targets = [p for p in direct_documents(folder)]
    for sub in sorted(p for p in folder.iterdir() if p.is_dir() and not p.is_symlink() and not is_ignored(p)):
        targets.extend(_walk(sub))
    return targets


def discover(paths: list[str] | list[Path] | tuple[str | Path, ...]) -> list[Path]:
    """Expand files, folders and globs into check targets (document files and package folders), in order.

    Raises InputError (with ``path`` set) for a path that does not exist, a glob that matches nothing, or a
    folder without documents. A file named explicitly is a target whatever its extension: reading it says
    what is wrong with it.
    """
    targets: list[Path] = []
    seen: set[Path] = set()
    for arg in paths:
        for path in _expand(str(arg)):
            if path.is_dir():
                found = _walk(path)
                if not found:
                    raise InputError("no-documents", "文件夹中没有可检查的文档（.docx、.doc、.wps、.txt、.md 等）",
                                     path=str(path))
            else:
                found = [path]
            for target in found:
                key = target.resolve()
                if key not in seen:
                    seen.add(key)
                    targets.append(target)
    return targets
