"""The Notes screen on its own: search as you type, tags, hints, picking a result.

Driven in a small host App over a temp store filled through the Store API
and a real SearchIndex built from it.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from textual.content import Content
from textual.message import Message
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static

from reader.errors import StoreError
from reader.model import Highlight
from reader.search import QUERY_HELP, ParsedQuery, SearchIndex, SearchResult
from reader.store import Store
from reader.text.snippets import window
from reader.ui.screens.notes_search import (
    NotesSearch,
    SearchPick,
    active_tags,
    tag_term,
    toggle_tag,
)
from reader.ui.screens.tags_view import TagsView, matching
from reader.ui.search_render import MATCH_STYLE

from .helpers import settle, sync, wait_for
from .notes_search_fixtures import HOSTILE_TITLE, Host, filled_store, hosted, index_of, settled


@pytest.fixture
def notes_store(tmp_path: Path) -> Iterator[Store]:
    store = filled_store(tmp_path)
    yield store
    store.close()


@pytest.fixture
def index(notes_store: Store) -> SearchIndex:
    return index_of(notes_store)


def shown(app: Host) -> list[str]:
    """Ids of the highlights listed, top to bottom."""
    return [r.highlight.id for r in app.notes.results]


def status(app: Host) -> str:
    widget = app.notes.query_one("#notes-status", Static)
    content = widget.visual
    assert isinstance(content, Content)
    return content.plain


def prompt(app: Host, index: int) -> Content:
    option = app.notes.result_list.get_option_at_index(index)
    assert isinstance(option.prompt, Content)
    return option.prompt


async def type_query(pilot: Pilot[Any], app: Host, text: str) -> None:
    await pilot.press(*text)
    await settled(pilot, app)


# ------------------------------------------------------------------ searching


@sync
async def test_empty_query_lists_recent_highlights_newest_first(index: SearchIndex) -> None:
    async with hosted(index, settle=True) as (app, _):
        assert shown(app) == ["h5", "h4", "h3", "h2", "h1"]
        assert status(app).startswith("Recent highlights")


@sync
async def test_typing_shows_matching_highlights_with_the_words_emphasised(
    index: SearchIndex,
) -> None:
    async with hosted(index, settle=True) as (app, pilot):
        await type_query(pilot, app, "tariff")
        assert sorted(shown(app)) == ["h2", "h3"]
        assert status(app).startswith("2 highlights for tariff")
        for i in range(2):
            content = prompt(app, i)
            emphasised = [
                content.plain[s.start : s.end] for s in content.spans if s.style == MATCH_STYLE
            ]
            assert emphasised and all(w.lower().startswith("tariff") for w in emphasised)


@sync
async def test_results_follow_the_query_as_it_changes(index: SearchIndex) -> None:
    async with hosted(index, settle=True) as (app, pilot):
        await type_query(pilot, app, "cars")
        assert sorted(shown(app)) == ["h1", "h2"]  # h1 by its tag, h2 by text and tag
        await type_query(pilot, app, " -tariff")
        assert shown(app) == ["h1"]
        await pilot.press(*["backspace"] * len("cars -tariff"))
        await settled(pilot, app)
        assert shown(app) == ["h5", "h4", "h3", "h2", "h1"]


@sync
async def test_a_search_that_answers_late_does_not_overwrite_a_newer_one(
    index: SearchIndex,
) -> None:
    class SlowForTariff:
        """The index, but the search for "tariff" waits until released."""

        def __init__(self) -> None:
            self.release = threading.Event()
            self.started = threading.Event()

        def search(self, query: str | ParsedQuery, limit: int = 50) -> list[SearchResult]:
            text = query.text if isinstance(query, ParsedQuery) else query
            if text == "tariff":
                self.started.set()
                self.release.wait(60)
            return index.search(query, limit)

        def recent(self, limit: int = 50) -> list[SearchResult]:
            return index.recent(limit)

        def tag_counts(self) -> list[tuple[str, int]]:
            return index.tag_counts()

    slow = SlowForTariff()
    answers: list[str] = []

    def hook(message: Message) -> None:
        if isinstance(message, NotesSearch.ResultsReady):
            answers.append(message.parsed.text)

    async with hosted(slow, settle=True, message_hook=hook) as (app, pilot):
        await pilot.press(*"tariff")
        await wait_for(pilot, slow.started.is_set)
        field = app.notes.query_field
        field.value = "decade"  # the user changed the query while "tariff" ran
        await settled(pilot, app)
        assert shown(app) == ["h4"]
        slow.release.set()  # now the old search answers
        await wait_for(pilot, lambda: "tariff" in answers)
        await pilot.pause()  # and its answer has been handled
        assert shown(app) == ["h4"]
        assert "decade" in status(app)


@sync
async def test_the_hostile_title_and_note_show_literally(index: SearchIndex) -> None:
    async with hosted(index) as (app, pilot):
        await type_query(pilot, app, "steel")
        assert shown(app) == ["h3"]
        plain = prompt(app, 0).plain
        assert HOSTILE_TITLE in plain
        assert "Compare with the [b]2019[/b] round." in plain
        assert app.is_running


# -------------------------------------------------------------- malformed query


@sync
async def test_a_malformed_query_gets_a_hint_and_the_results_understood(
    index: SearchIndex,
) -> None:
    async with hosted(index) as (app, pilot):
        await type_query(pilot, app, 'topic:cars "tariff wall')
        text = status(app)
        assert "unknown field 'topic:'" in text
        assert "unclosed quote" in text
        assert "understood" in text
        assert app.screen is app.notes  # no error screen
        assert shown(app) == []  # "topic" and "cars" are searched as words

        await pilot.press(*["backspace"] * len('topic:cars "tariff wall'))
        await type_query(pilot, app, '"tariff wall')
        assert shown(app) == ["h2"]
        assert "unclosed quote" in status(app)


@sync
async def test_a_bad_date_says_so(index: SearchIndex) -> None:
    async with hosted(index) as (app, pilot):
        await type_query(pilot, app, "after:2026-13-01 ")
        assert "is not a date" in status(app)


# ------------------------------------------------------------------- tags


@sync
async def test_tags_beside_the_query_show_counts_and_filter(index: SearchIndex) -> None:
    async with hosted(index, settle=True) as (app, pilot):
        tags = app.notes.tag_list
        labels = [tags.get_option_at_index(i).prompt for i in range(tags.option_count)]
        plains = [" ".join(p.plain.split()) for p in labels if isinstance(p, Content)]
        assert plains == ["2 #cars", "2 #trade", "1 #trade war", "1 #xiaomi"]

        tags.focus()
        tags.highlighted = 1  # trade
        await pilot.press("enter")
        await settled(pilot, app)
        assert app.notes.query_field.value == "tag:trade "
        assert shown(app) == ["h3", "h2"]  # not h4: "trade war" is another tag
        chosen = tags.get_option_at_index(1).prompt
        assert isinstance(chosen, Content) and chosen.plain.startswith("✓")
        assert app.notes.query_field.has_focus  # ready to type more

        tags.focus()
        tags.highlighted = 0  # cars
        await pilot.press("enter")
        await settled(pilot, app)
        assert app.notes.query_field.value == "tag:trade tag:cars "
        assert shown(app) == ["h2"]

        tags.focus()
        tags.highlighted = 1  # trade again: taken out of the query
        await pilot.press("enter")
        await settled(pilot, app)
        assert app.notes.query_field.value == "tag:cars "
        assert shown(app) == ["h2", "h1"]


@sync
async def test_tags_view_lists_every_tag_and_enter_searches_it(index: SearchIndex) -> None:
    async with hosted(index) as (app, pilot):
        await type_query(pilot, app, "steel")
        await pilot.press("f2")
        await pilot.pause()
        view = app.screen
        assert isinstance(view, TagsView)
        assert [t for t, _ in view.shown] == ["cars", "trade", "trade war", "xiaomi"]
        await pilot.press(*"war")
        await pilot.pause()
        assert view.shown == [("trade war", 1)]
        await pilot.press("enter")
        await settled(pilot, app)
        assert app.notes.query_field.value == 'tag:"trade war" '
        assert shown(app) == ["h4"]


@sync
async def test_tags_view_esc_changes_nothing(index: SearchIndex) -> None:
    async with hosted(index) as (app, pilot):
        await type_query(pilot, app, "steel")
        await pilot.press("f2", "escape")
        await pilot.pause()
        assert app.screen is app.notes
        assert app.notes.query_field.value == "steel"
        assert app.picks == []


# ------------------------------------------------------------------- picking


@sync
async def test_enter_in_the_query_returns_the_first_result(index: SearchIndex) -> None:
    async with hosted(index) as (app, pilot):
        await type_query(pilot, app, "peers")
        await pilot.press("enter")
        await pilot.pause()
        [pick] = app.picks
        assert isinstance(pick, SearchPick)
        assert pick.highlight.id == "h1"
        assert pick.article.id == "ev00000000000001"
        assert pick.article.title == "Xiaomi shows the YU7 in America"
        assert app.screen.query_one("#behind")


@sync
async def test_enter_before_the_debounce_opens_the_result_for_what_was_typed(
    index: SearchIndex,
) -> None:
    async with hosted(index) as (app, pilot):
        await settled(pilot, app)  # recent highlights on screen, h5 first
        await pilot.press(*"decade", "enter")
        await wait_for(pilot, lambda: bool(app.picks))
        [pick] = app.picks
        assert pick is not None and pick.highlight.id == "h4"


@sync
async def test_down_then_enter_picks_the_highlighted_result(index: SearchIndex) -> None:
    async with hosted(index, settle=True) as (app, pilot):
        await pilot.press("down")
        assert app.notes.result_list.has_focus
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        [pick] = app.picks
        assert pick is not None and pick.highlight.id == "h3"  # third most recent


@sync
async def test_up_on_the_first_result_and_typing_go_back_to_the_query(
    index: SearchIndex,
) -> None:
    async with hosted(index, settle=True) as (app, pilot):
        await pilot.press("down")
        await pilot.press("up")
        assert app.notes.query_field.has_focus
        await pilot.press("down", "down")
        await type_query(pilot, app, "steel")
        assert app.notes.query_field.has_focus
        assert app.notes.query_field.value == "steel"
        assert shown(app) == ["h3"]


@sync
async def test_escape_returns_nothing(index: SearchIndex) -> None:
    async with hosted(index) as (app, pilot):
        await type_query(pilot, app, "tariff")
        await pilot.press("escape")
        await pilot.pause()
        assert app.picks == [None]
        assert app.screen.query_one("#behind")


# ------------------------------------------------------------- help, index


@sync
async def test_f1_shows_the_query_language_and_esc_hides_it_first(index: SearchIndex) -> None:
    async with hosted(index, (110, 40), settle=True) as (app, pilot):
        help_text = app.notes.query_one("#notes-help-text", Static)
        assert not help_text.region  # hidden
        await pilot.press("f1")
        await pilot.pause()
        assert help_text.region
        visual = help_text.visual
        assert isinstance(visual, Content)
        assert QUERY_HELP.splitlines()[2] in visual.plain
        assert not app.notes.result_list.region
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.notes and not help_text.region
        assert app.notes.result_list.region


@sync
async def test_the_index_may_arrive_after_the_screen_opened(index: SearchIndex) -> None:
    async with hosted(None) as (app, pilot):
        await pilot.press(*"steel")
        await settle(pilot)
        assert status(app) == "Reading your notes…"
        assert shown(app) == []
        app.notes.set_index(index)
        await settled(pilot, app)
        assert shown(app) == ["h3"]


@sync
async def test_a_highlight_saved_while_the_screen_is_open_is_found(
    notes_store: Store, index: SearchIndex
) -> None:
    async with hosted(index) as (app, pilot):
        await type_query(pilot, app, "Antwerp")
        assert shown(app) == []
        [h3] = [h for h in notes_store.highlights() if h.id == "h3"]
        text = "ports of Rotterdam and Antwerp"
        start = h3.start + h3.exact.index("ports")  # same article, a passage further on
        notes_store.add(
            Highlight(
                id="h6",
                article_id=h3.article_id,
                start=start,
                end=start + len(text),
                exact=text,
                prefix="",
                suffix="",
                tags=("ports",),
            )
        )
        await pilot.press("space")
        await settled(pilot, app)
        assert shown(app) == ["h6"]
        labels = app.notes.tag_list
        plains = [
            p.plain
            for i in range(labels.option_count)
            if isinstance(p := labels.get_option_at_index(i).prompt, Content)
        ]
        assert any(p.endswith("#ports") for p in plains)


@sync
async def test_a_failing_search_is_one_sentence_and_the_screen_stays(
    index: SearchIndex,
) -> None:
    class Broken:
        def search(self, query: str | ParsedQuery, limit: int = 50) -> list[SearchResult]:
            raise StoreError("The notes file could not be read.")

        def recent(self, limit: int = 50) -> list[SearchResult]:
            return index.recent(limit)

        def tag_counts(self) -> list[tuple[str, int]]:
            return index.tag_counts()

    async with hosted(Broken(), settle=True) as (app, pilot):
        assert len(shown(app)) == 5
        await type_query(pilot, app, "steel")
        assert status(app) == "The notes file could not be read."
        assert shown(app) == []
        assert app.screen is app.notes


@sync
async def test_no_highlights_at_all_explains_how_to_make_one(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "empty.json")
    try:
        async with hosted(index_of(store), settle=True) as (app, _):
            assert shown(app) == []
            assert "No highlights yet" in status(app)
            assert isinstance(app.notes.query_one("#notes-tags", OptionList), OptionList)
            assert isinstance(app.notes.query_field, Input)
    finally:
        store.close()


# ------------------------------------------------------------- pure helpers


def test_tag_terms_quote_tags_with_spaces() -> None:
    assert tag_term("trade") == "tag:trade"
    assert tag_term("trade war") == 'tag:"trade war"'
    assert active_tags('x tag:"trade war" #china -tag:eu') == {"trade-war", "china"}


def test_toggle_tag_adds_then_removes_every_spelling() -> None:
    assert toggle_tag("", "trade") == "tag:trade "
    assert toggle_tag("steel", "trade war") == 'steel tag:"trade war" '
    assert toggle_tag("steel tag:Trade ports", "trade") == "steel ports "
    assert toggle_tag("#trade steel", "trade") == "steel "
    assert toggle_tag("tag:trade", "trade") == ""
    assert toggle_tag("tag:trades", "trade") == "tag:trades tag:trade "


def test_window_keeps_the_match_and_moves_its_span() -> None:
    text = "word " * 100 + "TARGET" + " word" * 100
    start = text.index("TARGET")
    cut, spans = window(text, [(start, start + 6)], 80)
    assert len(cut) <= 82
    assert cut.startswith("…") and cut.endswith("…")
    [(s, e)] = spans
    assert cut[s:e] == "TARGET"
    short, same = window("a short one", [(2, 7)], 80)
    assert (short, same) == ("a short one", [(2, 7)])


def test_tags_view_filter_folds_case_and_accents() -> None:
    tags = [("Zhōu", 3), ("trade war", 2), ("china", 1)]
    assert matching(tags, "zhou") == [("Zhōu", 3)]
    assert matching(tags, "#WAR") == [("trade war", 2)]
    assert matching(tags, "") == tags


@sync
async def test_control_characters_from_an_imported_tag_or_note_never_reach_the_screen(
    notes_store: Store, index: SearchIndex
) -> None:
    [h1] = [h for h in notes_store.highlights() if h.id == "h1"]
    notes_store.update(
        replace(h1, tags=("harbour\x1b]0;pwned\x07",), note="see \x1b]52;c;UFdORUQ=\x07 this")
    )
    async with hosted(index) as (app, pilot):
        await type_query(pilot, app, "peers")
        assert shown(app) == ["h1"]
        plain = prompt(app, 0).plain
        assert "\x1b" not in plain and "\x07" not in plain
        assert "#harbour" in plain and "see" in plain
        tags = app.notes.tag_list
        for i in range(tags.option_count):
            label = tags.get_option_at_index(i).prompt
            assert isinstance(label, Content) and "\x1b" not in label.plain


@sync
async def test_opened_on_the_tags_view_it_waits_for_the_tags(index: SearchIndex) -> None:
    async with hosted(None, show_tags=True) as (app, pilot):
        await settle(pilot)
        assert app.screen is app.notes  # nothing to list yet
        app.notes.set_index(index)
        await wait_for(pilot, lambda: isinstance(app.screen, TagsView))
        view = app.screen
        assert isinstance(view, TagsView)
        assert [t for t, _ in view.shown] == ["cars", "trade", "trade war", "xiaomi"]
