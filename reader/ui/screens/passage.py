"""The highlighted words shown at the top of the highlight dialogs."""

from __future__ import annotations

from textual.content import Content

from reader.ui import safe_text

EXCERPT_CHARS = 240


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """`text` on one line, cut at a word near `limit` characters with an ellipsis."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat.rfind(" ", 0, limit)
    return flat[: cut if cut > limit // 2 else limit].rstrip(" ,;:") + "…"


def passage_content(passage: str | None) -> Content:
    """The passage in quotes (article text: never read as markup)."""
    if passage is None:
        return Content("")
    if not passage.strip():
        return Content.styled("A note on the whole article", "italic $text-muted")
    return safe_text.assemble(
        ("“", "$text-muted"), (excerpt(safe_text.lines(passage)), "italic"), ("”", "$text-muted")
    )
