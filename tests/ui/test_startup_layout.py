"""Start-up and panel layout: what the first screen looks like at each width,
the library and sidebar taking turns when both would squeeze the article,
and the footer keeping up with the focus."""

from __future__ import annotations

import gc

import pytest

from reader.model import Article, Extraction
from reader.ui.app import BOTH_PANELS_MIN_WIDTH, width_class
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.key_footer import KeyBar
from reader.ui.widgets.library import LibraryPanel
from reader.ui.widgets.sidebar import Sidebar

from .helpers import make_app, reading, running, screen_text, sync, wait_for


def _footer_text(app: object) -> str:
    return screen_text(app).splitlines()[-1]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("width", "expected"),
    [(60, "-narrow"), (99, "-narrow"), (100, "-medium"), (159, "-medium"), (160, "-wide")],
)
def test_width_class_matches_the_breakpoints(width: int, expected: str) -> None:
    assert width_class(width) == expected


@sync
async def test_the_screen_starts_with_its_width_class_and_keeps_following_resizes(
    seed: Article, seed_extraction: Extraction
) -> None:
    async with reading([seed], seed_extraction) as (app, pilot):
        assert app.screen.has_class("-medium")
        assert app.query_one(ArticleView).has_focus  # focused from the start
        await pilot.resize_terminal(170, 40)
        await pilot.pause()
        assert app.screen.has_class("-wide") and not app.screen.has_class("-medium")


@pytest.mark.parametrize("width", [100, 110, BOTH_PANELS_MIN_WIDTH - 1])
@sync
async def test_below_both_panels_width_the_library_and_sidebar_take_turns(
    seed: Article, seed_extraction: Extraction, width: int
) -> None:
    async with reading([seed], seed_extraction, (width, 40)) as (app, pilot):
        library, sidebar = app.query_one(LibraryPanel), app.query_one(Sidebar)
        await pilot.press("l")
        await pilot.pause()
        assert library.display and not sidebar.display
        assert app.query_one(ArticleView).region.width >= 60  # a readable column
        await pilot.press("l")  # the library goes: the sidebar comes back
        await pilot.pause()
        assert sidebar.display and not library.display


@sync
async def test_wide_terminals_show_both_panels(seed: Article, seed_extraction: Extraction) -> None:
    async with reading([seed], seed_extraction, (BOTH_PANELS_MIN_WIDTH, 40)) as (app, pilot):
        await pilot.press("l")
        await pilot.pause()
        assert app.query_one(LibraryPanel).display and app.query_one(Sidebar).display


@sync
async def test_narrowing_the_terminal_hides_the_sidebar_and_widening_brings_it_back(
    seed: Article, seed_extraction: Extraction
) -> None:
    async with reading([seed], seed_extraction, (150, 40)) as (app, pilot):
        library, sidebar = app.query_one(LibraryPanel), app.query_one(Sidebar)
        await pilot.press("l")
        await pilot.pause()
        assert library.display and sidebar.display
        await pilot.resize_terminal(110, 40)
        await pilot.pause()
        assert library.display and not sidebar.display
        await pilot.resize_terminal(150, 40)
        await pilot.pause()
        assert library.display and sidebar.display


@sync
async def test_narrowing_the_terminal_under_a_dialog_fits_the_panels_when_it_closes(
    seed: Article, seed_extraction: Extraction
) -> None:
    async with reading([seed], seed_extraction, (150, 40)) as (app, pilot):
        library, sidebar = app.query_one(LibraryPanel), app.query_one(Sidebar)
        await pilot.press("l")
        await pilot.pause()
        assert library.display and sidebar.display
        await pilot.press("question_mark")  # the help screen is on top
        await pilot.pause()
        await pilot.resize_terminal(110, 40)
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert library.display and not sidebar.display


@sync
async def test_choosing_from_the_library_when_crowded_reads_it_beside_the_sidebar(
    seed: Article, feature: Article, store: object
) -> None:
    async with reading((), None, (115, 40), store=store, seed=True) as (app, pilot):
        library, sidebar = app.query_one(LibraryPanel), app.query_one(Sidebar)
        await wait_for(pilot, lambda: bool(library.items) and app.reading.opened is not None)
        assert library.display and not sidebar.display  # the library comes first
        library.option_list.focus()
        await pilot.press("down", "enter")
        await wait_for(pilot, lambda: not library.display)
        assert sidebar.display
        assert app.query_one(ArticleView).has_focus


@sync
async def test_the_footer_follows_the_focus(seed: Article, seed_extraction: Extraction) -> None:
    async with reading([seed], seed_extraction) as (app, pilot):
        in_article = _footer_text(app)
        assert "Quit" in in_article
        await pilot.press("l")  # shows the library and moves the focus to it
        await pilot.pause()
        await pilot.pause()
        assert app.query_one(LibraryPanel).option_list.has_focus
        in_library = _footer_text(app)
        assert in_library != in_article
        assert "Sort" in in_library or "Remove" in in_library or "Open" in in_library
        app.query_one(ArticleView).focus()
        await pilot.pause()
        await pilot.pause()
        assert _footer_text(app) == in_article
        assert app.query_one(KeyBar).compact is False


@sync
async def test_on_first_paint_runs_once_after_the_first_screen(
    seed: Article, seed_extraction: Extraction
) -> None:
    calls: list[bool] = []
    app = make_app([seed], extraction=seed_extraction)
    app.on_first_paint = lambda: calls.append(app.query_one(ArticleView).region.width > 0)
    async with running(app, size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("j", "j")
        await pilot.pause()
    assert calls == [True]


def test_resume_gc_reenables_the_collector_and_freezes_start_up_objects() -> None:
    from reader.commands.open_tui import resume_gc

    before = gc.get_freeze_count()
    gc.disable()
    try:
        resume_gc()
        assert gc.isenabled()
        assert gc.get_freeze_count() > before
        frozen = gc.get_freeze_count()
        resume_gc()  # already running: nothing more is frozen
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()
        gc.enable()


@sync
async def test_clicking_a_key_in_the_footer_presses_it(
    seed: Article, seed_extraction: Extraction
) -> None:
    from reader.ui.screens.help import HelpScreen

    async with reading([seed], seed_extraction) as (app, pilot):
        bar = app.query_one(KeyBar)
        (start, _end, _key) = next(s for s in bar.slots() if s[2].description == "Help")
        await pilot.click(KeyBar, offset=(start + 1, 0))
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.hover(KeyBar, offset=(start + 1, 0))
        await pilot.pause()
        assert bar.tooltip  # the key's description or tooltip


@sync
async def test_people_and_figures_lists_are_built_when_first_shown(
    seed: Article, seed_extraction: Extraction
) -> None:
    from textual.widgets import OptionList

    async with reading([seed], seed_extraction) as (app, pilot):
        sidebar = app.query_one(Sidebar)
        assert not sidebar.query("#people-list")  # nothing to style before the first paint
        await pilot.press("2")
        await pilot.pause()
        people = sidebar.query_one("#people-list", OptionList)
        assert people.option_count == len(seed_extraction.people)
        assert "Lei Jun" in screen_text(app) and people.has_focus
        sidebar.set_extraction(None)  # a new article: the built list follows
        await pilot.pause()
        assert people.option_count == 1


@sync
async def test_the_library_list_is_built_when_the_library_is_first_shown(
    seed: Article, feature: Article, seed_extraction: Extraction
) -> None:
    async with reading([seed, feature], seed_extraction) as (app, pilot):
        library = app.query_one(LibraryPanel)
        assert not library.query("#library-list")  # hidden at 120 columns
        assert not library.list_has_focus
        await pilot.press("l")
        await pilot.pause()
        await pilot.pause()
        assert library.option_list.option_count == 2 and library.list_has_focus
        assert "How the Harbour Bridge" in screen_text(app)


@sync
async def test_the_notes_tab_is_built_when_first_shown_and_shows_what_it_was_given(
    seed: Article, seed_extraction: Extraction
) -> None:
    from reader.model import Highlight
    from reader.ui.widgets.notes_tab import NotesTab

    async with reading([seed], seed_extraction) as (app, pilot):
        notes = app.query_one(NotesTab)
        assert not notes.query("#notes-list")  # nothing to style before the first paint
        start = seed.text.index("Lei Jun")
        kept = Highlight("h1", seed.id, start, start + 7, "Lei Jun", "", "", tags=("people",))
        notes.set_highlights([kept])  # arrives while the tab is hidden
        await pilot.press("4")
        await pilot.pause()
        await pilot.pause()
        assert notes.option_list.option_count == 1 and notes.current == kept
        assert "#people" in screen_text(app)
