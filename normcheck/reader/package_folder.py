"""Read a filing-package folder as one Document whose blocks remember their member file."""
from __future__ import annotations

from pathlib import Path

from normcheck.errors import InputError
from normcheck.model import Document
from normcheck.reader.folder import irregular_reason, package_members


def read_package(folder: Path, display: str, *, max_unzipped_bytes: int | None = None) -> Document:
    """Members in ``package_members`` order; each block's ``file`` is the member path as shown to the user.

    A member that cannot be read makes the whole package unreadable (naming the member), because checking
    the rest would report missing evidence that is really in the broken file. That includes a member that
    is a named pipe, a device or a dangling link: it is never opened, and the error says what it is.
    """
    from normcheck.reader.files import read_file

    members, skipped = package_members(folder)
    if not members:
        raise InputError("no-documents", "文件夹中没有可检查的文档（.docx、.doc、.wps、.txt、.md 等）")
    doc = Document(path=display)
    files: list[str] = []
    for member in members:
        shown = str(Path(display) / member.relative_to(folder))
        name = member.relative_to(folder).as_posix()
        irregular = irregular_reason(member)
        if irregular is not None:
            code, reason = irregular
            raise InputError(code, f"材料 {name}：{reason}")
        try:
            part = read_file(member, shown, max_unzipped_bytes=max_unzipped_bytes)
        except InputError as exc:
            raise InputError(exc.code, f"材料 {name}：{exc.message}") from None
        except OSError as exc:
            raise InputError("unreadable", f"材料 {name}：无法读取（{exc.strerror or exc.__class__.__name__}）") from None
        files.append(shown)
        doc.blocks.extend(part.blocks)
        doc.warnings.extend(f"{member.name}：{w}" for w in part.warnings)
        if not doc.metadata:
            doc.metadata = dict(part.metadata)
    for path in skipped:
        doc.warnings.append(f"未读取不支持的材料文件：{path.relative_to(folder).as_posix()}")
    doc.files = tuple(files)
    return doc
