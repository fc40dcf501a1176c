"""No article-derived string reaches a markup-parsing Textual API.

Scans reader/ui/ with the `ast` module (see tests/hostile/markup_scan.py)
and checks, on small sample sources, that the scanner really catches each
kind of violation and lets the safe forms through.
"""

from __future__ import annotations

import pytest
from conftest import REPO

from hostile.markup_scan import scan_source, scan_tree

UI = REPO / "reader" / "ui"


def test_ui_code_never_builds_markup_strings() -> None:
    files = sorted(UI.rglob("*.py"))
    assert files, "reader/ui has no Python files to scan"
    violations = scan_tree(UI)
    assert violations == [], "\n".join(str(v) for v in violations)


BAD = {
    "f-string to Static": 'Static(f"{article.meta.title}")',
    "f-string by keyword": 'Label(renderable=f"by {speaker}")',
    "concatenation to Label": 'Label("By " + byline)',
    "concatenation, string on the right": "Label(name + ' said')",
    "percent to notify": 'self.notify("Opened %s" % path)',
    "format to update": 'self.query_one(Static).update("{} people".format(n))',
    "join to Button": 'Button(" ".join(words))',
    "str() to notify": "self.app.notify(str(exc))",
    "message keyword": 'self.notify(message=f"saved {name}")',
    "raw model field": "Static(article.text)",
    "raw model field to update": "pane.update(quote.speaker)",
    "slice of the text": "Label(text[span.start:span.end])",
    "option prompt": 'Option(f"{p.name} ({p.mentions})", id="x")',
    "table row": 'table.add_row(q.text, f"{q.speaker}")',
    "table row as a list": 'table.add_row(*[f"{c}" for c in row], key="r")',
    "tree node": 'tree.root.add_leaf(f"{title}")',
    "tab title": 'TabPane(f"Quotes ({n})", id="q")',
    "name bound to an f-string": 'def f():\n    label = f"{a.title}"\n    return Static(label)',
    "augmented name": 'def f():\n    s = "x"\n    s += title\n    self.notify(s)',
    "border title": 'self.border_title = f"{article.meta.title}"',
    "tooltip": "self.tooltip = entry.title",
    "markup template built at run time": 'Content.from_markup(f"[b]{title}[/b]")',
    "markup template from the article": "Text.from_markup(article.meta.title)",
    "conditional": 'Static(f"{x}" if y else "none")',
    "str parameter": "def show(self, title: str) -> None:\n    self.notify(title)",
    "optional str parameter": "def f(byline: str | None):\n    return Label(byline)",
}

GOOD = {
    "constant": 'Static("Quotes")',
    "content object": "Static(Content(article.meta.title))",
    "content from markup with a variable": (
        'Static(Content.from_markup("[b]$title[/b] by $who", title=t, who=w))'
    ),
    "markup template constant by name": (
        'TEMPLATE = "[b]$name[/b]"\nLabel(Content.from_markup(TEMPLATE, name=n))'
    ),
    "text object": 'Label(Text(quote.text, style="italic"))',
    "assembled content": 'self.notify(Content.assemble("Saved ", (name, "bold")))',
    "markup disabled": 'Static(f"{article.meta.title}", markup=False)',
    "notify markup disabled": "self.notify(str(exc), markup=False)",
    "plain string elsewhere": 'x = f"{a}"\nlogger.info(x)',
    "f-string without fields": 'Static(f"Quotes")',
    "rebound to a safe value": 'def f():\n    s = f"{t}"\n    s = Content(t)\n    Static(s)',
    "table row of content": "table.add_row(Content(q.text), Text(q.speaker or ''))",
    "content parameter": "def show(self, title: Content) -> None:\n    self.notify(title)",
    "str parameter made content": "def f(t: str):\n    return Static(Content(t))",
}


@pytest.mark.parametrize("source", BAD.values(), ids=list(BAD))
def test_scanner_catches(source: str) -> None:
    violations = scan_source(source)
    assert violations, f"not flagged: {source}"
    assert all(v.line >= 1 for v in violations)


@pytest.mark.parametrize("source", GOOD.values(), ids=list(GOOD))
def test_scanner_allows(source: str) -> None:
    assert scan_source(source) == []


def test_violation_names_file_and_line() -> None:
    [violation] = scan_source('x = 1\n\nStatic(f"{title}")\n', "reader/ui/widgets/pane.py")
    assert str(violation).startswith("reader/ui/widgets/pane.py:3: an f-string")
