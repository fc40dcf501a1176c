"""The sidebar's row of tab names, drawn by one widget.

Textual's TabbedContent builds a container, a row, a widget per tab, an
animated underline and a content switcher with a pane per tab. Styling and
laying all that out was about a tenth of the reader's start-up, for four
words. This bar draws the names and the line under the active one itself;
a click on a name posts Chosen. The panes are the sidebar's own children,
shown one at a time.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual import events
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from reader.ui import safe_text


class TabBar(Widget):
    """Tab names on one row, the active one underlined on the row below."""

    DEFAULT_CSS = """
    TabBar { height: 2; width: 1fr; }
    """

    active: reactive[str] = reactive("")

    class Chosen(Message):
        """The user clicked the tab `name`."""

        def __init__(self, name: str) -> None:
            super().__init__()
            self.name = name

    def __init__(
        self,
        tabs: Sequence[tuple[str, str]],
        active: str,
        *,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        """`tabs` are (name, label) pairs, in order."""
        super().__init__(id=id, classes=classes)
        self.tabs = list(tabs)
        self.set_reactive(TabBar.active, active)

    def _padding(self, width: int) -> tuple[int, int]:
        """Spaces before and after each label: one on each side when that fits,
        else one before each, else one after: four names must fit a 30-column
        sidebar."""
        letters = sum(len(label) for _, label in self.tabs)
        for before, after in ((1, 1), (1, 0)):
            if letters + (before + after) * len(self.tabs) <= width:
                return before, after
        return 0, 1

    def slots(self, width: int) -> list[tuple[str, int, int]]:
        """(name, first cell, end cell) of each label at `width` columns."""
        before, after = self._padding(width)
        slots: list[tuple[str, int, int]] = []
        x = 0
        for name, label in self.tabs:
            slots.append((name, x, x + before + len(label) + after))
            x = slots[-1][2]
        return slots

    def render(self) -> Content:
        width = self.size.width
        before, after = self._padding(width)
        labels = dict(self.tabs)
        names: list[safe_text.Part] = []
        line: list[safe_text.Part] = []
        end = 0
        for name, start, end in self.slots(width):
            active = name == self.active
            style = "bold $foreground" if active else "$foreground 50%"
            names.append((" " * before + labels[name] + " " * after, style))
            line.append(
                ("━" * (end - start), "$block-cursor-background" if active else "$foreground 10%")
            )
        if width > end:
            line.append(("━" * (width - end), "$foreground 10%"))
        return safe_text.assemble(*names, "\n", *line)

    def on_click(self, event: events.Click) -> None:
        for name, start, stop in self.slots(self.size.width):
            if start <= event.x < stop:
                event.stop()
                self.post_message(self.Chosen(name))
                return
