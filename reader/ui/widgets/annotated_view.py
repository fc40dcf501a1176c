"""The article pane with highlights: painting them, a keyboard selection
mode, and the keys that make and change highlights.

Keyboard selection: `v` selects the sentence under the cursor; `w`/`s`/`p`
extend it by a word, sentence or paragraph, `W`/`S`/`P` shrink it, `o`
moves the other end instead, Esc (or `v`) cancels. A mouse selection works
the same for every key below.

On a selection: `h` highlights in the last colour, `1`-`5` in that colour,
`c` picks one; `t` and `n` highlight with tags or a note. On a line with a
highlight and nothing selected: `h`/`c` recolour it, `t`/`n` edit its tags
or note, `e` edits everything, `x` deletes it, `u` undoes a deletion. `N`
writes a note on the whole article.

Highlights are painted as a layer of ArticleView in their colour; one that
carries a note shows a marker in the gutter on its first line. The work
(dialogs, saving) is the Highlighter's; this widget only knows offsets and
the highlights it was given, and posts intent messages (reader.ui.intents)
that the ReadingScreen hands to its Highlighter.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from typing import ClassVar

from rich.segment import Segment
from textual.binding import Binding, BindingType
from textual.strip import Strip

from reader.annotations import overlapping, trim_span
from reader.model import COLORS, Article, Extraction, Highlight
from reader.text.units import Selection, TextUnits, Unit
from reader.ui.highlight_colors import (
    COMPONENTS,
    NOTE_COMPONENT,
    NOTE_MARKER,
    article_css,
    component,
)
from reader.ui.intents import (
    ArticleNoteRequested,
    ColorRequested,
    DeleteRequested,
    EditRequested,
    HighlightRequested,
    NoteRequested,
    TagsRequested,
    UndoRequested,
)
from reader.ui.widgets.article_view import ArticleView

SELECTION_ACTIONS = frozenset({"extend", "shrink", "swap_edge", "cancel_selection"})
"""Actions that exist only while a keyboard selection is on."""

NO_TARGET = "Select words first (v, or drag with the mouse), or move to a highlighted line."


class AnnotatedArticleView(ArticleView):
    """See the module docstring."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {*ArticleView.COMPONENT_CLASSES, *COMPONENTS}

    DEFAULT_CSS = (
        article_css("AnnotatedArticleView")
        + "\nAnnotatedArticleView > .article--selection { background: $primary 45%; "
        + "text-style: underline; }\n"
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "v",
            "select",
            "Select",
            id="article.select",
            show=False,
            tooltip="Select the sentence under the cursor (v again or Esc cancels)",
        ),
        Binding("w", "extend('word')", "Extend by a word", id="article.extend-word", show=False),
        Binding(
            "s",
            "extend('sentence')",
            "Extend by a sentence",
            id="article.extend-sentence",
            show=False,
        ),
        Binding(
            "p",
            "extend('paragraph')",
            "Extend by a paragraph",
            id="article.extend-paragraph",
            show=False,
        ),
        Binding("W", "shrink('word')", "Shrink by a word", id="article.shrink-word", show=False),
        Binding(
            "S",
            "shrink('sentence')",
            "Shrink by a sentence",
            id="article.shrink-sentence",
            show=False,
        ),
        Binding(
            "P",
            "shrink('paragraph')",
            "Shrink by a paragraph",
            id="article.shrink-paragraph",
            show=False,
        ),
        Binding(
            "o",
            "swap_edge",
            "Other end",
            id="article.selection-other-end",
            show=False,
            tooltip="Move the other end of the selection with w/s/p and W/S/P",
        ),
        Binding(
            "escape",
            "cancel_selection",
            "Cancel selection",
            id="article.selection-cancel",
            show=False,
        ),
        Binding(
            "h",
            "highlight",
            "Highlight",
            id="article.highlight",
            show=False,
            tooltip="Highlight the selection in the last colour (on a highlight: recolour it)",
        ),
        *(
            Binding(
                str(i + 1),
                f"highlight_color({i})",
                f"Highlight {color}",
                id=f"article.highlight-{color}",
                show=False,
                tooltip=f"Highlight the selection in {color}",
            )
            for i, color in enumerate(COLORS)
        ),
        Binding(
            "c",
            "pick_color",
            "Colour",
            id="article.pick-color",
            show=False,
            tooltip="Choose a colour for the selection or the highlight",
        ),
        Binding(
            "t",
            "tags",
            "Tags",
            id="article.tags",
            show=False,
            tooltip="Tag the selection (or the highlight on this line)",
        ),
        Binding(
            "n",
            "note",
            "Note",
            id="article.note",
            show=False,
            tooltip="A note on the selection (or the highlight on this line)",
        ),
        Binding(
            "N",
            "article_note",
            "Article note",
            id="article.article-note",
            show=False,
            tooltip="A note on the whole article",
        ),
        Binding(
            "e",
            "edit_highlight",
            "Edit highlight",
            id="article.edit-highlight",
            show=False,
            tooltip="Edit the tags, note and colour of the highlight on this line",
        ),
        Binding(
            "x",
            "delete_highlight",
            "Delete highlight",
            id="article.delete-highlight",
            show=False,
            tooltip="Delete the highlight on this line",
        ),
        Binding(
            "u",
            "undo_delete",
            "Undo delete",
            id="article.undo-delete",
            show=False,
            tooltip="Bring back the last highlight deleted in this session",
        ),
    ]

    def __init__(
        self,
        *,
        reading_width: int = 72,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(reading_width=reading_width, name=name, id=id, classes=classes)
        self.units: TextUnits | None = None
        self.keyboard_selection: Selection | None = None
        self.highlights: tuple[Highlight, ...] = ()
        self._note_starts: list[int] = []

    # ------------------------------------------------------------------ content

    def load(self, article: Article | None, extraction: Extraction | None = None) -> None:
        super().load(article, extraction)
        self.units = TextUnits(article) if article is not None else None
        self.keyboard_selection = None
        self.highlights = ()
        self._note_starts = []
        self.refresh_bindings()

    def set_highlights(self, highlights: Sequence[Highlight]) -> None:
        """Paint the article's highlights (orphans and article notes have no place)."""
        placed = [h for h in highlights if not h.orphaned and h.end > h.start]
        self.highlights = tuple(highlights)
        self._note_starts = sorted(h.start for h in placed if h.note.strip())
        self.set_layer("highlights", [(h.start, h.end, component(h.color)) for h in placed])
        spans = {(h.start, h.end) for h in placed}
        target = self._selected_text_span()
        if target is not None and target in spans:
            self._clear_selections()

    # ------------------------------------------------------------------ gutter

    def _render_row(self, row: int, is_cursor: bool, width: int) -> Strip:
        strip = super()._render_row(row, is_cursor, width)
        if not self._note_starts or not self._row_has_note(row):
            return strip
        x = self._left + 1
        marker = Strip([Segment(NOTE_MARKER, self.rich_style + self._style(NOTE_COMPONENT))])
        length = strip.cell_length
        return Strip.join([strip.crop(0, x), marker, strip.crop(x + 1, length)])

    def _row_has_note(self, row: int) -> bool:
        lines = self.layout_lines
        if not 0 <= row < len(lines) or not lines[row].runs:
            return False
        line = lines[row]
        i = bisect_left(self._note_starts, line.start)
        return i < len(self._note_starts) and self._note_starts[i] < max(line.end, line.start + 1)

    # --------------------------------------------------------------- selection

    @property
    def selecting(self) -> bool:
        return self.keyboard_selection is not None

    def _selected_text_span(self) -> tuple[int, int] | None:
        """The keyboard or mouse selection, white space trimmed."""
        if self.article is None:
            return None
        if self.keyboard_selection is not None:
            sel = self.keyboard_selection
            return trim_span(self.article.text, sel.start, sel.end)
        span = self.selected_span
        return trim_span(self.article.text, *span) if span else None

    def _clear_selections(self) -> None:
        if self.keyboard_selection is not None:
            self.keyboard_selection = None
            self.clear_layer("selection")
            self.refresh_bindings()
        if self.text_selection is not None:
            self.screen.clear_selection()

    def _show_selection(self) -> None:
        sel = self.keyboard_selection
        if sel is None:
            return
        self.set_layer("selection", [(sel.start, sel.end, "article--selection")])
        edge = max(sel.start, sel.end - 1) if sel.at_end else sel.start
        self.move_cursor(edge)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in SELECTION_ACTIONS:
            return self.selecting
        if action == "highlight_color":
            return self._selected_text_span() is not None
        return super().check_action(action, parameters)

    def action_select(self) -> None:
        if self.selecting:
            self.action_cancel_selection()
            return
        if self.units is None or not self.layout_lines:
            self.app.bell()
            return
        line = self.layout_lines[self._cursor_in_view()]
        offset = line.start if line.runs else self.cursor_offset
        selection = self.units.start_selection(offset)
        if selection is None:
            self.app.bell()
            return
        if self.text_selection is not None:
            self.screen.clear_selection()
        self.keyboard_selection = selection
        self._show_selection()
        self.refresh_bindings()

    def action_extend(self, unit: str) -> None:
        self._step(unit, grow=True)

    def action_shrink(self, unit: str) -> None:
        self._step(unit, grow=False)

    def _step(self, unit: str, *, grow: bool) -> None:
        sel = self.keyboard_selection
        if sel is None or self.units is None:
            return
        moved = (self.units.extend if grow else self.units.shrink)(sel, Unit(unit))
        if moved == sel:
            self.app.bell()
            return
        self.keyboard_selection = moved
        self._show_selection()

    def action_swap_edge(self) -> None:
        if self.keyboard_selection is not None:
            self.keyboard_selection = self.keyboard_selection.swapped()
            self._show_selection()

    def action_cancel_selection(self) -> None:
        self._clear_selections()

    # -------------------------------------------------------------- highlights

    def highlight_at_cursor(self) -> Highlight | None:
        """The innermost highlight touching the cursor line."""
        lines = self.layout_lines
        if not lines:
            return None
        line = lines[self.cursor_line]
        if not line.runs:
            return None
        found = overlapping(self.highlights, line.start, line.end)
        return found[0] if found else None

    def _hint(self) -> None:
        self.app.bell()
        self.notify(NO_TARGET, severity="warning", timeout=4)

    def action_highlight(self) -> None:
        span = self._selected_text_span()
        if span is not None:
            self.post_message(HighlightRequested(*span))
            self._clear_selections()
            return
        current = self.highlight_at_cursor()
        if current is not None:
            self.post_message(ColorRequested(highlight_id=current.id))
        else:
            self._hint()

    def action_highlight_color(self, index: int) -> None:
        span = self._selected_text_span()
        if span is not None:
            self.post_message(HighlightRequested(*span, color=COLORS[index]))
            self._clear_selections()

    def action_pick_color(self) -> None:
        self._ask(ColorRequested)

    def action_tags(self) -> None:
        self._ask(TagsRequested)

    def action_note(self) -> None:
        self._ask(NoteRequested)

    def _ask(self, request: type[ColorRequested | TagsRequested | NoteRequested]) -> None:
        span = self._selected_text_span()
        if span is not None:
            self.post_message(request(span=span))
            return
        current = self.highlight_at_cursor()
        if current is not None:
            self.post_message(request(highlight_id=current.id))
        else:
            self._hint()

    def action_article_note(self) -> None:
        if self.article is None:
            self.app.bell()
            return
        self.post_message(ArticleNoteRequested())

    def action_edit_highlight(self) -> None:
        current = self.highlight_at_cursor()
        if current is None:
            self._hint()
            return
        self.post_message(EditRequested(current.id))

    def action_delete_highlight(self) -> None:
        current = self.highlight_at_cursor()
        if current is None:
            self._hint()
            return
        self.post_message(DeleteRequested(current.id))

    def action_undo_delete(self) -> None:
        self.post_message(UndoRequested())
