"""How the reader app wires highlights: a mixin for ReaderApp.

The Highlighter (reader.ui.highlights) owns the open article's highlights
and saves them; this mixin gives it each article as it opens, repaints the
article pane and the Notes tab when the highlights change, keeps the
library's highlight counts up to date, remembers the last colour, and
re-reads the library after a backup is restored. Kept apart from app.py so
the feature reads in one place.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, cast

from reader.ui.highlights import Highlighter
from reader.ui.screens.help import binding_rows
from reader.ui.widgets.annotated_view import AnnotatedArticleView
from reader.ui.widgets.library import LibraryItem
from reader.ui.widgets.notes_tab import NotesTab
from reader.ui.widgets.sidebar import Sidebar

if TYPE_CHECKING:
    from reader.ui.app import Opened, ReaderApp


def highlight_help(
    keymap: Mapping[str, str] | None = None,
) -> list[tuple[str, list[tuple[str, str]]]]:
    """Help-screen sections for the highlight keys (`keymap`: see binding_rows)."""
    return [
        ("Highlights (in the article)", binding_rows(AnnotatedArticleView.BINDINGS, keymap)),
        ("Notes tab", binding_rows(NotesTab.BINDINGS, keymap)),
        ("Quotes and Figures tabs", binding_rows(Sidebar.BINDINGS, keymap)),
    ]


class HighlightWiring:
    """Mixin for ReaderApp; see the module docstring."""

    @property
    def _app(self) -> ReaderApp:
        return cast("ReaderApp", self)

    @property
    def highlighter(self) -> Highlighter:
        return self._app.query_one(Highlighter)

    def load_highlights(self, opened: Opened) -> None:
        """Show the highlights of the article just opened. Those saved under
        the library's id for it (an earlier version of its text) come too,
        re-anchored to the text as it is now."""
        app = self._app
        if app.opened is not opened:
            return  # another article opened meanwhile
        article = opened.article
        others = []
        if opened.entry is not None and opened.entry.article_id != article.id:
            others.append(opened.entry.article_id)
        found = app.query(Highlighter)
        if not found:
            return  # the app is closing
        highlighter = found.first()
        highlighter.load(article, other_ids=others)
        cached = app.extractions.get(article.id)
        if cached is not None:
            highlighter.set_extraction(article.id, cached)

    def on_highlighter_changed(self, event: Highlighter.Changed) -> None:
        app = self._app
        if app.opened is None or app.opened.article.id != event.article_id:
            return
        # query, not query_one: a late message may arrive while the app closes
        for view in app.query(AnnotatedArticleView):
            view.set_highlights(event.highlights)
        for notes in app.query(NotesTab):
            notes.set_highlights(event.highlights)

    def on_highlighter_saved(self, event: Highlighter.Saved) -> None:
        delta = {"add": 1, "delete": -1}.get(event.kind, 0)
        if not delta:
            return
        article_id = event.highlight.article_id
        items: list[LibraryItem] = []
        count: int | None = None
        app = self._app
        for item in app.library_items:
            if item.entry.article_id == article_id:
                item = LibraryItem(item.entry, max(0, item.highlights + delta), item.missing)
                count = item.highlights
            items.append(item)
        app.library_items = items
        if count is not None:
            app.library.set_highlight_counts({article_id: count})

    def on_highlighter_color_chosen(self, event: Highlighter.ColorChosen) -> None:
        self._app._remember(highlight_color=event.color)

    def on_highlighter_restored(self, event: Highlighter.Restored) -> None:
        self._app._load_library(open_first=False)
