"""Links open only on an explicit action, after the full URL is shown, and
only when they are plain http(s)."""

from __future__ import annotations

import pytest

from reader.ingest import parse
from reader.model import Extraction
from reader.ui.links import safe_link
from reader.ui.screens.dialogs import ConfirmScreen
from reader.ui.widgets.article_view import ArticleView

from .helpers import make_app, running, screen_text, settle, sync, wait_for


@pytest.mark.parametrize(
    "href",
    ["https://example.org/a?b=c#d", "http://example.org", "HTTPS://EXAMPLE.ORG/x"],
)
def test_plain_web_links_are_allowed(href: str) -> None:
    assert safe_link(href) == href


@pytest.mark.parametrize(
    "href",
    [
        "smb://host/share",
        "vscode://file/etc/passwd",
        "ssh://host",
        "file:///etc/passwd",
        "javascript:alert(1)",
        "-remote-debugging-port=1",
        "--new-window http://x",
        "https://exa mple.org",
        "https://example.org/\x1b]52;c;aGk=\x07",
        "https://example.org/\x85",
        "https:///no-host",
        "https://-evil.example",
        "",
    ],
)
def test_other_links_are_refused(href: str) -> None:
    assert safe_link(href) is None


@sync
async def test_clicking_a_link_asks_first_and_refuses_other_schemes(monkeypatch):
    opened: list[str] = []
    monkeypatch.setattr("webbrowser.open", lambda url, new=0: opened.append(url))
    article = parse(
        "# Links\n\nRead [the report](https://example.org/r) or [this](smb://host/share).\n",
        markdown=True,
    )
    app = make_app([article], extraction=Extraction())
    async with running(app, size=(100, 30)) as pilot:
        view = app.query_one(ArticleView)
        text = article.text
        for y, line in enumerate(view.layout_lines):
            if "the report" in line.plain(text):
                column = line.plain(text).index("the report") + 2
                await pilot.click(
                    ArticleView, offset=(view._left + 3 + column, y - int(view.scroll_y))
                )
                break
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "https://example.org/r" in screen_text(app)
        await pilot.press("escape")
        assert opened == []
        view.move_cursor(text.index("this"))
        await pilot.press("L")
        assert isinstance(app.screen, ConfirmScreen)
        shown = screen_text(app)
        assert "not opened" in shown and "smb://host/share" in shown
        assert not app.screen.query("#open")  # nothing to press but Close
        await pilot.press("escape")
        await settle(pilot)  # anything Escape set off has run
        assert opened == []
        view.move_cursor(text.index("the report"))
        await pilot.press("L")
        await pilot.click("#open")
        await wait_for(pilot, lambda: opened == ["https://example.org/r"])
