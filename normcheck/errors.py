"""Error types that normcheck raises on purpose. Anything else escaping is a bug."""
from __future__ import annotations


class NormcheckError(Exception):
    """Base class for every error normcheck reports to the user as one line."""


class InputError(NormcheckError):
    """An input file or folder could not be read.

    ``code`` is a stable machine-readable identifier (used in JSON output as ``error.code``), e.g.
    ``not-found``, ``empty``, ``not-a-docx``, ``encrypted``, ``corrupt-zip``, ``malformed-xml``,
    ``zip-bomb``, ``unsupported-format``, ``needs-conversion``, ``no-documents``, ``timeout``.
    ``message`` is one line in Chinese for legal staff, without the path (the CLI prefixes the path).
    """

    def __init__(self, code: str, message: str, path: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.path = path

    def __str__(self) -> str:
        return self.message


class RuleError(NormcheckError):
    """A rule file does not parse or does not check. ``str()`` is the full, caret-annotated report."""

    def __init__(self, message: str, file: str | None = None, line: int | None = None,
                 column: int | None = None, source_line: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.source_line = source_line

    def __str__(self) -> str:
        where = ""
        if self.file is not None:
            where = self.file
            if self.line is not None:
                where += f":{self.line}"
                if self.column is not None:
                    where += f":{self.column}"
            where += ": "
        text = where + self.message
        if self.source_line is not None and self.column is not None:
            line, column = _window(self.source_line.rstrip("\n"), self.column)
            text += "\n    " + line + "\n    " + _caret_pad(line, column) + "^"
        return text


SHOWN_LINE_CHARS = 160


def _window(line: str, column: int) -> tuple[str, int]:
    """At most ``SHOWN_LINE_CHARS`` characters of ``line`` around ``column`` (and the column within them):
    an error echoes the place it points at, never a whole huge line."""
    if len(line) <= SHOWN_LINE_CHARS:
        return line, column
    start = max(0, min(column - 1 - SHOWN_LINE_CHARS // 2, len(line) - SHOWN_LINE_CHARS))
    end = start + SHOWN_LINE_CHARS
    shown = ("…" if start else "") + line[start:end] + ("…" if end < len(line) else "")
    return shown, column - start + (1 if start else 0)


def _caret_pad(line: str, column: int) -> str:
    """Spaces under ``line`` up to ``column`` (1-based), two cells for wide characters."""
    import unicodedata

    pad = []
    for ch in line[: max(column - 1, 0)]:
        if ch == "\t":
            pad.append("\t")
        elif unicodedata.east_asian_width(ch) in ("W", "F"):
            pad.append("  ")
        else:
            pad.append(" ")
    return "".join(pad)


class ConfigError(NormcheckError):
    """A configuration file, option or waiver is wrong (unknown rule ID, tag or key...)."""
