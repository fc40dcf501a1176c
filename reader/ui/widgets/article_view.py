"""The article pane: our own line renderer over Article.blocks.

Textual's Markdown widget needs seconds for big articles, so this is a
ScrollView with the Line API: the article is laid out once per width
(reader.ui.layout) and only the rows on screen are turned into strips, each
cached until something that affects it changes. Text goes straight into
Segments — nothing here ever parses markup, so article text is shown as is.

The pane keeps a cursor as an offset into Article.text (shown as a marked
line). Other features point into the article through the same offsets:
`show_span` scrolls to a passage and flashes it, `set_layer` paints styled
spans (extracted quotes, highlights, a keyboard selection), and
`selected_span` turns a mouse selection into (start, end) offsets.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.selection import Selection
from textual.strip import Strip
from textual.timer import Timer

from reader.model import Article, Extraction, Quote, StyleKind
from reader.ui.layout import DocumentLayout, VisualLine

GUTTER = 3
"""Columns left of the text: the cursor marker, a quote mark, a space."""

MIN_TEXT_WIDTH = 20
FLASH_SECONDS = 1.2

STRIP_CACHE_SIZE = 1024
"""Rendered rows kept (least recently used go first): a dozen screens of a
tall terminal, so scrolling back is cheap, while a long article read to
the end does not keep a strip for every row it ever showed."""

_KIND_CLASS = {
    "title": "article--title",
    "kicker": "article--kicker",
    "dateline": "article--dateline",
    "byline": "article--byline",
    "caption": "article--caption",
    "credit": "article--credit",
    "heading": "article--heading",
    "paragraph": "article--paragraph",
    "quote": "article--blockquote",
    "list_item": "article--list",
    "code": "article--code",
    "table": "article--table",
}
_INLINE_CLASS = {
    StyleKind.EMPHASIS: "article--emphasis",
    StyleKind.STRONG: "article--strong",
    StyleKind.CODE: "article--inline-code",
    StyleKind.LINK: "article--link",
}

EMPTY_LINES = (
    "No article is open.",
    "",
    "Press o to open a file, pick one from the library (l),",
    "or press ? for every key.",
)


@dataclass(frozen=True, slots=True)
class Mark:
    """A styled span in a layer: [start, end) painted with a component class."""

    start: int
    end: int
    component: str


class ArticleView(ScrollView, can_focus=True, inherit_bindings=False):
    """Renders one article; see the module docstring."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        *_KIND_CLASS.values(),
        *_INLINE_CLASS.values(),
        "article--prefix",
        "article--quote-mark",
        "article--quote-gutter",
        "article--cursor",
        "article--cursor-gutter",
        "article--flash",
        "article--selection",
        "article--empty",
    }

    DEFAULT_CSS = """
    ArticleView {
        background: $surface;
        /* Always there: a scrollbar appearing after the first layout costs a
           second layout pass before the first paint. */
        overflow-y: scroll;
    }
    ArticleView > .article--title { text-style: bold; color: $text; }
    ArticleView > .article--kicker { text-style: bold; color: $accent; }
    ArticleView > .article--dateline { color: $text-muted; text-style: italic; }
    ArticleView > .article--byline { color: $text-muted; text-style: bold; }
    ArticleView > .article--caption { color: $text-muted; text-style: italic; }
    ArticleView > .article--credit { color: $text-disabled; }
    ArticleView > .article--heading { text-style: bold; color: $primary; }
    ArticleView > .article--paragraph { }
    ArticleView > .article--blockquote { color: $text-muted; text-style: italic; }
    ArticleView > .article--list { }
    ArticleView > .article--code { color: $text; background: $boost; }
    ArticleView > .article--table { }
    ArticleView > .article--emphasis { text-style: italic; }
    ArticleView > .article--strong { text-style: bold; }
    ArticleView > .article--inline-code { background: $boost; color: $warning; }
    ArticleView > .article--link { text-style: underline; color: $primary; }
    ArticleView > .article--prefix { color: $accent; }
    ArticleView > .article--quote-mark { color: $text-success; }
    ArticleView > .article--quote-gutter { color: $success 60%; }
    ArticleView > .article--cursor { background: $foreground 8%; }
    ArticleView > .article--cursor-gutter { color: $accent; }
    ArticleView > .article--flash { background: $warning 40%; }
    ArticleView > .article--selection { background: $primary 40%; }
    ArticleView > .article--empty { color: $text-muted; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "cursor_down", "Down", id="article.down", show=False),
        Binding("k,up", "cursor_up", "Up", id="article.up", show=False),
        Binding("space,pagedown", "page_down", "Page down", id="article.page-down"),
        Binding("b,pageup", "page_up", "Page up", id="article.page-up", show=False),
        Binding("g,home", "top", "Top", id="article.top", show=False),
        Binding("G,end", "bottom", "Bottom", id="article.bottom", show=False),
        Binding(
            "left_square_bracket",
            "prev_paragraph",
            "Prev paragraph",
            id="article.prev-paragraph",
            show=False,
            key_display="[",
        ),
        Binding(
            "right_square_bracket",
            "next_paragraph",
            "Next paragraph",
            id="article.next-paragraph",
            show=False,
            key_display="]",
        ),
        Binding(
            "left_curly_bracket",
            "prev_quote",
            "Prev quote",
            id="article.prev-quote",
            show=False,
            key_display="{",
        ),
        Binding(
            "right_curly_bracket",
            "next_quote",
            "Next quote",
            id="article.next-quote",
            show=False,
            key_display="}",
        ),
        Binding(
            "enter",
            "show_in_sidebar",
            "To sidebar",
            id="article.to-sidebar",
            tooltip="Show the sidebar entry of the quote at the cursor",
        ),
        Binding("m", "toggle_marks", "Quote marks", id="article.toggle-marks", show=False),
        Binding("L", "open_link", "Open link", id="article.open-link", show=False),
        Binding(
            "plus,equals_sign",
            "wider",
            "Wider text",
            id="article.wider",
            show=False,
            key_display="+",
        ),
        Binding(
            "minus", "narrower", "Narrower text", id="article.narrower", show=False, key_display="-"
        ),
    ]

    reading_width: reactive[int] = reactive(72, layout=False, init=False)
    show_marks: reactive[bool] = reactive(True, init=False)
    cursor_offset: reactive[int] = reactive(0, init=False, repaint=False)
    """The cursor, as an offset into Article.text (kept within the text). A
    move repaints only the line it left and the line it reached."""

    class QuoteRequested(Message):
        """The reader asked to see the sidebar entry of the quote at the cursor."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    class LinkRequested(Message):
        """The reader asked to open a link (key or click); the app confirms first."""

        def __init__(self, href: str) -> None:
            super().__init__()
            self.href = href

    class SettingsChanged(Message):
        """Reading width or quote marks changed (the app remembers them)."""

    class CursorMoved(Message):
        """The cursor moved to a new offset into Article.text."""

        def __init__(self, offset: int) -> None:
            super().__init__()
            self.offset = offset

    def __init__(
        self,
        *,
        reading_width: int = 72,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.article: Article | None = None
        self.extraction = Extraction()
        self._quotes: list[Quote] = []
        self._quote_starts: list[int] = []
        self._layout: DocumentLayout | None = None
        self._layers: dict[str, list[Mark]] = {}
        self._block_marks: dict[int, list[Mark]] = {}
        self._cache: LRUCache[tuple[int, bool], Strip] = LRUCache(STRIP_CACHE_SIZE)
        self._resolved_styles: dict[str, Style] = {}
        self._flash: tuple[int, int] | None = None
        self._flash_timer: Timer | None = None
        self._text_width = 0
        self._left = 0
        self.set_reactive(ArticleView.reading_width, reading_width)

    # ----------------------------------------------------------------- content

    def load(self, article: Article | None, extraction: Extraction | None = None) -> None:
        """Show `article` (None: the empty state), scrolled to the top."""
        self.article = article
        self.extraction = extraction or Extraction()
        self._layers = {}
        self._flash = None
        # Set quietly: the whole pane is repainted for the new article below.
        start = article.blocks[0].span.start if article and article.blocks else 0
        self.set_reactive(ArticleView.cursor_offset, start)
        self._set_quotes()
        self._relayout(force=True)
        self.scroll_to(0, 0, animate=False, immediate=True)
        if self.is_mounted:
            self.screen.clear_selection()

    def set_extraction(self, extraction: Extraction) -> None:
        """Extraction arrives from a worker after the article is already shown."""
        self.extraction = extraction
        self._set_quotes()
        self._invalidate()

    def set_layer(self, name: str, marks: Iterable[tuple[int, int, str]]) -> None:
        """Paint spans [(start, end, component_class)] as layer `name` (replacing it).

        Layers are drawn in the order they were first set, over the block
        and inline styles; "selection" and the flash are drawn last.
        """
        self._layers[name] = [Mark(s, e, c) for s, e, c in marks if e > s]
        self._rebuild_block_marks()
        self._invalidate()

    def clear_layer(self, name: str) -> None:
        if self._layers.pop(name, None) is not None:
            self._rebuild_block_marks()
            self._invalidate()

    def _set_quotes(self) -> None:
        self._quotes = sorted(self.extraction.quotes, key=lambda q: q.span.start)
        self._quote_starts = [q.span.start for q in self._quotes]
        marks = (
            [(q.span.start, q.span.end, "article--quote-mark") for q in self._quotes]
            if self.show_marks
            else []
        )
        self._layers["quotes"] = [Mark(s, e, c) for s, e, c in marks if e > s]
        self._rebuild_block_marks()

    def _rebuild_block_marks(self) -> None:
        """Index every mark (inline styles and layers) by the blocks it touches."""
        article = self.article
        self._block_marks = {}
        if article is None:
            return
        starts = [b.span.start for b in article.blocks]
        all_marks: list[Mark] = [
            Mark(s.span.start, s.span.end, _INLINE_CLASS[s.kind]) for s in article.styles
        ]
        ordered = [n for n in self._layers if n != "selection"]
        if "selection" in self._layers:
            ordered.append("selection")
        for name in ordered:
            all_marks.extend(self._layers[name])
        for mark in all_marks:
            first = max(0, bisect_right(starts, mark.start) - 1)
            last = max(0, bisect_left(starts, mark.end) - 1)
            for index in range(first, last + 1):
                self._block_marks.setdefault(index, []).append(mark)

    # ------------------------------------------------------------------ layout

    @property
    def layout_lines(self) -> Sequence[VisualLine]:
        return self._layout.lines if self._layout else ()

    @property
    def text_width(self) -> int:
        return self._text_width

    def _relayout(self, force: bool = False) -> None:
        width = self.scrollable_content_region.width or self.size.width
        if width <= 0:
            width = 80
        text_width = max(MIN_TEXT_WIDTH, min(self.reading_width, width - GUTTER - 1))
        left = max(0, (width - text_width - GUTTER) // 2)
        if self.article is None:
            self._layout = None
            self._text_width, self._left = text_width, left
            self.virtual_size = Size(0, len(EMPTY_LINES))
            self._invalidate()
            return
        if force or self._layout is None or text_width != self._text_width:
            anchor = self._top_offset() if not force else None
            self._layout = DocumentLayout(self.article, text_width)
            self._text_width = text_width
            self._left = left
            # Lines never scroll sideways: the virtual width stays 0, so a new
            # pane width that keeps the text width costs no layout pass.
            self.virtual_size = Size(0, len(self._layout))
            if anchor is not None:
                self.scroll_to(y=self._layout.line_of_offset(anchor), animate=False, immediate=True)
        elif left != self._left:
            self._left = left
        self._invalidate()

    def _top_offset(self) -> int | None:
        if self._layout is None:
            return None
        lines = self._layout.lines
        for y in range(int(self.scroll_y), len(lines)):
            if lines[y].runs:
                return lines[y].start
        return None

    def on_resize(self, event: events.Resize) -> None:
        self._relayout()

    def watch_reading_width(self, value: int) -> None:
        self._relayout()
        self.post_message(self.SettingsChanged())

    def watch_show_marks(self, value: bool) -> None:
        self._set_quotes()
        self._invalidate()
        self.post_message(self.SettingsChanged())

    def _invalidate(self) -> None:
        self._cache.clear()
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache.clear()
        self._resolved_styles.clear()

    # ------------------------------------------------------------------ render

    @property
    def cursor_line(self) -> int:
        return self._layout.line_of_offset(self.cursor_offset) if self._layout else 0

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        row = scroll_y + y
        width = self.scrollable_content_region.width
        if self._layout is None:
            return self._render_empty(row, width)
        if row >= len(self._layout.lines):
            return Strip.blank(width, self._base_style())
        is_cursor = row == self.cursor_line
        key = (row, is_cursor)
        strip = self._cache.get(key)
        if strip is None or self.text_selection is not None:
            strip = self._render_row(row, is_cursor, width)
            self._cache[key] = strip
        return strip.crop_extend(scroll_x, scroll_x + width, self._base_style())

    def _render_empty(self, row: int, width: int) -> Strip:
        base = self._base_style()
        if row >= len(EMPTY_LINES):
            return Strip.blank(width, base)
        text = EMPTY_LINES[row]
        left = max(0, (width - len(text)) // 2)
        style = base + self.get_component_rich_style("article--empty", partial=True)
        return Strip([Segment(" " * left, base), Segment(text, style)]).extend_cell_length(
            width, base
        )

    def _base_style(self) -> Style:
        """The pane's own style, looked up once per style change (it is asked per segment)."""
        style = self._resolved_styles.get("")
        if style is None:
            style = self._resolved_styles[""] = self.rich_style
        return style

    def _style(self, component: str) -> Style:
        """The attributes a component class sets, with colours resolved (alpha blended)."""
        style = self._resolved_styles.get(component)
        if style is None:
            partial = self.get_component_rich_style(component, partial=True)
            full = self.get_component_rich_style(component)
            style = Style(
                color=full.color if partial.color is not None else None,
                bgcolor=full.bgcolor if partial.bgcolor is not None else None,
                bold=partial.bold,
                italic=partial.italic,
                underline=partial.underline,
                dim=partial.dim,
                reverse=partial.reverse,
                strike=partial.strike,
            )
            self._resolved_styles[component] = style
        return style

    def _render_row(self, row: int, is_cursor: bool, width: int) -> Strip:
        assert self._layout is not None and self.article is not None
        text = self.article.text
        line = self._layout.lines[row]
        base = self._base_style()
        if line.block >= 0:
            kind = self.article.blocks[line.block].kind
            base = base + self._style(_KIND_CLASS.get(kind.value, "article--paragraph"))
        if is_cursor:
            base = base + self._style("article--cursor")
        segments: list[Segment] = []
        offset_meta = Style.from_meta({"offset": (0, row)})
        pad_style = self._base_style() + offset_meta
        segments.extend(Segment(" ", pad_style) for _ in range(self._left))
        gutter = [" "] * GUTTER
        gutter_styles = [self._base_style()] * GUTTER
        if is_cursor and self.has_focus:
            gutter[0] = "▸"
            gutter_styles[0] = self._base_style() + self._style("article--cursor-gutter")
        elif is_cursor:
            gutter[0] = "›"
            gutter_styles[0] = self._base_style() + self._style("article--cursor-gutter")
        if self.show_marks and line.runs and self._line_has_quote(line):
            gutter[1] = "┃"
            gutter_styles[1] = self._base_style() + self._style("article--quote-gutter")
        segments.extend(
            Segment(ch, st + offset_meta) for ch, st in zip(gutter, gutter_styles, strict=True)
        )
        x = 0
        if line.prefix:
            prefix_style = base + self._style("article--prefix")
            segments.append(
                Segment(line.prefix, prefix_style + Style.from_meta({"offset": (x, row)}))
            )
            x += len(line.prefix)
        marks = self._block_marks.get(line.block, []) if line.block >= 0 else []
        selection = self.selected_span
        for run in line.runs:
            for piece, style in self._styled_pieces(
                text, run.start, run.end, base, marks, selection
            ):
                segments.append(Segment(piece, style + Style.from_meta({"offset": (x, row)})))
                x += len(piece)
            if run.after:
                segments.append(Segment(run.after, base + Style.from_meta({"offset": (x, row)})))
                x += len(run.after)
        strip = Strip(segments)
        used = strip.cell_length
        fill_to = self._left + GUTTER + self._text_width
        if is_cursor and used < fill_to:
            segments.append(Segment(" " * (fill_to - used), base))
            strip = Strip(segments)
        return strip.extend_cell_length(width, self._base_style())

    def _line_has_quote(self, line: VisualLine) -> bool:
        i = bisect_left(self._quote_starts, max(line.end, line.start + 1)) - 1
        for quote in self._quotes[max(0, i - 1) : i + 1]:
            if quote.span.end > line.start and quote.span.start < max(line.end, line.start + 1):
                return True
        return False

    def _styled_pieces(
        self,
        text: str,
        start: int,
        end: int,
        base: Style,
        marks: list[Mark],
        selection: tuple[int, int] | None,
    ) -> list[tuple[str, Style]]:
        if start >= end:
            return []
        overlays: list[tuple[int, int, Style]] = []
        for mark in marks:
            if mark.start < end and mark.end > start:
                if mark.component == "article--quote-mark" and not self.show_marks:
                    continue
                overlays.append((mark.start, mark.end, self._style(mark.component)))
        if self._flash is not None:
            fs, fe = self._flash
            if fs < end and fe > start:
                overlays.append((fs, fe, self._style("article--flash")))
        if selection is not None:
            ss, se = selection
            if ss < end and se > start:
                overlays.append((ss, se, self._style("article--selection")))
        if not overlays:
            return [(text[start:end], base)]
        cuts = {start, end}
        for s, e, _ in overlays:
            if start < s < end:
                cuts.add(s)
            if start < e < end:
                cuts.add(e)
        points = sorted(cuts)
        pieces: list[tuple[str, Style]] = []
        for a, b in pairwise(points):
            style = base
            for s, e, overlay in overlays:
                if s <= a and e >= b:
                    style = style + overlay
            pieces.append((text[a:b], style))
        return pieces

    # --------------------------------------------------------------- selection

    @property
    def selected_span(self) -> tuple[int, int] | None:
        """The mouse selection as (start, end) offsets into Article.text, if any."""
        selection = self.text_selection
        if selection is None or self._layout is None or not self._layout.lines:
            return None
        last = len(self._layout.lines) - 1
        if selection.start is None:
            start = 0
        else:
            start = self._layout.offset_at(selection.start.y, selection.start.x)
        if selection.end is None:
            end = (
                self._layout.lines[last].end
                if self._layout.lines[last].runs
                else len(self.article.text if self.article else "")
            )
        else:
            end = self._layout.offset_at(selection.end.y, selection.end.x)
        if end < start:
            start, end = end, start
        return (start, end) if end > start else None

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        span = self.selected_span
        if span is None or self.article is None:
            return None
        return self.article.text[span[0] : span[1]], "\n"

    def selection_updated(self, selection: Selection | None) -> None:
        self._cache.clear()
        self.refresh()

    # ------------------------------------------------------------------ cursor

    def _visible_rows(self) -> int:
        return max(1, self.scrollable_content_region.height)

    def validate_cursor_offset(self, offset: int) -> int:
        size = len(self.article.text) if self.article is not None else 0
        return max(0, min(offset, size))

    def watch_cursor_offset(self, old: int, new: int) -> None:
        if self._layout is not None:
            old_line = self._layout.line_of_offset(old)
            new_line = self._layout.line_of_offset(new)
            if old_line != new_line:
                self._refresh_rows(old_line, new_line)
        self.post_message(self.CursorMoved(new))

    def _move_cursor_to_line(self, y: int) -> None:
        """Put the cursor on line `y` (clamped), scrolled into view."""
        if self._layout is None or not self._layout.lines:
            return
        lines = self._layout.lines
        y = max(0, min(y, len(lines) - 1))
        self.cursor_offset = lines[y].start if lines[y].runs else self._layout.offset_at(y, 0)
        self._keep_in_view(y)

    def move_cursor(self, offset: int) -> None:
        """Put the cursor on the line showing `offset`, scrolled into view."""
        if self._layout is None:
            return
        self.cursor_offset = offset
        self._keep_in_view(self.cursor_line)

    def _keep_in_view(self, y: int) -> None:
        top = int(self.scroll_y)
        height = self._visible_rows()
        if y < top:
            self.scroll_to(y=y, animate=False, immediate=True)
        elif y >= top + height:
            self.scroll_to(y=y - height + 1, animate=False, immediate=True)

    def _refresh_rows(self, *rows: int) -> None:
        """Render `rows` (layout lines) again, repainting only their regions."""
        for row in set(rows):
            self._cache.discard((row, True))
            self._cache.discard((row, False))
            self.refresh_line(row)

    def _cursor_in_view(self) -> int:
        """The cursor line, first pulled into the viewport if the view scrolled away."""
        y = self.cursor_line
        top = int(self.scroll_y)
        height = self._visible_rows()
        if y < top or y >= top + height:
            return self._first_text_line(top)
        return y

    def _first_text_line(self, y: int, step: int = 1) -> int:
        lines = self.layout_lines
        while 0 <= y < len(lines) and not lines[y].runs:
            y += step
        return max(0, min(y, len(lines) - 1))

    def action_cursor_down(self) -> None:
        y = self._cursor_in_view()
        if y == self.cursor_line:
            y = self._first_text_line(y + 1)
        self._move_cursor_to_line(y)

    def action_cursor_up(self) -> None:
        y = self._cursor_in_view()
        if y == self.cursor_line:
            y = self._first_text_line(y - 1, -1)
            if not self.layout_lines[y].runs:
                y = self._first_text_line(y)
        self._move_cursor_to_line(y)

    def action_page_down(self) -> None:
        page = max(1, self._visible_rows() - 2)
        y = self._cursor_in_view()
        target_top = min(int(self.scroll_y) + page, int(self.max_scroll_y))
        delta = target_top - int(self.scroll_y)
        self.scroll_to(y=target_top, animate=False, immediate=True)
        new_y = y + page if delta == page else len(self.layout_lines) - 1
        self._move_cursor_to_line(self._first_text_line(min(new_y, len(self.layout_lines) - 1), -1))

    def action_page_up(self) -> None:
        page = max(1, self._visible_rows() - 2)
        y = self._cursor_in_view()
        target_top = max(0, int(self.scroll_y) - page)
        delta = int(self.scroll_y) - target_top
        self.scroll_to(y=target_top, animate=False, immediate=True)
        new_y = y - page if delta == page else 0
        self._move_cursor_to_line(self._first_text_line(max(0, new_y)))

    def action_top(self) -> None:
        self.scroll_to(y=0, animate=False, immediate=True)
        self._move_cursor_to_line(0)

    def action_bottom(self) -> None:
        self.scroll_to(y=self.max_scroll_y, animate=False, immediate=True)
        self._move_cursor_to_line(self._first_text_line(len(self.layout_lines) - 1, -1))

    def _current_block(self) -> int:
        lines = self.layout_lines
        if not lines:
            return -1
        return lines[self._cursor_in_view()].block

    def action_next_paragraph(self) -> None:
        if self._layout is None:
            return
        index = self._current_block() + 1
        if index < len(self._layout.block_first_line):
            self._show_line(self._layout.block_line(index))

    def action_prev_paragraph(self) -> None:
        if self._layout is None:
            return
        y = self._cursor_in_view()
        index = self._current_block()
        if y == self._layout.block_line(index):
            index -= 1
        if index >= 0:
            self._show_line(self._layout.block_line(index))

    def _show_line(self, y: int) -> None:
        """Move the cursor to `y`, scrolling it near the top third if off screen."""
        top = int(self.scroll_y)
        height = self._visible_rows()
        if not top <= y < top + height:
            self.scroll_to(y=max(0, y - height // 4), animate=False, immediate=True)
        self._move_cursor_to_line(y)

    def quote_at_cursor(self) -> int | None:
        """Index (in extraction.quotes) of the quote on the cursor line, if any."""
        lines = self.layout_lines
        if not lines:
            return None
        line = lines[self.cursor_line]
        for i, quote in enumerate(self.extraction.quotes):
            if quote.span.start < max(line.end, line.start + 1) and quote.span.end > line.start:
                return i
        return None

    def _go_to_quote(self, quote: Quote) -> None:
        self.show_span(quote.span.start, quote.span.end)

    def action_next_quote(self) -> None:
        i = bisect_right(self._quote_starts, self.cursor_offset)
        if i < len(self._quotes):
            self._go_to_quote(self._quotes[i])
        else:
            self.app.bell()

    def action_prev_quote(self) -> None:
        i = bisect_left(self._quote_starts, self.cursor_offset) - 1
        if i >= 0:
            self._go_to_quote(self._quotes[i])
        else:
            self.app.bell()

    def action_show_in_sidebar(self) -> None:
        index = self.quote_at_cursor()
        if index is None:
            self.app.bell()
            return
        self.post_message(self.QuoteRequested(index))

    def action_toggle_marks(self) -> None:
        self.show_marks = not self.show_marks

    def action_wider(self) -> None:
        self.reading_width = min(160, self.reading_width + 4)

    def action_narrower(self) -> None:
        self.reading_width = max(MIN_TEXT_WIDTH + 4, self.reading_width - 4)

    def link_at_cursor(self) -> str | None:
        """The link under the cursor offset, else the first link on the cursor line."""
        if self.article is None or not self.layout_lines:
            return None
        line = self.layout_lines[self.cursor_line]
        on_line = [
            style
            for style in self.article.styles
            if style.kind is StyleKind.LINK
            and style.href
            and style.span.start < line.end
            and style.span.end > line.start
        ]
        for style in on_line:
            if style.span.contains(self.cursor_offset):
                return style.href
        return on_line[0].href if on_line else None

    def action_open_link(self) -> None:
        href = self.link_at_cursor()
        if href is None:
            self.app.bell()
            return
        self.post_message(self.LinkRequested(href))

    # -------------------------------------------------------------- navigation

    def show_span(self, start: int, end: int, *, flash: bool = True) -> None:
        """Scroll so [start, end) is in view, put the cursor on it, and flash it."""
        if self._layout is None:
            return
        first = self._layout.line_of_offset(start)
        last = self._layout.line_of_offset(max(start, end - 1))
        top = int(self.scroll_y)
        height = self._visible_rows()
        if not (top <= first and last < top + height):
            target = first - max(1, height // 4)
            if last - first + 1 > height - height // 4:
                target = first - 1
            self.scroll_to(y=max(0, target), animate=False, immediate=True)
        self.cursor_offset = start
        if flash:
            self.flash(start, end)

    def flash(self, start: int, end: int) -> None:
        self._flash = (start, end)
        if self._flash_timer is not None:
            self._flash_timer.stop()
        self._flash_timer = self.set_timer(FLASH_SECONDS, self._end_flash)
        self._invalidate()

    @property
    def flashing(self) -> tuple[int, int] | None:
        return self._flash

    def _end_flash(self) -> None:
        self._flash = None
        self._flash_timer = None
        self._invalidate()

    # ------------------------------------------------------------------- mouse

    def _offset_from_event(self, event: events.MouseEvent) -> int | None:
        meta = event.style.meta if event.style else {}
        if "offset" not in meta or self._layout is None:
            return None
        x, y = meta["offset"]
        return self._layout.offset_at(y, x)

    def on_click(self, event: events.Click) -> None:
        offset = self._offset_from_event(event)
        if offset is None or self.article is None:
            return
        self.cursor_offset = offset
        for style in self.article.styles:
            if style.kind is StyleKind.LINK and style.href and style.span.contains(offset):
                self.post_message(self.LinkRequested(style.href))
                break

    def on_focus(self, event: events.Focus) -> None:
        self._refresh_rows(self.cursor_line)

    def on_blur(self, event: events.Blur) -> None:
        self._refresh_rows(self.cursor_line)
