"""The layers hold: only reader.ui imports Textual, and loading the core
(every module outside reader.ui) never loads it, directly or through another
module. `lint-imports` (in .ci/run) checks the whole layer order; these
tests keep the Textual rule in the test run too."""

from __future__ import annotations

import ast
import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import reader

PACKAGE = Path(reader.__file__).resolve().parent


def all_modules() -> list[str]:
    return sorted(info.name for info in pkgutil.walk_packages([str(PACKAGE)], prefix="reader."))


def core_modules() -> list[str]:
    # reader.__main__ runs the program when imported; it imports reader.cli only.
    return [m for m in all_modules() if not m.startswith("reader.ui") and m != "reader.__main__"]


def imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    roots: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
    return roots


def test_only_reader_ui_imports_textual() -> None:
    importers = sorted(
        str(path.relative_to(PACKAGE.parent))
        for path in PACKAGE.rglob("*.py")
        if "textual" in imported_roots(path)
    )
    assert importers, "the UI imports Textual"
    assert all(p.startswith("reader/ui/") for p in importers), importers


def test_loading_every_core_module_loads_no_textual() -> None:
    modules = core_modules()
    assert "reader.store" in modules and "reader.commands.open_tui" in modules
    code = (
        "import importlib, json, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] == 'textual')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-I", "-c", code],
        capture_output=True,
        text=True,
        cwd=PACKAGE.parent,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == []
