"""What markdown-it-py may parse of one document: a budget for the whole text.

markdown-it-py is linear in most input, but some of it is expensive per
character: each `[` starts a link-label scan of up to 999 characters, every
other link, emphasis, code or HTML opener costs a delimiter scan, and every
table cell becomes several tokens (a header of a million columns padded
into each row took gigabytes). A guard per chunk is not enough: a thousand
chunks each just under it cost a thousand times as much. So the document
is budgeted as a whole, in reading order:

- each blank-line-separated chunk costs its openers (a `[` counts
  LINK_WEIGHT, any other opener 1) and, if it holds a table, its cells
  (rows x the widest delimiter row);
- a chunk with more than CHUNK_OPENERS openers, or one that would take the
  document past OPENER_BUDGET or TABLE_CELL_BUDGET, is swapped for a
  placeholder word and shown as plain text (a table as its rows of text):
  nothing is refused and no word is lost, it only loses its formatting;
- fenced code blocks are never budgeted or swapped: markdown-it-py does not
  parse inside them, and a placeholder there would show as code.

Everything here is linear in the length of the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CHUNK_OPENERS = 2000
"""Openers in one chunk beyond which it is plain text whatever the budget."""
LINK_WEIGHT = 8
"""What a `[` costs, in units of other openers (measured: a link-label scan
costs about as much as eight emphasis or code delimiters)."""
OPENER_BUDGET = 30_000
"""Weighted openers markdown-it-py may see in one document (about half a
second of parsing at worst; a long article with thousands of links and
emphasised words stays well inside it)."""
TABLE_CELL_BUDGET = 20_000
"""Table cells markdown-it-py may build in one document."""

_OPENERS = "[]*_`<!"
_PARAGRAPH_BREAK = re.compile(r"(\n[ \t]*\n)")
_PLACEHOLDER = "readerdefusedchunk{}x{}"
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})([^\n]*)$", re.MULTILINE)
_RULE_LINE = re.compile(r"^[ \t>|:-]++$", re.MULTILINE)
"""A line of only the characters of a table's delimiter row (possessive:
no backtracking on long lines)."""


def opener_count(text: str) -> int:
    return sum(text.count(c) for c in _OPENERS)


def opener_cost(text: str) -> int:
    """The weighted openers of `text` (see LINK_WEIGHT)."""
    return opener_count(text) + (LINK_WEIGHT - 1) * text.count("[")


def table_cells(chunk: str) -> int:
    """At most how many cells markdown-it-py builds for the tables of `chunk`:
    its lines times the columns of its widest delimiter row (rows are padded
    to the header's width); 0 without one."""
    if "|" not in chunk or "-" not in chunk:
        return 0
    columns = 0
    for match in _RULE_LINE.finditer(chunk):
        line = match.group()
        if "|" in line and "-" in line:
            columns = max(columns, line.count("|") + 1)
    return (chunk.count("\n") + 1) * columns if columns else 0


@dataclass
class Budget:
    """What is left for the rest of the document."""

    openers: int = OPENER_BUDGET
    cells: int = TABLE_CELL_BUDGET

    def take(self, chunk: str) -> bool:
        """Spend the chunk's cost and return True, or False (spending
        nothing) when the chunk must be shown as plain text."""
        if opener_count(chunk) > CHUNK_OPENERS:
            return False
        cost = opener_cost(chunk)
        cells = table_cells(chunk)
        if cost > self.openers or cells > self.cells:
            return False
        self.openers -= cost
        self.cells -= cells
        return True


def fenced_blocks(text: str) -> list[tuple[int, int]]:
    """(start, end) of each fenced code block, fence lines and the newline
    after the closing one included; an unclosed fence runs to the end."""
    blocks: list[tuple[int, int]] = []
    opening: tuple[str, int, int] | None = None
    for match in _FENCE.finditer(text):
        fence, rest = match.group(1), match.group(2)
        if opening is None:
            if fence[0] == "`" and "`" in rest:
                continue  # backticks in the info string: not a fence
            opening = (fence[0], len(fence), match.start())
        elif fence[0] == opening[0] and len(fence) >= opening[1] and not rest.strip():
            end = match.end() + 1 if match.end() < len(text) else match.end()
            blocks.append((opening[2], end))
            opening = None
    if opening is not None:
        blocks.append((opening[2], len(text)))
    return blocks


def _cheap(text: str) -> bool:
    """True when no chunk can be over any limit (the common case, one pass)."""
    count = opener_count(text)
    return (
        count <= CHUNK_OPENERS
        and count + (LINK_WEIGHT - 1) * text.count("[") <= OPENER_BUDGET
        and "|" not in text
    )


def defuse(text: str) -> tuple[str, dict[str, str]]:
    """Swap the chunks over budget for placeholder words: returns the text
    markdown-it-py may parse and the chunks by placeholder."""
    if _cheap(text):
        return text, {}
    salt = abs(hash(text)) % 1_000_000_007
    budget = Budget()
    kept: dict[str, str] = {}
    pieces: list[str] = []
    pos = 0
    for start, end in [*fenced_blocks(text), (len(text), len(text))]:
        chunks = _PARAGRAPH_BREAK.split(text[pos:start])
        for i in range(0, len(chunks), 2):  # odd items are the blank lines between
            chunk = chunks[i]
            if chunk.strip() and not budget.take(chunk):
                core = chunk.strip("\n")
                lead = chunk[: len(chunk) - len(chunk.lstrip("\n"))]
                trail = chunk[len(chunk.rstrip("\n")) :]
                key = _PLACEHOLDER.format(salt, len(kept))
                kept[key] = core
                chunks[i] = lead + key + trail
        pieces.extend(chunks)
        pieces.append(text[start:end])
        pos = end
    return "".join(pieces), kept
