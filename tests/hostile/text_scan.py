"""Find places where UI code could put an uncleaned string on screen.

The markup scan (markup_scan.py) makes sure article text never reaches a
widget as markup; this one makes sure no string from outside reaches it
with a terminal control, an escape sequence or a TAB in it. The rule is
structural: text becomes Content only in reader/ui/safe_text.py, which
cleans it, so everywhere else

- `Content(...)`, `Text(...)`, `Content.styled(...)`, `Text.styled(...)`
  take only a constant string,
- `Content.assemble(...)` / `Text.assemble(...)` take only constant strings
  (or (constant, style) pairs),
- `Content.from_markup` / `Text.from_markup` substitute only constants,
- a call that passes `markup=False` (the way around markup parsing, so the
  string is shown as it is) passes a constant or a `safe_text.*(...)` call;
  `notify` is the one exception: ReaderApp.notify cleans every message.

Anything else goes through `safe_text.content / block / assemble / marked`.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

from hostile.markup_scan import _module_constants

BUILDERS = frozenset({"Content", "Text"})
SINGLE = frozenset({"styled"})
MANY = frozenset({"assemble"})
MARKUP = frozenset({"from_markup"})
SAFE_MODULE = "safe_text"
CLEANING_SINKS = frozenset({"notify"})
"""Calls that clean their own text (see ReaderApp.notify)."""


@dataclass(frozen=True)
class Violation:
    path: str
    line: int
    why: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.why}"


_CONSTANTS: set[str] = set()
"""Module- and class-level names bound to a string constant in the file
being scanned (they count as constants)."""


def _constant(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return True
    if isinstance(node, ast.JoinedStr):
        return not any(isinstance(v, ast.FormattedValue) for v in node.values)
    return isinstance(node, ast.Name) and node.id in _CONSTANTS


def _constant_part(node: ast.expr) -> bool:
    """A constant string, or a (constant string, style) pair."""
    if isinstance(node, ast.Tuple) and node.elts:
        return _constant(node.elts[0])
    return _constant(node)


def _safe_call(node: ast.expr) -> bool:
    """`safe_text.something(...)`."""
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == SAFE_MODULE
    )


def _builder(func: ast.expr) -> tuple[str, str] | None:
    """("Content", "") for Content(...), ("Content", "styled") for
    Content.styled(...), and so on; None for anything else."""
    if isinstance(func, ast.Name) and func.id in BUILDERS:
        return func.id, ""
    if (
        isinstance(func, ast.Attribute)
        and isinstance(func.value, ast.Name)
        and func.value.id in BUILDERS
    ):
        return func.value.id, func.attr
    return None


def _markup_false(call: ast.Call) -> bool:
    return any(
        kw.arg == "markup" and isinstance(kw.value, ast.Constant) and kw.value.value is False
        for kw in call.keywords
    )


def _callee(func: ast.expr) -> str:
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


def _check(call: ast.Call) -> str | None:
    """Why this call may put uncleaned text on screen, or None."""
    built = _builder(call.func)
    if built is not None:
        kind, method = built
        if method == "":
            texts = call.args[:1] + [kw.value for kw in call.keywords if kw.arg == "text"]
            if any(not _constant(a) for a in texts):
                return f"{kind}() of a string built at run time"
        elif method in SINGLE:
            if call.args and not _constant(call.args[0]):
                return f"{kind}.{method}() of a string built at run time"
        elif method in MANY:
            if any(isinstance(a, ast.Starred) or not _constant_part(a) for a in call.args):
                return f"{kind}.{method}() with a part that is not a constant"
        elif method in MARKUP and any(
            not (_constant(kw.value) or _safe_call(kw.value)) for kw in call.keywords
        ):
            return f"{kind}.{method}() substituting a value that is not cleaned"
        return None
    if not _markup_false(call):
        return None
    name, args = _callee(call.func), call.args
    if name == "call_from_thread" and args:  # call_from_thread(self.notify, text, ...)
        name, args = _callee(args[0]), args[1:]
    first = args[:1]
    if name in CLEANING_SINKS or not first or _constant(first[0]) or _safe_call(first[0]):
        return None
    return f"{name}(..., markup=False) of a string that is not cleaned"


def scan_source(source: str, path: str = "<string>") -> list[Violation]:
    tree = ast.parse(source, filename=path)
    _CONSTANTS.clear()
    _CONSTANTS.update(_module_constants(tree))
    found: list[Violation] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            why = _check(node)
            if why is not None:
                found.append(Violation(path, node.lineno, why))
    return sorted(found, key=lambda v: (v.path, v.line))


def scan_tree(
    root: Path, *, allowed: frozenset[str] = frozenset({"safe_text.py"})
) -> list[Violation]:
    found: list[Violation] = []
    for file in sorted(root.rglob("*.py")):
        if file.name not in allowed:
            found += scan_source(file.read_text(encoding="utf-8"), str(file))
    return found
