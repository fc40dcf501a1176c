"""Words, sentences and paragraphs of an article, and a keyboard selection over them.

The keyboard selection mode of the reader (`v`, then `w`/`s`/`p` to extend
and `W`/`S`/`P` to shrink) works on these units, so a reader without a mouse
can select any run of sentences in a few keys, and any run of words with a
few more. Paragraphs are the article's blocks; sentences and words never
cross a block. All positions are offsets into `Article.text`.

Boundaries are found per block, lazily and cached, so a 1 MB article costs
nothing until the reader selects in it. Pure Python: no Textual.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from enum import StrEnum

from reader.model import Article, Span


class Unit(StrEnum):
    WORD = "word"
    SENTENCE = "sentence"
    PARAGRAPH = "paragraph"


_ABBREVIATION_WORDS = """
    mr mrs ms mx dr prof sen rep gov gen col lt maj capt cmdr sgt adm pres supt insp
    st jr sr rev hon fr messrs mme mlle esq
    inc co corp ltd plc llc bros dept univ assn
    vs etc al approx est fig figs no nos vol vols pp ed eds ch sec art para
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
    e.g i.e a.m p.m u.s u.k u.n e.u
"""
ABBREVIATIONS = frozenset(_ABBREVIATION_WORDS.split())
"""Words that end in a full stop without ending the sentence (lower case, no final dot)."""

_TERMINATOR = re.compile(r"[.!?\u2026\u3002\uff01\uff1f]+[\"'\u201d\u2019)\]\u00bb]*")
_WORD = re.compile(r"\S+")
_TOKEN_BEFORE = re.compile(r"([\w.\u2019'-]+)$")
_STARTS_LOWER = re.compile(r"[\"'\u201c\u2018(\[]*[a-z]")


def _is_abbreviation(text: str, block_start: int, dot: int) -> bool:
    """Whether the '.' at `dot` closes an abbreviation or an initial rather than a sentence."""
    window = text[max(block_start, dot - 24) : dot]
    match = _TOKEN_BEFORE.search(window)
    if match is None:
        return False
    token = match.group(1).lstrip("'\u2019(-")
    if len(token) == 1 and token.isalpha() and token.isupper():
        return True  # an initial: "Donald J. Trump"
    lowered = token.lower()
    return lowered in ABBREVIATIONS or bool(re.fullmatch(r"(?:[a-z]\.)+[a-z]", lowered))


def sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentences of text[start:end] as (start, end) pairs, whitespace trimmed.

    A sentence ends at . ! ? or … (with any closing quotes or brackets after
    them) followed by white space and a word that does not start in lower
    case, unless the full stop closes a known abbreviation or an initial. A
    line break inside a block (table rows, code, verse) also ends one.
    """
    spans: list[tuple[int, int]] = []
    pos = start
    while pos < end:
        newline = text.find("\n", pos, end)
        line_end = end if newline < 0 else newline
        spans.extend(_line_sentences(text, pos, line_end))
        pos = line_end + 1
    return spans


def _line_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    sentence_start = start
    for match in _TERMINATOR.finditer(text, start, end):
        stop = match.end()
        after = stop
        while after < end and text[after] in " \t\u00a0":
            after += 1
        if after == stop and stop < end:
            continue  # "3.5", "example.com", "U.S.-based": no space after the mark
        if after < end and _STARTS_LOWER.match(text, after):
            continue
        single_dot = text[match.start()] == "." and match.end() - match.start() == 1
        if single_dot and after < end and _is_abbreviation(text, start, match.start()):
            continue
        spans.append((sentence_start, stop))
        sentence_start = after
    spans.append((sentence_start, end))
    return [trimmed for s, e in spans if (trimmed := _trim(text, s, e)) is not None]


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


@dataclass(frozen=True, slots=True)
class Selection:
    """A keyboard selection [start, end). `at_end` says which edge moves:
    the end (extending to the right) or the start (extending to the left)."""

    start: int
    end: int
    at_end: bool = True

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)

    def swapped(self) -> Selection:
        """The same range with the other edge moving (like `o` in vim's visual mode)."""
        return replace(self, at_end=not self.at_end)


class TextUnits:
    """Unit boundaries of one article; see the module docstring."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.text = article.text
        self._block_starts = [b.span.start for b in article.blocks]
        self._cache: dict[tuple[Unit, int], tuple[list[int], list[int]]] = {}

    # ----------------------------------------------------------------- units

    def _units(self, unit: Unit, index: int) -> tuple[list[int], list[int]]:
        """(starts, ends) of the units of block `index`, in order."""
        key = (unit, index)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        span = self.article.blocks[index].span
        pairs: list[tuple[int, int]]
        if unit is Unit.PARAGRAPH:
            trimmed = _trim(self.text, span.start, span.end)
            pairs = [trimmed] if trimmed else []
        elif unit is Unit.SENTENCE:
            pairs = sentence_spans(self.text, span.start, span.end)
        else:
            pairs = [m.span() for m in _WORD.finditer(self.text, span.start, span.end)]
        result = ([s for s, _ in pairs], [e for _, e in pairs])
        self._cache[key] = result
        return result

    def units_in_block(self, unit: Unit, index: int) -> list[Span]:
        starts, ends = self._units(unit, index)
        return [Span(s, e) for s, e in zip(starts, ends, strict=True)]

    def block_index(self, offset: int) -> int:
        """The block holding `offset`, or the next one when it falls between blocks
        (the last block past the end); -1 for an article without blocks."""
        if not self._block_starts:
            return -1
        i = bisect_right(self._block_starts, offset) - 1
        if i < 0:
            return 0
        if offset >= self.article.blocks[i].span.end and i + 1 < len(self._block_starts):
            return i + 1
        return i

    def unit_at(self, unit: Unit, offset: int) -> Span | None:
        """The unit containing `offset`, else the first one after it (else the last)."""
        index = self.block_index(offset)
        if index < 0:
            return None
        for i in range(index, len(self._block_starts)):
            starts, ends = self._units(unit, i)
            if not starts:
                continue
            k = bisect_right(ends, offset)
            if k < len(starts):
                return Span(starts[k], ends[k])
            if i == len(self._block_starts) - 1:
                return Span(starts[-1], ends[-1])
        return self._last_unit(unit)

    def _last_unit(self, unit: Unit) -> Span | None:
        for i in range(len(self._block_starts) - 1, -1, -1):
            starts, ends = self._units(unit, i)
            if starts:
                return Span(starts[-1], ends[-1])
        return None

    def sentence_at(self, offset: int) -> Span | None:
        return self.unit_at(Unit.SENTENCE, offset)

    # -------------------------------------------------------------- searches

    def _next_end(self, unit: Unit, pos: int) -> int | None:
        """The first unit end strictly after `pos`."""
        index = self.block_index(pos)
        if index < 0:
            return None
        for i in range(max(0, index - 1), len(self._block_starts)):
            _, ends = self._units(unit, i)
            k = bisect_right(ends, pos)
            if k < len(ends):
                return ends[k]
        return None

    def _prev_start(self, unit: Unit, pos: int) -> int | None:
        """The last unit start strictly before `pos`."""
        index = min(self.block_index(pos), len(self._block_starts) - 1)
        for i in range(index, -1, -1):
            starts, _ = self._units(unit, i)
            k = bisect_left(starts, pos)
            if k > 0:
                return starts[k - 1]
        return None

    def _prev_end(self, unit: Unit, pos: int, floor: int) -> int | None:
        """The last unit end strictly between `floor` and `pos`."""
        index = min(self.block_index(pos), len(self._block_starts) - 1)
        for i in range(index, -1, -1):
            if self.article.blocks[i].span.end <= floor:
                break
            _, ends = self._units(unit, i)
            k = bisect_left(ends, pos)
            if k > 0 and ends[k - 1] > floor:
                return ends[k - 1]
        return None

    def _next_start(self, unit: Unit, pos: int, ceiling: int) -> int | None:
        """The first unit start strictly between `pos` and `ceiling`."""
        index = self.block_index(pos)
        for i in range(max(0, index), len(self._block_starts)):
            if self.article.blocks[i].span.start >= ceiling:
                break
            starts, _ = self._units(unit, i)
            k = bisect_right(starts, pos)
            if k < len(starts) and starts[k] < ceiling:
                return starts[k]
        return None

    # ------------------------------------------------------------- selection

    def start_selection(self, offset: int) -> Selection | None:
        """`v`: the sentence under `offset` (the next one when between blocks)."""
        span = self.sentence_at(offset)
        return Selection(span.start, span.end) if span else None

    def extend(self, selection: Selection, unit: Unit) -> Selection:
        """`w`/`s`/`p`: grow the moving edge to the next boundary of `unit`
        (finishing a unit it is inside of first). Unchanged at the article's edge."""
        if selection.at_end:
            end = self._next_end(unit, selection.end)
            return selection if end is None else replace(selection, end=end)
        start = self._prev_start(unit, selection.start)
        return selection if start is None else replace(selection, start=start)

    def shrink(self, selection: Selection, unit: Unit) -> Selection:
        """`W`/`S`/`P`: pull the moving edge back by one `unit`, never past the
        other edge (a selection always keeps at least part of a unit)."""
        if selection.at_end:
            end = self._prev_end(unit, selection.end, selection.start)
            return selection if end is None else replace(selection, end=end)
        start = self._next_start(unit, selection.start, selection.end)
        return selection if start is None else replace(selection, start=start)
