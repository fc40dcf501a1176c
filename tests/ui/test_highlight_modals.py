"""The highlight dialogs on their own: note editor, tag editor, colour picker,
highlight editor. Each is pushed on a bare app and driven with keys."""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.screen import Screen
from textual.widgets import Input, Static, TextArea

from reader.model import Highlight
from reader.ui.screens.color_picker import ColorPicker
from reader.ui.screens.dialogs import ConfirmScreen
from reader.ui.screens.highlight_editor import ColorChoice, HighlightEdit, HighlightEditor
from reader.ui.screens.note_editor import NoteEditor
from reader.ui.screens.tag_editor import TagEditor

from .helpers import settle, sync

MISSING = object()


class Host(App[None]):
    """Pushes one dialog on start and keeps what it returns."""

    def __init__(self, dialog: Screen[Any]) -> None:
        super().__init__()
        self.dialog = dialog
        self.result: Any = MISSING

    def on_mount(self) -> None:
        self.push_screen(self.dialog, self._done)

    def _done(self, result: Any) -> None:
        self.result = result


def highlight(**changes: Any) -> Highlight:
    values: dict[str, Any] = {
        "id": "h1",
        "article_id": "a1",
        "start": 10,
        "end": 30,
        "exact": "the [b]exact[/b] words",
        "prefix": "",
        "suffix": "",
        "color": "green",
        "tags": ("trade",),
        "note": "first line",
    }
    values.update(changes)
    return Highlight(**values)


# ------------------------------------------------------------------ note editor


@sync
async def test_note_editor_ctrl_s_saves_several_lines() -> None:
    app = Host(NoteEditor("", passage="words from the article"))
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press(*"One", "enter", *"Two")
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.result == "One\nTwo"


@sync
async def test_note_editor_escape_asks_before_discarding_typed_text() -> None:
    app = Host(NoteEditor("old note"))
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press(*" and more")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")  # Esc on the question: keep editing
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        assert app.result is MISSING
        assert app.screen.query_one(TextArea).text == "old note and more"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.click("#discard")
        await pilot.pause()
    assert app.result is None


@sync
async def test_note_editor_escape_without_changes_closes_at_once() -> None:
    app = Host(NoteEditor("kept"))
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, (ConfirmScreen, NoteEditor))
    assert app.result is None


@sync
async def test_note_editor_can_clear_a_note() -> None:
    app = Host(NoteEditor("remove me"))
    async with app.run_test() as pilot:
        await pilot.pause()
        app.screen.query_one(TextArea).clear()
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.result == ""


@sync
async def test_note_editor_shows_the_passage_literally() -> None:
    app = Host(NoteEditor("", passage="[@click=app.quit]x[/] and [b]bold"))
    async with app.run_test() as pilot:
        await pilot.pause()
        shown = str(app.screen.query_one("#note-passage", Static).render())
        assert "[@click=app.quit]x[/] and [b]bold" in shown


# ------------------------------------------------------------------- tag editor


@sync
async def test_tag_editor_completes_from_known_tags_and_parses_hash_tags() -> None:
    app = Host(TagEditor((), known=["tariffs", "trade war", "China"]))
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press(*"#ch")
        await settle(pilot)  # the completion is worked out in a worker
        await pilot.press("tab")
        assert app.screen.query_one(Input).value == "#China"
        await pilot.press(*" #ev")
        await pilot.press("enter")
        await pilot.pause()
    assert app.result == ("China", "ev")


@sync
async def test_tag_editor_comma_separated_tags_keep_their_spaces() -> None:
    app = Host(TagEditor(("old",), known=["trade war"]))
    async with app.run_test() as pilot:
        await pilot.pause()
        field = app.screen.query_one(Input)
        assert field.value == "old, "
        await pilot.press(*"tra")
        await settle(pilot)
        await pilot.press("right")  # → accepts the completion too
        await pilot.press("enter")
        await pilot.pause()
    assert app.result == ("old", "trade war")


@sync
async def test_tag_editor_escape_cancels() -> None:
    app = Host(TagEditor(("old",)))
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press(*"new", "escape")
        await pilot.pause()
    assert app.result is None


# ----------------------------------------------------------------- colour picker


@sync
async def test_color_picker_number_keys() -> None:
    app = Host(ColorPicker("yellow"))
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("4")
        await pilot.pause()
    assert app.result == "pink"


@sync
async def test_color_picker_starts_on_the_current_colour_and_enter_takes_it() -> None:
    app = Host(ColorPicker("blue"))
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
    assert app.result == "blue"
    app = Host(ColorPicker("blue"))
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
    assert app.result == "pink"


@sync
async def test_color_picker_escape_cancels() -> None:
    app = Host(ColorPicker())
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
    assert app.result is None


# -------------------------------------------------------------- highlight editor


@sync
async def test_highlight_editor_changes_tags_note_and_colour() -> None:
    app = Host(HighlightEditor(highlight(), known_tags=["trade", "tariffs"]))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press(*", ta")
        await settle(pilot)
        await pilot.press("tab")  # completes the tag
        await pilot.press("enter")  # on to the note
        await pilot.press("end", "enter", *"second line")
        await pilot.press("tab")  # the colour row
        assert app.screen.focused is app.screen.query_one(ColorChoice)
        await pilot.press("5")
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.result == HighlightEdit(
        tags=("trade", "tariffs"), note="first line\nsecond line", color="purple"
    )


@sync
async def test_highlight_editor_colour_row_arrows_and_click() -> None:
    app = Host(HighlightEditor(highlight(color="yellow")))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        row = app.screen.query_one(ColorChoice)
        row.focus()
        await pilot.press("left")
        assert row.color == "purple"
        await pilot.press("right", "right")
        assert row.color == "green"
        await pilot.click(ColorChoice, offset=(2 * 12 + 3, 0))
        assert row.color == "blue"
        await pilot.click("#edit-save")
        await pilot.pause()
    assert isinstance(app.result, HighlightEdit)
    assert app.result.color == "blue"
    assert app.result.tags == ("trade",) and app.result.note == "first line"


@sync
async def test_highlight_editor_escape_asks_only_when_changed() -> None:
    app = Host(HighlightEditor(highlight()))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
    assert app.result is None

    app = Host(HighlightEditor(highlight()))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press(*", new")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.click("#discard")
        await pilot.pause()
    assert app.result is None


@sync
async def test_highlight_editor_shows_markup_in_the_passage_literally() -> None:
    app = Host(HighlightEditor(highlight()))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        shown = str(app.screen.query_one("#edit-passage", Static).render())
        assert "the [b]exact[/b] words" in shown
