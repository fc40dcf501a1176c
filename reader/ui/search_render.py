"""Search results as Content: matched words emphasised, article text never markup.

Everything here builds `Content` from plain strings plus style spans, so a
highlight, note, tag or title holding `[@click=app.quit]` shows literally.
Long passages are cut to a window around the first match; the match spans
are shifted with the cut so the emphasis lands on the same words.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from textual.content import Content

from reader.clock import local
from reader.search import SearchResult
from reader.text.sanitize import sanitize
from reader.text.snippets import window
from reader.ui import safe_text
from reader.ui.highlight_colors import HEX

Spans = Sequence[tuple[int, int]]

MATCH_STYLE = "bold underline $accent"
PASSAGE_CHARS = 220
"""How much of a highlight a result shows (about three lines)."""
NOTE_CHARS = 120


def flatten(text: str) -> str:
    """Line breaks and tabs as spaces, one for one, so offsets still hold."""
    return text.translate(_FLAT)


def clean(text: str, spans: Spans = ()) -> tuple[str, Spans]:
    """`text` without terminal controls, with its spans (dropped if cleaning
    moved the offsets). Article text is cleaned at ingest, but tags, notes and
    titles may come from an imported file; nothing raw reaches the terminal."""
    safe = flatten(sanitize(text))
    return (safe, spans) if len(safe) == len(text) else (safe, ())


_FLAT = str.maketrans({"\n": " ", "\r": " ", "\t": " ", "\v": " ", "\f": " "})


def emphasised(text: str, spans: Spans, style: str = "", match: str = MATCH_STYLE) -> Content:
    """`text` in `style` with each span in `match`."""
    return safe_text.marked(text, spans, style, match)


def day(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d") if moment is not None else ""


def result_prompt(result: SearchResult) -> Content:
    """One result: title and date; the passage with its matches; tags, saved date, note."""
    h = result.highlight
    article = result.article
    bar = ("  ", "on " + HEX.get(h.color, HEX["yellow"]))
    title = article.title.strip() or "(untitled)"
    head: list[safe_text.Part] = [bar, " "]
    published = day(article.published)
    if published:
        head.extend([(published, "$text-muted"), "  "])
    head.append((clean(title)[0], "bold"))

    if h.exact:
        text, spans = window(*clean(h.exact, result.spans), PASSAGE_CHARS)
        passage = emphasised(text, spans, "italic")
    else:
        passage = Content.styled("(note on the whole article)", "italic $text-muted")
    if h.orphaned:
        passage = passage + Content.styled("  (passage not found in the article)", "$warning")

    details: list[Content] = []
    if h.tags:
        details.append(safe_text.content(" ".join("#" + tag for tag in h.tags), "$accent"))
    details.append(safe_text.content("saved " + day(local(h.created)), "$text-muted"))
    if result.note_excerpt:
        note, note_spans = window(*clean(result.note_excerpt, result.note_spans), NOTE_CHARS)
        details.append(emphasised(note, note_spans, "$text-muted"))

    return safe_text.assemble(*head, "\n", passage, "\n", Content("  ·  ").join(details))
