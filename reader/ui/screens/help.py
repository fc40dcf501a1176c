"""The help screen: every key binding of the reader, grouped by where it works.

Built from the BINDINGS of the app and its widgets, so it cannot drift from
what the keys really do; a binding the user's keymap remaps shows its new keys.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.keys import format_key
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.ui import safe_text

MOUSE_ROWS = (
    ("wheel", "Scroll the article or a list"),
    ("click", "Choose a library or sidebar entry; put the cursor on a line; open a link"),
    ("drag", "Select text in the article (the selection can become a highlight)"),
)


def key_text(key: str) -> str:
    """One key for display: "ctrl+question_mark" -> "^?", "down" -> "↓"."""
    *modifiers, base = key.strip().split("+")
    text = format_key(base)
    if "ctrl" in modifiers:
        modifiers.remove("ctrl")
        text = "^" + text
    return "+".join([*modifiers, text])


def key_label(binding: Binding) -> str:
    """All keys of a binding for display, e.g. "j / ↓"."""
    if binding.key_display:
        keys = [binding.key_display]
        rest = binding.key.split(",")[1:]
        keys.extend(key_text(k) for k in rest if k.strip() not in ("equals_sign",))
    else:
        keys = [key_text(k) for k in binding.key.split(",")]
    return " / ".join(keys)


def binding_rows(
    bindings: Iterable[BindingType], keymap: Mapping[str, str] | None = None
) -> list[tuple[str, str]]:
    """(keys, what they do) for each described binding; `keymap` (binding id ->
    keys, as the app applies it) replaces the keys of the bindings it names."""
    rows: list[tuple[str, str]] = []
    for binding in bindings:
        if isinstance(binding, Binding) and binding.description:
            if keymap and binding.id is not None and binding.id in keymap:
                binding = binding.with_key(keymap[binding.id], key_display=None)
            rows.append((key_label(binding), binding.tooltip or binding.description))
    return rows


def help_content(sections: Sequence[tuple[str, Sequence[tuple[str, str]]]]) -> Content:
    width = max((len(k) for _, rows in sections for k, _ in rows), default=8) + 2
    parts: list[safe_text.Part] = []
    for title, rows in sections:
        if parts:
            parts.append("\n")
        parts.extend([(title, "bold $accent"), "\n"])
        for keys, description in rows:
            parts.extend([(keys.ljust(width), "bold"), description, "\n"])
    return safe_text.assemble(*parts)


class HelpScreen(ModalScreen[None]):
    """Lists every binding; Esc, q or ? closes it."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > Vertical {
        width: 84; max-width: 100%; height: 90%;
        border: round $accent; background: $panel; padding: 0 1;
    }
    HelpScreen #help-title { text-style: bold; padding-bottom: 1; }
    HelpScreen VerticalScroll { height: 1fr; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "close", "Close help", id="help.close"),
    ]

    def __init__(self, sections: Sequence[tuple[str, Sequence[tuple[str, str]]]]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content.from_markup("Keys  [dim](Esc closes)[/]"), id="help-title")
            with VerticalScroll():
                yield Static(help_content(self.sections), id="help-body")

    def action_close(self) -> None:
        self.dismiss(None)
