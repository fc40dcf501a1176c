"""The Notes screen: search every saved highlight as you type, then jump to one.

Typing restarts a short debounce timer; when it fires the query runs in a
thread worker (the index takes its own lock) and the results come back as
a `ResultsReady` message stamped with the query's generation number. A
message from an older generation is dropped, so a slow search for "tra"
never overwrites the answer for "trade". The tag list beside the query
shows every tag with its count; choosing one adds (or removes) `tag:NAME`.
Enter on a result dismisses the screen with a `SearchPick` (the app opens
the article at the passage); Esc dismisses with None. F1 shows the query
language, F2 every tag (Enter on one searches it).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from typing import ClassVar, Protocol

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from reader.errors import ReaderError
from reader.model import Highlight
from reader.search import QUERY_HELP, ArticleInfo, ParsedQuery, SearchResult, parse_query
from reader.text.tags import tag_key
from reader.ui import safe_text
from reader.ui.screens.help import binding_rows, key_label
from reader.ui.screens.tags_view import TagsView, tag_prompt
from reader.ui.search_render import result_prompt
from reader.ui.widgets.key_footer import KeyBar

log = logging.getLogger(__name__)

DEBOUNCE_SECONDS = 0.15
LIMIT = 50
"""Results shown per query: a screenful or three; refine the query for more."""

SEARCH_FAILED = "The search failed; the details are in the log."
NO_NOTES = (
    "No highlights yet. In an article, select words (mouse, or v then w/s/p) "
    "and press h to highlight them, t to tag them or n to add a note."
)


class SearchSource(Protocol):
    """What the screen needs from reader.search.SearchIndex (thread-safe)."""

    def search(self, query: str | ParsedQuery, limit: int = 50) -> list[SearchResult]: ...

    def recent(self, limit: int = 50) -> list[SearchResult]: ...

    def tag_counts(self) -> list[tuple[str, int]]: ...


@dataclass(frozen=True, slots=True)
class SearchPick:
    """The result the user chose: open `article` at `highlight`'s passage."""

    highlight: Highlight
    article: ArticleInfo


def tag_term(tag: str) -> str:
    """`tag` as a query term: tag:trade, or tag:"trade war" when it has spaces."""
    if any(c.isspace() for c in tag) or '"' in tag:
        return 'tag:"' + tag.replace('"', "") + '"'
    return "tag:" + tag


def active_tags(query: str) -> frozenset[str]:
    """The (normalised) tags the query requires."""
    return frozenset(
        atom.tokens[0]
        for clause in parse_query(query, prefix_last=False).clauses
        if len(clause) == 1
        for atom in clause
        if atom.kind == "tag" and not atom.negated and atom.tokens
    )


def toggle_tag(query: str, tag: str) -> str:
    """Add `tag:TAG` to the query, or take it out if the query already requires it."""
    if tag_key(tag) not in active_tags(query):
        return (query.rstrip() + " " + tag_term(tag)).lstrip() + " "
    key = tag_key(tag)

    def keep(match: re.Match[str]) -> str:
        return "" if tag_key(_tag_term_value(match)) == key else match.group(0)

    stripped = _TAG_TERM.sub(keep, query)
    return " ".join(stripped.split()) + (" " if stripped.strip() else "")


_TAG_TERM = re.compile(
    r'(?<![\w-])(?:tag:(?:"(?P<quoted>[^"]*)"|(?P<bare>[^\s"]+))|#(?P<hash>[^\s"]+))',
    re.IGNORECASE,
)


def _tag_term_value(match: re.Match[str]) -> str:
    return match.group("quoted") or match.group("bare") or match.group("hash") or ""


def status_content(
    parsed: ParsedQuery | None, results: Sequence[SearchResult], *, ready: bool
) -> Content:
    """The line above the results: how many, for what, and any hint."""
    if not ready:
        return Content.styled("Reading your notes…", "$text-muted")
    assert parsed is not None
    n = len(results)
    plural = "highlight" if n == 1 else "highlights"
    if parsed.is_empty and not parsed.warnings:
        line = (
            Content.styled("Recent highlights", "bold")
            if results
            else Content.styled(NO_NOTES, "$text-muted")
        )
    elif not results:
        line = safe_text.assemble(("No highlights match ", "$text-muted"), parsed.description)
    else:
        count = f"First {n} {plural}" if n >= LIMIT else f"{n} {plural}"
        line = safe_text.assemble((count, "bold"), (" for ", "$text-muted"), parsed.description)
    if parsed.hint:
        line = safe_text.assemble(line, "\n", ("⚠ " + safe_text.line(parsed.hint), "$warning"))
    return line


OPEN_BINDING_ID = "app.notes-search"
"""The app's binding that opens this screen (its key is shown in the help)."""


def help_sections(
    keymap: Mapping[str, str] | None = None,
) -> list[tuple[str, list[tuple[str, str]]]]:
    """The Notes screen's keys and the query language, for the help screen (?).
    `keymap`: see binding_rows."""
    remapped = (keymap or {}).get(OPEN_BINDING_ID)
    keys = [
        (
            key_label(Binding(remapped, "")) if remapped else "/",
            "Open the Notes screen from anywhere (also in Ctrl+P)",
        ),
        ("type", "Search as you type; an empty query lists recent highlights"),
        ("enter", "Open the article at the passage (flashes it)"),
        ("↓ / ↑", "Move between the query and the results"),
        ("enter (tag)", "Add that tag to the query (again: take it out)"),
        *binding_rows(
            (b for b in NotesSearch.BINDINGS if isinstance(b, Binding) and b.show), keymap
        ),
    ]
    language = [("", line) for line in QUERY_HELP.rstrip().splitlines()]
    return [("Notes search", keys), ("Query language", language)]


class ResultList(OptionList):
    """The results; Up on the first one goes back to the query."""

    class Top(Message):
        """Up was pressed on the first result."""

    def action_cursor_up(self) -> None:
        if self.highlighted in (None, 0):
            self.post_message(self.Top())
        else:
            super().action_cursor_up()


class NotesSearch(Screen[SearchPick | None]):
    """See the module docstring. `index` may come later through set_index()."""

    DEFAULT_CSS = """
    NotesSearch { layout: vertical; }
    NotesSearch > #notes-search { height: 1fr; }
    NotesSearch #notes-left { width: 1fr; height: 1fr; }
    NotesSearch #notes-side {
        width: 30; height: 1fr; border-left: vkey $foreground 20%; padding: 0 0 0 1;
    }
    NotesSearch.-narrow #notes-side { width: 22; }
    NotesSearch #notes-query { margin: 0 0 0 0; }
    NotesSearch #notes-status { height: auto; padding: 0 1; margin-bottom: 1; }
    NotesSearch #notes-results { height: 1fr; border: none; padding: 0; }
    NotesSearch #notes-results > .option-list--option { padding: 0 1; }
    NotesSearch #notes-help { height: 1fr; display: none; padding: 0 1; }
    NotesSearch.-help #notes-help { display: block; }
    NotesSearch.-help #notes-results { display: none; }
    NotesSearch #notes-tags-title { text-style: bold; padding: 1 0 0 0; height: 3; }
    NotesSearch #notes-tags { height: 1fr; border: none; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back", id="search.close", tooltip="Back to where you were"),
        Binding(
            "f1",
            "toggle_help",
            "Query help",
            id="search.help",
            tooltip="Show or hide the query language",
        ),
        Binding(
            "f2",
            "tags_view",
            "All tags",
            id="search.tags",
            tooltip="Every tag with its count; Enter searches it",
        ),
        Binding("down", "to_results", "Results", id="search.to-results", show=False),
        # Shadows the app's "/" (open this screen) in the footer; "/" is typed into the query.
        Binding("slash", "focus_query", "Query", id="search.focus-query", show=False),
    ]

    class ResultsReady(Message):
        """A search finished (posted from the worker thread)."""

        def __init__(
            self,
            generation: int,
            parsed: ParsedQuery,
            results: list[SearchResult],
            tags: list[tuple[str, int]],
            error: str | None = None,
        ) -> None:
            super().__init__()
            self.error = error
            self.generation = generation
            self.parsed = parsed
            self.results = results
            self.tags = tags

    def __init__(
        self, index: SearchSource | None = None, *, query: str = "", show_tags: bool = False
    ) -> None:
        super().__init__()
        self.index = index
        self.initial_query = query
        self.show_tags_first = show_tags
        self.results: list[SearchResult] = []
        self.tags: list[tuple[str, int]] = []
        self.parsed: ParsedQuery | None = None
        self.generation = 0
        """Bumped on every change of the query; results of older ones are dropped."""
        self.shown_generation = -1
        """The generation whose results are on screen."""
        self._timer: Timer | None = None
        self._open_when_ready = False
        self._tags_active: frozenset[str] = frozenset()
        self._tags_view_pending = False

    # ----------------------------------------------------------------- layout

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        with Horizontal(id="notes-search"):
            with Vertical(id="notes-left"):
                yield Input(
                    value=self.initial_query,
                    placeholder='Search notes: words, "a phrase", tag:x, -word  (F1 help)',
                    select_on_focus=False,
                    id="notes-query",
                )
                yield Static(status_content(None, [], ready=False), id="notes-status")
                yield ResultList(id="notes-results")
                with VerticalScroll(id="notes-help"):
                    yield Static(
                        safe_text.assemble(
                            ("Query language", "bold $accent"),
                            ("   (F1 hides this)\n\n", "$text-muted"),
                            QUERY_HELP,
                        ),
                        id="notes-help-text",
                    )
            with Vertical(id="notes-side"):
                yield Static(Content("Tags"), id="notes-tags-title")
                yield OptionList(id="notes-tags")
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = "Notes"
        self.sub_title = "search every highlight"
        field = self.query_one("#notes-query", Input)
        field.focus()
        field.cursor_position = len(field.value)
        self.set_class(self.app.size.width < 90, "-narrow")
        self._search_now()
        self._tags_view_pending = self.show_tags_first

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.width < 90, "-narrow")

    @property
    def query_field(self) -> Input:
        return self.query_one("#notes-query", Input)

    @property
    def result_list(self) -> ResultList:
        return self.query_one("#notes-results", ResultList)

    @property
    def tag_list(self) -> OptionList:
        return self.query_one("#notes-tags", OptionList)

    def set_index(self, index: SearchSource) -> None:
        """The index is ready (the app builds it in a worker): search with it."""
        self.index = index
        self._search_now()

    # ------------------------------------------------------------- searching

    @on(Input.Changed, "#notes-query")
    def _query_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.generation += 1
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(
            DEBOUNCE_SECONDS, partial(self._start_search, self.generation, event.value)
        )

    def _search_now(self) -> None:
        """Search the current query at once (no debounce)."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self.generation += 1
        self._start_search(self.generation, self.query_field.value)

    def _start_search(self, generation: int, text: str) -> None:
        if generation != self.generation or self.index is None:
            return
        self._search(generation, text, self.index)

    @work(thread=True, exclusive=True, group="notes-search")
    def _search(self, generation: int, text: str, index: SearchSource) -> None:
        parsed = parse_query(text)
        error: str | None = None
        try:
            results = index.recent(LIMIT) if parsed.is_empty else index.search(parsed, LIMIT)
            tags = index.tag_counts()
        except ReaderError as exc:
            results, tags, error = [], self.tags, str(exc)
        except Exception:  # a bug in the index must not take the screen down
            log.exception("search failed for %r", text)
            results, tags, error = [], self.tags, SEARCH_FAILED
        self.post_message(self.ResultsReady(generation, parsed, results, tags, error))

    @on(ResultsReady)
    def _results_ready(self, message: ResultsReady) -> None:
        if message.generation != self.generation:
            return  # the query changed since; a newer search is coming
        self.shown_generation = message.generation
        self.parsed = message.parsed
        self.results = message.results
        results = self.result_list
        results.clear_options()
        options: list[Option | None] = []
        for i, result in enumerate(self.results):
            options.extend([Option(result_prompt(result), id="r" + str(i)), None])
        results.add_options(options)  # None: a rule between results
        if self.results:
            results.highlighted = 0
        status = status_content(self.parsed, self.results, ready=True)
        if message.error:
            status = safe_text.content(message.error, "$error")
        self.query_one("#notes-status", Static).update(status)
        self._show_tags(message.tags)
        if self._tags_view_pending:
            self._tags_view_pending = False
            self.action_tags_view()
        if self._open_when_ready:
            self._open_when_ready = False
            self._pick(0)

    def _show_tags(self, tags: list[tuple[str, int]]) -> None:
        active = active_tags(self.query_field.value)
        if (tags, active) == (self.tags, self._tags_active) and self.tag_list.option_count:
            return  # unchanged: keep the list (and its scroll) as it is
        self._tags_active = active
        options = self.tag_list
        keep = options.highlighted
        width = max((len(str(n)) for _, n in tags), default=1)
        options.clear_options()
        options.add_options(
            Option(
                tag_prompt(tag, count, chosen=tag_key(tag) in active, width=width), id="t" + str(i)
            )
            for i, (tag, count) in enumerate(tags)
        )
        self.tags = tags
        if keep is not None and tags:
            options.highlighted = min(keep, len(tags) - 1)

    # ---------------------------------------------------------------- choosing

    @property
    def up_to_date(self) -> bool:
        """True when the results on screen answer the query in the field."""
        return self.shown_generation == self.generation

    @on(Input.Submitted, "#notes-query")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.up_to_date:
            self._pick(self.result_list.highlighted or 0)
        elif self.index is not None:
            self._open_when_ready = True
            self._search_now()

    @on(OptionList.OptionSelected, "#notes-results")
    def _result_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._pick(event.option_index)

    def _pick(self, index: int) -> None:
        if 0 <= index < len(self.results):
            result = self.results[index]
            self.dismiss(SearchPick(result.highlight, result.article))
        else:
            self.app.bell()

    @on(OptionList.OptionSelected, "#notes-tags")
    def _tag_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        tag = self.tags[event.option_index][0]
        self._set_query(toggle_tag(self.query_field.value, tag))

    def search_tag(self, tag: str) -> None:
        """Replace the query with `tag:TAG` (what Enter in the tags view does)."""
        self._set_query(tag_term(tag) + " ")

    def _set_query(self, value: str) -> None:
        field = self.query_field
        field.value = value
        field.cursor_position = len(value)
        field.focus()
        self._search_now()

    @on(ResultList.Top)
    def _results_top(self) -> None:
        self.query_field.focus()

    # ---------------------------------------------------------------- actions

    def on_key(self, event: events.Key) -> None:
        """Typing anywhere on the screen goes to the query."""
        field = self.query_field
        if event.is_printable and event.character and not field.has_focus:
            event.stop()
            event.prevent_default()
            field.focus()
            field.insert_text_at_cursor(event.character)

    def action_focus_query(self) -> None:
        self.query_field.focus()

    def action_to_results(self) -> None:
        if self.results and not self.has_class("-help"):
            self.result_list.focus()

    def action_toggle_help(self) -> None:
        self.toggle_class("-help")

    def action_tags_view(self) -> None:
        if self.shown_generation < 0:  # the tags are still being read
            self._tags_view_pending = True
            return

        def chosen(tag: str | None) -> None:
            if tag is not None:
                self.search_tag(tag)

        self.app.push_screen(TagsView(self.tags), chosen)

    def action_close(self) -> None:
        if self.has_class("-help"):
            self.remove_class("-help")
            return
        self.dismiss(None)
