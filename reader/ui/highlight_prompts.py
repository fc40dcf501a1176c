"""How one highlight reads in the Notes tab: its colour, its words, its tags
and the start of its note. Everything from the article or the reader is
passed as Content, so no markup in it is ever interpreted, and sanitised,
so a tag or note imported with escape sequences cannot reach the terminal."""

from __future__ import annotations

from textual.content import Content

from reader.model import Highlight
from reader.ui import safe_text
from reader.ui.highlight_colors import HEX, NOTE_MARKER
from reader.ui.screens.passage import excerpt

PASSAGE_CHARS = 160
NOTE_CHARS = 90

ORPHAN_LABEL = "Not found in the current text; the saved words:"


def note_excerpt(note: str, limit: int = NOTE_CHARS) -> str:
    """The note's first non-empty line, shortened; "…" marks more lines."""
    lines = [line.strip() for line in note.strip().splitlines() if line.strip()]
    if not lines:
        return ""
    first = excerpt(lines[0], limit)
    return first if len(lines) == 1 or first.endswith("…") else first + " …"


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
    note = note_excerpt(safe_text.lines(h.note))
    if note:
        parts.extend(["\n", bar, (NOTE_MARKER + " ", "$accent"), (note, "$text-muted")])
    return safe_text.assemble(*parts)
