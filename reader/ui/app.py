"""The reader application: the services, and the reading screen it shows.

ReaderApp keeps what outlives a screen: the store, the extraction process
and its results, the note-search index (built in a worker on first use),
the settings (loaded and saved here), the theme, the command palette and the
key table. Reading — the library, the article pane, the sidebar and the
highlights — is the ReadingScreen's (reader.ui.screens.reading), which the
app shows as its default screen. Collaborators come in through the
constructor (`ReaderApp(store=..., articles=[...])`) so tests can hand it a
temporary store. Workers report with messages only. Article-derived text
reaches widgets only as Content, and any text from outside (file names,
store contents, messages) only through reader.ui.safe_text, which cleans it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.notifications import SeverityLevel
from textual.screen import Screen

from reader.extract.process import ExtractionProcess
from reader.model import Article, Extraction
from reader.paths import styles_dir
from reader.store_api import StoreAPI
from reader.ui import safe_text
from reader.ui.commands import ReaderCommands
from reader.ui.compat import app_keymap
from reader.ui.config import UIConfig, load_config, save_config
from reader.ui.keymap import apply_user_keymap
from reader.ui.screens.help import MOUSE_ROWS, HelpScreen, binding_rows
from reader.ui.screens.reading import (
    BOTH_PANELS_MIN_WIDTH,
    WIDTH_CLASSES,
    Opened,
    ReadingScreen,
    width_class,
)
from reader.ui.widgets.annotated_view import AnnotatedArticleView
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.library import LibraryPanel
from reader.ui.widgets.notes_tab import NotesTab
from reader.ui.widgets.sidebar import Sidebar

if TYPE_CHECKING:
    from reader.search import SearchIndex
    from reader.ui.screens.notes_search import SearchPick

log = logging.getLogger(__name__)

__all__ = [
    "BOTH_PANELS_MIN_WIDTH",
    "WIDTH_CLASSES",
    "Opened",
    "ReaderApp",
    "ReadingScreen",
    "highlight_help",
    "width_class",
]


def highlight_help(
    keymap: Mapping[str, str] | None = None,
) -> list[tuple[str, list[tuple[str, str]]]]:
    """Help-screen sections for the highlight keys (`keymap`: see binding_rows)."""
    return [
        ("Highlights (in the article)", binding_rows(AnnotatedArticleView.BINDINGS, keymap)),
        ("Notes tab", binding_rows(NotesTab.BINDINGS, keymap)),
        ("Quotes and Figures tabs", binding_rows(Sidebar.BINDINGS, keymap)),
    ]


class ReaderApp(App[None]):
    """See the module docstring."""

    TITLE = "reader"
    CSS_PATH = str(styles_dir() / "reader.tcss")
    COMMANDS = App.COMMANDS | {ReaderCommands}
    HORIZONTAL_BREAKPOINTS = WIDTH_CLASSES

    # One key table for the footer, the help screen and the palette. Reading
    # actions are spelled "reading('name', args…)": they run on the ReadingScreen.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("question_mark", "help", "Help", id="app.help", key_display="?"),
        Binding("o", "reading('open_file')", "Open", id="app.open"),
        Binding(
            "slash",
            "notes_search",
            "Notes",
            id="app.notes-search",
            key_display="/",
            tooltip="Search every saved highlight (the Notes screen)",
        ),
        Binding("l", "reading('toggle_library')", "Library", id="app.toggle-library"),
        Binding("i", "reading('toggle_sidebar')", "Sidebar", id="app.toggle-sidebar", show=False),
        Binding("1", "reading('sidebar_tab', 'quotes')", "Quotes", id="app.tab-quotes", show=False),
        Binding("2", "reading('sidebar_tab', 'people')", "People", id="app.tab-people", show=False),
        Binding(
            "3", "reading('sidebar_tab', 'figures')", "Figures", id="app.tab-figures", show=False
        ),
        Binding("4", "reading('sidebar_tab', 'notes')", "Notes", id="app.tab-notes", show=False),
        Binding("tab", "focus_next", "Next region", id="app.focus-next", show=False),
        Binding(
            "shift+tab", "focus_previous", "Previous region", id="app.focus-previous", show=False
        ),
        Binding(
            "d", "reading('remove_article')", "Remove from library", id="app.remove", show=False
        ),
        Binding(
            "ctrl+p",
            "command_palette",
            "Commands",
            id="app.command-palette",
            priority=True,
            show=False,
        ),
    ]

    class _IndexBuilt(Message):
        def __init__(self, index: SearchIndex) -> None:
            super().__init__()
            self.index = index

    def __init__(
        self,
        *,
        store: StoreAPI | None = None,
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
        self.extractions: dict[str, Extraction] = {}
        """Extraction results by article id, kept while the app runs."""
        self.search_index: SearchIndex | None = None
        self._indexing = False
        self._reading: ReadingScreen | None = None
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

    # -------------------------------------------------------------- screens

    def get_default_screen(self) -> Screen[Any]:
        """The reading screen, born with the width class its first resize would give it."""
        self._reading = ReadingScreen(
            store=self.store,
            extractor=self.extractor,
            extractions=self.extractions,
            config=self.ui_config,
            articles=self.initial,
            sources=self.initial_sources,
            seed=self.seed,
            notices=self.notices,
            width=self.size.width,
            id="_default",
        )
        return self._reading

    @property
    def reading(self) -> ReadingScreen:
        """The reading screen (under any dialog on top of it)."""
        assert self._reading is not None, "the app has not started"
        return self._reading

    @property
    def article_view(self) -> ArticleView:
        return self.reading.article_view

    def on_mount(self) -> None:
        if self.on_first_paint is not None:
            self.call_after_refresh(self.on_first_paint)
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        apply_user_keymap(self)

    def on_unmount(self) -> None:
        if self.extractor is not None:
            self.extractor.close()  # a blocked extraction worker returns at once

    def exit_notices(self) -> list[str]:
        """Sentences for the terminal once the app has closed: highlight
        changes that wait in the store's journal (it was busy)."""
        notice = self._reading.highlighter.unsaved_notice() if self._reading else None
        return [notice] if notice else []

    # --------------------------------------------------------------- actions

    async def action_reading(self, action: str, *arguments: str) -> None:
        """A reading action from the key table or the palette
        (`reading('sidebar_tab', 'notes')`): it runs on the reading screen,
        whichever screen is on top."""
        call = f"{action}({', '.join(map(repr, arguments))})" if arguments else action
        await self.reading.run_action(call)

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

        self.post_message(self._IndexBuilt(open_index(self.store)))

    @on(_IndexBuilt)
    def _search_index_built(self, event: _IndexBuilt) -> None:
        from reader.ui.notes_index import settle_memory
        from reader.ui.screens.notes_search import NotesSearch

        index = self.search_index = event.index
        settle_memory()
        for screen in self.screen_stack:
            if isinstance(screen, NotesSearch):
                screen.set_index(index)

    def _search_picked(self, pick: SearchPick | None) -> None:
        """Hand the picked highlight to the reading screen, which opens it."""
        if pick is not None:
            self.reading.post_message(ReadingScreen.PassageRequested(pick.highlight))

    # ---------------------------------------------------------------- config

    def _theme_changed(self, theme: Any) -> None:
        self._remember(theme=self.theme)

    @on(ReadingScreen.ConfigChanged)
    def _config_changed(self, event: ReadingScreen.ConfigChanged) -> None:
        if event.now:
            self.ui_config = self.ui_config.with_(**event.changes)
            self._save_config_now()
        else:
            self._remember(**event.changes)

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
