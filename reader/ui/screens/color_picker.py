"""Pick one of the five highlight colours: keys 1-5, or arrows and Enter."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from reader.model import COLORS
from reader.ui import safe_text
from reader.ui.highlight_colors import color_key, swatch


def color_prompt(color: str) -> Content:
    return safe_text.assemble((color_key(color), "bold"), "  ", swatch(color))


class ColorPicker(ModalScreen[str | None]):
    """Dismisses with the chosen colour name, or None on Esc."""

    DEFAULT_CSS = """
    ColorPicker { align: center middle; }
    ColorPicker > Vertical {
        width: 30; height: auto;
        border: round $accent; background: $panel; padding: 0 1;
    }
    ColorPicker #color-title { text-style: bold; padding-bottom: 1; }
    ColorPicker OptionList { height: auto; border: none; background: $panel; }
    ColorPicker #color-hint { color: $text-muted; padding-top: 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="color.cancel"),
        *(
            Binding(str(i + 1), f"pick({i})", color.capitalize(), id=f"color.{color}")
            for i, color in enumerate(COLORS)
        ),
    ]

    def __init__(self, current: str = COLORS[0], title: str = "Highlight colour") -> None:
        super().__init__()
        self.current = current if current in COLORS else COLORS[0]
        self.title_text = title

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(safe_text.content(self.title_text), id="color-title")
            yield OptionList(*(Option(color_prompt(c), id=c) for c in COLORS), id="color-list")
            yield Static(Content("1-5 or Enter picks · Esc cancels"), id="color-hint")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = COLORS.index(self.current)
        options.focus()

    def action_pick(self, index: int) -> None:
        self.dismiss(COLORS[index])

    @on(OptionList.OptionSelected, "#color-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(COLORS[event.option_index])

    def action_cancel(self) -> None:
        self.dismiss(None)
