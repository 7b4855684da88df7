"""What every command module shares: the one-line error that stops a command, the printable form of a
message naming a file, and the configuration found for the first input."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import NoReturn

import click

from normcheck.config import Config, find_config, load_config

USAGE_ERROR = 2


def fail(message: str) -> NoReturn:
    """Print one line on stderr and stop with exit code 2."""
    click.echo(f"normcheck: {printable_line(message)}", err=True)
    sys.exit(USAGE_ERROR)


def os_error_line(exc: OSError) -> str:
    """A failed write (report, baseline, annotated copy) as one line: the path and the system's reason."""
    return f"{exc.filename}: 无法写入（{exc.strerror or exc.__class__.__name__}）"


def found_config(first: Path) -> Config:
    found = find_config(first if first.exists() else Path.cwd())
    return load_config(found) if found else Config()


def printable_line(text: str) -> str:
    """A message naming a file whose name is not UTF-8, escaped as the reports show it (%B8)."""
    from normcheck.report.printable import printable

    return printable(text)
