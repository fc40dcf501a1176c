"""The reader application: library, article pane and extraction sidebar.

Collaborators come in through the constructor (`ReaderApp(store=...,
articles=[...])`) so tests can hand it a temporary store. Slow work —
reading files, extraction, every store call — runs in thread workers that
post results back with call_from_thread; widgets are touched only on the UI
thread. Article-derived text reaches widgets only as Content, and any text
from outside (file names, store contents, messages) only through
reader.ui.safe_text, which cleans it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from textual import events, on, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.widgets import Header
from textual.worker import get_current_worker

from reader.errors import ReaderError
from reader.extract.process import ExtractionFailed, ExtractionProcess
from reader.ingest import library_entry, load, read_text
from reader.model import Article, Extraction, Highlight, LibraryEntry
from reader.paths import seeds_dir, styles_dir
from reader.ui import safe_text
from reader.ui.commands import ReaderCommands
from reader.ui.compat import app_keymap, skip_restyle_on_resume
from reader.ui.config import UIConfig, load_config, save_config
from reader.ui.highlight_wiring import HighlightWiring, highlight_help
from reader.ui.highlights import Highlighter, HighlightStore
from reader.ui.keymap import apply_user_keymap
from reader.ui.links import safe_link
from reader.ui.screens.dialogs import ConfirmScreen, OpenFileScreen
from reader.ui.screens.help import MOUSE_ROWS, HelpScreen, binding_rows
from reader.ui.widgets.annotated_view import AnnotatedArticleView
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.key_footer import KeyBar
from reader.ui.widgets.library import LibraryItem, LibraryPanel
from reader.ui.widgets.notes_tab import NotesTab
from reader.ui.widgets.sidebar import TABS, Sidebar

if TYPE_CHECKING:
    from reader.search import SearchIndex
    from reader.ui.screens.notes_search import SearchPick

log = logging.getLogger(__name__)


class LibraryStore(HighlightStore, Protocol):
    """What the app needs from reader.store.Store."""

    def articles(self) -> list[LibraryEntry]: ...

    def upsert_article(self, entry: LibraryEntry) -> Any: ...

    def remove_article(self, article_id: str, *, delete_highlights: bool = False) -> Any: ...

    def highlights(self, article_id: str) -> list[Highlight]: ...

    def highlight_counts(self) -> dict[str, int]: ...

    def article_text(self, article_id: str) -> str: ...


@dataclass(frozen=True, slots=True)
class Opened:
    """An article on screen, with where it came from."""

    article: Article
    entry: LibraryEntry | None
    missing: bool = False


WIDTH_CLASSES = [(0, "-narrow"), (100, "-medium"), (160, "-wide")]
"""Screen classes by terminal width (Textual's horizontal breakpoints)."""


BOTH_PANELS_MIN_WIDTH = 130
"""Narrower than this, the library and the sidebar take turns (the article
would be left fewer than ~60 columns beside both)."""


class ReadingScreen(Screen[None]):
    """The main screen when an article opens at start: the article pane has the
    focus from the start (a focus move after mount restyles every widget)."""

    AUTO_FOCUS = "#article"

    _resumed = False

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        # Every widget was styled as it mounted, an instant ago; Textual's first
        # resume would style the whole tree again before the first paint.
        if not self._resumed:
            self._resumed = True
            skip_restyle_on_resume(event)


def width_class(width: int) -> str:
    """The breakpoint class Textual gives a screen `width` columns wide."""
    return next(name for least, name in reversed(WIDTH_CLASSES) if width >= least)


class ReaderApp(HighlightWiring, App[None]):
    """See the module docstring."""

    TITLE = "reader"
    CSS_PATH = str(styles_dir() / "reader.tcss")
    COMMANDS = App.COMMANDS | {ReaderCommands}
    HORIZONTAL_BREAKPOINTS = WIDTH_CLASSES

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("question_mark", "help", "Help", id="app.help", key_display="?"),
        Binding("o", "open_file", "Open", id="app.open"),
        Binding(
            "slash",
            "notes_search",
            "Notes",
            id="app.notes-search",
            key_display="/",
            tooltip="Search every saved highlight (the Notes screen)",
        ),
        Binding("l", "toggle_library", "Library", id="app.toggle-library"),
        Binding("i", "toggle_sidebar", "Sidebar", id="app.toggle-sidebar", show=False),
        Binding("1", "sidebar_tab('quotes')", "Quotes", id="app.tab-quotes", show=False),
        Binding("2", "sidebar_tab('people')", "People", id="app.tab-people", show=False),
        Binding("3", "sidebar_tab('figures')", "Figures", id="app.tab-figures", show=False),
        Binding("4", "sidebar_tab('notes')", "Notes", id="app.tab-notes", show=False),
        Binding("tab", "focus_next", "Next region", id="app.focus-next", show=False),
        Binding(
            "shift+tab", "focus_previous", "Previous region", id="app.focus-previous", show=False
        ),
        Binding("d", "remove_article", "Remove from library", id="app.remove", show=False),
        Binding(
            "ctrl+p",
            "command_palette",
            "Commands",
            id="app.command-palette",
            priority=True,
            show=False,
        ),
    ]

    def __init__(
        self,
        *,
        store: LibraryStore | None = None,
        articles: Sequence[Article] = (),
        sources: Sequence[str] = (),
        config: UIConfig | None = None,
        config_file: Path | None = None,
        seed: bool = True,
        notices: Sequence[str] = (),
        extractor: ExtractionProcess | None = None,
        on_first_paint: Callable[[], None] | None = None,
    ) -> None:
        super().__init__()
        self.on_first_paint = on_first_paint
        self.store = store
        self.initial = list(articles)
        self.initial_sources = list(sources)
        self.config_file = config_file
        self.ui_config = config if config is not None else load_config(config_file)
        self.seed = seed
        self.notices = list(notices)
        self.extractor = extractor
        self.opened: Opened | None = None
        self.extractions: dict[str, Extraction] = {}
        self.library_items: list[LibraryItem] = []
        self.search_index: SearchIndex | None = None
        self._indexing = False
        self._displaced: str | None = None
        """The panel ("library" or "sidebar") hidden to make room for the other."""
        self._saver: Highlighter | None = None
        """The highlighter, kept to ask after exit what it could not save."""
        self._pending_passage: Highlight | None = None
        """A search pick whose article is being opened: shown once it is
        (if the article that opens next is that one)."""
        self.crash: Exception | None = None
        """The unexpected error that stopped the app, if any: `reader` logs it
        and exits non-zero with one sentence (see _handle_exception)."""
        if self.ui_config.theme in self.available_themes:
            self.theme = self.ui_config.theme

    def _handle_exception(self, error: Exception) -> None:
        """Textual's last resort for an unhandled error: it exits the app and
        would print a long traceback (with locals) to the terminal, and the
        process would exit 0. Keep the error for the command instead, which
        logs the traceback and prints one sentence (reader.cli.main)."""
        if self.crash is None:
            self.crash = error
        super()._handle_exception(error)
        self._exit_renderables.clear()

    # ------------------------------------------------------ text on screen

    # Every notification (whichever widget raised it) and the header's title
    # pass through here: they often quote a file name, an error or an
    # article's title, and are cleaned like any other outside text.

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """App.notify with the message and title cleaned (see safe_text)."""
        if isinstance(message, str):
            message = safe_text.lines(message)
        super().notify(
            message,
            title=safe_text.line(title),
            severity=severity,
            timeout=timeout,
            markup=markup,
        )

    def validate_title(self, title: Any) -> str:
        return safe_text.line(str(title))

    def validate_sub_title(self, sub_title: Any) -> str:
        return safe_text.line(str(sub_title))

    # ----------------------------------------------------------------- layout

    # Everything that depends on the terminal's width is decided here, before
    # the first styling: each class or focus change after mount restyles the
    # whole tree and costs a layout pass before the first paint.

    def compose(self) -> ComposeResult:
        library_first = not self.initial
        yield Header(icon="≡")
        with Horizontal(id="main"):
            yield LibraryPanel(id="library", classes="-shown" if library_first else "")
            yield AnnotatedArticleView(id="article", reading_width=self.ui_config.reading_width)
            crowded = library_first and self.size.width < BOTH_PANELS_MIN_WIDTH
            if crowded:
                self._displaced = "sidebar"
            yield Sidebar(id="sidebar", classes="-hidden" if crowded else "")
        self._saver = Highlighter(self.store, color=self.ui_config.highlight_color)
        yield self._saver
        yield KeyBar()

    def get_default_screen(self) -> Screen[Any]:
        """The main screen, born with the width class its first resize would give it."""
        screen_type = ReadingScreen if self.initial else Screen
        return screen_type(id="_default", classes=width_class(self.size.width))

    def on_resize(self, event: events.Resize) -> None:
        crowded = event.size.width < BOTH_PANELS_MIN_WIDTH
        if crowded and self.library.display and self.sidebar.display:
            self._apply_shown("sidebar", False)
            self._displaced = "sidebar"
        elif not crowded and self._displaced is not None:
            self._apply_shown(self._displaced, True)
            self._displaced = None

    @property
    def article_view(self) -> ArticleView:
        return self.query_one(ArticleView)

    @property
    def sidebar(self) -> Sidebar:
        return self.query_one(Sidebar)

    @property
    def library(self) -> LibraryPanel:
        return self.query_one(LibraryPanel)

    def on_mount(self) -> None:
        if self.on_first_paint is not None:
            self.call_after_refresh(self.on_first_paint)
        view = self.article_view
        view.show_marks = self.ui_config.show_quote_marks
        self.library.sort_key = self.ui_config.library_sort
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        apply_user_keymap(self)
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

    # --------------------------------------------------------------- showing

    def show_article(self, opened: Opened) -> None:
        """Put an article on screen now; extraction follows from a worker."""
        article = opened.article
        self.opened = opened
        self.title = article.meta.title or "reader"
        self.sub_title = article.meta.section or ""
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
        self.call_after_refresh(self.load_highlights, opened)

    @work(thread=True, exclusive=True, group="extract")
    def _extract(self, article: Article) -> None:
        result = self._extraction(article)
        if result is not None:
            self.call_from_thread(self._extracted, article.id, result)

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
        self.call_from_thread(
            self.notify,
            "Quotes, people and figures could not be extracted from this article.",
            severity="error",
        )

    def on_unmount(self) -> None:
        if self.extractor is not None:
            self.extractor.close()  # a blocked extraction worker returns at once

    def exit_notices(self) -> list[str]:
        """Sentences for the terminal once the app has closed: highlight
        changes that wait in the store's journal (it was busy)."""
        notice = self._saver.unsaved_notice() if self._saver is not None else None
        return [notice] if notice else []

    def _extracted(self, article_id: str, extraction: Extraction) -> None:
        self.extractions[article_id] = extraction
        if self.opened is not None and self.opened.article.id == article_id:
            self.article_view.set_extraction(extraction)
            self.sidebar.set_extraction(extraction)
            self.highlighter.set_extraction(article_id, extraction)

    # ----------------------------------------------------------------- store

    @work(thread=True, group="store")
    def _add_to_library(self, articles: Sequence[Article], sources: Sequence[str]) -> None:
        """Record the articles given on the command line, then list the library."""
        if self.store is None:
            return
        for i, article in enumerate(articles):
            try:
                source = sources[i] if i < len(sources) else read_text(article.meta.source or "")
                entry = library_entry(article, source)
                self.store.upsert_article(entry)
                if self.search_index is not None:  # the store tells it of highlights only
                    from reader.search import ArticleInfo

                    self.search_index.set_article(ArticleInfo.from_entry(entry))
            except (OSError, ReaderError) as exc:
                self.call_from_thread(self.notify, str(exc), markup=False, severity="error")
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
                if not entries and self.seed and not self.ui_config.seeded:
                    entries = self._seed_library()
            except ReaderError as exc:
                self.call_from_thread(self.notify, str(exc), markup=False, severity="error")
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
        self.call_from_thread(self._library_listed, items, open_first)

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
        self.ui_config = self.ui_config.with_(seeded=True)
        self._save_config_now()
        return entries

    def _library_listed(self, items: list[LibraryItem], open_first: bool) -> None:
        self.library_items = items
        current = self.opened.article.id if self.opened else None
        self.library.set_items(items, current)
        if open_first and self.opened is None and self.library.items:
            self.open_entry(self.library.items[0])

    def open_entry(self, item: LibraryItem) -> None:
        self._open_entry(item.entry)

    @work(thread=True, exclusive=True, group="open")
    def _open_entry(self, entry: LibraryEntry) -> None:
        from reader.ingest import load_path, parse

        article: Article | None = None
        missing = False
        if entry.path and Path(entry.path).exists():
            try:
                article = load_path(entry.path)
            except ReaderError as exc:
                self.call_from_thread(self.notify, str(exc), markup=False, severity="warning")
        if article is None:
            missing = bool(entry.path) and not Path(entry.path or "").exists()
            text = entry.source_text
            if not text and self.store is not None:
                try:  # the library keeps each article's text in its own file
                    text = self.store.article_text(entry.article_id)
                except ReaderError as exc:
                    self.call_from_thread(self.notify, str(exc), markup=False, severity="error")
                    return
            try:
                article = parse(text, source=entry.path, markdown=entry.is_markdown)
            except ReaderError as exc:
                self.call_from_thread(self.notify, str(exc), markup=False, severity="error")
                return
        self.call_from_thread(self._entry_opened, Opened(article, entry, missing))

    def _entry_opened(self, opened: Opened) -> None:
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
            self.call_from_thread(self.notify, str(exc), markup=False, severity="error")
            return
        loaded: list[Article] = []
        sources: list[str] = []
        for path in paths:
            try:
                read = load(path)
                loaded.append(read.article)
                sources.append(read.source_text)
            except (OSError, ReaderError) as exc:
                self.call_from_thread(self.notify, str(exc), markup=False, severity="error")
        if loaded:
            self.call_from_thread(self._paths_opened, loaded, sources)

    def _paths_opened(self, articles: list[Article], sources: list[str]) -> None:
        known = {item.entry.article_id for item in self.library_items}
        for article, source in zip(articles, sources, strict=True):
            if article.id not in known:
                self.library_items.append(LibraryItem(library_entry(article, source)))
        self.library.set_items(self.library_items, articles[0].id)
        self.show_article(Opened(articles[0], library_entry(articles[0], sources[0])))
        self.article_view.focus()
        self._add_to_library(articles, sources)

    # ---------------------------------------------------------------- events

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
        self.open_entry(event.item)

    @on(ArticleView.LinkRequested)
    def _link_requested(self, event: ArticleView.LinkRequested) -> None:
        href = safe_link(event.href)
        if href is None:
            message = safe_text.assemble(
                ("This link was not opened", "bold"),
                " — only http and https links can be opened:\n\n",
                (event.href, "$text-muted"),
            )
            self.push_screen(ConfirmScreen(message, [("close", "Close")]))
            return
        message = safe_text.assemble(
            ("Open this link in your browser?", "bold"), "\n\n", (href, "underline")
        )

        def opened(choice: str | None) -> None:
            if choice == "open":
                self._open_url(href)

        self.push_screen(ConfirmScreen(message, [("open", "Open"), ("cancel", "Cancel")]), opened)

    @work(thread=True, group="browser")
    def _open_url(self, url: str) -> None:
        import webbrowser

        webbrowser.open(url, new=2)

    # --------------------------------------------------------------- actions

    def action_help(self) -> None:
        from reader.ui.screens.notes_search import help_sections

        keymap = app_keymap(self)
        sections = [
            ("Everywhere", binding_rows(self.BINDINGS, keymap)),
            ("Article", binding_rows(ArticleView.BINDINGS, keymap)),
            (
                "Library",
                [
                    ("enter / click", "Open the article"),
                    *binding_rows(LibraryPanel.BINDINGS, keymap),
                ],
            ),
            (
                "Sidebar",
                [
                    ("enter / click", "Show the passage in the article (flashes it)"),
                    ("enter again", "On a person: next mention (shows 3/7)"),
                ],
            ),
            *highlight_help(keymap),
            ("Mouse", list(MOUSE_ROWS)),
            *help_sections(keymap),
        ]
        self.push_screen(HelpScreen(sections))

    def action_open_file(self) -> None:
        def chosen(path: str | None) -> None:
            if path:
                self._open_path(path)

        self.push_screen(OpenFileScreen(), chosen)

    # ------------------------------------------------------------ note search

    def action_notes_search(self, query: str = "", tags: bool = False) -> None:
        """Open the Notes screen; the index is built on first use, in a worker."""
        from reader.ui.screens.notes_search import NotesSearch

        if isinstance(self.screen, NotesSearch):
            return
        self.push_screen(
            NotesSearch(self.search_index, query=query, show_tags=tags), self._search_picked
        )
        if self.search_index is None and not self._indexing:
            self._indexing = True
            self._build_search_index()

    @work(thread=True, exclusive=True, group="search-index")
    def _build_search_index(self) -> None:
        from reader.ui.notes_index import open_index

        index = open_index(self.store)
        self.call_from_thread(self._search_index_built, index)

    def _search_index_built(self, index: SearchIndex) -> None:
        from reader.ui.notes_index import settle_memory
        from reader.ui.screens.notes_search import NotesSearch

        self.search_index = index
        settle_memory()
        for screen in self.screen_stack:
            if isinstance(screen, NotesSearch):
                screen.set_index(index)

    def _search_picked(self, pick: SearchPick | None) -> None:
        """Open the picked highlight's article at its passage, flashing it."""
        if pick is None:
            return
        highlight = pick.highlight
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
        get_article = getattr(self.store, "get_article", None)
        if get_article is not None:
            try:
                entry = get_article(article_id)
            except ReaderError as exc:
                self.call_from_thread(self.notify, str(exc), markup=False, severity="error")
                return
        if entry is None:
            self._pending_passage = None
            self.call_from_thread(
                self.notify, "That article is no longer in the library.", severity="warning"
            )
            return
        self.call_from_thread(self._open_entry, entry)

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
        if shown and self.size.width < BOTH_PANELS_MIN_WIDTH:
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

    def action_toggle_library(self) -> None:
        self._toggle("library")
        if self.library.display:
            self.library.option_list.focus()

    def action_toggle_sidebar(self) -> None:
        self._toggle("sidebar")

    def _show_sidebar(self) -> None:
        if not self.sidebar.display:
            self._set_shown("sidebar", True)

    def action_sidebar_tab(self, name: str) -> None:
        if name in TABS:
            self._show_sidebar()
            self.sidebar.show_tab(name)

    def action_article(self, name: str) -> None:
        method = getattr(self.article_view, f"action_{name}", None)
        if method is not None:
            method()

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
            self.bell()
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

        self.push_screen(ConfirmScreen(message, choices), decided)

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
            self.call_from_thread(self.notify, str(exc), markup=False, severity="error")

    # ---------------------------------------------------------------- config

    def _theme_changed(self, theme: Any) -> None:
        self._remember(theme=self.theme)

    @on(ArticleView.SettingsChanged)
    def _view_settings_changed(self) -> None:
        view = self.article_view
        self._remember(reading_width=view.reading_width, show_quote_marks=view.show_marks)

    @on(LibraryPanel.SortChanged)
    def _sort_changed(self) -> None:
        self._remember(library_sort=self.library.sort_key)

    def _remember(self, **changes: Any) -> None:
        updated = self.ui_config.with_(**changes)
        if updated != self.ui_config:
            self.ui_config = updated
            self._save_config(updated)

    @work(thread=True, exclusive=True, group="config")
    def _save_config(self, config: UIConfig) -> None:
        try:
            save_config(config, self.config_file)
        except OSError as exc:
            log.warning("could not save the settings: %s", exc)

    def _save_config_now(self) -> None:
        try:
            save_config(self.ui_config, self.config_file)
        except OSError as exc:
            log.warning("could not save the settings: %s", exc)
