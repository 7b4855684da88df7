"""The shape of the package: no import cycles, arrows only in the direction of the pipeline, modules
small enough to read, and every package shipped in the wheel."""
from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import imports

MAX_LINES = 500

# Layer → the layers (package prefixes) it must never import. The pipeline runs
# CLI → runner → reader / structure / engine → findings (model) → reporters; the language (dsl) compiles
# rule files into engine objects; authoring tools sit beside the CLI.
FORBIDDEN = {
    "normcheck.reader": ("normcheck.engine", "normcheck.dsl", "normcheck.report",
                         "normcheck.runner", "normcheck.cli", "normcheck.authoring"),
    "normcheck.structure": ("normcheck.engine", "normcheck.dsl", "normcheck.report", "normcheck.runner",
                            "normcheck.cli", "normcheck.authoring"),
    "normcheck.engine": ("normcheck.dsl", "normcheck.report", "normcheck.runner", "normcheck.cli",
                         "normcheck.authoring", "normcheck.api"),
    "normcheck.dsl": ("normcheck.report", "normcheck.runner", "normcheck.cli", "normcheck.authoring",
                      "normcheck.api"),
    "normcheck.report": ("normcheck.runner", "normcheck.cli", "normcheck.dsl", "normcheck.authoring"),
    "normcheck.model": ("normcheck.reader", "normcheck.structure", "normcheck.engine", "normcheck.dsl",
                        "normcheck.report", "normcheck.runner", "normcheck.cli"),
}




def _in(module: str, prefix: str) -> bool:
    return module == prefix or module.startswith(prefix + ".")


def test_no_import_cycles() -> None:
    assert imports.cycles(imports.graph()) == []


def test_arrows_follow_the_pipeline() -> None:
    wrong = []
    for module, targets in imports.graph().items():
        for layer, banned in FORBIDDEN.items():
            if _in(module, layer):
                wrong += [f"{module} -> {t}" for t in sorted(targets) if any(_in(t, b) for b in banned)]
    assert wrong == []


def test_no_module_over_the_line_limit() -> None:
    long = {name: n for name, path in imports.modules().items()
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}


def test_every_package_ships_in_the_wheel() -> None:
    text = (imports.PACKAGE.parent / "pyproject.toml").read_text(encoding="utf-8")
    listed = set(re.findall(r'^\s*"(normcheck[\w.]*)",?\s*$', text, flags=re.M))
    packages = {imports.module_name(p) for p in imports.PACKAGE.rglob("__init__.py")}
    assert packages - listed == set()


def test_the_cycle_finder_finds_cycles() -> None:
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert imports.cycles(edges) == [["a", "b", "c"]]
    assert imports.cycles({"a": {"b"}, "b": set()}) == []


def test_type_checking_imports_are_not_arrows(tmp_path: Path) -> None:
    source = ("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from normcheck.cli import x\n"
              "def f():\n    from normcheck.report import y\n")
    import ast

    found = imports._imports(ast.parse(source), "normcheck.engine.run", False, {"normcheck.report"})
    assert found == {"normcheck.report"}
