"""Highlights in the whole reader: the Notes tab, keep-this on the sidebar,
library counts, saves that outlive the app, help rows, store notices."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList

from reader.annotations import new_highlight
from reader.model import Article, Extraction
from reader.store import Store
from reader.ui.app import ReaderApp
from reader.ui.compat import notifications
from reader.ui.config import load_config
from reader.ui.highlights import Highlighter
from reader.ui.screens.dialogs import ConfirmScreen
from reader.ui.screens.help import HelpScreen
from reader.ui.screens.highlight_editor import HighlightEditor
from reader.ui.widgets.annotated_view import AnnotatedArticleView
from reader.ui.widgets.notes_tab import NotesTab

from .helpers import reading, screen_text, sync, wait_for, wait_for_button


def view_of(app: ReaderApp) -> AnnotatedArticleView:
    return app.query_one(AnnotatedArticleView)


def notes_of(app: ReaderApp) -> NotesTab:
    return app.query_one(NotesTab)


async def select_sentence_at(app: ReaderApp, pilot: object, words: str) -> None:
    view = view_of(app)
    view.move_cursor(view.article.text.index(words) if view.article else 0)
    view.focus()


@sync
async def test_v_s_h_in_the_reader_lists_the_highlight_and_counts_it(
    seed: Article, seed_extraction: Extraction, store: Store
) -> None:
    async with reading([seed], seed_extraction, store=store) as (app, pilot):
        await select_sentence_at(app, pilot, "The speculation was quickly")
        await pilot.press("v", "s", "h")
        await wait_for(pilot, lambda: store.highlights(seed.id))
        await wait_for(pilot, lambda: notes_of(app).highlights)
        [h] = notes_of(app).highlights
        assert h.exact.startswith("The speculation was quickly")
        assert h.exact.endswith("comparative analysis.")
        await wait_for(
            pilot,
            lambda: app.reading.library.items and app.reading.library.items[0].highlights == 1,
        )
        await pilot.press("4")
        await pilot.pause()
        assert "The speculation was quickly" in screen_text(app)


@sync
async def test_k_keeps_a_quote_and_a_figure(
    seed: Article, seed_extraction: Extraction, store: Store
) -> None:
    async with reading([seed], seed_extraction, store=store) as (_, pilot):
        await pilot.press("1")  # the Quotes tab, focused
        await pilot.press("down", "k")
        await wait_for(pilot, lambda: store.highlights(seed.id))
        await pilot.press("3", "k")  # the first figure
        await wait_for(pilot, lambda: len(store.highlights(seed.id)) == 2)
        await pilot.press("2", "k")  # people: nothing to keep
        await pilot.pause()
    kept = sorted(h.exact for h in store.highlights(seed.id))
    assert kept == sorted([seed_extraction.quotes[1].text, "187,657"])


@sync
async def test_notes_tab_enter_jumps_e_edits_x_deletes_u_undoes(
    seed: Article, seed_extraction: Extraction, store: Store
) -> None:
    text = seed.text
    start = text.index("In early January")
    first = new_highlight(seed, start, start + len("In early January"))
    other = text.index("Notably, four")
    second = new_highlight(seed, other, other + len("Notably, four"), color="blue")
    gone = new_highlight(seed, 3, 20)
    from dataclasses import replace

    gone = replace(gone, start=5, end=22, exact="words the editors cut", prefix="", suffix="")
    store.add_many([second, first, gone])
    async with reading([seed], seed_extraction, store=store) as (app, pilot):
        notes = notes_of(app)
        await wait_for(pilot, lambda: len(notes.highlights) == 3)
        assert [h.id for h in notes.highlights] == [first.id, second.id, gone.id]
        assert notes.highlights[-1].orphaned
        await pilot.press("4")
        assert app.focused is notes.query_one(OptionList)
        await pilot.press("down", "enter")
        view = view_of(app)
        assert view.flashing == (second.start, second.end)
        assert view.cursor_offset == second.start
        await pilot.press("4")  # back to the list, still on the second entry
        await pilot.press("down")
        assert notes.current == notes.highlights[2]
        assert "words the editors cut" in screen_text(app)
        await pilot.press("enter")  # an orphan: a notice, no jump
        await pilot.pause()
        assert view.cursor_offset == second.start
        assert any("no longer in the article" in str(n.message) for n in notifications(app))
        await pilot.press("up", "e")
        await pilot.pause()
        assert isinstance(app.screen, HighlightEditor)
        await pilot.press(*"#bydlawsuit", "ctrl+s")
        await wait_for(pilot, lambda: store.get(second.id).tags == ("bydlawsuit",))  # type: ignore[union-attr]
        await pilot.press("x")
        await wait_for(pilot, lambda: store.get(second.id) is None)
        assert second.id not in [h.id for h in notes.highlights]
        await pilot.press("u")
        await wait_for(pilot, lambda: store.get(second.id) is not None)
        assert second.id in [h.id for h in notes.highlights]


@sync
async def test_number_keys_still_switch_tabs_without_a_selection(
    seed: Article, seed_extraction: Extraction, store: Store
) -> None:
    async with reading([seed], seed_extraction, store=store) as (app, pilot):
        await pilot.press("3")
        await pilot.pause()
        assert app.reading.sidebar.active_tab == "figures"
        view_of(app).focus()
        await pilot.press("v", "3")  # with a selection: highlight in blue
        await wait_for(pilot, lambda: store.highlights(seed.id))
        assert app.reading.sidebar.active_tab == "figures"
    assert [h.color for h in store.highlights(seed.id)] == ["blue"]


@sync
async def test_a_highlight_made_in_the_reader_is_there_after_it_exits(
    seed: Article, seed_extraction: Extraction, tmp_path: Path
) -> None:
    path = tmp_path / "notes.json"
    config_file = tmp_path / "config.json"
    store = Store.open(path)
    async with reading([seed], seed_extraction, store=store, config_file=config_file) as (
        app,
        pilot,
    ):
        await select_sentence_at(app, pilot, "The attention surrounding")
        await pilot.press("v", "w", "4")  # quit right away: the save may still be queued
    store.close()
    with Store.open(path) as reopened:
        [saved] = reopened.highlights(seed.id)
    assert saved.exact.startswith("The attention surrounding") and saved.color == "pink"
    assert '"highlight_color": "pink"' in config_file.read_text(encoding="utf-8")

    store = Store.open(path)
    config = load_config(config_file)
    async with reading(
        [seed], seed_extraction, store=store, config=config, config_file=config_file
    ) as (app, pilot):
        await wait_for(pilot, lambda: notes_of(app).highlights)
        assert [h.id for h in notes_of(app).highlights] == [saved.id]
        assert view_of(app).highlights and view_of(app).highlights[0].id == saved.id
        assert app.query_one(Highlighter).last_color == "pink"
    store.close()


@sync
async def test_help_lists_the_highlight_keys(seed: Article, seed_extraction: Extraction) -> None:
    async with reading([seed], seed_extraction, (120, 80)) as (app, pilot):
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        body = str(app.screen.query_one("#help-body").render())
        for needle in (
            "Highlights (in the article)",
            "Select the sentence under the cursor",
            "Extend by a sentence",
            "Shrink by a paragraph",
            "Highlight the selection in green",
            "A note on the whole article",
            "Bring back the last highlight deleted",
            "Keep the quote or figure as a highlight",
        ):
            assert needle in body, needle


@sync
async def test_a_damaged_store_is_reported_in_one_sentence_and_the_reader_starts(
    seed: Article, seed_extraction: Extraction, tmp_path: Path
) -> None:
    path = tmp_path / "notes.json"
    with Store.open(path) as first:
        first.add(new_highlight(seed, 0, 6))
        first.add(new_highlight(seed, 10, 16))
    [shard] = (tmp_path / "notes.json.d").glob("*.json")
    shard.write_bytes(b"\x00\x00garbage")
    store = Store.open(path)
    async with reading([seed], seed_extraction, store=store, notices=list(store.notices)) as (
        app,
        pilot,
    ):
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        messages = [str(n.message) for n in notifications(app)]
        [notice] = [m for m in messages if "moved to" in m]
        assert notice.endswith(".") and "\n" not in notice and "backup" in notice
        await pilot.press("escape")  # not now: the reader carries on
        await pilot.pause()
        assert view_of(app).article is seed
    store.close()
    assert list(tmp_path.glob("notes.json.d/*.corrupt-*"))


@sync
async def test_a_damaged_library_file_at_start_is_said_once_and_its_backup_offered(
    seed: Article, seed_extraction: Extraction, tmp_path: Path
) -> None:
    from reader.model import LibraryEntry

    path = tmp_path / "notes.json"
    with Store.open(path) as first:
        for name in ("one", "two"):
            first.upsert_article(LibraryEntry(name, None, name.title(), None, None, "Body.", False))
    path.write_text("{ not json", encoding="utf-8")
    store = Store.open(path)
    assert store.notices and store.backup_available
    async with reading([seed], seed_extraction, store=store, notices=list(store.notices)) as (
        app,
        pilot,
    ):
        await wait_for_button(pilot, ConfirmScreen, "#restore")
        notices = [str(n.message) for n in notifications(app)]
        assert len([m for m in notices if "moved to" in m]) == 1
        await pilot.click("#restore")
        await wait_for(pilot, lambda: not store.backup_available)
        # the rolling backup is the version before the last write: "one" only
        await wait_for(
            pilot, lambda: "one" in {i.entry.article_id for i in app.reading.library_items}
        )
    store.close()
