"""The highlighted words shown at the top of the highlight dialogs."""

from __future__ import annotations

from textual.content import Content

from reader.text.snippets import excerpt
from reader.ui import safe_text

EXCERPT_CHARS = 240


def passage_content(passage: str | None) -> Content:
    """The passage in quotes (article text: never read as markup)."""
    if passage is None:
        return Content("")
    if not passage.strip():
        return Content.styled("A note on the whole article", "italic $text-muted")
    return safe_text.assemble(
        ("“", "$text-muted"),
        (excerpt(safe_text.lines(passage), EXCERPT_CHARS), "italic"),
        ("”", "$text-muted"),
    )
