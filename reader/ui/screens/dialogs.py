"""Small modal dialogs: a confirmation with several choices, and open-a-file.

Messages that include article-derived text (a title, a link) are passed in
as Content so nothing in them is read as markup. The Open dialog completes
paths with reader.ui.path_completion, which shows file names cleaned.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from reader.ui import safe_text
from reader.ui.compat import input_suggestion
from reader.ui.path_completion import PathSuggester


class ConfirmScreen(ModalScreen[str | None]):
    """Asks a question; dismisses with the id of the chosen button (None on Esc)."""

    DEFAULT_CSS = """
    ConfirmScreen { align: center middle; }
    ConfirmScreen > Vertical {
        width: 72; max-width: 100%; height: auto;
        border: round $warning; background: $panel; padding: 1 2;
    }
    ConfirmScreen #confirm-message { margin-bottom: 1; }
    ConfirmScreen Horizontal { height: auto; align-horizontal: right; }
    ConfirmScreen Button { margin-left: 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="confirm.cancel"),
    ]

    def __init__(self, message: Content, choices: Sequence[tuple[str, str]]) -> None:
        super().__init__()
        self.message = message
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.message, id="confirm-message")
            with Horizontal():
                for i, (choice_id, label) in enumerate(self.choices):
                    yield Button(
                        safe_text.content(label),
                        id=choice_id,
                        variant="primary" if i == 0 else "default",
                    )

    def on_mount(self) -> None:
        buttons = self.query(Button)
        if buttons:
            buttons.last().focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class OpenFileScreen(ModalScreen[str | None]):
    """A path input with completion (→ or Tab accepts); Enter opens, Esc cancels."""

    DEFAULT_CSS = """
    OpenFileScreen { align: center middle; }
    OpenFileScreen > Vertical {
        width: 80; max-width: 100%; height: auto;
        border: round $accent; background: $panel; padding: 1 2;
    }
    OpenFileScreen #open-hint { color: $text-muted; margin-top: 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="open.cancel"),
        Binding("tab", "complete", "Complete", id="open.complete", priority=True),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.path_suggester = PathSuggester()

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content.from_markup("[b]Open an article[/b] (.txt, .md or a folder)"))
            yield Input(
                placeholder="path/to/article.md",
                suggester=self.path_suggester,
                restrict=safe_text.TYPEABLE,
                id="open-path",
            )
            yield Static(Content("Tab or → completes · Enter opens · Esc cancels"), id="open-hint")

    def action_complete(self) -> None:
        field = self.query_one(Input)
        suggestion = input_suggestion(field)
        if suggestion:
            field.value = suggestion
            field.cursor_position = len(suggestion)

    @on(Input.Submitted, "#open-path")
    def _submitted(self, event: Input.Submitted) -> None:
        value = event.value.strip()
        self.dismiss(self.path_suggester.real_path(value) if value else None)

    def action_cancel(self) -> None:
        self.dismiss(None)
