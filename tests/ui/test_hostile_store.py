"""A notes store written by someone else, in the reader: the library, the
article opened from it, the Notes tab and the Notes screen show its titles,
sections, tags and notes without a control character reaching the screen."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hostile.payloads import forbidden_chars
from hostile.stores import write_hostile_store
from textual.pilot import Pilot

from reader.store import Store
from reader.ui.widgets.article_view import ArticleView

from .helpers import make_app, running, screen_text, sync, wait_for


def _assert_clean(pilot: Pilot[Any]) -> str:
    rows = list(pilot.app.screen._compositor.render_strips())
    for y, row in enumerate(rows):
        for segment in row:
            assert forbidden_chars(segment.text) == [], (y, segment.text)
            assert "\t" not in segment.text, (y, segment.text)
    return "\n".join(row.text for row in rows)


@sync
async def test_a_hostile_store_in_the_library_and_notes(tmp_path: Path) -> None:
    with Store.open(write_hostile_store(tmp_path)) as store:
        app = make_app(store=store)
        async with running(app, size=(160, 40)) as pilot:
            view = app.query_one(ArticleView)
            await wait_for(pilot, lambda: view.article is not None)
            shown = _assert_clean(pilot)
            assert "Harbour council vote" in shown  # the library entry, cleaned
            assert "evil" in shown
            await pilot.press("4")  # the Notes tab: the stored highlight
            await wait_for(pilot, lambda: "harbour" in screen_text(app))
            shown = _assert_clean(pilot)
            assert "see  and" in shown or "see and" in shown
            await pilot.press("slash")  # the Notes screen searches the same store
            await wait_for(pilot, lambda: "harbour" in screen_text(app), timeout=20)
            _assert_clean(pilot)
