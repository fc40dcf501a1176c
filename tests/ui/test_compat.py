"""Pins for reader.ui.compat: one test per Textual internal the reader leans on.

Each test is named after the compat function it pins and fails with a
sentence saying what changed in Textual, so an upgrade breaks here, by
name, rather than somewhere deep in the UI. They run tiny real apps
(run_test), not the reader.
"""

from __future__ import annotations

import dataclasses
from typing import Any, ClassVar

import pytest
from textual import events
from textual.app import App, ComposeResult
from textual.binding import ActiveBinding, Binding, BindingType
from textual.screen import Screen
from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import Input, Static

from reader.ui import compat

from .helpers import sync, wait_for

TEXTUAL = "Textual changed (the reader pins textual==8.2.8): "


@pytest.fixture
def no_cursor_blink() -> None:
    """Overrides the UI tests' autouse fixture: the blink step is pinned here."""


class Keyed(Widget, can_focus=True):
    """A focusable widget with one binding that has an id."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("x", "poke", "Poke", id="keyed.poke", tooltip="Poke it"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.pokes = 0

    def action_poke(self) -> None:
        self.pokes += 1


class KeyedApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Keyed()

    def on_mount(self) -> None:
        self.query_one(Keyed).focus()


class CountingScreen(Screen[None]):
    """Counts how often Screen's resume handler restyled it."""

    def __init__(self, skip: bool) -> None:
        super().__init__()
        self.skip = skip
        self.restyles = 0

    def update_node_styles(self, animate: bool = True) -> None:
        self.restyles += 1
        super().update_node_styles(animate=animate)

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        if self.skip:
            compat.skip_restyle_on_resume(event)


class ResumeApp(App[None]):
    def __init__(self, skip: bool) -> None:
        super().__init__()
        self.skip = skip

    def get_default_screen(self) -> Screen[Any]:
        return CountingScreen(self.skip)


@sync
async def test_skip_restyle_on_resume() -> None:
    fields = {f.name: f.default for f in dataclasses.fields(events.ScreenResume)}
    assert fields.get("refresh_styles") is True, (
        TEXTUAL + "events.ScreenResume has no refresh_styles field defaulting to True"
    )
    restyles = {}
    for skip in (False, True):
        app = ResumeApp(skip)
        async with app.run_test() as pilot:
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, CountingScreen)
            restyles[skip] = screen.restyles
    assert restyles[False] >= 1, (
        TEXTUAL + "a screen's first resume no longer restyles it (the skip is pointless)"
    )
    assert restyles[True] == 0, (
        TEXTUAL + "Screen._on_screen_resume restyles even with refresh_styles=False, "
        "or runs before the subclass's on_screen_resume"
    )


@sync
async def test_active_bindings() -> None:
    app = KeyedApp()
    async with app.run_test() as pilot:
        await pilot.pause()
        keyed = app.query_one(Keyed)
        active = compat.active_bindings(app.screen)
        assert "x" in active, TEXTUAL + "Screen.active_bindings is not keyed by key"
        entry = active["x"]
        assert isinstance(entry, ActiveBinding), TEXTUAL + "active bindings changed type"
        node, binding, enabled, tooltip = entry
        assert (node, binding.id, enabled, tooltip) == (keyed, "keyed.poke", True, "Poke it"), (
            TEXTUAL + "an active binding is no longer (node, binding, enabled, tooltip)"
        )
        app.set_keymap({"keyed.poke": "y"})
        active = compat.active_bindings(app.screen)
        assert "x" not in active and "y" in active, (
            TEXTUAL + "Screen.active_bindings no longer applies the app's keymap"
        )
        assert active["y"].binding.key_display is None
        assert app.get_key_display(active["y"].binding) == "y"


@sync
async def test_input_suggestion() -> None:
    class SuggestApp(App[None]):
        def compose(self) -> ComposeResult:
            yield Input(suggester=SuggestFromList(["hello world"]))

    app = SuggestApp()
    async with app.run_test() as pilot:
        field = app.query_one(Input)
        field.focus()
        assert compat.input_suggestion(field) == "", TEXTUAL + "Input._suggestion is not ''"
        await pilot.press(*"hel")
        await app.workers.wait_for_complete()
        await wait_for(pilot, lambda: compat.input_suggestion(field) != "")
        assert compat.input_suggestion(field) == "hello world", (
            TEXTUAL + "Input._suggestion no longer holds the suggester's completion"
        )
        await pilot.press("x")
        assert compat.input_suggestion(field) == "", (
            TEXTUAL + "Input._suggestion is not cleared when the value changes"
        )


@sync
async def test_app_keymap() -> None:
    app = KeyedApp()
    async with app.run_test() as pilot:
        assert dict(compat.app_keymap(app)) == {}
        app.set_keymap({"keyed.poke": "?, z"})
        assert dict(compat.app_keymap(app)) == {"keyed.poke": "question_mark,z"}, (
            TEXTUAL + "App._keymap no longer holds the normalised keymap"
        )
        await pilot.press("z")
        assert app.query_one(Keyed).pokes == 1


@sync
async def test_node_bindings() -> None:
    app = KeyedApp()
    async with app.run_test() as pilot:
        keyed = app.query_one(Keyed)
        shown = [(b.key, b.id) for b in compat.node_bindings(keyed)]
        assert shown == [("x", "keyed.poke")], TEXTUAL + "DOMNode._bindings changed"
        app.set_keymap({"keyed.poke": "y,ctrl+y"})
        shown = [(b.key, b.id) for b in compat.node_bindings(keyed)]
        assert shown == [("y", "keyed.poke"), ("ctrl+y", "keyed.poke")], (
            TEXTUAL + "BindingsMap.apply_keymap changed what it does"
        )
        await pilot.press("x")
        assert keyed.pokes == 0
        await pilot.press("y")
        assert keyed.pokes == 1, TEXTUAL + "key presses no longer go through the keymap"
        assert compat.node_bindings(app)  # the app's own bindings (ctrl+q ...)


def test_key_name() -> None:
    assert compat.key_name("?") == "question_mark", TEXTUAL + "_character_to_key changed"
    assert compat.key_name("ctrl+?") == "ctrl+question_mark"
    assert compat.key_name("-") == "minus"
    assert compat.key_name("+") == "plus"
    assert compat.key_name("ctrl++") == "ctrl+plus"
    assert compat.key_name("G") == "G"
    assert compat.key_name("pageup") == "pageup"
    assert App._normalize_keymap({"a": "?"}) == {"a": compat.key_name("?")}, (
        TEXTUAL + "set_keymap names one-character keys differently from key_name"
    )


@sync
async def test_screen_strips() -> None:
    class TextApp(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("hello from the screen")

    app = TextApp()
    async with app.run_test(size=(40, 5)) as pilot:
        await pilot.pause()
        strips = compat.screen_strips(app.screen)
        assert len(strips) == 5, TEXTUAL + "Screen._compositor.render_strips changed"
        assert strips[0].text.startswith("hello from the screen")


@sync
async def test_notifications() -> None:
    app = KeyedApp()
    async with app.run_test() as pilot:
        assert compat.notifications(app) == []
        app.notify("first")
        app.notify("second", severity="warning")
        await pilot.pause()
        shown = [(n.message, n.severity) for n in compat.notifications(app)]
        assert shown == [("first", "information"), ("second", "warning")], (
            TEXTUAL + "App._notifications no longer lists the notifications in order"
        )


@sync
async def test_input_blink_step() -> None:
    class InputApp(App[None]):
        def compose(self) -> ComposeResult:
            yield Input(value="abc")

    step = getattr(Input, compat.INPUT_BLINK_STEP, None)
    assert callable(step), TEXTUAL + f"Input.{compat.INPUT_BLINK_STEP} is gone"
    app = InputApp()
    async with app.run_test(size=(20, 3)) as pilot:
        field = app.query_one(Input)
        field.focus()
        await pilot.pause()
        before = compat.screen_strips(app.screen)
        step(field)
        await pilot.pause()
        blinked = compat.screen_strips(app.screen)
        step(field)
        await pilot.pause()
        back = compat.screen_strips(app.screen)
        assert blinked != before and back == before, (
            TEXTUAL + f"Input.{compat.INPUT_BLINK_STEP} no longer blinks the cursor"
        )
