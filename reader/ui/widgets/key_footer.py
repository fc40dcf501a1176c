"""The footer: the keys that work right now, drawn by one widget.

Textual's Footer makes a widget per key and rebuilds them all whenever the
screen's bindings are updated (every focus move). With the reader's eight
keys that was about a tenth of the work before the first paint. KeyBar
draws the same row itself: the focused widget's keys first, then the app's,
the command palette key on the right; a click on a key presses it, hovering
shows its tooltip. It repaints only when the keys it shows change.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget

from reader.ui import safe_text
from reader.ui.compat import active_bindings

PALETTE_ACTIONS = frozenset({"command_palette", "app.command_palette"})


@dataclass(frozen=True)
class ShownKey:
    """One key in the footer."""

    key: str
    display: str
    description: str
    enabled: bool
    tooltip: str


class KeyBar(Widget):
    """See the module docstring."""

    ALLOW_SELECT = False
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        width: 1fr;
        color: $footer-foreground;
        background: $footer-background;
    }
    """

    COMPACT_BELOW = 100
    """Narrower than this, the spaces around each key are dropped."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.keys: tuple[ShownKey, ...] = ()
        self.palette: ShownKey | None = None
        self._hover: int | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _shown(self, binding: Binding, enabled: bool, tooltip: str) -> ShownKey:
        return ShownKey(
            binding.key,
            self.app.get_key_display(binding),
            binding.description,
            enabled,
            tooltip or binding.tooltip or binding.description,
        )

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if screen is not self.screen:
            return
        active = active_bindings(screen)
        keys: list[ShownKey] = []
        actions: set[str] = set()
        for _node, binding, enabled, tooltip in active.values():
            if binding.show and binding.action not in actions:
                actions.add(binding.action)  # one key per action, as Textual's footer
                keys.append(self._shown(binding, enabled, tooltip))
        palette: ShownKey | None = None
        if self.app.ENABLE_COMMAND_PALETTE:
            # Found by its action, not by Ctrl+P: a keymap may have moved it.
            for _node, binding, enabled, tooltip in active.values():
                if binding.action in PALETTE_ACTIONS:
                    palette = self._shown(binding, enabled, tooltip)
                    keys = [k for k in keys if k.key != palette.key]
                    break
        if (tuple(keys), palette) != (self.keys, self.palette):
            self.keys, self.palette = tuple(keys), palette
            self._hover = None
            self.refresh()

    # ------------------------------------------------------------- drawing

    @property
    def compact(self) -> bool:
        """Drawn without the spaces around each key (a narrow terminal)."""
        return self.size.width < self.COMPACT_BELOW

    def _pieces(self, key: ShownKey, hovered: bool) -> list[tuple[str, str]]:
        pad = "" if self.compact else " "
        dim = "" if key.enabled else " dim"
        hover = " on $block-hover-background" if hovered else ""
        pieces = [(f"{pad}{key.display}{pad}", f"bold $footer-key-foreground{dim}{hover}")]
        if key.description:
            text = f" {key.description}" if self.compact else f"{key.description} "
            pieces.append((text, f"$footer-description-foreground{dim}{hover}"))
        return pieces

    def slots(self) -> list[tuple[int, int, ShownKey]]:
        """(first cell, end cell, key) of each key as drawn now."""
        slots: list[tuple[int, int, ShownKey]] = []
        x = 0
        gap = 1 if self.compact else 0
        for key in self.keys:
            width = sum(len(text) for text, _ in self._pieces(key, False))
            slots.append((x, x + width, key))
            x += width + gap
        if self.palette is not None:
            width = 1 + sum(len(text) for text, _ in self._pieces(self.palette, False))
            start = max(x, self.size.width - width)
            slots.append((start, start + width, self.palette))
        return slots

    def render(self) -> Content:
        parts: list[safe_text.Part] = []
        x = 0
        for index, (start, end, key) in enumerate(self.slots()):
            hovered = index == self._hover
            if key is self.palette:
                parts.append(" " * (start - x))
                parts.append(("▏", "$foreground 20%"))
            elif start > x:
                parts.append(" " * (start - x))
            parts.extend(self._pieces(key, hovered))
            x = end
        return safe_text.assemble(*parts)

    # ---------------------------------------------------------------- mouse

    def _key_at(self, x: int) -> tuple[int, ShownKey] | None:
        for index, (start, end, key) in enumerate(self.slots()):
            if start <= x < end:
                return index, key
        return None

    def on_click(self, event: events.Click) -> None:
        found = self._key_at(event.x)
        if found is None:
            return
        event.stop()
        _index, key = found
        if key.enabled:
            self.app.simulate_key(key.key)
        else:
            self.app.bell()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        found = self._key_at(event.x)
        index = found[0] if found else None
        if index != self._hover:
            self._hover = index
            self.tooltip = found[1].tooltip if found else None
            self.refresh()

    def on_leave(self, event: events.Leave) -> None:
        if self._hover is not None:
            self._hover = None
            self.tooltip = None
            self.refresh()
