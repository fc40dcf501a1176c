"""Note search inside the reader: `/` from anywhere, Enter lands on the passage.

The app runs over a temp store holding two articles of the library (the
seed, which is open, and another one from its saved source text) with
highlights on both, saved through the Store API.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from reader.model import Article, Extraction
from reader.store import Store
from reader.ui.app import ReaderApp
from reader.ui.screens.help import HelpScreen
from reader.ui.screens.notes_search import NotesSearch

from .conftest import SEED
from .helpers import make_app, running, screen_text, settle, sync, wait_for
from .notes_search_fixtures import TRADE_PASSAGE, answered, highlight_in, reader_library


@pytest.fixture
def library(tmp_path: Path, seed: Article) -> Iterator[tuple[Store, Article]]:
    store, trade = reader_library(tmp_path / "store.json", seed, SEED.read_text(encoding="utf-8"))
    yield store, trade
    store.close()


@pytest.fixture
def app(seed: Article, library: tuple[Store, Article], seed_extraction: Extraction) -> ReaderApp:
    """The reader on the seed, over the library's store."""
    return make_app([seed], store=library[0], extraction=seed_extraction)


async def _search(pilot: Pilot[Any], app: ReaderApp, query: str) -> NotesSearch:
    await pilot.press("slash")
    await wait_for(pilot, lambda: isinstance(app.screen, NotesSearch))
    screen = app.screen
    assert isinstance(screen, NotesSearch)
    await pilot.press(*query)
    await wait_for(pilot, lambda: screen.index is not None and answered(screen))
    await pilot.pause()
    return screen


@sync
async def test_enter_opens_the_other_article_at_the_passage_and_flashes_it(
    library: tuple[Store, Article], app: ReaderApp
) -> None:
    _, trade = library
    async with running(app) as pilot:
        screen = await _search(pilot, app, "steel")
        assert [r.highlight.id for r in screen.results] == ["t1"]
        await pilot.press("enter")
        await wait_for(
            pilot,
            lambda: app.reading.opened is not None and app.reading.opened.article.id == trade.id,
        )
        view = app.article_view
        await wait_for(pilot, lambda: view.flashing is not None)
        start = trade.text.index(TRADE_PASSAGE)
        assert view.flashing == (start, start + len(TRADE_PASSAGE))
        assert view.cursor_offset == start
        assert view.has_focus
        await pilot.pause()
        assert "a fresh round of tariffs" in screen_text(app)


@sync
async def test_a_passage_far_down_the_open_article_is_scrolled_into_view(
    seed: Article, library: tuple[Store, Article], app: ReaderApp
) -> None:
    store, _ = library
    async with running(app, size=(100, 24)) as pilot:
        view = app.article_view
        needle = "first public showcase in Japan"
        store.add(highlight_in(seed, "s3", needle, 6, tags=("japan",)))
        assert view.scroll_y == 0
        await _search(pilot, app, "showcase")
        await pilot.press("enter")
        await wait_for(pilot, lambda: view.flashing is not None)
        start = seed.text.index(needle)
        assert view.flashing == (start, start + len(needle))
        assert app.reading.opened is not None and app.reading.opened.article.id == seed.id
        await pilot.pause()
        assert view.scroll_y > 0
        assert (
            view.scroll_y
            <= view.cursor_line
            < view.scroll_y + view.scrollable_content_region.height
        )
        assert "showcase in Japan" in screen_text(app)


@sync
async def test_escape_returns_to_the_article_as_it_was(seed: Article, app: ReaderApp) -> None:
    async with running(app) as pilot:
        view = app.article_view
        await pilot.press("space", "j", "j")
        before = (view.scroll_y, view.cursor_offset, screen_text(app))
        await _search(pilot, app, "steel")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, NotesSearch)
        assert app.reading.opened is not None and app.reading.opened.article.id == seed.id
        assert (view.scroll_y, view.cursor_offset, screen_text(app)) == before
        assert view.flashing is None
        assert view.has_focus


@sync
async def test_slash_works_from_the_library_and_the_sidebar(app: ReaderApp) -> None:
    async with running(app) as pilot:
        await pilot.press("l")  # focus the library list
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen, NotesSearch)
        await pilot.press("escape")
        await pilot.press("1")  # the sidebar's quotes
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen, NotesSearch)


@sync
async def test_the_command_palette_opens_note_search_and_the_tags_view(app: ReaderApp) -> None:
    async with running(app) as pilot:
        await pilot.press("ctrl+p", *"search notes")
        await settle(pilot)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, NotesSearch))
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+p", *"tags")
        await settle(pilot)
        await pilot.press("enter")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "TagsView")
        await settle(pilot)
        await pilot.press("enter")  # the first tag, the most used: trade and trump tie
        await wait_for(pilot, lambda: isinstance(app.screen, NotesSearch))
        screen = app.screen
        assert isinstance(screen, NotesSearch)
        await wait_for(pilot, lambda: screen.up_to_date and bool(screen.results))
        assert screen.query_field.value in ("tag:trade ", "tag:trump ")


@sync
async def test_a_highlight_made_in_the_app_is_found(
    seed: Article, library: tuple[Store, Article], app: ReaderApp
) -> None:
    store, _ = library
    async with running(app) as pilot:
        screen = await _search(pilot, app, "genuine")
        assert screen.results == []
        await pilot.press("escape")
        needle = "On the one hand, there is genuine demand"
        store.add(highlight_in(seed, "s2", needle, 5, note="demand is real"))
        screen = await _search(pilot, app, "genuine")
        assert [r.highlight.id for r in screen.results] == ["s2"]


@sync
async def test_help_lists_the_notes_keys_and_the_query_language(app: ReaderApp) -> None:
    async with running(app, size=(120, 50)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = "\n".join(line.rstrip() for _, rows in app.screen.sections for _, line in rows)
        assert "Open the Notes screen from anywhere" in text
        assert 'person:"Lei Jun"' in text
        assert "is:orphan" in text
