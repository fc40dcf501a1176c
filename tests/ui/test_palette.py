"""The command palette is made from the key bindings: every described binding
of the app, the screen and the widgets on show, with its keys, plus a few
commands that have no key."""

from __future__ import annotations

from typing import Any

from textual.command import CommandPalette
from textual.pilot import Pilot

from reader.model import Article, Extraction
from reader.store import Store
from reader.ui.app import ReaderApp
from reader.ui.commands import EXTRAS, palette_commands
from reader.ui.screens.help import HelpScreen
from reader.ui.widgets.sidebar import Sidebar

from .helpers import reading, screen_text, sync, wait_for


async def search_palette(app: ReaderApp, pilot: Pilot[Any], query: str, shown: str) -> None:
    """Open the palette, type `query`, wait until `shown` is listed."""
    await pilot.press("ctrl+p")
    await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
    await pilot.press(*query)
    await wait_for(pilot, lambda: shown in screen_text(app))


def titles_and_keys(app: ReaderApp) -> dict[str, list[str]]:
    listed: dict[str, list[str]] = {}
    for command in palette_commands(app.screen):
        listed.setdefault(command.title, []).append(command.keys)
    return listed


@sync
async def test_the_palette_lists_highlight_and_sidebar_commands_with_their_keys(
    seed: Article, seed_extraction: Extraction, store: Store
) -> None:
    async with reading([seed], seed_extraction, store=store) as (app, pilot):
        await search_palette(app, pilot, "highlight", "Edit highlight  e")
        text = screen_text(app)
        assert "Highlight  h" in text
        assert "Delete highlight  x" in text
        assert "Highlight the selection in the last colour" in text  # the tooltip as help
        await pilot.press("escape", "1")  # to the Quotes list, on its first quote
        await search_palette(app, pilot, "keep", "Keep this  k")
        await pilot.press("enter")  # the sidebar's k: keep that quote as a highlight
        await wait_for(pilot, lambda: store.highlights(seed.id))
        [kept] = store.highlights(seed.id)
        assert kept.exact == seed_extraction.quotes[0].text


@sync
async def test_the_palette_has_the_app_bindings_and_the_extras(
    seed: Article, seed_extraction: Extraction
) -> None:
    async with reading([seed], seed_extraction) as (app, pilot):
        listed = titles_and_keys(app)
        assert listed["Quit"] == ["q"]
        assert listed["People"] == ["2"]
        assert listed["Down"] == ["j ↓"]  # every key of a binding
        assert "Commands" not in listed  # the palette's own key
        for title, _help, _action in EXTRAS:
            assert "" in listed[title]
        await search_palette(app, pilot, "people", "People  2")
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.query_one(Sidebar).active_tab == "people")


@sync
async def test_commands_that_would_not_run_now_are_left_out(
    seed: Article, seed_extraction: Extraction
) -> None:
    async with reading([seed], seed_extraction) as (app, pilot):
        assert "Highlight yellow" not in titles_and_keys(app)  # nothing selected
        assert "Cancel selection" not in titles_and_keys(app)
        await pilot.press("v")
        listed = titles_and_keys(app)
        assert listed["Highlight yellow"] == ["1"]
        assert listed["Cancel selection"] == ["esc"]
        await pilot.press("escape", "2")  # the People tab: its list has no "keep"
        await pilot.pause()
        assert "Keep this" not in titles_and_keys(app)


@sync
async def test_on_a_dialog_the_palette_offers_only_the_dialog(
    seed: Article, seed_extraction: Extraction
) -> None:
    async with reading([seed], seed_extraction) as (app, pilot):
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        listed = titles_and_keys(app)
        assert listed == {"Close help": ["esc q ?"]}
