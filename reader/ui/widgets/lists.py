"""Helpers for the option lists of the sidebar, the Notes tab and the library.

Lists in hidden panes are built the first time they are needed: a hidden
OptionList is still styled (with its component classes) and laid out before
the first paint. The widgets that hold them keep their entries meanwhile and
look the list up with `built_list`. Entries are separated by a rule.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.widget import Widget
from textual.widgets import OptionList
from textual.widgets.option_list import Option


def built_list(parent: Widget, list_id: str) -> OptionList | None:
    """The OptionList `#list_id` under `parent`, or None if it is not built yet."""
    found = parent.query(f"#{list_id}")
    return found.first(OptionList) if found else None


def separated(options: Iterable[Option]) -> list[Option | None]:
    """`options` with a separator (None) between each two."""
    entries: list[Option | None] = []
    for option in options:
        if entries:
            entries.append(None)
        entries.append(option)
    return entries
