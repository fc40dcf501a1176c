"""How one highlight reads in the Notes tab: its colour, its words, its tags
and the start of its note. Everything from the article or the reader is
passed as Content, so no markup in it is ever interpreted, and sanitised,
so a tag or note imported with escape sequences cannot reach the terminal."""

from __future__ import annotations

from textual.content import Content

from reader.model import Highlight
from reader.text.snippets import excerpt, first_line_excerpt
from reader.ui import safe_text
from reader.ui.highlight_colors import HEX, NOTE_MARKER

PASSAGE_CHARS = 160
NOTE_CHARS = 90

ORPHAN_LABEL = "Not found in the current text; the saved words:"


def highlight_prompt(h: Highlight) -> Content:
    """One Notes-tab entry for `h` (several lines)."""
    bar = ("▌ ", HEX.get(h.color, HEX["yellow"]))
    parts: list[safe_text.Part] = [bar]
    if h.whole_article:
        parts.append(("Note on the whole article", "bold"))
    else:
        if h.orphaned:
            parts.extend([(ORPHAN_LABEL, "$warning"), "\n", bar])
        parts.append((excerpt(safe_text.lines(h.exact), PASSAGE_CHARS), "italic"))
    if h.tags:
        tags = " ".join("#" + safe_text.line(tag) for tag in h.tags)
        parts.extend(["\n", bar, (tags, "$accent")])
    note = first_line_excerpt(safe_text.lines(h.note), NOTE_CHARS)
    if note:
        parts.extend(["\n", bar, (NOTE_MARKER + " ", "$accent"), (note, "$text-muted")])
    return safe_text.assemble(*parts)
