"""The tag editor: one line, `#tag #tag` or `tag, tag`, completed from the
tags already in the store (most used first)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Input, Static

from reader.text.tags import complete_tag, format_tags, parse_tags
from reader.ui import safe_text
from reader.ui.compat import input_suggestion
from reader.ui.screens.passage import passage_content

HINT = Content("#tag #tag or tag, tag · Tab or → completes · Enter saves · Esc cancels")


class TagSuggester(Suggester):
    """Completes the tag being typed from the known tags."""

    def __init__(self, known: Sequence[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.known = [safe_text.line(tag) for tag in known]

    async def get_suggestion(self, value: str) -> str | None:
        return complete_tag(value, self.known)


def accept_suggestion(field: Input) -> bool:
    """Take the completion shown in `field`; False when there is none."""
    suggestion = input_suggestion(field)
    if not suggestion or suggestion == field.value:
        return False
    field.value = suggestion
    field.cursor_position = len(suggestion)
    return True


class TagEditor(ModalScreen[tuple[str, ...] | None]):
    """Dismisses with the new tags (maybe none), or None on Esc."""

    DEFAULT_CSS = """
    TagEditor { align: center middle; }
    TagEditor > Vertical {
        width: 80; max-width: 100%; height: auto;
        border: round $accent; background: $panel; padding: 0 1;
    }
    TagEditor #tags-title { text-style: bold; }
    TagEditor #tags-passage { color: $text-muted; padding: 1 0; max-height: 6; }
    TagEditor #tags-hint { color: $text-muted; padding-top: 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="tags.cancel"),
        Binding("tab", "complete", "Complete", id="tags.complete", priority=True),
    ]

    def __init__(
        self,
        tags: Sequence[str] = (),
        known: Sequence[str] = (),
        passage: str | None = None,
        title: str = "Tags",
    ) -> None:
        super().__init__()
        self.initial = tuple(tags)
        self.known = list(known)
        self.passage = passage
        self.title_text = title

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(safe_text.content(self.title_text), id="tags-title")
            if self.passage is not None:
                yield Static(passage_content(self.passage), id="tags-passage")
            value = format_tags([safe_text.line(t) for t in self.initial])
            yield Input(
                value=value + (", " if value else ""),
                placeholder="#tag #another, or: tag one, tag two",
                select_on_focus=False,
                suggester=TagSuggester(self.known),
                id="tags-input",
            )
            yield Static(HINT, id="tags-hint")

    def on_mount(self) -> None:
        field = self.query_one(Input)
        field.focus()
        field.cursor_position = len(field.value)

    def action_complete(self) -> None:
        accept_suggestion(self.query_one(Input))

    @on(Input.Submitted, "#tags-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(parse_tags(event.value))

    def action_cancel(self) -> None:
        self.dismiss(None)
