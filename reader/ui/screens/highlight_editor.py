"""Edit a highlight in one dialog (`e`): tags, note and colour.

Ctrl+S saves from anywhere in the dialog; Esc closes it, asking first when
something was changed. The colour row takes 1-5, ←/→ or a click.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Input, Static, TextArea

from reader.model import COLORS, Highlight
from reader.text.tags import format_tags, parse_tags
from reader.ui import safe_text
from reader.ui.highlight_colors import HEX, color_key
from reader.ui.screens.dialogs import ConfirmScreen
from reader.ui.screens.passage import passage_content
from reader.ui.screens.tag_editor import TagSuggester, accept_suggestion

ITEM_WIDTH = 12
"""Columns per colour in the colour row (for clicks)."""

DISCARD_QUESTION = Content.assemble(
    ("Discard your changes?", "bold"), "\n\n", "The highlight will stay as it was."
)


@dataclass(frozen=True, slots=True)
class HighlightEdit:
    """What the editor returns: the highlight's new tags, note and colour."""

    tags: tuple[str, ...]
    note: str
    color: str


class ColorChoice(Widget, can_focus=True):
    """One row of the five colours; the chosen one is marked."""

    DEFAULT_CSS = """
    ColorChoice { height: 1; width: auto; }
    ColorChoice:focus { background: $boost; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "step(-1)", "Previous colour", id="color-row.previous", show=False),
        Binding("right", "step(1)", "Next colour", id="color-row.next", show=False),
        *(
            Binding(str(i + 1), f"choose({i})", c.capitalize(), id=f"color-row.{c}", show=False)
            for i, c in enumerate(COLORS)
        ),
    ]

    color: reactive[str] = reactive(COLORS[0])

    class Changed(Message):
        def __init__(self, color: str) -> None:
            super().__init__()
            self.color = color

    def __init__(self, color: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.set_reactive(ColorChoice.color, color if color in COLORS else COLORS[0])

    def render(self) -> Content:
        parts: list[Content] = []
        for c in COLORS:
            chosen = c == self.color
            item = safe_text.assemble(
                (color_key(c), "bold"),
                " ",
                ("██", HEX[c]),
                " ",
                (c, "bold reverse" if chosen else ""),
            )
            parts.append(item.pad_right(ITEM_WIDTH - item.cell_length))
        return safe_text.assemble(*parts)

    def get_content_width(self, container: object, viewport: object) -> int:
        return ITEM_WIDTH * len(COLORS)

    def watch_color(self, color: str) -> None:
        self.post_message(self.Changed(color))

    def action_step(self, delta: int) -> None:
        self.color = COLORS[(COLORS.index(self.color) + delta) % len(COLORS)]

    def action_choose(self, index: int) -> None:
        self.color = COLORS[index]

    def on_click(self, event: events.Click) -> None:
        index = event.x // ITEM_WIDTH
        if 0 <= index < len(COLORS):
            self.color = COLORS[index]


class HighlightEditor(ModalScreen[HighlightEdit | None]):
    """Dismisses with a HighlightEdit, or None when cancelled."""

    DEFAULT_CSS = """
    HighlightEditor { align: center middle; }
    HighlightEditor > Vertical {
        width: 80; max-width: 100%; height: auto; max-height: 95%;
        border: round $accent; background: $panel; padding: 0 1;
    }
    HighlightEditor #edit-title { text-style: bold; }
    HighlightEditor #edit-passage { color: $text-muted; padding: 1 0; max-height: 5; }
    HighlightEditor .edit-label { color: $text-muted; padding-top: 1; }
    HighlightEditor TextArea { height: 8; }
    HighlightEditor Horizontal { height: auto; align-horizontal: right; padding-top: 1; }
    HighlightEditor Button { margin-left: 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="edit.save", priority=True),
        Binding("escape", "cancel", "Cancel", id="edit.cancel", priority=True),
        Binding("tab", "complete_or_next", "Next field", id="edit.next", show=False),
    ]

    def __init__(self, highlight: Highlight, known_tags: list[str] | None = None) -> None:
        super().__init__()
        self.highlight = highlight
        self.known_tags = known_tags or []
        self.original = HighlightEdit(highlight.tags, highlight.note, highlight.color)

    def compose(self) -> ComposeResult:
        h = self.highlight
        with Vertical():
            yield Static(Content("Edit highlight"), id="edit-title")
            yield Static(passage_content(h.exact), id="edit-passage")
            yield Static(Content("Tags (#tag #tag or tag, tag)"), classes="edit-label")
            yield Input(
                value=format_tags([safe_text.line(t) for t in h.tags]),
                placeholder="#tag #another",
                select_on_focus=False,
                suggester=TagSuggester(self.known_tags),
                id="edit-tags",
            )
            yield Static(Content("Note"), classes="edit-label")
            yield TextArea(
                safe_text.editable(h.note), soft_wrap=True, tab_behavior="focus", id="edit-note"
            )
            yield Static(Content("Colour (1-5 or ←/→)"), classes="edit-label")
            yield ColorChoice(h.color, id="edit-color")
            with Horizontal():
                yield Button(Content("Save (Ctrl+S)"), id="edit-save", variant="primary")
                yield Button(Content("Cancel"), id="edit-cancel")

    def on_mount(self) -> None:
        field = self.query_one("#edit-tags", Input)
        field.focus()
        field.cursor_position = len(field.value)

    @property
    def result(self) -> HighlightEdit:
        return HighlightEdit(
            tags=parse_tags(self.query_one("#edit-tags", Input).value),
            note=self.query_one("#edit-note", TextArea).text.strip("\n").rstrip(),
            color=self.query_one(ColorChoice).color,
        )

    @property
    def changed(self) -> bool:
        return self.result != self.original

    def action_complete_or_next(self) -> None:
        field = self.query_one("#edit-tags", Input)
        if not (field.has_focus and accept_suggestion(field)):
            self.focus_next()

    def action_save(self) -> None:
        self.dismiss(self.result)

    @on(Button.Pressed, "#edit-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#edit-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    @on(Input.Submitted, "#edit-tags")
    def _tags_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one("#edit-note", TextArea).focus()

    def action_cancel(self) -> None:
        if not self.changed:
            self.dismiss(None)
            return

        def decided(choice: str | None) -> None:
            if choice == "discard":
                self.dismiss(None)

        self.app.push_screen(
            ConfirmScreen(DISCARD_QUESTION, [("discard", "Discard"), ("keep", "Keep editing")]),
            decided,
        )
