"""Legacy formats (.doc, .wps, .odt, .rtf) through LibreOffice: convert a copy to .docx, then read that.

The input is copied into a private temporary folder first, so the conversion can never write next to (or
over) the user's file, and LibreOffice gets a throw-away profile so that a running office instance or a
locked profile does not block it. A conversion that takes too long is killed.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from normcheck.errors import InputError
from normcheck.model import Document

CONVERTERS = ("soffice", "libreoffice")
DEFAULT_TIMEOUT_SECONDS = 120.0

HOW_TO_CONVERT = "请用 Word 或 WPS 打开后“另存为” .docx 格式，或安装 LibreOffice（soffice）后重试"


def find_converter() -> str | None:
    """The path of ``soffice``/``libreoffice`` on PATH, or None."""
    for name in CONVERTERS:
        found = shutil.which(name)
        if found:
            return found
    return None


def convert_and_read(path: Path, what: str, *, display: str, max_unzipped_bytes: int | None = None,
                     timeout: float | None = None) -> Document:
    """Convert ``path`` (described to the user as ``what``) to .docx with LibreOffice and read the result."""
    from normcheck.reader.docx import read_docx

    converter = find_converter()
    if converter is None:
        raise InputError("needs-conversion", f"这是{what}，需要先转换为 .docx：{HOW_TO_CONVERT}")
    limit = DEFAULT_TIMEOUT_SECONDS if timeout is None else timeout
    with tempfile.TemporaryDirectory(prefix="normcheck-") as tmp:
        work = Path(tmp)
        source = work / ("input" + (path.suffix.lower() or ".doc"))
        shutil.copyfile(path, source)
        out_dir = work / "out"
        out_dir.mkdir()
        command = [converter, "--headless", "--norestore", f"-env:UserInstallation={(work / 'profile').as_uri()}",
                   "--convert-to", "docx", "--outdir", str(out_dir), str(source)]
        _run(command, work, limit, what)
        produced = out_dir / (source.stem + ".docx")
        if not produced.is_file() or produced.stat().st_size == 0:
            raise InputError("conversion-failed", f"LibreOffice 未能转换该{what}；{HOW_TO_CONVERT}")
        doc = read_docx(produced, max_unzipped_bytes=max_unzipped_bytes, display=display)
    doc.warnings.insert(0, f"该文件为{what}，已用 LibreOffice 转换为 .docx 后读取")
    return doc


def _run(command: list[str], home: Path, limit: float, what: str) -> None:
    from normcheck.procguard import kill_group, spawn_group

    try:
        # A process group of its own, so that stopping it stops LibreOffice's helper processes too.
        proc = spawn_group(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, env={**os.environ, "HOME": str(home)})
    except OSError as exc:
        raise InputError("conversion-failed", f"无法运行 LibreOffice（{exc.strerror or exc}）") from None
    try:
        proc.wait(timeout=limit)
    except subprocess.TimeoutExpired:
        raise InputError("timeout", f"用 LibreOffice 转换{what}超时（{limit:g} 秒）") from None
    finally:
        # Whatever ends the wait (done, its own limit, --timeout of the whole check, an interrupt), no
        # process of the group outlives it.
        kill_group(proc)
