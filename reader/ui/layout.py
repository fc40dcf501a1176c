"""Lay an article's blocks out as visual lines for a given text width.

Each visual line is a list of runs — contiguous ranges of `Article.text` —
plus literal decoration (bullets, quote bars, table padding) that is not
part of the text. Keeping offsets on every run is what lets the pane map a
click, a selection or the cursor back to exact offsets into the article.

No Textual here: plain data and arithmetic, so it can be tested and timed
on its own. Wrapping is linear in the text length (one `rfind` per line on
single-cell text), so a 1 MB single-line paragraph wraps in milliseconds.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from rich.cells import cell_len

from reader.model import Article, Block, BlockKind

TABLE_CELL_LIMIT = 2_000
"""Tables with more cells than this are laid out as plain rows of text."""

TABLE_MAX_COLUMN = 40
"""A table column is never wider than this; longer cells wrap within it."""


@dataclass(frozen=True, slots=True)
class Run:
    """Article text [start, end) followed by `after`, literal padding."""

    start: int
    end: int
    after: str = ""


@dataclass(frozen=True, slots=True)
class VisualLine:
    """One row on screen: `prefix` decoration, then runs of article text.

    `block` is the index of the block the line belongs to, or -1 for the
    blank line between blocks.
    """

    block: int
    prefix: str
    runs: tuple[Run, ...]

    @property
    def start(self) -> int:
        return self.runs[0].start if self.runs else -1

    @property
    def end(self) -> int:
        return self.runs[-1].end if self.runs else -1

    def plain(self, text: str) -> str:
        """The line as shown (prefix, text, padding), for selection and tests."""
        return self.prefix + "".join(text[r.start : r.end] + r.after for r in self.runs)

    def offset_at(self, x: int, text: str) -> int:
        """The article offset under character column `x` of `plain()`."""
        if not self.runs:
            return 0
        x -= len(self.prefix)
        if x <= 0:
            return self.runs[0].start
        for run in self.runs:
            length = run.end - run.start
            if x <= length:
                return run.start + x
            x -= length + len(run.after)
            if x < 0:
                return run.end
        return self.runs[-1].end

    def column_of(self, offset: int) -> int:
        """The character column of article `offset` on this line (clamped)."""
        x = len(self.prefix)
        for run in self.runs:
            if offset <= run.end:
                return x + max(0, offset - run.start)
            x += run.end - run.start + len(run.after)
        return x


BLANK = VisualLine(-1, "", ())


def _is_single_cell(chunk: str) -> bool:
    return chunk.isascii() or cell_len(chunk) == len(chunk)


def _cut_by_cells(text: str, start: int, end: int, width: int) -> int:
    """The furthest index i <= end with cell_len(text[start:i]) <= width (at least start+1)."""
    used = 0
    i = start
    while i < end:
        w = cell_len(text[i])
        if used + w > width and i > start:
            break
        used += w
        i += 1
    return i


def wrap(text: str, start: int, end: int, width: int) -> list[tuple[int, int]]:
    """Greedy word wrap of text[start:end] into ranges no wider than `width` cells.

    Spaces at a break are dropped; a word longer than the width is split.
    Linear: each step advances by about a line.
    """
    width = max(1, width)
    lines: list[tuple[int, int]] = []
    pos = start
    while pos < end:
        rest = end - pos
        if rest <= width and _is_single_cell(text[pos:end]):
            lines.append((pos, end))
            break
        window_end = min(end, pos + width + 1)
        window = text[pos:window_end]
        if _is_single_cell(window):
            limit = pos + width
        else:
            limit = _cut_by_cells(text, pos, min(end, pos + width), width)
            if limit >= end:
                lines.append((pos, end))
                break
        cut = text.rfind(" ", pos + 1, limit + 1)
        if cut <= pos:
            lines.append((pos, limit))
            pos = limit
        else:
            lines.append((pos, cut))
            pos = cut + 1
        while pos < end and text[pos] == " ":
            pos += 1
    return lines


def _segments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split [start, end) on newlines."""
    out: list[tuple[int, int]] = []
    pos = start
    while True:
        nl = text.find("\n", pos, end)
        if nl < 0:
            out.append((pos, end))
            return out
        out.append((pos, nl))
        pos = nl + 1


def _prefixed(
    text: str,
    index: int,
    start: int,
    end: int,
    width: int,
    first: str,
    rest: str,
) -> list[VisualLine]:
    lines: list[VisualLine] = []
    inner = max(8, width - max(len(first), len(rest)))
    for seg_start, seg_end in _segments(text, start, end):
        ranges = wrap(text, seg_start, seg_end, inner) or [(seg_start, seg_start)]
        for a, b in ranges:
            prefix = first if not lines else rest
            lines.append(VisualLine(index, prefix, (Run(a, b),)))
    return lines


def _code_lines(text: str, index: int, block: Block, width: int) -> list[VisualLine]:
    lines: list[VisualLine] = []
    inner = max(8, width - 2)
    for seg_start, seg_end in _segments(text, block.span.start, block.span.end):
        pos = seg_start
        if pos == seg_end:
            lines.append(VisualLine(index, "  ", (Run(pos, pos),)))
        while pos < seg_end:
            cut = min(seg_end, pos + inner)
            if not _is_single_cell(text[pos:cut]):
                cut = _cut_by_cells(text, pos, seg_end, inner)
            lines.append(VisualLine(index, "  ", (Run(pos, cut),)))
            pos = cut
    return lines


def _table_cells(text: str, block: Block) -> list[list[tuple[int, int]]]:
    rows: list[list[tuple[int, int]]] = []
    for row_start, row_end in _segments(text, block.span.start, block.span.end):
        cells: list[tuple[int, int]] = []
        pos = row_start
        while True:
            tab = text.find("\t", pos, row_end)
            if tab < 0:
                cells.append((pos, row_end))
                break
            cells.append((pos, tab))
            pos = tab + 1
        rows.append(cells)
    return rows


def _table_lines(text: str, index: int, block: Block, width: int) -> list[VisualLine]:
    """Columns padded to a common width; each cell wraps inside its column.

    Too many cells, or too many columns to fit, fall back to one text row
    per table row, cells separated by " │ ".
    """
    rows = _table_cells(text, block)
    n_cols = max((len(r) for r in rows), default=0)
    n_cells = sum(len(r) for r in rows)
    sep = " │ "
    if n_cols == 0:
        return []
    widths = [0] * n_cols
    for row in rows:
        for c, (a, b) in enumerate(row):
            widths[c] = max(widths[c], min(TABLE_MAX_COLUMN, cell_len(text[a:b])))
    total = sum(widths) + len(sep) * (n_cols - 1)
    if n_cells > TABLE_CELL_LIMIT or total > width:
        if n_cells <= TABLE_CELL_LIMIT and n_cols * 4 + len(sep) * (n_cols - 1) <= width:
            # Shrink the widest columns until the table fits.
            budget = width - len(sep) * (n_cols - 1)
            while sum(widths) > budget:
                widest = max(range(n_cols), key=lambda c: widths[c])
                widths[widest] -= 1
        else:
            return _plain_table_lines(text, index, rows, width)
    lines: list[VisualLine] = []
    for r, row in enumerate(rows):
        wrapped = [wrap(text, a, b, widths[c]) or [(a, a)] for c, (a, b) in enumerate(row)]
        height = max(len(w) for w in wrapped)
        for k in range(height):
            runs: list[Run] = []
            for c in range(n_cols):
                if c < len(row):
                    pieces = wrapped[c]
                    a, b = pieces[k] if k < len(pieces) else (row[c][1], row[c][1])
                else:
                    a = b = row[-1][1]
                pad = " " * max(0, widths[c] - cell_len(text[a:b]))
                after = pad + (sep if c < n_cols - 1 else "")
                runs.append(Run(a, b, after))
            lines.append(VisualLine(index, "", tuple(runs)))
        if r + 1 == block.header_rows:
            rule = "─" * (sum(widths) + len(sep) * (n_cols - 1))
            end = row[-1][1]
            lines.append(VisualLine(index, "", (Run(end, end, rule),)))
    return lines


def _plain_table_lines(
    text: str, index: int, rows: list[list[tuple[int, int]]], width: int
) -> list[VisualLine]:
    lines: list[VisualLine] = []
    for row in rows:
        for c, (a, b) in enumerate(row):
            first = "│ " if c else "┃ "
            lines.extend(_prefixed(text, index, a, b, width, first, "  "))
    return lines


def block_lines(article: Article, index: int, width: int) -> list[VisualLine]:
    """The visual lines of block `index` at text width `width`."""
    block = article.blocks[index]
    text = article.text
    start, end = block.span.start, block.span.end
    kind = block.kind
    if kind is BlockKind.LIST_ITEM:
        indent = "  " * max(0, block.level - 1)
        marker = f"{block.ordinal}. " if block.ordinal is not None else "• "
        hang = indent + " " * len(marker)
        return _prefixed(text, index, start, end, width, indent + marker, hang)
    if kind is BlockKind.QUOTE:
        # Deep nesting (hostile input reaches level 50) must not push the
        # words out of the pane: show at most MAX_QUOTE_BARS bars.
        bar = "▌ " * min(max(1, block.level), MAX_QUOTE_BARS)
        return _prefixed(text, index, start, end, width, bar, bar)
    if kind is BlockKind.CODE:
        return _code_lines(text, index, block, width)
    if kind is BlockKind.TABLE:
        return _table_lines(text, index, block, width)
    return _prefixed(text, index, start, end, width, "", "")


MAX_QUOTE_BARS = 4
"""Block-quote depth beyond this is drawn with this many bars."""


def _same_list(previous: Block | None, block: Block) -> bool:
    """Consecutive items of one list sit on adjacent lines, without a blank between."""
    return (
        previous is not None
        and previous.kind is BlockKind.LIST_ITEM
        and block.kind is BlockKind.LIST_ITEM
        and (previous.ordinal is None) == (block.ordinal is None)
    )


class DocumentLayout:
    """All visual lines of an article at one width, with offset lookups."""

    def __init__(self, article: Article, width: int) -> None:
        self.article = article
        self.width = width
        lines: list[VisualLine] = []
        first_line: list[int] = []
        previous: Block | None = None
        for index, block in enumerate(article.blocks):
            if lines and not _same_list(previous, block):
                lines.append(BLANK)
            previous = block
            first_line.append(len(lines))
            lines.extend(block_lines(article, index, width))
        self.lines = lines
        self.block_first_line = first_line
        self._starts: list[int] = []
        self._rows: list[int] = []
        for y, line in enumerate(lines):
            if line.runs:
                self._starts.append(line.start)
                self._rows.append(y)

    def __len__(self) -> int:
        return len(self.lines)

    def line_of_offset(self, offset: int) -> int:
        """The visual line showing `offset` (the nearest line before it otherwise)."""
        i = bisect_right(self._starts, offset) - 1
        if i < 0:
            return 0
        return self._rows[i]

    def block_line(self, index: int) -> int:
        return self.block_first_line[index] if self.block_first_line else 0

    def offset_at(self, y: int, x: int) -> int:
        """The article offset under (column x, line y) of the plain lines."""
        if not self.lines:
            return 0
        y = max(0, min(y, len(self.lines) - 1))
        line = self.lines[y]
        while not line.runs and y + 1 < len(self.lines):
            y += 1
            line = self.lines[y]
            x = 0
        return line.offset_at(x, self.article.text)
