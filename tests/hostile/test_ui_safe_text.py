"""Outside text reaches the UI's widgets only through reader.ui.safe_text.

Scans reader/ui (tests/hostile/text_scan.py) so Content is only ever built
from constants outside safe_text, checks the scanner on small samples, and
checks the cleaning itself and the app-wide choke points (notifications and
the header's title).
"""

from __future__ import annotations

import asyncio

import pytest
from conftest import REPO

from hostile.payloads import CLIPBOARD_B64, TITLE_SECRET, forbidden_chars
from hostile.text_scan import scan_source, scan_tree
from reader.ui import safe_text
from reader.ui.app import ReaderApp

UI = REPO / "reader" / "ui"

HOSTILE = (
    f"a\x1b]0;{TITLE_SECRET}\x07b\x1b]52;c;{CLIPBOARD_B64}\x07c\x9b2J\x9d0;x\x9c"
    "d\u202eevil\u2066\te\nf\u2028g\x00h\x7f"
)


def _clean(text: str) -> bool:
    return not forbidden_chars(text) and "\t" not in text and "\u2028" not in text


def test_ui_code_builds_content_only_from_constants_or_safe_text() -> None:
    violations = scan_tree(UI)
    assert violations == [], "\n".join(str(v) for v in violations)


BAD = {
    "content of a variable": "Content(title)",
    "content of an attribute": "Content(self.title_text)",
    "content of an f-string": 'Content(f"{name}")',
    "styled variable": 'Content.styled(message.error, "$error")',
    "assemble with a variable": 'Content.assemble(("x", "bold"), title)',
    "assemble with a variable pair": 'Content.assemble((entry.title, "bold"))',
    "assemble with a starred list": "Content.assemble(*parts)",
    "rich text": "Text(name)",
    "markup substitution": 'Content.from_markup("[b]$t[/b]", t=title)',
    "static without markup": "Static(path, markup=False)",
    "label without markup": 'Label(f"{name}", markup=False)',
}

GOOD = {
    "constant": 'Content("Tags")',
    "module constant": 'HINT = "x"\nContent(HINT)',
    "styled constant": 'Content.styled("Recent", "bold")',
    "assemble constants": 'Content.assemble(("a", "bold"), "\\n", "b")',
    "safe content": "safe_text.content(title)",
    "safe assemble": "safe_text.assemble((title, 'bold'), *parts)",
    "markup constant": 'Content.from_markup("[b]Open[/b]")',
    "markup substitution cleaned": 'Content.from_markup("$t", t=safe_text.line(title))',
    "notify cleans itself": "self.notify(str(exc), markup=False)",
    "notify from a thread": "self.call_from_thread(self.notify, str(exc), markup=False)",
    "static cleaned": "Static(safe_text.line(path), markup=False)",
}


@pytest.mark.parametrize("source", BAD.values(), ids=list(BAD))
def test_scanner_catches(source: str) -> None:
    assert scan_source(source), f"not flagged: {source}"


@pytest.mark.parametrize("source", GOOD.values(), ids=list(GOOD))
def test_scanner_allows(source: str) -> None:
    assert scan_source(source) == []


def test_line_and_lines_clean_everything() -> None:
    line = safe_text.line(HOSTILE)
    assert _clean(line) and "\n" not in line
    assert line.startswith("abc") and "evil" in line
    lines = safe_text.lines(HOSTILE)
    assert _clean(lines) and "f\ng" in lines and "e\nf" in lines
    assert TITLE_SECRET not in line and CLIPBOARD_B64 not in lines


def test_clean_text_passes_unchanged() -> None:
    text = "Ελληνικά, 中文, emoji 👩🏽‍🚀 [b]not markup[/b]"
    assert safe_text.line(text) == text
    assert safe_text.lines("two\nlines") == "two\nlines"
    assert safe_text.line(None) == safe_text.lines(None) == ""


def test_assemble_and_content_clean_their_strings() -> None:
    built = safe_text.assemble((HOSTILE, "bold"), "\n", HOSTILE, safe_text.content(HOSTILE))
    assert _clean(built.plain)
    assert _clean(safe_text.block(HOSTILE, "italic").plain)


def test_marked_keeps_spans_only_when_offsets_hold() -> None:
    kept = safe_text.marked("a\tb c", [(2, 3)], mark="bold")
    assert kept.plain == "a b c" and [s.start for s in kept.spans] == [2]
    dropped = safe_text.marked("a\x1b[2Jb c", [(6, 7)], mark="bold")
    assert dropped.plain == "ab c" and not dropped.spans


def test_the_app_cleans_every_notification_and_its_title() -> None:
    async def run() -> tuple[list[str], str, str]:
        app = ReaderApp(seed=False)
        async with app.run_test(size=(100, 30)) as pilot:
            app.notify(HOSTILE, title=HOSTILE, markup=False)
            app.screen.notify(HOSTILE, markup=False)  # a widget's notify goes to the app's
            app.title = HOSTILE
            app.sub_title = HOSTILE
            await pilot.pause()
            texts = [str(n.message) + n.title for n in app._notifications]
            return texts, app.title, app.sub_title

    texts, title, sub_title = asyncio.run(run())
    assert len(texts) == 2
    assert all(_clean(t) for t in texts)
    assert _clean(title) and _clean(sub_title) and "\n" not in title
