"""The five highlight colours (reader.model.COLORS) as the screen shows them.

Each colour is painted at partial opacity over the article's background, so
the same hue gives a deep tint under light text in a dark theme and a pale
one under dark text in a light theme: readable in both without a second
palette. The picker and editor show solid swatches of the same hues.
"""

from __future__ import annotations

from textual.content import Content

from reader.model import COLORS
from reader.ui import safe_text

HEX: dict[str, str] = {
    "yellow": "#e5b700",
    "green": "#2ec27e",
    "blue": "#3584e4",
    "pink": "#e0569b",
    "purple": "#9a5ce0",
}
"""Hue of each colour in reader.model.COLORS."""

OPACITY = 42
"""Percent of the hue over the background for highlighted text."""

NOTE_COMPONENT = "article--hl-note"
"""Component class of the gutter marker of a highlight that carries a note."""

NOTE_MARKER = "✎"
"""Shown in the gutter on the first line of a highlight with a note."""


def component(color: str) -> str:
    """The ArticleView component class that paints highlights of `color`."""
    return "article--hl-" + (color if color in HEX else COLORS[0])


COMPONENTS: frozenset[str] = frozenset({*(component(c) for c in COLORS), NOTE_COMPONENT})


def article_css(selector: str = "ArticleView") -> str:
    """CSS rules for the highlight component classes of the article pane."""
    rules = [f"{selector} > .{component(c)} {{ background: {HEX[c]} {OPACITY}%; }}" for c in COLORS]
    rules.append(f"{selector} > .{NOTE_COMPONENT} {{ color: $accent; text-style: bold; }}")
    return "\n".join(rules)


def swatch(color: str, label: bool = True) -> Content:
    """A solid block of the colour, then its name."""
    hue = HEX.get(color, HEX[COLORS[0]])
    parts: list[safe_text.Part] = [("   ", "on " + hue)]
    if label:
        parts.extend([" ", color])
    return safe_text.assemble(*parts)


def color_key(color: str) -> str:
    """The number key (1-5) that picks `color`."""
    return str(COLORS.index(color) + 1) if color in COLORS else "1"
