"""Find quoted segments: pairs of quotation marks, one paragraph at a time.

Only marks are looked at here (no attribution). Straight marks are ambiguous,
so each mark is classed as opening or closing from the characters around it,
and unsure ones toggle. A search never crosses a paragraph boundary, except
for the newspaper convention of a quotation running over several paragraphs
(opening mark, no closing mark at the paragraph end, the next paragraph opens
again), which is returned as one segment with several parts.

Everything is one left-to-right pass with a single-character regex, so a
megabyte of quote marks is linear.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from reader.model import Article

# Longest first: '' and `` are one double mark (NYT / LaTeX style).
_DOUBLE_RE = re.compile(r"(?:''|``|[\"“”„«»]){3,}|''|``|[\"“”„«»]")
_SINGLE_CURLY_RE = re.compile(r"[‘’]")
_SINGLE_ASCII_RE = re.compile(r"'")

_OPENERS = frozenset("“„«`")
_CLOSERS = frozenset("”»")
_BEFORE_OPEN = frozenset(" \t\n([{—–-/‘'\"“")
_AFTER_CLOSE = frozenset(" \t\n.,;:!?)]}—–-/…’'\"”")
# Elisions that start with an apostrophe: not an opening single quote.
_ELISIONS = ("em", "til", "cause", "n", "tis", "twas", "bout", "round", "nuff")


@dataclass(frozen=True, slots=True)
class Segment:
    """A quoted passage: `parts` are the (start, end) ranges between the marks,
    one per paragraph it runs over; `closed` is False when the paragraph ended
    before a closing mark; `single` marks a single-quote ('…' or ‘…’) pair."""

    parts: tuple[tuple[int, int], ...]
    para: int
    closed: bool
    single: bool = False

    @property
    def start(self) -> int:
        return self.parts[0][0]

    @property
    def end(self) -> int:
        return self.parts[-1][1]


def paragraphs(article: Article) -> list[tuple[int, int]]:
    """Paragraph ranges: the article's blocks, or its lines when it has none."""
    if article.blocks:
        return [(b.span.start, b.span.end) for b in article.blocks]
    spans: list[tuple[int, int]] = []
    pos = 0
    text = article.text
    for line in text.split("\n"):
        if line.strip():
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def _classify(text: str, i: int, length: int, start: int, end: int, mark: str) -> int:
    """1 = opening, -1 = closing, 0 = could be either."""
    before = text[i - 1] if i > start else " "
    after = text[i + length] if i + length < end else " "
    open_ctx = before in _BEFORE_OPEN
    close_ctx = after in _AFTER_CLOSE
    if mark[0] in _OPENERS:
        return -1 if close_ctx and not open_ctx else 1
    if mark in _CLOSERS:
        return 1 if open_ctx and not close_ctx else -1
    if open_ctx and not close_ctx:
        return 1
    if close_ctx and not open_ctx:
        return -1
    return 0


def _opens_paragraph(text: str, start: int, end: int) -> int:
    """Length of the opening double mark that starts the paragraph, else 0."""
    m = _DOUBLE_RE.match(text, start, end)
    if m is None:
        return 0
    if _classify(text, start, len(m.group()), start, end, m.group()) < 0:
        return 0
    return len(m.group())


def _family(mark: str) -> str:
    """Marks that pair with each other: straight, curly/guillemets, doubled."""
    if mark == '"':
        return '"'
    if mark in ("''", "``"):
        return "'"
    return "c"


def double_segments(text: str, paras: Sequence[tuple[int, int]]) -> list[Segment]:
    """Every double-quoted segment, multi-paragraph quotations joined.

    Inside a quotation opened with one family of marks, an opening mark of
    another family starts a nested quotation ("… episode of “Shark Tank.” …")
    that does not end the outer one; a closing mark of another family does
    (mixed marks are a common typo)."""
    found: list[Segment] = []
    carry: list[tuple[int, int]] = []
    carry_para = 0
    carry_family = ""

    def close(index: int, open_at: int, i: int) -> None:
        nonlocal carry
        if carry:
            found.append(Segment((*carry, (open_at, i)), carry_para, closed=True))
            carry = []
        else:
            found.append(Segment(((open_at, i),), index, closed=True))

    for index, (start, end) in enumerate(paras):
        open_at: int | None = None
        family = ""
        nested: str | None = None
        scan_from = start
        if carry:
            skip = _opens_paragraph(text, start, end)
            if skip and _family(text[start : start + skip]) != carry_family:
                skip = 0  # reopened with another kind of mark: a new quotation
            if skip:
                open_at = start + skip
                family = carry_family
                scan_from = open_at
            else:
                found.append(Segment(tuple(carry), carry_para, closed=False))
                carry = []
        for m in _DOUBLE_RE.finditer(text, scan_from, end):
            i, mark = m.start(), m.group()
            if len(mark) > 2 and mark not in ("''", "``"):
                # a run of marks quotes nothing: it ends any open quotation
                if open_at is not None:
                    close(index, open_at, i)
                    open_at, nested = None, None
                continue
            kind = _classify(text, i, len(mark), start, end, mark)
            fam = _family(mark)
            if open_at is None:
                if kind >= 0:
                    open_at, family = i + len(mark), fam
                continue
            if nested is not None:
                if fam == nested and kind <= 0:
                    nested = None
                elif fam == family and kind < 0:
                    close(index, open_at, i)
                    open_at, nested = None, None
                continue
            if fam != family:
                if kind < 0:
                    close(index, open_at, i)
                    open_at = None
                else:
                    nested = fam
                continue
            if kind > 0:
                if carry:
                    # a fresh opening inside a continued quotation: the
                    # continuation was wrong, flush what we have.
                    found.append(Segment(tuple(carry), carry_para, closed=False))
                    carry = []
                open_at = i + len(mark)
            else:
                close(index, open_at, i)
                open_at = None
        if open_at is not None:
            if not carry:
                carry_para, carry_family = index, family
            carry.append((open_at, end))
    if carry:
        found.append(Segment(tuple(carry), carry_para, closed=False))
    return found


def _single_pairs(
    text: str, start: int, end: int, pattern: re.Pattern[str], opener: str, closer: str
) -> list[tuple[int, int]]:
    pairs: list[tuple[int, int]] = []
    open_at: int | None = None
    weak: int | None = None
    for m in pattern.finditer(text, start, end):
        i = m.start()
        before = text[i - 1] if i > start else " "
        after = text[i + 1] if i + 1 < end else " "
        if opener == "'" and "'" in (before, after):
            continue  # part of a '' double mark
        can_open = (
            m.group() == opener
            and (before in _BEFORE_OPEN or before in '“"')
            and (after.isalpha() or after in '“"')
            and not _is_elision(text, i + 1, end)
        )
        can_close = (
            m.group() == closer and not before.isspace() and not after.isalnum() and (i > start)
        )
        if can_open and open_at is None:
            open_at, weak = i + 1, None
        elif can_close and open_at is not None:
            if before == "s" and after == " " and text[i + 2 : i + 3].islower():
                # "the players’ union": a plural possessive, unless nothing better follows
                weak = weak if weak is not None else i
                continue
            pairs.append((open_at, i))
            open_at = None
    if open_at is not None and weak is not None:
        pairs.append((open_at, weak))
    return pairs


def _is_elision(text: str, i: int, end: int) -> bool:
    for word in _ELISIONS:
        j = i + len(word)
        if j <= end and text.startswith(word, i) and (j == end or not text[j].isalpha()):
            return True
    return False


def single_segments(
    text: str, paras: Sequence[tuple[int, int]], inside: Sequence[Segment]
) -> list[Segment]:
    """‘…’ and '…' pairs that are not inside a double-quoted segment."""
    covered = sorted((a, b) for seg in inside for a, b in seg.parts)
    found: list[Segment] = []
    for index, (start, end) in enumerate(paras):
        pairs = _single_pairs(text, start, end, _SINGLE_CURLY_RE, "‘", "’")
        pairs += _single_pairs(text, start, end, _SINGLE_ASCII_RE, "'", "'")
        for a, b in pairs:
            if _within(covered, a, b):
                continue
            found.append(Segment(((a, b),), index, closed=True, single=True))
    return found


def _within(covered: Sequence[tuple[int, int]], a: int, b: int) -> bool:
    """True when [a, b) overlaps one of the sorted ranges."""
    lo, hi = 0, len(covered)
    while lo < hi:
        mid = (lo + hi) // 2
        if covered[mid][1] <= a:
            lo = mid + 1
        else:
            hi = mid
    return lo < len(covered) and covered[lo][0] < b


def find_segments(article: Article) -> tuple[list[tuple[int, int]], list[Segment]]:
    """The article's paragraphs and every quoted segment, in text order."""
    paras = paragraphs(article)
    doubles = double_segments(article.text, paras)
    singles = single_segments(article.text, paras, doubles)
    segments = sorted(doubles + singles, key=lambda s: s.start)
    return paras, segments
