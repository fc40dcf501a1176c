"""The Notes tab: this article's highlights in reading order.

Kept in its own module so the highlights feature can grow it (editing,
tags, orphans) without touching the rest of the sidebar. Until an article
has highlights it explains how to make one.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from reader.model import Highlight

HOW_TO = Content.from_markup(
    "[b]No highlights in this article yet.[/b]\n\n"
    "Select words with the mouse, or press [b]v[/b] in the article to start a "
    "keyboard selection ([b]w[/b]/[b]s[/b]/[b]p[/b] extend it by word, sentence "
    "or paragraph), then press [b]h[/b] to highlight, [b]t[/b] to tag or "
    "[b]n[/b] to add a note."
)


def highlight_prompt(highlight: Highlight) -> Content:
    """One entry: the highlighted words, then tags and the start of the note."""
    exact = highlight.exact or "(note on the whole article)"
    parts: list[str | tuple[str, str]] = [(exact, "italic")]
    details: list[str] = []
    if highlight.tags:
        details.append(" ".join("#" + tag for tag in highlight.tags))
    if highlight.note:
        note = highlight.note.strip().splitlines()[0] if highlight.note.strip() else ""
        details.append(note[:80])
    if highlight.orphaned:
        details.append("(passage not found in the current text)")
    if details:
        parts.extend(["\n", (" · ".join(details), "dim")])
    return Content.assemble(*parts)


class NotesTab(Vertical):
    """Lists highlights; Enter on one asks the app to show its passage."""

    DEFAULT_CSS = """
    NotesTab { height: 1fr; }
    NotesTab > #notes-help { padding: 1 1; color: $text-muted; }
    NotesTab > OptionList { height: 1fr; border: none; }
    NotesTab.-empty > OptionList { display: none; }
    NotesTab > #notes-help { display: none; }
    NotesTab.-empty > #notes-help { display: block; }
    """

    class HighlightChosen(Message):
        def __init__(self, highlight: Highlight) -> None:
            super().__init__()
            self.highlight = highlight

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="-empty")
        self.highlights: list[Highlight] = []

    def compose(self) -> ComposeResult:
        yield Static(HOW_TO, id="notes-help")
        yield OptionList(id="notes-list")

    def set_highlights(self, highlights: Sequence[Highlight]) -> None:
        """Show `highlights` in reading order (whole-article notes first)."""
        self.highlights = sorted(highlights, key=lambda h: (not h.whole_article, h.start))
        options = self.query_one("#notes-list", OptionList)
        options.clear_options()
        options.add_options(
            Option(highlight_prompt(h), id=f"h{i}") for i, h in enumerate(self.highlights)
        )
        self.set_class(not self.highlights, "-empty")

    @on(OptionList.OptionSelected, "#notes-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.HighlightChosen(self.highlights[event.option_index]))
