"""Find places where UI code could hand a markup string to Textual.

Textual parses a plain `str` given to Static, Label, Button, Option, Tree
labels, `notify()`, `update()`, `border_title` and friends as console
markup, so article text like `[@click=app.quit]x[/]` would run an action.
Article-derived text must reach widgets as `Content`/`Text` objects or
through `Content.from_markup("constant $var", var=...)`.

The scanner flags, at those sinks, any argument that builds a string at
run time (f-strings with fields, `+` with a string, `%`-formatting,
`.format()`, `.join()`, `str()`), a local name bound to such a string, a
parameter annotated `str`, or a model text field read directly
(`article.text`, `quote.speaker`, ...).
It also flags `Content.from_markup` / `Text.from_markup` whose template is
not a constant. A call that passes `markup=False` is literal and allowed.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

WIDGETS = frozenset(
    {
        "Static",
        "Label",
        "Button",
        "Option",
        "Selection",
        "ListItem",
        "Tree",
        "Tab",
        "TabPane",
        "Checkbox",
        "RadioButton",
        "Collapsible",
        "Link",
        "Markdown",
        "MarkdownViewer",
        "Toast",
    }
)
METHODS_FIRST_ARG = frozenset(
    {"notify", "update", "add_column", "add_option", "add_leaf", "add_node", "add", "set_label"}
)
METHODS_ALL_ARGS = frozenset({"add_row", "add_options"})
TEXT_KEYWORDS = frozenset(
    {"renderable", "label", "prompt", "message", "title", "content", "text", "tooltip"}
)
ASSIGNED_SINKS = frozenset({"border_title", "border_subtitle", "tooltip", "label", "prompt"})
MARKUP_PARSERS = frozenset({"from_markup", "render_str"})
MODEL_TEXT_FIELDS = frozenset(
    {
        "text",
        "title",
        "name",
        "role",
        "speaker",
        "context",
        "note",
        "exact",
        "prefix",
        "suffix",
        "section",
        "byline",
        "source",
        "source_text",
        "url",
        "href",
        "unit",
        "aliases",
        "authors",
        "credits",
        "tags",
        "warnings",
    }
)


@dataclass(frozen=True)
class Violation:
    path: str
    line: int
    sink: str
    why: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.why} passed to {self.sink}"


def _callee(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _has_markup_false(call: ast.Call) -> bool:
    return any(
        kw.arg == "markup" and isinstance(kw.value, ast.Constant) and kw.value.value is False
        for kw in call.keywords
    )


def _cells(arg: ast.expr) -> list[ast.expr]:
    """The expressions that end up as cells: `*[...]`, lists and
    comprehensions are opened up."""
    if isinstance(arg, ast.Starred):
        return _cells(arg.value)
    if isinstance(arg, ast.List | ast.Tuple):
        return [e for elt in arg.elts for e in _cells(elt)]
    if isinstance(arg, ast.ListComp | ast.GeneratorExp):
        return _cells(arg.elt)
    return [arg]


def _is_str_annotation(node: ast.expr | None) -> bool:
    """`str`, `str | None` or `Optional[str]` (also as a string annotation)."""
    if node is None:
        return False
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value.replace(" ", "") in ("str", "str|None", "None|str", "Optional[str]")
    if isinstance(node, ast.Name):
        return node.id == "str"
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return _is_str_annotation(node.left) or _is_str_annotation(node.right)
    if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name):
        return node.value.id == "Optional" and _is_str_annotation(node.slice)
    return False


def _is_str_constant(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


class _Scanner(ast.NodeVisitor):
    def __init__(self, path: str, constants: set[str]) -> None:
        self.path = path
        self.constants = constants
        self.tainted: list[set[str]] = [set()]
        self.strings: list[set[str]] = [set()]
        self.found: list[Violation] = []

    # -- what counts as a run-time string -------------------------------

    def why_built(self, node: ast.expr) -> str | None:
        if isinstance(node, ast.JoinedStr):
            if any(isinstance(v, ast.FormattedValue) for v in node.values):
                return "an f-string"
            return None
        if isinstance(node, ast.BinOp):
            if isinstance(node.op, ast.Add) and (
                self._stringish(node.left) or self._stringish(node.right)
            ):
                return "string concatenation"
            if isinstance(node.op, ast.Mod) and self._stringish(node.left):
                return "%-formatting"
            return None
        if isinstance(node, ast.Call):
            name = _callee(node.func)
            if isinstance(node.func, ast.Attribute) and name == "format":
                return "a .format() call"
            if isinstance(node.func, ast.Attribute) and name == "join":
                return "a .join() call"
            if isinstance(node.func, ast.Name) and name in ("str", "repr"):
                return f"a {name}() call"
            return None
        if isinstance(node, ast.IfExp):
            return self.why_built(node.body) or self.why_built(node.orelse)
        if isinstance(node, ast.Name) and any(node.id in scope for scope in self.tainted):
            return f"the string-built name {node.id!r}"
        if isinstance(node, ast.Attribute) and node.attr in MODEL_TEXT_FIELDS:
            return f"the raw text field .{node.attr}"
        if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Slice):
            return "a slice of a string"
        return None

    def _stringish(self, node: ast.expr) -> bool:
        return (
            _is_str_constant(node)
            or isinstance(node, ast.JoinedStr)
            or self.why_built(node) is not None
        )

    # -- scopes and assignments -----------------------------------------

    def _visit_function(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        # A parameter typed `str` holds whatever the caller passed (article
        # text, a path, a tag): treat it like a string built at run time.
        params = [*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs]
        self.tainted.append({a.arg for a in params if _is_str_annotation(a.annotation)})
        self.strings.append(set())
        self.generic_visit(node)
        self.tainted.pop()
        self.strings.pop()

    visit_FunctionDef = _visit_function
    visit_AsyncFunctionDef = _visit_function

    def visit_Assign(self, node: ast.Assign) -> None:
        self.generic_visit(node)
        built = self.why_built(node.value)
        for target in node.targets:
            self._assigned(target, node.value, built, node.lineno)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        self.generic_visit(node)
        if node.value is not None:
            self._assigned(node.target, node.value, self.why_built(node.value), node.lineno)

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        self.generic_visit(node)
        target = node.target
        if (
            isinstance(target, ast.Name)
            and isinstance(node.op, ast.Add)
            and (
                self._stringish(node.value)
                or target.id in self.tainted[-1]
                or target.id in self.strings[-1]
            )
        ):
            self.tainted[-1].add(target.id)

    def _assigned(self, target: ast.expr, value: ast.expr, built: str | None, line: int) -> None:
        if isinstance(target, ast.Name):
            if built is not None:
                self.tainted[-1].add(target.id)
            else:
                self.tainted[-1].discard(target.id)
            if _is_str_constant(value):
                self.strings[-1].add(target.id)
            else:
                self.strings[-1].discard(target.id)
        elif (
            isinstance(target, ast.Attribute)
            and target.attr in ASSIGNED_SINKS
            and built is not None
        ):
            self.found.append(Violation(self.path, line, f".{target.attr} =", built))

    # -- sinks ------------------------------------------------------------

    def visit_Call(self, node: ast.Call) -> None:
        self.generic_visit(node)
        name = _callee(node.func)
        if name in MARKUP_PARSERS:
            self._check_template(node, name)
            return
        if _has_markup_false(node):
            return
        args: list[ast.expr] = []
        if name in WIDGETS or name in METHODS_FIRST_ARG:
            if name in METHODS_FIRST_ARG and not isinstance(node.func, ast.Attribute):
                return
            args = node.args[:1]
        elif name in METHODS_ALL_ARGS and isinstance(node.func, ast.Attribute):
            args = [e for a in node.args for e in _cells(a)]
        else:
            return
        args += [kw.value for kw in node.keywords if kw.arg in TEXT_KEYWORDS]
        for arg in args:
            why = self.why_built(arg)
            if why is not None:
                self.found.append(Violation(self.path, arg.lineno, f"{name}()", why))

    def _check_template(self, node: ast.Call, name: str) -> None:
        if not node.args:
            return
        template = node.args[0]
        if _is_str_constant(template):
            return
        if isinstance(template, ast.Name) and template.id in self.constants:
            return
        why = self.why_built(template) or "a template that is not a constant string"
        self.found.append(Violation(self.path, template.lineno, f"{name}()", why))


def _module_constants(tree: ast.Module) -> set[str]:
    """Module- and class-level names bound only to string constants."""
    names: set[str] = set()
    bodies: list[list[ast.stmt]] = [tree.body]
    bodies += [n.body for n in tree.body if isinstance(n, ast.ClassDef)]
    for body in bodies:
        for stmt in body:
            if isinstance(stmt, ast.Assign) and _is_str_constant(stmt.value):
                names.update(t.id for t in stmt.targets if isinstance(t, ast.Name))
            elif (
                isinstance(stmt, ast.AnnAssign)
                and stmt.value is not None
                and _is_str_constant(stmt.value)
                and isinstance(stmt.target, ast.Name)
            ):
                names.add(stmt.target.id)
    return names


def scan_source(source: str, path: str = "<string>") -> list[Violation]:
    tree = ast.parse(source, filename=path)
    scanner = _Scanner(path, _module_constants(tree))
    scanner.visit(tree)
    return sorted(scanner.found, key=lambda v: (v.path, v.line))


def scan_tree(root: Path) -> list[Violation]:
    found: list[Violation] = []
    for file in sorted(root.rglob("*.py")):
        found += scan_source(file.read_text(encoding="utf-8"), str(file))
    return found
