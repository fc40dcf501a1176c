"""The extraction sidebar: Quotes, People, Figures and Notes tabs.

Every entry points at spans of the article; choosing one (Enter or click)
posts PassageChosen and the reading screen scrolls the article to it; `k`
on a quote or figure posts KeepRequested (reader.ui.intents). Choosing the
same person again moves to their next mention and the entry shows "3/7".
All article-derived text is passed as Content, never as markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.model import NON_FIGURE_KINDS, Extraction, Figure, Person, Quote, Span
from reader.ui import safe_text
from reader.ui.intents import KeepRequested
from reader.ui.widgets.lists import built_list, separated
from reader.ui.widgets.notes_tab import NotesTab
from reader.ui.widgets.tab_bar import TabBar

TABS = ("quotes", "people", "figures", "notes")
LABELS = {"quotes": "Quotes", "people": "People", "figures": "Figures", "notes": "Notes"}
PENDING = Content("Finding quotes, people and figures…")


def quote_prompt(quote: Quote) -> Content:
    speaker = quote.speaker or "unattributed"
    speaker_style = "bold $accent" if quote.speaker else "italic $text-muted"
    return safe_text.assemble(
        ("“", "$text-muted"),
        quote.text,
        ("”", "$text-muted"),
        "\n",
        ("— ", speaker_style),
        (speaker, speaker_style),
    )


def person_prompt(person: Person, position: int | None = None) -> Content:
    count = person.mentions
    mentions = "1 mention" if count == 1 else f"{count} mentions"
    parts: list[safe_text.Part] = [(person.name, "bold"), "  "]
    if position is not None:
        parts.append((f"{position}/{count}", "reverse $accent"))
    else:
        parts.append((mentions, "$text-muted"))
    if person.role:
        parts.extend(["\n", (person.role, "italic $text-muted")])
    return safe_text.assemble(*parts)


def figure_prompt(figure: Figure) -> Content:
    parts: list[safe_text.Part] = [(figure.text, "bold $accent")]
    if figure.kind and figure.kind != "other":
        parts.extend(["  ", (figure.kind, "$text-muted")])
    if figure.context:
        parts.extend(["\n", (figure.context, "$text-muted")])
    return safe_text.assemble(*parts)


def visible_figures(extraction: Extraction) -> list[Figure]:
    """Figures worth listing: dates, times, years and ordinals are not figures."""
    return [f for f in extraction.figures if f.kind not in NON_FIGURE_KINDS]


@dataclass
class _Cycle:
    person: int
    position: int


class Sidebar(Vertical):
    """Tabs of extracted entries; see the module docstring."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "k",
            "keep",
            "Keep this",
            id="sidebar.keep",
            show=False,
            tooltip="Keep the quote or figure as a highlight",
        ),
    ]

    class PassageChosen(Message):
        """Show [start, end) in the article (and flash it)."""

        def __init__(self, span: Span) -> None:
            super().__init__()
            self.span = span

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.extraction: Extraction | None = None
        self.figures: list[Figure] = []
        self._cycle: _Cycle | None = None
        self._active = TABS[0]
        self._entries: dict[str, list[Option | None]] = {}
        """Each list's options, kept for the lists not built yet."""

    def compose(self) -> ComposeResult:
        # The People and Figures lists are built the first time they are shown:
        # hidden, they would still be styled before the first paint.
        yield TabBar([(name, LABELS[name]) for name in TABS], self._active, id="sidebar-tabs")
        yield OptionList(id="quotes-list")
        notes = NotesTab(id="notes-tab")
        notes.display = False
        yield notes

    def on_mount(self) -> None:
        self.set_extraction(None)

    @property
    def notes(self) -> NotesTab:
        return self.query_one(NotesTab)

    @property
    def active_tab(self) -> str:
        return self._active

    def _pane(self, name: str) -> Widget:
        return self.notes if name == "notes" else self._list(name)

    def show_tab(self, name: str, *, focus: bool = True) -> None:
        if name != self._active:
            self._pane(self._active).display = False
            self._pane(name).display = True
            self._active = name
            self.query_one(TabBar).active = name
            self.refresh_bindings()  # `k` works on the Quotes and Figures tabs only
        if focus:
            self.focus_list()

    @on(TabBar.Chosen)
    def _tab_clicked(self, event: TabBar.Chosen) -> None:
        self.show_tab(event.name)

    def focus_list(self) -> None:
        name = self.active_tab
        target = self.notes.option_list if name == "notes" else self._list(name)
        if target.highlighted is None and target.option_count:
            target.action_first()
        target.focus()

    def _list(self, name: str) -> OptionList:
        """The list of tab `name`, built (hidden) if it was not yet."""
        built = built_list(self, f"{name}-list")
        if built is not None:
            return built
        options = OptionList(*self._entries.get(name, ()), id=f"{name}-list")
        options.display = name == self._active
        self.mount(options, before=self.notes)
        return options

    def set_extraction(self, extraction: Extraction | None) -> None:
        """Fill the tabs; None means extraction is still running."""
        self.extraction = extraction
        self._cycle = None
        self.figures = visible_figures(extraction) if extraction else []
        lists = {
            "quotes": [quote_prompt(q) for q in extraction.quotes] if extraction else None,
            "people": [person_prompt(p) for p in extraction.people] if extraction else None,
            "figures": [figure_prompt(f) for f in self.figures] if extraction else None,
        }
        empty = {
            "quotes": "No quotes found in this article.",
            "people": "No people found in this article.",
            "figures": "No figures found in this article.",
        }
        for name, prompts in lists.items():
            entries: list[Option | None]
            if prompts is None:
                entries = [Option(PENDING, disabled=True)]
            elif not prompts:
                entries = [Option(safe_text.content(empty[name]), disabled=True)]
            else:
                entries = separated(Option(p, id=f"{name}-{i}") for i, p in enumerate(prompts))
            self._entries[name] = entries
            options = built_list(self, f"{name}-list")
            if options is None:
                continue  # built with these entries when first shown
            highlighted = options.highlighted
            options.clear_options()
            options.add_options(entries)
            if prompts and highlighted is not None and highlighted < len(prompts):
                options.highlighted = highlighted

    def select_quote(self, index: int) -> None:
        """Switch to Quotes, highlight entry `index` and focus the list."""
        self.show_tab("quotes")
        options = self._list("quotes")
        options.highlighted = index
        options.scroll_to_highlight()

    @on(OptionList.OptionSelected, "#quotes-list")
    def _quote_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.extraction is None:
            return
        quote = self.extraction.quotes[event.option_index]
        self.post_message(self.PassageChosen(quote.span))

    @on(OptionList.OptionSelected, "#figures-list")
    def _figure_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.extraction is None:
            return
        self.post_message(self.PassageChosen(self.figures[event.option_index].span))

    @on(OptionList.OptionSelected, "#people-list")
    def _person_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.extraction is None:
            return
        index = event.option_index
        person = self.extraction.people[index]
        if not person.spans:
            return
        previous = self._cycle
        if previous is not None and previous.person == index:
            position = previous.position % person.mentions + 1
        else:
            position = 1
        options = self._list("people")
        if previous is not None and previous.person != index:
            options.replace_option_prompt_at_index(
                previous.person, person_prompt(self.extraction.people[previous.person])
            )
        self._cycle = _Cycle(index, position)
        options.replace_option_prompt_at_index(index, person_prompt(person, position))
        spans = sorted(person.spans, key=lambda span: span.start)
        self.post_message(self.PassageChosen(spans[position - 1]))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "keep":
            return self.active_tab in ("quotes", "figures")
        return super().check_action(action, parameters)

    def kept_span(self) -> Span | None:
        """The span of the quote or figure the list cursor is on."""
        if self.extraction is None or self.active_tab not in ("quotes", "figures"):
            return None
        index = self._list(self.active_tab).highlighted
        entries = self.extraction.quotes if self.active_tab == "quotes" else self.figures
        if index is None or not 0 <= index < len(entries):
            return None
        return entries[index].span

    def action_keep(self) -> None:
        """`k`: keep the quote or figure under the list cursor as a highlight."""
        span = self.kept_span()
        if span is None:
            self.app.bell()
            return
        self.post_message(KeepRequested((span.start, span.end)))

    @property
    def mention_position(self) -> tuple[int, int] | None:
        """(person index, 1-based mention) of the person being cycled through."""
        if self._cycle is None:
            return None
        return self._cycle.person, self._cycle.position
