"""What the reading widgets ask for: intent messages the ReadingScreen routes.

The article pane, the Notes tab and the sidebar know offsets and highlight
ids, not who saves highlights. They post one of these and the screen that
composed them hands it to its Highlighter, so no widget looks up a sibling
or calls a controller's method by name.
"""

from __future__ import annotations

from textual.message import Message

Span = tuple[int, int]


class HighlightRequested(Message):
    """Highlight [start, end) of the open article, in `color` (None: the last colour)."""

    def __init__(self, start: int, end: int, color: str | None = None) -> None:
        super().__init__()
        self.start = start
        self.end = end
        self.color = color


class _Target(Message):
    """A request about a span of text (a new highlight) or an existing highlight."""

    def __init__(self, *, span: Span | None = None, highlight_id: str | None = None) -> None:
        super().__init__()
        self.span = span
        self.highlight_id = highlight_id


class ColorRequested(_Target):
    """Ask for a colour for a span or a highlight."""


class TagsRequested(_Target):
    """Ask for tags for a span or a highlight."""


class NoteRequested(_Target):
    """Ask for a note for a span or a highlight."""


class ArticleNoteRequested(Message):
    """Ask for a note on the whole open article."""


class EditRequested(Message):
    """Open the editor for a highlight."""

    def __init__(self, highlight_id: str) -> None:
        super().__init__()
        self.highlight_id = highlight_id


class DeleteRequested(Message):
    """Delete a highlight (the user can undo it)."""

    def __init__(self, highlight_id: str) -> None:
        super().__init__()
        self.highlight_id = highlight_id


class UndoRequested(Message):
    """Undo the last deletion."""


class KeepRequested(Message):
    """Keep a quote or figure's span as a highlight."""

    def __init__(self, span: Span) -> None:
        super().__init__()
        self.span = span
