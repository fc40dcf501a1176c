"""Every highlight key in the article pane of the reader, driven through
Textual's pilot: v/w/s/p/W/S/P/o/Esc, h, 1-5, c, t, n, N, e, x, u, and a
mouse selection."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from textual.geometry import Offset
from textual.pilot import Pilot
from textual.selection import Selection as MouseSelection

from reader.model import Article, Extraction, Highlight
from reader.store import Store
from reader.text.units import TextUnits, Unit
from reader.ui.screens.color_picker import ColorPicker
from reader.ui.screens.highlight_editor import HighlightEditor
from reader.ui.screens.note_editor import NoteEditor
from reader.ui.screens.tag_editor import TagEditor
from reader.ui.widgets.annotated_view import AnnotatedArticleView

from .helpers import make_app, running, settle, sync, wait_for


@asynccontextmanager
async def reader(
    article: Article, extraction: Extraction, store: Any, size: tuple[int, int] = (100, 40)
) -> AsyncIterator[tuple[Pilot[Any], AnnotatedArticleView]]:
    """The whole reader on `article`, with a fixed extraction and a temp store."""
    app = make_app([article], store=store, extraction=extraction)
    async with running(app, size=size) as pilot:
        view = app.query_one(AnnotatedArticleView)
        await wait_for(pilot, lambda: app.reading.highlighter.article is article)
        view.focus()
        await pilot.pause()
        yield pilot, view


def sentences(article: Article) -> list[str]:
    units = TextUnits(article)
    return [
        article.text[s.start : s.end]
        for i in range(len(article.blocks))
        for s in units.units_in_block(Unit.SENTENCE, i)
    ]


async def to_text(pilot: Pilot[Any], view: AnnotatedArticleView, words: str) -> None:
    """Put the cursor on the line showing `words` (as a reader would, with j)."""
    assert view.article is not None
    offset = view.article.text.index(words)
    view.move_cursor(offset)
    await pilot.pause()


def only(store: Store, article: Article) -> Highlight:
    [h] = store.highlights(article.id)
    return h


@sync
async def test_v_s_s_h_highlights_three_sentences(
    seed: Article, seed_extraction: Extraction, store: Store
) -> None:
    all_sentences = sentences(seed)
    first = next(s for s in all_sentences if s.startswith("The speculation was quickly"))
    i = all_sentences.index(first)
    async with reader(seed, seed_extraction, store) as (pilot, view):
        await to_text(pilot, view, "The speculation was quickly")
        await pilot.press("v")
        assert view.keyboard_selection is not None
        assert seed.text[view.keyboard_selection.start : view.keyboard_selection.end] == first
        await pilot.press("s", "s", "h")
        await wait_for(pilot, lambda: store.highlights(seed.id))
        assert view.keyboard_selection is None  # the selection became the highlight
    h = only(store, seed)
    assert h.exact.startswith(first)
    assert h.exact.endswith(all_sentences[i + 2])
    assert h.color == "yellow"
    assert "Lei Jun" in h.people  # filled from the extraction


@sync
async def test_w_p_and_their_capitals_shrink_and_grow(
    seed: Article, seed_extraction: Extraction, store: Store
) -> None:
    async with reader(seed, seed_extraction, store) as (pilot, view):
        await to_text(pilot, view, "The speculation was quickly")
        await pilot.press("v")
        one = view.keyboard_selection
        assert one is not None
        await pilot.press("w")
        sel = view.keyboard_selection
        assert sel is not None and seed.text[one.end : sel.end] == " Lei"
        await pilot.press("W")
        assert view.keyboard_selection == one
        await pilot.press("p")
        sel = view.keyboard_selection
        assert sel is not None and seed.text[sel.start : sel.end].endswith("comparative analysis.")
        await pilot.press("p")
        await pilot.press("P")
        assert view.keyboard_selection == sel
        await pilot.press("S")
        assert view.keyboard_selection == one
        await pilot.press("o", "w")  # the start moves back a word: into the previous block
        sel = view.keyboard_selection
        assert sel is not None and sel.start < one.start and sel.end == one.end
        await pilot.press("escape")
        assert view.keyboard_selection is None
        await pilot.press("h")  # nothing selected, no highlight here: only a hint
        await pilot.pause()
    assert store.highlights(seed.id) == []


@sync
async def test_number_keys_pick_the_colour_and_it_is_remembered(
    seed: Article, seed_extraction: Extraction, store: Store
) -> None:
    async with reader(seed, seed_extraction, store) as (pilot, view):
        await to_text(pilot, view, "The attention surrounding")
        await pilot.press("v", "3")
        await wait_for(pilot, lambda: len(store.highlights(seed.id)) == 1)
        assert pilot.app.reading.highlighter.last_color == "blue"
        await to_text(pilot, view, "In early January")
        await pilot.press("v", "h")
        await wait_for(pilot, lambda: len(store.highlights(seed.id)) == 2)
    assert [h.color for h in store.highlights(seed.id)] == ["blue", "blue"]


@sync
async def test_c_opens_the_picker_for_a_selection_and_h_recolours(
    seed: Article, seed_extraction: Extraction, store: Store
) -> None:
    async with reader(seed, seed_extraction, store) as (pilot, view):
        await to_text(pilot, view, "In early January")
        await pilot.press("v", "c")
        await pilot.pause()
        assert isinstance(view.app.screen, ColorPicker)
        await pilot.press("5")
        await wait_for(pilot, lambda: store.highlights(seed.id))
        assert only(store, seed).color == "purple"
        await pilot.press("h")  # on the highlighted line: the picker again
        await pilot.pause()
        assert isinstance(view.app.screen, ColorPicker)
        await pilot.press("2")
        await wait_for(pilot, lambda: only(store, seed).color == "green")


@sync
async def test_t_tags_a_selection_with_completion(
    seed: Article, seed_extraction: Extraction, store: Store
) -> None:
    async with reader(seed, seed_extraction, store) as (pilot, view):
        pilot.app.reading.highlighter.known_tags = ["tariffs", "trade"]
        await to_text(pilot, view, "In early January")
        await pilot.press("v", "t")
        await pilot.pause()
        assert isinstance(view.app.screen, TagEditor)
        await pilot.press(*"#tar")
        await settle(pilot)  # the completion is worked out in a worker
        await pilot.press("tab", *" #us", "enter")
        await wait_for(pilot, lambda: store.highlights(seed.id))
        assert only(store, seed).tags == ("tariffs", "us")
        await pilot.press("t")  # on the highlighted line: edit its tags
        await pilot.pause()
        await pilot.press("ctrl+u", *"policy", "enter")
        await wait_for(pilot, lambda: only(store, seed).tags == ("policy",))


@sync
async def test_n_writes_a_note_and_the_line_shows_a_marker(
    seed: Article, seed_extraction: Extraction, store: Store
) -> None:
    async with reader(seed, seed_extraction, store) as (pilot, view):
        await to_text(pilot, view, "In early January")
        line = view.cursor_line
        await pilot.press("v", "n")
        await pilot.pause()
        assert isinstance(view.app.screen, NoteEditor)
        await pilot.press(*"Check the Reuters piece", "ctrl+s")
        await wait_for(pilot, lambda: store.highlights(seed.id))
        await pilot.pause()
        assert only(store, seed).note == "Check the Reuters piece"
        row = view.render_line(line - int(view.scroll_y)).text
        assert "✎" in row


@sync
async def test_capital_n_notes_the_whole_article(
    seed: Article, seed_extraction: Extraction, store: Store
) -> None:
    async with reader(seed, seed_extraction, store) as (pilot, view):
        await pilot.press("N")
        await pilot.pause()
        assert isinstance(view.app.screen, NoteEditor)
        await pilot.press(*"Follow up next week", "ctrl+s")
        await wait_for(pilot, lambda: store.highlights(seed.id))
        h = only(store, seed)
        assert h.whole_article and h.note == "Follow up next week"
        await pilot.press("N")  # again: edits the same note
        await pilot.pause()
        await pilot.press(*"!", "ctrl+s")
        await wait_for(pilot, lambda: only(store, seed).note == "Follow up next week!")


@sync
async def test_e_edits_and_x_deletes_and_u_undoes(
    seed: Article, seed_extraction: Extraction, store: Store
) -> None:
    async with reader(seed, seed_extraction, store) as (pilot, view):
        await to_text(pilot, view, "In early January")
        await pilot.press("v", "h")
        await wait_for(pilot, lambda: store.highlights(seed.id))
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(view.app.screen, HighlightEditor)
        await pilot.press(*"#reuters", "tab", *"source?", "tab", "4", "ctrl+s")
        await wait_for(pilot, lambda: only(store, seed).tags == ("reuters",))
        h = only(store, seed)
        assert (h.note, h.color) == ("source?", "pink")
        await pilot.press("x")
        await wait_for(pilot, lambda: not store.highlights(seed.id))
        assert view.highlights == ()
        await pilot.press("u")
        await wait_for(pilot, lambda: store.highlights(seed.id))
        back = only(store, seed)
        assert (back.id, back.tags, back.note) == (h.id, ("reuters",), "source?")
        assert [x.id for x in view.highlights] == [h.id]


@sync
async def test_e_and_x_without_a_highlight_do_nothing(
    seed: Article, seed_extraction: Extraction, store: Store
) -> None:
    async with reader(seed, seed_extraction, store) as (pilot, view):
        await pilot.press("e", "x", "u")
        await pilot.pause()
        assert not isinstance(view.app.screen, HighlightEditor)
    assert store.highlights(seed.id) == []


@sync
async def test_a_mouse_selection_becomes_a_highlight_with_h(
    seed: Article, seed_extraction: Extraction, store: Store
) -> None:
    async with reader(seed, seed_extraction, store, size=(120, 40)) as (pilot, view):
        lines = view.layout_lines
        first = next(y for y, line in enumerate(lines) if line.block == 5)
        view.screen.selections = {view: MouseSelection(Offset(2, first), Offset(10, first + 1))}
        await pilot.pause()
        span = view.selected_span
        assert span is not None
        await pilot.press("h")
        await wait_for(pilot, lambda: store.highlights(seed.id))
        await pilot.pause()
        assert view.text_selection is None
    h = only(store, seed)
    assert seed.text[h.start : h.end] == h.exact
    assert (h.start, h.end) == span or seed.text[span[0] : span[1]].strip() == h.exact


@sync
async def test_number_keys_without_a_selection_fall_through(
    seed: Article, seed_extraction: Extraction, store: Store
) -> None:
    async with reader(seed, seed_extraction, store) as (pilot, view):
        await pilot.press("3")
        await pilot.pause()
        assert view.highlights == ()
    assert store.highlights(seed.id) == []


@sync
async def test_the_same_words_again_recolour_instead_of_doubling(
    seed: Article, seed_extraction: Extraction, store: Store
) -> None:
    async with reader(seed, seed_extraction, store) as (pilot, view):
        await to_text(pilot, view, "In early January")
        await pilot.press("v", "h")
        assert view.keyboard_selection is None  # taken at once: a second h cannot double it
        await pilot.press("v", "2")
        await wait_for(pilot, lambda: [h.color for h in store.highlights(seed.id)] == ["green"])
        assert len(pilot.app.reading.highlighter.highlights) == 1
