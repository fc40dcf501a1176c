"""Hostile links in an article: nothing opens without the user's say-so,
and only http/https links can open at all.

Clicks each link in the reading pane (App.run_test) with webbrowser.open
replaced by a recorder: every click must first show the full URL in a
dialog; non-web schemes (smb:, vscode:, ssh:), option-looking targets
("-remote-debugging-port=1") and hosts starting with "-" get no Open
button; a safe link opens only after Open is pressed, exactly as written.
"""

from __future__ import annotations

import asyncio
import webbrowser
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Button, Static

from reader.ingest import parse
from reader.model import StyleKind
from reader.store import Store
from reader.ui.app import ReaderApp
from reader.ui.compat import screen_strips
from reader.ui.screens.dialogs import ConfirmScreen

SAFE = "https://news.example/story?id=7&q=%5B@click=app.quit%5D"
UNSAFE = (
    "smb://evil.example/share",
    "vscode://file/etc/passwd",
    "ssh://evil.example",
    "-remote-debugging-port=1",
    "http://-evil.example/",
)


def _article_text() -> str:
    paragraphs = [
        f"Paragraph {i}: see [link number {i}]({href})." for i, href in enumerate((*UNSAFE, SAFE))
    ]
    return "# Links from a hostile feed\n\n" + "\n\n".join(paragraphs) + "\n"


def _shown(screen: ConfirmScreen) -> str:
    return str(screen.query_one("#confirm-message", Static).render())


def test_links_need_a_click_a_dialog_and_a_web_scheme(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    article = parse(_article_text(), source="links.md", markdown=True)
    hrefs = [s.href for s in article.styles if s.kind is StyleKind.LINK]
    assert hrefs == [*UNSAFE, SAFE], "ingest did not keep the links as written"
    opened: list[str] = []

    def record(url: str, *args: Any, **kwargs: Any) -> bool:
        opened.append(url)
        return True

    monkeypatch.setattr(webbrowser, "open", record)

    async def run() -> None:
        store = Store.open(tmp_path / "store.json")
        app = ReaderApp(
            store=store, articles=[article], config_file=tmp_path / "c.json", seed=False
        )
        try:
            async with app.run_test(size=(160, 48)) as pilot:
                await pilot.pause()
                for i, href in enumerate((*UNSAFE, SAFE)):
                    rows = [s.text for s in screen_strips(app.screen)]
                    label = f"link number {i}"
                    [(x, y)] = [(r.find(label), y) for y, r in enumerate(rows) if label in r]
                    await pilot.click(offset=(x + 2, y))
                    await pilot.pause()
                    screen = app.screen
                    assert isinstance(screen, ConfirmScreen), f"no dialog for {href}"
                    assert href in _shown(screen), "the full URL is not shown first"
                    buttons = {b.id for b in screen.query(Button)}
                    if href == SAFE:
                        assert "open" in buttons
                        await pilot.press("escape")  # cancel: nothing opens
                        await pilot.pause()
                        assert opened == []
                        await pilot.click(offset=(x + 2, y))
                        await pilot.pause()
                        await pilot.click("#open")
                        # The browser worker, not every worker: the highlight
                        # saver runs for the whole session by design (and an
                        # empty list would mean "all workers" to Textual).
                        browser = [w for w in app.workers if w.group == "browser"]
                        if browser:
                            await app.workers.wait_for_complete(browser)
                        await pilot.pause()
                    else:
                        assert "open" not in buttons, f"{href} could be opened"
                        await pilot.press("escape")
                        await pilot.pause()
                        assert opened == []
                    assert not isinstance(app.screen, ConfirmScreen)
        finally:
            store.close()

    asyncio.run(run())
    assert opened == [SAFE]
