"""Folders: which ones are filing packages (备案材料), what to check in the others, and member order.

A folder is one filing package when, among the document files directly inside it, at least two are
documents and at least one name shows a package role (起草说明, 编制说明, 合法性审核, 审核意见, 司法局意见, 备案报告,
征求意见, 意见汇总, 公平竞争审查, 集体审议, 会议纪要, 制定依据), or — when no name says anything — at least one
of a few (at most 12) documents opens as a drafting record (see package_typing.py). Any other folder is searched recursively and each document file
(or package sub-folder) in it is checked on its own. Hidden files and folders, Office lock files (``~$``)
and project files such as README.md or LICENSE are never read from a folder (name them explicitly to check
them).

Only regular files are ever opened: a named pipe would block the run and a device never ends. Such an
entry, or a link to nothing, is left out of a folder walk or a glob, is an error when named explicitly,
and makes a filing package that lists it unreadable (see ``irregular_reason``).
"""
from __future__ import annotations

import errno
import glob
import os
import stat
from collections.abc import Callable
from pathlib import Path

from normcheck.errors import InputError

DOCUMENT_SUFFIXES = frozenset((".docx", ".docm", ".dotx", ".dotm", ".doc", ".wps", ".wpt", ".odt", ".rtf",
                               ".txt", ".md", ".markdown"))
PACKAGE_ROLES = ("起草说明", "编制说明", "制定说明", "合法性审核", "合法性审查", "法制审核", "审核意见", "司法局意见",
                 "备案报告", "征求意见", "意见汇总", "采纳情况", "公平竞争审查", "集体审议", "会议纪要", "制定依据")
# Names that mark a member as supporting material when choosing the main document of a package.
MEMBER_ROLES = PACKAGE_ROLES + ("附件", "说明", "意见书", "登记表", "审查表", "纪要", "报告")
_GLOB_CHARS = frozenset("*?[")
# Project files that sit next to documents in a folder but are not documents to check.
_NOT_DOCUMENTS = frozenset(("readme", "changelog", "changes", "license", "licence", "copying"))


def irregular_reason(path: Path) -> tuple[str, str] | None:
    """``(code, Chinese reason)`` when ``path`` is neither a regular file nor a folder, without opening it."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "unreadable", "链接形成循环，无法读取"
        if path.is_symlink():
            return "not-found", "链接指向的文件不存在"
        if exc.errno in (errno.ENOENT, errno.ENOTDIR):
            return "not-found", "文件或文件夹不存在"
        return "unreadable", f"无法读取（{exc.strerror or exc.__class__.__name__}）"
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    if stat.S_ISFIFO(mode):
        what = "命名管道（FIFO）"
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        what = "设备文件"
    elif stat.S_ISSOCK(mode):
        what = "套接字"
    else:
        what = "特殊文件"
    return "unsupported-format", f"这是{what}，不是普通文件，未读取"


def is_ignored(path: Path) -> bool:
    """Hidden files and Word/WPS lock files (``~$…``, ``.~…``) are never documents."""
    return path.name.startswith((".", "~$", "~"))


def is_document_name(path: Path) -> bool:
    """A document suffix, not hidden, not a lock file, not a README/LICENSE (whatever the entry really is)."""
    return (path.suffix.lower() in DOCUMENT_SUFFIXES and not is_ignored(path)
            and path.stem.lower() not in _NOT_DOCUMENTS)


def is_document_file(path: Path) -> bool:
    """A file a folder walk checks: a regular file (or a link to one) with a document name."""
    return is_document_name(path) and path.is_file()


def _has_role(name: str, roles: tuple[str, ...]) -> bool:
    return any(role in name for role in roles)


def _document_entries(folder: Path) -> list[Path]:
    """Entries named like documents that are not folders: regular files, and also pipes or dangling links."""
    try:
        entries = sorted(folder.iterdir())
    except OSError as exc:
        raise InputError("unreadable", f"无法读取文件夹（{exc.strerror or exc}）") from None
    return [p for p in entries if is_document_name(p) and not p.is_dir()]


def direct_documents(folder: Path) -> list[Path]:
    """The regular document files directly inside ``folder``: what a walk checks one by one."""
    return [p for p in _document_entries(folder) if p.is_file()]


def is_filing_package(folder: Path) -> bool:
    """True when the folder's own document files look like one filing package (see the module docstring).

    A member that is a pipe or a dangling link still counts, so that reading the package names it instead
    of the walk silently checking the other members one by one."""
    docs = _document_entries(folder)
    if len(docs) < 2:
        return False
    if any(_has_role(p.stem, PACKAGE_ROLES) for p in docs):
        return True
    # Names say nothing: a member that opens as a drafting record (编制说明, 审核意见书…) makes it a package.
    from normcheck.reader.package_typing import records_among

    return bool(records_among([p for p in docs if p.is_file()]))


def package_members(folder: Path) -> tuple[list[Path], list[Path]]:
    """``(members, skipped)``: the package's document files (recursive) in reading order — the main document
    first (the first by name whose name shows no supporting role), then the others by relative path — and
    the non-document files that were left out. A member may be a named pipe or a dangling link: the caller
    checks ``irregular_reason`` before opening it. Raises InputError for a sub-folder that cannot be listed,
    because its documents would silently be missing from the package."""
    members: list[Path] = []
    skipped: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(folder, onerror=_unlistable(folder)):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for filename in sorted(filenames):
            path = Path(dirpath) / filename
            if is_ignored(path) or path.stem.lower() in _NOT_DOCUMENTS:
                continue
            (members if path.suffix.lower() in DOCUMENT_SUFFIXES else skipped).append(path)
    members.sort(key=lambda p: p.relative_to(folder).as_posix())
    top = [p for p in members if p.parent == folder]
    unnamed = [p for p in top if not _has_role(p.stem, MEMBER_ROLES)]
    if len(unnamed) > 1:
        # Several members whose names say nothing: the main document is the one that is not a record.
        from normcheck.reader.package_typing import records_among

        records = records_among([p for p in unnamed if p.is_file()])
        unnamed = [p for p in unnamed if p not in records] or unnamed
    main = unnamed[0] if unnamed else None
    if main is None:
        main = next((p for p in members if not _has_role(p.stem, MEMBER_ROLES)), None)
    if main is not None:
        members.remove(main)
        members.insert(0, main)
    return members, skipped


def _unlistable(folder: Path) -> Callable[[OSError], None]:
    def fail(exc: OSError) -> None:
        where = Path(os.path.relpath(exc.filename, folder)).as_posix() if exc.filename else "."
        raise InputError("unreadable", f"无法读取文件夹 {where}（{exc.strerror or exc.__class__.__name__}）")

    return fail


def _expand(arg: str) -> list[Path]:
    path = Path(arg)
    if path.exists() or path.is_symlink():
        return [path]
    if _GLOB_CHARS & set(arg):
        matches = sorted(glob.glob(arg, recursive=True))
        if matches:
            return [Path(m) for m in matches if not is_ignored(Path(m)) and irregular_reason(Path(m)) is None]
        raise InputError("not-found", "没有与该通配符匹配的文件", path=arg)
    raise InputError("not-found", "文件或文件夹不存在", path=arg)


def _walk(folder: Path) -> list[Path | InputError]:
    """The targets below ``folder``; a folder that cannot be listed is an error in its place, and the walk
    goes on with its siblings."""
    try:
        if is_filing_package(folder):
            return [folder]
        targets: list[Path | InputError] = list(direct_documents(folder))
        subs = sorted(p for p in folder.iterdir() if p.is_dir() and not p.is_symlink() and not is_ignored(p))
    except InputError as exc:
        return [InputError(exc.code, exc.message, path=str(folder))]
    except OSError as exc:
        return [InputError("unreadable", f"无法读取文件夹（{exc.strerror or exc.__class__.__name__}）",
                           path=str(folder))]
    for sub in subs:
        targets.extend(_walk(sub))
    return targets


def discover_entries(paths: list[str] | list[Path] | tuple[str | Path, ...]) -> list[Path | InputError]:
    """Expand files, folders and globs into check targets (document files and package folders), in order.

    Whatever cannot be used — a path that does not exist, a glob that matches nothing, a folder without
    documents, a sub-folder that cannot be listed, a path named explicitly that is not a regular file or
    folder (a named pipe, a device, a dangling link) — is an ``InputError`` (with ``path`` set) in its
    place, and everything else is still found. A file named explicitly is a target whatever its extension:
    reading it says what is wrong with it. Globs and folder walks leave non-regular entries out.
    """
    entries: list[Path | InputError] = []
    seen: set[Path] = set()
    for arg in paths:
        try:
            expanded = _expand(str(arg))
        except InputError as exc:
            entries.append(exc)
            continue
        for path in expanded:
            found: list[Path | InputError]
            if path.is_dir():
                found = _walk(path)
                if not found:
                    found = [InputError("no-documents", "文件夹中没有可检查的文档（.docx、.doc、.wps、.txt、.md 等）",
                                        path=str(path))]
            else:
                irregular = irregular_reason(path)
                found = [InputError(*irregular, path=str(path)) if irregular is not None else path]
            for target in found:
                if isinstance(target, InputError):
                    entries.append(target)
                    continue
                key = target.resolve()
                if key not in seen:
                    seen.add(key)
                    entries.append(target)
    return entries


def discover(paths: list[str] | list[Path] | tuple[str | Path, ...]) -> list[Path]:
    """``discover_entries`` for callers that want all or nothing: raises the first ``InputError``."""
    targets: list[Path] = []
    for entry in discover_entries(paths):
        if isinstance(entry, InputError):
            raise entry
        targets.append(entry)
    return targets
