"""Every tag with how many highlights carry it; Enter on one searches it.

A modal over the Notes screen: type to narrow the list (case and accents do
not matter), arrows to move, Enter dismisses with the tag, Esc with None.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from reader.text.words import fold_text
from reader.ui import safe_text


def tag_prompt(tag: str, count: int, *, chosen: bool = False, width: int = 5) -> Content:
    """`  12  trade` — the count first so the names line up; ✓ when it filters."""
    mark = ("✓ ", "bold $success") if chosen else ("  ", "")
    return safe_text.assemble(
        mark, (str(count).rjust(width), "$text-muted"), "  ", ("#" + safe_text.line(tag), "$accent")
    )


def matching(tags: Sequence[tuple[str, int]], typed: str) -> list[tuple[str, int]]:
    """The tags whose name contains every word typed (folded), in the given order."""
    words = fold_text(typed.replace("#", " ")).split()
    return [(t, n) for t, n in tags if all(w in fold_text(t) for w in words)]


class TagsView(ModalScreen[str | None]):
    """See the module docstring; `tags` as SearchIndex.tag_counts() gives them."""

    DEFAULT_CSS = """
    TagsView { align: center middle; }
    TagsView > Vertical {
        width: 60; max-width: 100%; height: 80%;
        border: round $accent; background: $panel; padding: 0 1;
    }
    TagsView #tags-view-title { text-style: bold; padding-bottom: 1; }
    TagsView #tags-view-list { height: 1fr; border: none; background: $panel; }
    TagsView #tags-view-hint { color: $text-muted; padding-top: 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Close", id="tags-view.close"),
        Binding("down", "to_list", "Tags", id="tags-view.to-list", show=False),
    ]

    def __init__(self, tags: Sequence[tuple[str, int]]) -> None:
        super().__init__()
        self.all_tags = list(tags)
        self.shown: list[tuple[str, int]] = list(tags)

    def compose(self) -> ComposeResult:
        total = len(self.all_tags)
        title = "No tags yet" if not total else ("1 tag" if total == 1 else str(total) + " tags")
        with Vertical():
            yield Static(safe_text.content(title, "bold"), id="tags-view-title")
            yield Input(placeholder="Type to narrow the list", id="tags-view-filter")
            yield OptionList(id="tags-view-list")
            yield Static(
                Content("Enter searches the tag · ↓ to the list · Esc closes"),
                id="tags-view-hint",
            )

    def on_mount(self) -> None:
        self._fill()
        self.query_one("#tags-view-filter", Input).focus()

    def _fill(self) -> None:
        options = self.query_one("#tags-view-list", OptionList)
        options.clear_options()
        width = max((len(str(n)) for _, n in self.shown), default=1)
        options.add_options(
            Option(tag_prompt(tag, count, width=width), id="t" + str(i))
            for i, (tag, count) in enumerate(self.shown)
        )
        if self.shown:
            options.highlighted = 0

    @on(Input.Changed, "#tags-view-filter")
    def _filter(self, event: Input.Changed) -> None:
        event.stop()
        self.shown = matching(self.all_tags, event.value)
        self._fill()

    @on(Input.Submitted, "#tags-view-filter")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._choose(self.query_one("#tags-view-list", OptionList).highlighted)

    @on(OptionList.OptionSelected, "#tags-view-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._choose(event.option_index)

    def _choose(self, index: int | None) -> None:
        if index is not None and 0 <= index < len(self.shown):
            self.dismiss(self.shown[index][0])
        else:
            self.app.bell()

    def action_to_list(self) -> None:
        if self.shown:
            self.query_one("#tags-view-list", OptionList).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)
