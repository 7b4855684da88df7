"""Where the bundled rule packs and their data files are: installed with the package as
``normcheck.bundled_rules``, or the ``rules/`` folder of a checkout. The rule loader and the structure
stage's vocabularies both read from here."""
from __future__ import annotations

from pathlib import Path


def bundled_rules_dir() -> Path:
    """The folder of the bundled packs: installed as normcheck.bundled_rules, or rules/ in a checkout."""
    try:
        from importlib import resources

        folder = Path(str(resources.files("normcheck.bundled_rules")))
        if folder.is_dir():
            return folder
    except (ModuleNotFoundError, TypeError):
        pass  # not installed as a package: the checkout's folder below
    return Path(__file__).resolve().parent.parent / "rules"
