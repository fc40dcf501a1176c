"""The note editor: a multi-line note on a highlight or on a whole article.

Ctrl+S saves. Esc closes at once when nothing was typed, and asks first
when it would throw typed text away.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea

from reader.ui import safe_text
from reader.ui.screens.dialogs import ConfirmScreen
from reader.ui.screens.passage import passage_content

DISCARD_QUESTION = Content.assemble(
    ("Discard the text you typed?", "bold"), "\n\n", "The note will stay as it was."
)


class NoteEditor(ModalScreen[str | None]):
    """Dismisses with the note's new text (possibly empty), or None when cancelled."""

    DEFAULT_CSS = """
    NoteEditor { align: center middle; }
    NoteEditor > Vertical {
        width: 80; max-width: 100%; height: auto; max-height: 90%;
        border: round $accent; background: $panel; padding: 0 1;
    }
    NoteEditor #note-title { text-style: bold; }
    NoteEditor #note-passage { color: $text-muted; padding: 1 0; max-height: 6; }
    NoteEditor TextArea { height: 12; }
    NoteEditor #note-hint { color: $text-muted; padding-top: 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save note", id="note.save", priority=True),
        Binding("escape", "cancel", "Cancel", id="note.cancel", priority=True),
    ]

    def __init__(self, note: str = "", passage: str | None = None, title: str = "Note") -> None:
        super().__init__()
        self.initial = note
        self.passage = passage
        self.title_text = title

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(safe_text.content(self.title_text), id="note-title")
            if self.passage is not None:
                yield Static(passage_content(self.passage), id="note-passage")
            yield TextArea(
                safe_text.editable(self.initial),
                soft_wrap=True,
                tab_behavior="focus",
                id="note-text",
            )
            yield Static(Content("Ctrl+S saves · Esc cancels"), id="note-hint")

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    @property
    def text(self) -> str:
        return self.query_one(TextArea).text

    @property
    def changed(self) -> bool:
        return self.text.rstrip() != self.initial.rstrip()

    def action_save(self) -> None:
        self.dismiss(self.text.strip("\n").rstrip())

    def action_cancel(self) -> None:
        if not self.changed:
            self.dismiss(None)
            return

        def decided(choice: str | None) -> None:
            if choice == "discard":
                self.dismiss(None)
            else:
                self.query_one(TextArea).focus()

        self.app.push_screen(
            ConfirmScreen(DISCARD_QUESTION, [("discard", "Discard"), ("keep", "Keep editing")]),
            decided,
        )
