"""The reading screen: library, article pane, extraction sidebar and highlights.

ReaderApp keeps the services (store, extraction process, search index,
settings, theme) and hands them to this screen, which owns reading: which
article is open, the panels' layout, the library list, opening articles and
search picks, confirmations, and the Highlighter it composes. Widgets are
leaves: they post messages (reader.ui.intents, PassageChosen, EntryChosen,
...) and the screen routes them. Slow work — reading files, extraction,
every store call — runs in thread workers that report with messages only;
widgets are touched only on the UI thread. Article-derived text reaches
widgets only as Content.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from textual import events, on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Header
from textual.worker import get_current_worker

from reader.errors import ReaderError
from reader.extract.process import ExtractionFailed, ExtractionProcess
from reader.ingest import library_entry, load, read_text
from reader.model import Article, Extraction, Highlight, LibraryEntry
from reader.paths import seeds_dir
from reader.store_api import StoreAPI
from reader.ui import safe_text
from reader.ui.compat import skip_restyle_on_resume
from reader.ui.config import UIConfig
from reader.ui.highlights import Highlighter
from reader.ui.intents import (
    ArticleNoteRequested,
    ColorRequested,
    DeleteRequested,
    EditRequested,
    HighlightRequested,
    KeepRequested,
    NoteRequested,
    TagsRequested,
    UndoRequested,
)
from reader.ui.links import safe_link
from reader.ui.screens.dialogs import ConfirmScreen, OpenFileScreen
from reader.ui.widgets.annotated_view import AnnotatedArticleView
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.key_footer import KeyBar
from reader.ui.widgets.library import LibraryItem, LibraryPanel
from reader.ui.widgets.notes_tab import NotesTab
from reader.ui.widgets.sidebar import TABS, Sidebar

log = logging.getLogger(__name__)

Severity = Literal["information", "warning", "error"]

WIDTH_CLASSES = [(0, "-narrow"), (100, "-medium"), (160, "-wide")]
"""Screen classes by terminal width (Textual's horizontal breakpoints)."""


BOTH_PANELS_MIN_WIDTH = 130
"""Narrower than this, the library and the sidebar take turns (the article
would be left fewer than ~60 columns beside both)."""


def width_class(width: int) -> str:
    """The breakpoint class Textual gives a screen `width` columns wide."""
    return next(name for least, name in reversed(WIDTH_CLASSES) if width >= least)


@dataclass(frozen=True, slots=True)
class Opened:
    """An article on screen, with where it came from."""

    article: Article
    entry: LibraryEntry | None
    missing: bool = False


class ReadingScreen(Screen[None]):
    """See the module docstring."""

    AUTO_FOCUS = "#article"
    """The article pane has the focus from the start (a focus move after
    mount restyles every widget); with the library first, on_mount gives it
    to the library's list (built only then)."""

    # ----------------------------------------------------------- messages

    class ConfigChanged(Message):
        """Settings to remember (the app saves them); `now`: save before going on."""

        def __init__(self, changes: dict[str, Any], *, now: bool = False) -> None:
            super().__init__()
            self.changes = changes
            self.now = now

    class PassageRequested(Message):
        """Open a highlight's article (if it is not open) and show its passage."""

        def __init__(self, highlight: Highlight) -> None:
            super().__init__()
            self.highlight = highlight

    class _Notice(Message):
        """A worker's sentence for the user."""

        def __init__(self, text: str, severity: Severity) -> None:
            super().__init__()
            self.text = text
            self.severity = severity

    class _Extracted(Message):
        def __init__(self, article_id: str, extraction: Extraction) -> None:
            super().__init__()
            self.article_id = article_id
            self.extraction = extraction

    class _EntryOpened(Message):
        def __init__(self, opened: Opened) -> None:
            super().__init__()
            self.opened = opened

    class PathsRead(Message):
        """Articles read from paths the user gave (`o`): shown and recorded."""

        def __init__(self, articles: list[Article], sources: list[str]) -> None:
            super().__init__()
            self.articles = articles
            self.sources = sources

    class _LibraryListed(Message):
        def __init__(self, items: list[LibraryItem], open_first: bool) -> None:
            super().__init__()
            self.items = items
            self.open_first = open_first

    class _StoredFound(Message):
        """An article known only to the store, looked up for a search pick."""

        def __init__(self, entry: LibraryEntry | None) -> None:
            super().__init__()
            self.entry = entry

    # -------------------------------------------------------------- setup

    def __init__(
        self,
        *,
        store: StoreAPI | None,
        extractor: ExtractionProcess | None,
        extractions: dict[str, Extraction],
        config: UIConfig,
        articles: Sequence[Article] = (),
        sources: Sequence[str] = (),
        seed: bool = True,
        notices: Sequence[str] = (),
        width: int = 80,
        id: str | None = None,
    ) -> None:
        # Everything that depends on the terminal's width is decided here,
        # before the first styling: each class or focus change after mount
        # restyles the whole tree and costs a layout pass before the first paint.
        super().__init__(id=id, classes=width_class(width))
        self.store = store
        self.extractor = extractor
        self.extractions = extractions
        """Extractions by article id (the app's cache: it outlives a screen)."""
        self.config = config
        self.initial = list(articles)
        self.initial_sources = list(sources)
        self.seed = seed
        self.notices = list(notices)
        self._width = width
        self._seeded = config.seeded
        self.opened: Opened | None = None
        self.library_items: list[LibraryItem] = []
        self._displaced: str | None = None
        """The panel ("library" or "sidebar") hidden to make room for the other."""
        self._pending_passage: Highlight | None = None
        """A search pick whose article is being opened: shown once it is
        (if the article that opens next is that one)."""
        self.highlighter = Highlighter(store, color=config.highlight_color)
        self._resumed = not self.initial

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        # Every widget was styled as it mounted, an instant ago; Textual's first
        # resume would style the whole tree again before the first paint.
        if not self._resumed:
            self._resumed = True
            skip_restyle_on_resume(event)

    def compose(self) -> ComposeResult:
        library_first = not self.initial
        yield Header(icon="≡")
        with Horizontal(id="main"):
            yield LibraryPanel(id="library", classes="-shown" if library_first else "")
            yield AnnotatedArticleView(id="article", reading_width=self.config.reading_width)
            crowded = library_first and self._width < BOTH_PANELS_MIN_WIDTH
            if crowded:
                self._displaced = "sidebar"
            yield Sidebar(id="sidebar", classes="-hidden" if crowded else "")
        yield self.highlighter
        yield KeyBar()

    def on_resize(self, event: events.Resize) -> None:
        self._fit_panels(event.size.width)

    def _fit_panels(self, width: int) -> None:
        crowded = width < BOTH_PANELS_MIN_WIDTH
        if crowded and self.library.display and self.sidebar.display:
            self._apply_shown("sidebar", False)
            self._displaced = "sidebar"
        elif not crowded and self._displaced is not None:
            self._apply_shown(self._displaced, True)
            self._displaced = None

    @property
    def article_view(self) -> AnnotatedArticleView:
        return self.query_one(AnnotatedArticleView)

    @property
    def sidebar(self) -> Sidebar:
        return self.query_one(Sidebar)

    @property
    def library(self) -> LibraryPanel:
        return self.query_one(LibraryPanel)

    def on_mount(self) -> None:
        view = self.article_view
        view.show_marks = self.config.show_quote_marks
        self.library.sort_key = self.config.library_sort
        for notice in self.notices:
            self.notify(notice, markup=False, severity="warning", timeout=8)
        if self.initial:
            first = self.initial[0]
            items = [LibraryItem(library_entry(a, "")) for a in self.initial]
            self.library_items = items
            self.library.set_items(items, first.id)
            self.show_article(Opened(first, None))
            view.focus()
            # Store writes wait for the first paint: they need the GIL too.
            self.call_after_refresh(self._add_to_library, self.initial, self.initial_sources)
        else:
            view.load(None)
            self._set_shown("library", True)
            self.library.option_list.focus()
            self._load_library(open_first=True)

    def _remember(self, **changes: Any) -> None:
        self.post_message(self.ConfigChanged(changes))

    @on(_Notice)
    def _notice(self, event: _Notice) -> None:
        self.notify(event.text, markup=False, severity=event.severity)

    def _tell(self, text: str, severity: Severity = "error") -> None:
        """From a worker: a sentence for the user."""
        self.post_message(self._Notice(text, severity))

    # ------------------------------------------------------------ showing

    def show_article(self, opened: Opened) -> None:
        """Put an article on screen now; extraction follows from a worker."""
        article = opened.article
        self.opened = opened
        self.app.title = article.meta.title or "reader"
        self.app.sub_title = article.meta.section or ""
        view = self.article_view
        cached = self.extractions.get(article.id)
        view.load(article, cached)
        self.sidebar.set_extraction(cached)
        self.library.set_current(article.id)
        for warning in article.warnings:
            self.notify(warning, markup=False, severity="warning")
        if opened.missing:
            self.notify(
                "The file is gone; showing the copy saved in the library.", severity="warning"
            )
        if cached is None:
            self._extract(article)
        self.call_after_refresh(self._load_highlights, opened)

    @work(thread=True, exclusive=True, group="extract")
    def _extract(self, article: Article) -> None:
        result = self._extraction(article)
        if result is not None:
            self.post_message(self._Extracted(article.id, result))

    def _extraction(self, article: Article) -> Extraction | None:
        """The extraction of `article`, or None when nobody wants it any more.

        With an extraction process, this thread only ever waits for it:
        quitting closes the process, and the wait ends at once with nothing
        left to do. Extracting here instead (as it once did when the wait
        ended) made `q` wait for a whole extraction, 30 s for a big article,
        since Textual waits for thread workers when the app exits."""
        extractor = self.extractor
        if extractor is None:
            return self._extract_here(article)
        worker = get_current_worker()
        for _ in range(2):  # a child that died on its own is started again, once
            try:
                return extractor.extract(article)
            except ExtractionFailed:
                log.exception("extraction failed for %s", article.id)
                self._tell_extraction_failed()
                return Extraction()
            except EOFError:
                opened = self.opened
                if (
                    extractor.closed
                    or worker.is_cancelled
                    or opened is None
                    or opened.article.id != article.id
                ):
                    return None  # quitting, or another article took its place
        log.error("the extraction process stopped twice on %s", article.id)
        self._tell_extraction_failed()
        return Extraction()

    def _extract_here(self, article: Article) -> Extraction:
        """Extraction in this thread: only when no extraction process could be started."""
        from reader.extract import extract

        try:
            return extract(article)
        except Exception:
            log.exception("extraction failed for %s", article.id)
            self._tell_extraction_failed()
            return Extraction()

    def _tell_extraction_failed(self) -> None:
        self._tell("Quotes, people and figures could not be extracted from this article.")

    @on(_Extracted)
    def _extracted(self, event: _Extracted) -> None:
        article_id, extraction = event.article_id, event.extraction
        self.extractions[article_id] = extraction
        if self.opened is not None and self.opened.article.id == article_id:
            self.article_view.set_extraction(extraction)
            self.sidebar.set_extraction(extraction)
            self.highlighter.set_extraction(article_id, extraction)

    # ---------------------------------------------------------- highlights

    def _load_highlights(self, opened: Opened) -> None:
        """Show the highlights of the article just opened. Those saved under
        the library's id for it (an earlier version of its text) come too,
        re-anchored to the text as it is now."""
        if self.opened is not opened or not self.highlighter.is_attached:
            return  # another article opened meanwhile, or the app is closing
        article = opened.article
        others = []
        if opened.entry is not None and opened.entry.article_id != article.id:
            others.append(opened.entry.article_id)
        self.highlighter.load(article, other_ids=others)
        cached = self.extractions.get(article.id)
        if cached is not None:
            self.highlighter.set_extraction(article.id, cached)

    @on(Highlighter.Changed)
    def _highlights_changed(self, event: Highlighter.Changed) -> None:
        if self.opened is None or self.opened.article.id != event.article_id:
            return
        # query, not query_one: a late message may arrive while the app closes
        for view in self.query(AnnotatedArticleView):
            view.set_highlights(event.highlights)
        for notes in self.query(NotesTab):
            notes.set_highlights(event.highlights)

    @on(Highlighter.Saved)
    def _highlight_saved(self, event: Highlighter.Saved) -> None:
        delta = {"add": 1, "delete": -1}.get(event.kind, 0)
        if not delta:
            return
        article_id = event.highlight.article_id
        items: list[LibraryItem] = []
        count: int | None = None
        for item in self.library_items:
            if item.entry.article_id == article_id:
                item = LibraryItem(item.entry, max(0, item.highlights + delta), item.missing)
                count = item.highlights
            items.append(item)
        self.library_items = items
        if count is not None:
            self.library.set_highlight_counts({article_id: count})

    @on(Highlighter.ColorChosen)
    def _color_chosen(self, event: Highlighter.ColorChosen) -> None:
        self._remember(highlight_color=event.color)

    @on(Highlighter.Restored)
    def _restored(self) -> None:
        self._load_library(open_first=False)

    @on(HighlightRequested)
    def _highlight_requested(self, event: HighlightRequested) -> None:
        self.highlighter.add(event.start, event.end, color=event.color)

    @on(ColorRequested)
    def _color_requested(self, event: ColorRequested) -> None:
        self.highlighter.ask_color(span=event.span, highlight_id=event.highlight_id)

    @on(TagsRequested)
    def _tags_requested(self, event: TagsRequested) -> None:
        self.highlighter.ask_tags(span=event.span, highlight_id=event.highlight_id)

    @on(NoteRequested)
    def _note_requested(self, event: NoteRequested) -> None:
        self.highlighter.ask_note(span=event.span, highlight_id=event.highlight_id)

    @on(ArticleNoteRequested)
    def _article_note_requested(self) -> None:
        self.highlighter.ask_article_note()

    @on(EditRequested)
    def _edit_requested(self, event: EditRequested) -> None:
        self.highlighter.ask_edit(event.highlight_id)

    @on(DeleteRequested)
    def _delete_requested(self, event: DeleteRequested) -> None:
        self.highlighter.delete_and_tell(event.highlight_id)

    @on(UndoRequested)
    def _undo_requested(self) -> None:
        self.highlighter.undo_and_tell()

    @on(KeepRequested)
    def _keep_requested(self, event: KeepRequested) -> None:
        if self.highlighter.add(*event.span) is None:
            self.app.bell()
            return
        self.notify("Kept as a highlight (see the Notes tab).", timeout=3)

    # -------------------------------------------------------------- library

    @work(thread=True, group="store")
    def _add_to_library(self, articles: Sequence[Article], sources: Sequence[str]) -> None:
        """Record the articles given on the command line, then list the library."""
        if self.store is None:
            return
        for i, article in enumerate(articles):
            try:
                source = sources[i] if i < len(sources) else read_text(article.meta.source or "")
                self.store.upsert_article(library_entry(article, source))
            except (OSError, ReaderError) as exc:
                self._tell(str(exc))
        self._list_library(open_first=False)

    @work(thread=True, group="store")
    def _load_library(self, open_first: bool) -> None:
        self._list_library(open_first=open_first)

    def _list_library(self, *, open_first: bool) -> None:
        """Runs in a worker thread: read the library (seeding it once) and show it."""
        entries: list[LibraryEntry] = []
        if self.store is not None:
            try:
                entries = self.store.articles()
                if not entries and self.seed and not self._seeded:
                    entries = self._seed_library()
            except ReaderError as exc:
                self._tell(str(exc))
        elif self.seed and not self.initial:
            entries = self._seed_entries()
        counts: dict[str, int] = {}
        if self.store is not None:
            try:
                counts = self.store.highlight_counts()
            except ReaderError:
                counts = {}
        items = []
        for entry in entries:
            missing = bool(entry.path) and not Path(entry.path or "").exists()
            items.append(LibraryItem(entry, counts.get(entry.article_id, 0), missing))
        self.post_message(self._LibraryListed(items, open_first))

    def _seed_entries(self) -> list[LibraryEntry]:
        from reader.ingest import expand

        entries = []
        try:
            paths = expand(seeds_dir())
        except ReaderError:
            return []
        for path in paths:
            try:
                entries.append(load(path).entry())
            except (OSError, ReaderError):
                continue
        return entries

    def _seed_library(self) -> list[LibraryEntry]:
        assert self.store is not None
        entries = self._seed_entries()
        for entry in entries:
            self.store.upsert_article(entry)
        self._seeded = True
        self.post_message(self.ConfigChanged({"seeded": True}, now=True))
        return entries

    @on(_LibraryListed)
    def _library_listed(self, event: _LibraryListed) -> None:
        items = event.items
        self.library_items = items
        current = self.opened.article.id if self.opened else None
        self.library.set_items(items, current)
        if event.open_first and self.opened is None and self.library.items:
            self._open_entry(self.library.items[0].entry)

    # -------------------------------------------------------------- opening

    @work(thread=True, exclusive=True, group="open")
    def _open_entry(self, entry: LibraryEntry) -> None:
        from reader.ingest import load_path, parse

        article: Article | None = None
        missing = False
        if entry.path and Path(entry.path).exists():
            try:
                article = load_path(entry.path)
            except ReaderError as exc:
                self._tell(str(exc), "warning")
        if article is None:
            missing = bool(entry.path) and not Path(entry.path or "").exists()
            text = entry.source_text
            if not text and self.store is not None:
                try:  # the library keeps each article's text in its own file
                    text = self.store.article_text(entry.article_id)
                except ReaderError as exc:
                    self._tell(str(exc))
                    return
            try:
                article = parse(text, source=entry.path, markdown=entry.is_markdown)
            except ReaderError as exc:
                self._tell(str(exc))
                return
        self.post_message(self._EntryOpened(Opened(article, entry, missing)))

    @on(_EntryOpened)
    def _entry_opened(self, event: _EntryOpened) -> None:
        opened = event.opened
        self.show_article(opened)
        if not self.library.list_has_focus:
            self.article_view.focus()
        pending, self._pending_passage = self._pending_passage, None
        entry_id = opened.entry.article_id if opened.entry is not None else None
        if pending is not None and entry_id == pending.article_id:
            self.article_view.focus()
            self.call_after_refresh(self._show_passage, pending)

    @work(thread=True, exclusive=True, group="open")
    def _open_path(self, raw: str) -> None:
        from reader.ingest import expand

        try:
            paths = expand(raw)
        except ReaderError as exc:
            self._tell(str(exc))
            return
        loaded: list[Article] = []
        sources: list[str] = []
        for path in paths:
            try:
                read = load(path)
                loaded.append(read.article)
                sources.append(read.source_text)
            except (OSError, ReaderError) as exc:
                self._tell(str(exc))
        if loaded:
            self.post_message(self.PathsRead(loaded, sources))

    @on(PathsRead)
    def _paths_opened(self, event: PathsRead) -> None:
        articles, sources = event.articles, event.sources
        known = {item.entry.article_id for item in self.library_items}
        for article, source in zip(articles, sources, strict=True):
            if article.id not in known:
                self.library_items.append(LibraryItem(library_entry(article, source)))
        self.library.set_items(self.library_items, articles[0].id)
        self.show_article(Opened(articles[0], library_entry(articles[0], sources[0])))
        self.article_view.focus()
        self._add_to_library(articles, sources)

    # ------------------------------------------------------- search picks

    @on(PassageRequested)
    def _passage_requested(self, event: PassageRequested) -> None:
        """Open the picked highlight's article at its passage, flashing it."""
        highlight = event.highlight
        if self.opened is not None and self.opened.article.id == highlight.article_id:
            self.article_view.focus()
            self._show_passage(highlight)
            return
        self._pending_passage = highlight
        entry = next(
            (i.entry for i in self.library_items if i.entry.article_id == highlight.article_id),
            None,
        )
        if entry is not None:
            self._open_entry(entry)
        else:
            self._open_stored(highlight.article_id)

    @work(thread=True, exclusive=True, group="open")
    def _open_stored(self, article_id: str) -> None:
        """Open an article known only to the store (not listed yet)."""
        entry: LibraryEntry | None = None
        if self.store is not None:
            try:
                entry = self.store.get_article(article_id)
            except ReaderError as exc:
                self._tell(str(exc))
                return
        self.post_message(self._StoredFound(entry))

    @on(_StoredFound)
    def _stored_found(self, event: _StoredFound) -> None:
        if event.entry is None:
            self._pending_passage = None
            self.notify("That article is no longer in the library.", severity="warning")
            return
        self._open_entry(event.entry)

    def _show_passage(self, highlight: Highlight) -> None:
        from reader.ui.notes_index import passage_span

        if self.opened is None:
            return
        span = passage_span(self.opened.article, highlight)
        if span is None:
            if not highlight.whole_article:
                self.notify(
                    "The passage was not found in the article's current text.",
                    severity="warning",
                )
            return
        self.article_view.show_span(*span)

    # --------------------------------------------------------------- events

    @on(Sidebar.PassageChosen)
    def _passage_chosen(self, event: Sidebar.PassageChosen) -> None:
        self.article_view.show_span(event.span.start, event.span.end)

    @on(NotesTab.HighlightChosen)
    def _highlight_chosen(self, event: NotesTab.HighlightChosen) -> None:
        highlight = event.highlight
        if not highlight.orphaned and highlight.end > highlight.start:
            self.article_view.show_span(highlight.start, highlight.end)

    @on(ArticleView.QuoteRequested)
    def _quote_requested(self, event: ArticleView.QuoteRequested) -> None:
        self._show_sidebar()
        self.sidebar.select_quote(event.index)

    @on(LibraryPanel.EntryChosen)
    def _entry_chosen(self, event: LibraryPanel.EntryChosen) -> None:
        if self._displaced == "sidebar":
            # Too narrow for both panels: the chosen article is read beside its sidebar.
            self._set_shown("library", False)
        if self.opened is not None and self.opened.article.id == event.item.entry.article_id:
            self.article_view.focus()
            return
        self._open_entry(event.item.entry)

    @on(ArticleView.LinkRequested)
    def _link_requested(self, event: ArticleView.LinkRequested) -> None:
        href = safe_link(event.href)
        if href is None:
            message = safe_text.assemble(
                ("This link was not opened", "bold"),
                " — only http and https links can be opened:\n\n",
                (event.href, "$text-muted"),
            )
            self.app.push_screen(ConfirmScreen(message, [("close", "Close")]))
            return
        message = safe_text.assemble(
            ("Open this link in your browser?", "bold"), "\n\n", (href, "underline")
        )

        def opened(choice: str | None) -> None:
            if choice == "open":
                self._open_url(href)

        self.app.push_screen(
            ConfirmScreen(message, [("open", "Open"), ("cancel", "Cancel")]), opened
        )

    @work(thread=True, group="browser")
    def _open_url(self, url: str) -> None:
        import webbrowser

        webbrowser.open(url, new=2)

    @on(ArticleView.SettingsChanged)
    def _view_settings_changed(self) -> None:
        view = self.article_view
        self._remember(reading_width=view.reading_width, show_quote_marks=view.show_marks)

    @on(LibraryPanel.SortChanged)
    def _sort_changed(self) -> None:
        self._remember(library_sort=self.library.sort_key)

    # -------------------------------------------------------------- layout

    def _toggle(self, widget_id: str) -> None:
        widget = self.query_one(f"#{widget_id}")
        self._set_shown(widget_id, not widget.display)

    def _set_shown(self, widget_id: str, shown: bool) -> None:
        """Show or hide the library or the sidebar. In a terminal narrower than
        BOTH_PANELS_MIN_WIDTH only one of them is shown at a time, so the
        article keeps a readable width; the one that made way comes back when
        the other is hidden again."""
        other = "sidebar" if widget_id == "library" else "library"
        self._apply_shown(widget_id, shown)
        if self._displaced == widget_id:
            self._displaced = None  # the user decided about this one
        if shown and self.app.size.width < BOTH_PANELS_MIN_WIDTH:
            if self.query_one(f"#{other}").display:
                self._apply_shown(other, False)
                self._displaced = other
        elif not shown and self._displaced == other:
            self._displaced = None
            self._apply_shown(other, True)

    def _apply_shown(self, widget_id: str, shown: bool) -> None:
        widget = self.query_one(f"#{widget_id}")
        widget.set_class(not shown, "-hidden")
        widget.set_class(shown, "-shown")
        if not shown and widget.has_focus_within:
            self.article_view.focus()

    def _show_sidebar(self) -> None:
        if not self.sidebar.display:
            self._set_shown("sidebar", True)

    # ------------------------------------------------------------- actions
    # The keys live in ReaderApp.BINDINGS (one table for the footer, help
    # and palette); their actions are spelled "screen.…" and land here.

    def action_open_file(self) -> None:
        def chosen(path: str | None) -> None:
            if path:
                self._open_path(path)

        self.app.push_screen(OpenFileScreen(), chosen)

    def action_toggle_library(self) -> None:
        self._toggle("library")
        if self.library.display:
            self.library.option_list.focus()

    def action_toggle_sidebar(self) -> None:
        self._toggle("sidebar")

    def action_sidebar_tab(self, name: str) -> None:
        if name in TABS:
            self._show_sidebar()
            self.sidebar.show_tab(name)

    def action_sort_library(self, key: str) -> None:
        self.library.sort_key = key

    def action_remove_article(self) -> None:
        item = None
        if self.library.list_has_focus:
            item = self.library.highlighted_item()
        elif self.opened is not None:
            item = next(
                (i for i in self.library_items if i.entry.article_id == self.opened.article.id),
                None,
            )
        if item is None:
            self.app.bell()
            return
        self._confirm_remove(item)

    def _confirm_remove(self, item: LibraryItem) -> None:
        title = item.entry.title or "(untitled)"
        choices = [("keep-notes", "Remove"), ("cancel", "Cancel")]
        if item.highlights:
            choices.insert(1, ("delete-notes", "Remove and delete its highlights"))
        message = safe_text.assemble(
            ("Remove from the library?", "bold"),
            "\n\n",
            (safe_text.line(title), "italic"),
            "\n\n",
            "Its highlights are kept unless you choose to delete them too."
            if item.highlights
            else "It has no highlights.",
        )

        def decided(choice: str | None) -> None:
            if choice in ("keep-notes", "delete-notes"):
                self._remove(item, delete_highlights=choice == "delete-notes")

        self.app.push_screen(ConfirmScreen(message, choices), decided)

    def _remove(self, item: LibraryItem, *, delete_highlights: bool) -> None:
        article_id = item.entry.article_id
        self.library_items = [i for i in self.library_items if i.entry.article_id != article_id]
        self.library.set_items(self.library_items, self.library.current_id)
        self._remove_from_store(article_id, delete_highlights)
        self.notify("Removed from the library.")

    @work(thread=True, group="store")
    def _remove_from_store(self, article_id: str, delete_highlights: bool) -> None:
        if self.store is None:
            return
        try:
            self.store.remove_article(article_id, delete_highlights=delete_highlights)
        except ReaderError as exc:
            self._tell(str(exc))
