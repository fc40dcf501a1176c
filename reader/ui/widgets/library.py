"""The library list: every article the reader has seen, newest first or by title.

Entries come from the store as LibraryEntry records; the panel only shows
them. An entry whose file is gone stays listed, marked, and opens from the
text saved with it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from reader.model import LibraryEntry
from reader.ui import safe_text
from reader.ui.widgets.lists import built_list, separated

SORTS = ("date", "title")


@dataclass(frozen=True, slots=True)
class LibraryItem:
    """A library entry with what the list shows beside it."""

    entry: LibraryEntry
    highlights: int = 0
    missing: bool = False


def _newest_first(entry: LibraryEntry) -> tuple[int, float]:
    """Dated articles newest first, then undated ones newest-added first."""
    if entry.published is not None:
        return (0, -_stamp(entry.published))
    return (1, -_stamp(entry.added))


def _stamp(moment: datetime) -> float:
    return moment.replace(tzinfo=None).timestamp()


def sort_items(items: Sequence[LibraryItem], key: str) -> list[LibraryItem]:
    if key == "title":
        return sorted(items, key=lambda item: item.entry.title.casefold())
    return sorted(items, key=lambda item: _newest_first(item.entry))


def item_prompt(item: LibraryItem, current: bool = False) -> Content:
    entry = item.entry
    title_style = "bold $accent" if current else "bold"
    title = safe_text.line(entry.title) or "(untitled)"
    parts: list[safe_text.Part] = [(title, title_style), "\n"]
    details: list[str] = []
    if entry.section:
        details.append(safe_text.line(entry.section))
    if entry.published:
        details.append(entry.published.strftime("%d %b %Y"))
    if item.highlights:
        details.append("1 highlight" if item.highlights == 1 else f"{item.highlights} highlights")
    parts.append((" · ".join(details) if details else "no date", "$text-muted"))
    if item.missing:
        parts.extend(["\n", ("file gone, saved copy", "italic $warning")])
    return safe_text.assemble(*parts)


class LibraryPanel(Vertical):
    """A titled OptionList of library items."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "cycle_sort", "Sort", id="library.sort"),
    ]

    sort_key: reactive[str] = reactive("date", init=False)

    class SortChanged(Message):
        """The sort order changed (the app remembers it)."""

    class EntryChosen(Message):
        def __init__(self, item: LibraryItem) -> None:
            super().__init__()
            self.item = item

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.items: list[LibraryItem] = []
        self.current_id: str | None = None

    def compose(self) -> ComposeResult:
        # The list is built when the panel is first shown (or asked for): a
        # hidden list would still be styled and laid out before the first paint.
        yield Static(self._heading(), id="library-heading")

    def on_show(self) -> None:
        if built_list(self, "library-list") is None:
            self._build_list()

    def _heading(self) -> Content:
        return safe_text.assemble(
            ("Library", "bold"), ("  by ", "$text-muted"), (self.sort_key, "$text-muted")
        )

    @property
    def option_list(self) -> OptionList:
        """The list of articles, built (and filled) if it was not yet."""
        return built_list(self, "library-list") or self._build_list()

    def _build_list(self) -> OptionList:
        options = OptionList(id="library-list")
        self.mount(options)
        self._fill(options)
        return options

    @property
    def list_has_focus(self) -> bool:
        options = built_list(self, "library-list")
        return options is not None and options.has_focus

    def set_items(self, items: Sequence[LibraryItem], current_id: str | None = None) -> None:
        self.current_id = current_id
        # Two files with the same text are one article (same id): list it once.
        unique: dict[str, LibraryItem] = {}
        for item in items:
            unique.setdefault(item.entry.article_id, item)
        self.items = sort_items(list(unique.values()), self.sort_key)
        self._refill()

    def set_highlight_counts(self, counts: Mapping[str, int]) -> None:
        self.items = [
            LibraryItem(i.entry, counts.get(i.entry.article_id, i.highlights), i.missing)
            for i in self.items
        ]
        self._refill()

    def set_current(self, article_id: str | None) -> None:
        self.current_id = article_id
        self._refill()

    def _refill(self) -> None:
        options = built_list(self, "library-list")
        if options is not None:
            self._fill(options)
        elif self.display:
            self._build_list()

    def _fill(self, options: OptionList) -> None:
        keep = options.highlighted_option.id if options.highlighted_option else None
        options.clear_options()
        if not self.items:
            options.add_option(
                Option(Content("The library is empty. Press o to open a file."), disabled=True)
            )
            return
        options.add_options(
            separated(
                Option(
                    item_prompt(item, item.entry.article_id == self.current_id),
                    id=item.entry.article_id,
                )
                for item in self.items
            )
        )
        target = keep or self.current_id
        for i, item in enumerate(self.items):
            if item.entry.article_id == target:
                options.highlighted = i
                break

    def highlighted_item(self) -> LibraryItem | None:
        options = self.option_list
        if options.highlighted is None or not self.items:
            return None
        return self.items[options.highlighted]

    def watch_sort_key(self, value: str) -> None:
        self.query_one("#library-heading", Static).update(self._heading())
        self.items = sort_items(self.items, value)
        self._refill()
        self.post_message(self.SortChanged())

    def action_cycle_sort(self) -> None:
        self.sort_key = SORTS[(SORTS.index(self.sort_key) + 1) % len(SORTS)]

    @on(OptionList.OptionSelected, "#library-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.items:
            self.post_message(self.EntryChosen(self.items[event.option_index]))
