"""Shortening text for one line of a list, a dialog or a terminal table.

Every face shows passages, notes and titles cut to a width; the rules for
where to cut and how the cut is marked ("…") live here once.
"""

from __future__ import annotations

from collections.abc import Sequence

from reader.text.sanitize import one_line

ELLIPSIS = "…"

Spans = Sequence[tuple[int, int]]


def excerpt(text: str, limit: int) -> str:
    """`text` on one line, cut at a word near `limit` characters with an ellipsis."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat.rfind(" ", 0, limit)
    return flat[: cut if cut > limit // 2 else limit].rstrip(" ,;:") + ELLIPSIS


def first_line_excerpt(note: str, limit: int) -> str:
    """The note's first non-empty line, shortened; "…" marks more lines."""
    lines = [line.strip() for line in note.strip().splitlines() if line.strip()]
    if not lines:
        return ""
    first = excerpt(lines[0], limit)
    return first if len(lines) == 1 or first.endswith(ELLIPSIS) else first + " " + ELLIPSIS


def clip(text: str, width: int) -> str:
    """`text` made safe for one terminal line (one_line) and cut to `width`
    characters exactly, "…" marking the cut (for fixed-width columns)."""
    flat = one_line(text)
    return flat if len(flat) <= width else flat[: width - 1] + ELLIPSIS


def window(text: str, spans: Spans, limit: int) -> tuple[str, list[tuple[int, int]]]:
    """At most about `limit` characters of `text` around its first span.

    Returns the cut text (with "…" where it was cut) and the spans moved
    into it; spans falling outside the window are dropped, ones cut by its
    edge are clipped.
    """
    if len(text) <= limit:
        return text, [(s, e) for s, e in spans if 0 <= s < e <= len(text)]
    first = min((s for s, _ in spans), default=0)
    start = max(0, min(first - limit // 4, len(text) - limit))
    if start > 0:
        space = text.find(" ", start, first) if first > start else -1
        if space >= 0:
            start = space + 1
    end = min(len(text), start + limit)
    if end < len(text):
        space = text.rfind(" ", start + limit // 2, end)
        if space > 0:
            end = space
    head = ELLIPSIS if start > 0 else ""
    tail = ELLIPSIS if end < len(text) else ""
    shift = len(head) - start
    moved = [
        (max(s, start) + shift, min(e, end) + shift)
        for s, e in spans
        if s < end and e > start and s < e
    ]
    return head + text[start:end] + tail, moved
