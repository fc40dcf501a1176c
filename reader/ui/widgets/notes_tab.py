"""The Notes tab: this article's highlights in reading order.

Whole-article notes come first, then highlights by position, then the ones
whose words are no longer in the text (orphans, shown with their saved
words). Enter on a highlight shows it in the article (flashing it); on an
article note it opens the note. `e` edits, `x` deletes (`u` undoes), `t`
and `n` change tags and note — each posted as an intent message
(reader.ui.intents) for the reading screen. Until an article has highlights
the tab explains how to make one.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from reader.annotations import reading_order
from reader.model import Highlight
from reader.ui.highlight_prompts import highlight_prompt
from reader.ui.intents import (
    DeleteRequested,
    EditRequested,
    NoteRequested,
    TagsRequested,
    UndoRequested,
)
from reader.ui.widgets.lists import built_list, separated

HOW_TO = Content.from_markup(
    "[b]No highlights in this article yet.[/b]\n\n"
    "Select words with the mouse, or press [b]v[/b] in the article to select the "
    "sentence at the cursor ([b]w[/b]/[b]s[/b]/[b]p[/b] extend it by a word, sentence "
    "or paragraph, [b]W[/b]/[b]S[/b]/[b]P[/b] shrink it), then press [b]h[/b] to "
    "highlight ([b]1[/b]-[b]5[/b] pick a colour), [b]t[/b] to tag or [b]n[/b] to add "
    "a note. [b]N[/b] writes a note on the whole article; [b]k[/b] on a quote or a "
    "figure keeps it as a highlight."
)


class NotesTab(Vertical):
    """Lists highlights; what is asked of one is posted as a message (see the module docstring)."""

    DEFAULT_CSS = """
    NotesTab { height: 1fr; }
    NotesTab > #notes-help { padding: 1 1; color: $text-muted; }
    NotesTab > OptionList { height: 1fr; border: none; }
    NotesTab.-empty > OptionList { display: none; }
    NotesTab > #notes-help { display: none; }
    NotesTab.-empty > #notes-help { display: block; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "edit", "Edit", id="notes.edit", tooltip="Edit the tags, note and colour"),
        Binding("x", "delete", "Delete", id="notes.delete", tooltip="Delete the highlight"),
        Binding(
            "u",
            "undo",
            "Undo delete",
            id="notes.undo",
            show=False,
            tooltip="Bring back the last highlight deleted in this session",
        ),
        Binding("t", "tags", "Tags", id="notes.tags", show=False, tooltip="Edit the tags"),
        Binding("n", "note", "Note", id="notes.note", show=False, tooltip="Edit the note"),
    ]

    class HighlightChosen(Message):
        def __init__(self, highlight: Highlight) -> None:
            super().__init__()
            self.highlight = highlight

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="-empty")
        self.highlights: list[Highlight] = []

    def compose(self) -> ComposeResult:
        # The help text and the list are built when the tab is first shown:
        # hidden, they would still be styled before the first paint.
        yield from ()

    def on_show(self) -> None:
        if built_list(self, "notes-list") is None:
            self._build()

    @property
    def option_list(self) -> OptionList:
        """The list of highlights, built (and filled) if it was not yet."""
        return built_list(self, "notes-list") or self._build()

    def _build(self) -> OptionList:
        options = OptionList(id="notes-list")
        self.mount(Static(HOW_TO, id="notes-help"), options)
        self._fill(options, None)
        return options

    def set_highlights(self, highlights: Sequence[Highlight]) -> None:
        """Show `highlights` in reading order, keeping the entry the reader is on."""
        current = self.current
        self.highlights = reading_order(highlights)
        self.set_class(not self.highlights, "-empty")
        options = built_list(self, "notes-list")
        if options is not None:
            self._fill(options, current)

    def _fill(self, options: OptionList, current: Highlight | None) -> None:
        options.clear_options()
        options.add_options(
            separated(Option(highlight_prompt(h), id="h-" + h.id) for h in self.highlights)
        )
        ids = [h.id for h in self.highlights]
        if current is not None and current.id in ids:
            options.highlighted = ids.index(current.id)
        elif self.highlights and options.has_focus:
            options.highlighted = 0

    @property
    def current(self) -> Highlight | None:
        """The highlight the list's cursor is on."""
        options = built_list(self, "notes-list")
        index = options.highlighted if options is not None else None
        if index is None or not 0 <= index < len(self.highlights):
            return None
        return self.highlights[index]

    @on(OptionList.OptionSelected, "#notes-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        h = self.highlights[event.option_index]
        if h.whole_article:
            self.post_message(NoteRequested(highlight_id=h.id))
        elif h.orphaned:
            self.notify(
                "These words are no longer in the article; the entry keeps them as saved.",
                severity="warning",
            )
        else:
            self.post_message(self.HighlightChosen(h))

    def _on_current(self, request: type[TagsRequested | NoteRequested]) -> None:
        h = self.current
        if h is None:
            self.app.bell()
            return
        self.post_message(request(highlight_id=h.id))

    def action_edit(self) -> None:
        h = self.current
        if h is None:
            self.app.bell()
            return
        self.post_message(EditRequested(h.id))

    def action_delete(self) -> None:
        h = self.current
        if h is None:
            self.app.bell()
            return
        self.post_message(DeleteRequested(h.id))

    def action_undo(self) -> None:
        self.post_message(UndoRequested())

    def action_tags(self) -> None:
        self._on_current(TagsRequested)

    def action_note(self) -> None:
        self._on_current(NoteRequested)
