"""Regenerate the sample filing packages in this folder.

    python samples/build_samples.py            # rewrite samples/*.docx and the package folders
    python samples/build_samples.py OUT_DIR    # write them somewhere else

The texts live in ``samples/source/pkg_*.py``; the .docx writer uses the OOXML fixture builder in
``tests/ooxml.py``. Output is deterministic: the same sources give byte-identical files.
"""
from __future__ import annotations

import importlib
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
for extra in (HERE / "source", HERE.parent / "tests"):
    if str(extra) not in sys.path:
        sys.path.insert(0, str(extra))

from sample_docx import write_docx  # noqa: E402
from sample_spec import PackageSpec  # noqa: E402

PACKAGE_MODULES = (
    "pkg_parking",
    "pkg_elderly",
    "pkg_property",
    "pkg_rental",
    "pkg_greening",
    "pkg_adoption",
    "pkg_sme",
    "pkg_training",
    "pkg_assistance",
    "pkg_land",
)


def packages() -> list[PackageSpec]:
    """Every sample package, in the order of samples/README.md."""
    return [importlib.import_module(name).PACKAGE for name in PACKAGE_MODULES]


def build(out_dir: Path) -> list[Path]:
    """Write every package under ``out_dir``; returns the files written."""
    written: list[Path] = []
    for package in packages():
        target_dir = out_dir / package.name if package.folder else out_dir
        target_dir.mkdir(parents=True, exist_ok=True)
        for file_name, spec in package.files:
            written.append(write_docx(spec, target_dir / file_name))
    return written


def main(argv: list[str]) -> int:
    out_dir = Path(argv[0]) if argv else HERE
    for path in build(out_dir):
        print(path.relative_to(out_dir))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
