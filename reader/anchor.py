"""Anchoring highlights: W3C TextQuote + TextPosition selectors, re-attached
after the article's text changes.

A highlight keeps its offsets (TextPosition) and its exact words with 32
characters either side (TextQuote). `reanchor` tries, in order:

1. the saved offsets, if the exact words are still there;
2. the saved prefix (found once) and suffix with the passage between them:
   the exact words inside (text inserted at an edge), or a near-copy of them
   (small edits inside);
3. an occurrence of the exact words whose context still agrees on both
   sides and clearly beats every other occurrence and any near-copy;
4. a long passage found exactly once, if no near-copy exists elsewhere;
5. only when the exact words are nowhere: the best fuzzy alignment, if it is
   nearly the same text, agrees with the context on one side, and has no
   rival.

Otherwise the highlight is returned orphaned (offsets unchanged) so the UI
can list it with its saved words: doubt means orphan, never other words.
Known limit: a passage edited beyond recognition while an intact copy of it
elsewhere has the same 32 characters around it attaches to that copy (the
same words; only offsets could tell them apart). Pure functions: no I/O.
"""

from __future__ import annotations

from dataclasses import replace

from rapidfuzz import fuzz
from rapidfuzz.distance import LCSseq

from reader.model import Highlight

CONTEXT = 32
"""Characters of context kept on each side (prefix / suffix)."""

_MIN_CONTEXT_SCORE = 0.6
"""An occurrence among several needs at least this much context agreement..."""
_MIN_MARGIN = 0.1
"""...and must beat the runner-up by this much."""
_FUZZY_MIN_LEN = 12
"""Shorter passages are too easy to confuse with other words to match fuzzily."""
_FUZZY_MIN_RATIO = 90.0
"""Similarity (0-100) a changed passage needs to count as the same words."""
_RIVAL_MIN_RATIO = 70.0
"""Similarity at which another place might be the (edited) passage: enough
doubt to refuse a choice."""


def make_selector(text: str, start: int, end: int) -> tuple[str, str, str]:
    """(exact, prefix, suffix) for text[start:end] with CONTEXT chars around."""
    if not 0 <= start <= end <= len(text):
        raise ValueError(f"span {start}..{end} is outside a text of {len(text)} characters")
    return text[start:end], text[max(0, start - CONTEXT) : start], text[end : end + CONTEXT]


def _similarity(saved: str, actual: str) -> float:
    if not saved and not actual:
        return 1.0
    return fuzz.ratio(saved, actual) / 100.0


def context_scores(
    text: str, start: int, end: int, prefix: str, suffix: str
) -> tuple[float, float]:
    """How well the text before and after [start, end) matches the saved
    prefix and suffix (each 0..1)."""
    before = (
        text[max(0, start - len(prefix)) : start] if prefix else text[max(0, start - 1) : start]
    )
    after = text[end : end + len(suffix)] if suffix else text[end : end + 1]
    return _similarity(prefix, before), _similarity(suffix, after)


def _occurrences(text: str, needle: str) -> list[int]:
    found: list[int] = []
    i = text.find(needle)
    while i != -1:
        found.append(i)
        i = text.find(needle, i + 1)
    return found


_LONE_MIN_LEN = 40
"""A lone exact match with unrelated context is trusted only if this long
(and no near-copy of the passage exists elsewhere)."""
_MIN_SIDE_SCORE = 0.6
"""Each side of the context must still agree this much (else the words may
be a second copy elsewhere while the real passage was edited)."""


def _by_context(
    text: str,
    h: Highlight,
    starts: list[int],
    min_avg: float = _MIN_CONTEXT_SCORE,
    min_side: float = _MIN_SIDE_SCORE,
) -> tuple[int, int] | None:
    """The occurrence of the exact words whose surroundings clearly match."""
    n = len(h.exact)
    scored: list[tuple[float, int]] = []
    for s in starts:
        before, after = context_scores(text, s, s + n, h.prefix, h.suffix)
        if min(before, after) >= min_side:
            scored.append(((before + after) / 2, s))
    scored.sort(reverse=True)
    if not scored or scored[0][0] < min_avg:
        return None
    best_score, best = scored[0]
    rivals = [s for s in starts if s != best]
    near = _near_copy(text, h, best, best + n)
    if near is not None:
        rivals.append(near[0])
    runner_up = max(
        (sum(context_scores(text, s, s + n, h.prefix, h.suffix)) / 2 for s in rivals),
        default=0.0,
    )
    if best_score - runner_up < _MIN_MARGIN:
        return None
    return best, best + n


def _near_copy(text: str, h: Highlight, start: int, end: int) -> tuple[int, int] | None:
    """A near-copy of the passage outside [start, end) (an edited original
    or a duplicate), if there is one."""
    if len(h.exact) < _FUZZY_MIN_LEN:
        return None
    masked = text[:start] + "\0" * (end - start) + text[end:]
    found = fuzz.partial_ratio_alignment(h.exact, masked, score_cutoff=_RIVAL_MIN_RATIO)
    if found is None:
        return None
    return found.dest_start, found.dest_end


def _lone_long(text: str, h: Highlight, starts: list[int]) -> tuple[int, int] | None:
    """A long passage found once, its context rewritten: still the same words,
    unless a near-copy elsewhere could be the edited original."""
    if len(starts) != 1 or len(h.exact) < _LONE_MIN_LEN:
        return None
    s, e = starts[0], starts[0] + len(h.exact)
    return None if _near_copy(text, h, s, e) else (s, e)


def _word_char(c: str) -> bool:
    return c.isalnum() or c in "'’-"


def _edge_options(text: str, pos: int, lo: int, hi: int) -> list[int]:
    """`pos`, or if it falls inside a word, that word's start and the next
    word's start (bounded by lo..hi)."""
    if not (0 < pos < len(text) and _word_char(text[pos - 1]) and _word_char(text[pos])):
        return [pos]
    left = pos
    while left > lo and _word_char(text[left - 1]):
        left -= 1
    right = pos
    while right < hi and _word_char(text[right]):
        right += 1
    while right < hi and not _word_char(text[right]):
        right += 1
    return [left, right]


def _snap(text: str, start: int, end: int, h: Highlight) -> tuple[int, int]:
    """Move the edges of a fuzzy span onto word boundaries (to whichever side
    matches the passage better) when the saved passage began/ended on one,
    and trim whitespace it picked up."""
    exact = h.exact
    starts = [start]
    ends = [end]
    if exact and _word_char(exact[0]) and not (h.prefix and _word_char(h.prefix[-1])):
        starts = _edge_options(text, start, 0, end)
    if exact and _word_char(exact[-1]) and not (h.suffix and _word_char(h.suffix[0])):
        ends = [
            len(text) - p for p in _edge_options(text[::-1], len(text) - end, 0, len(text) - start)
        ]
    words = exact.split()

    def key(se: tuple[int, int]) -> tuple[float, float]:
        # Whole words first (a neighbour's word sharing letters is still a
        # different word), then characters.
        piece = text[se[0] : se[1]]
        return fuzz.ratio(piece.split(), words), fuzz.ratio(piece, exact)

    best = max(((s, e) for s in starts for e in ends if s < e), key=key, default=(start, end))
    start, end = best
    while start < end and text[start].isspace() and not exact[:1].isspace():
        start += 1
    while end > start and text[end - 1].isspace() and not exact[-1:].isspace():
        end -= 1
    return start, end


def _refine(text: str, start: int, end: int, exact: str) -> tuple[int, int]:
    """Nudge the edges of an alignment (which has the passage's length) to
    the span most similar to it, so characters inserted or deleted inside do
    not cost characters at the edges. Edges move one at a time (linear cost)."""
    reach = max(3, len(exact) // 5) + 4

    def key(s: int, e: int) -> tuple[int, int]:
        # Characters of the passage matched in order, less the extra ones
        # taken in; then the shortest span.
        return 3 * LCSseq.similarity(text[s:e], exact) - 2 * (e - s), -(e - s)

    for _ in range(2):
        end = max(
            range(max(start + 1, end - reach), min(len(text), end + reach) + 1),
            key=lambda e: key(start, e),
        )
        start = max(
            range(max(0, start - reach), min(end, start + reach)), key=lambda s: key(s, end)
        )
    return start, end


def _close_enough(candidate: str, exact: str) -> bool:
    return (
        bool(candidate)
        and abs(len(candidate) - len(exact)) <= max(3, len(exact) // 5)
        and fuzz.ratio(candidate, exact) >= _FUZZY_MIN_RATIO
    )


def _between_context(text: str, h: Highlight) -> tuple[int, int] | None:
    """The passage is edited but its saved context is intact around it."""
    if len(h.prefix) < 8 or len(h.suffix) < 8:
        return None
    prefixes = _occurrences(text, h.prefix)
    if len(prefixes) != 1:
        return None
    start = prefixes[0] + len(h.prefix)
    limit = start + len(h.exact) * 2 + 16
    end = text.find(h.suffix, start, limit + len(h.suffix))
    if end == -1:
        return None
    between = text[start:end]
    if between.count(h.exact) == 1:
        # Something was inserted at the edge: the words themselves are intact.
        inner = start + between.index(h.exact)
        return inner, inner + len(h.exact)
    if not _close_enough(between, h.exact):
        return None
    return start, end


def _fuzzy(text: str, h: Highlight) -> tuple[int, int] | None:
    """The best near-copy of the passage anywhere, if it is the only one."""
    if len(h.exact) < _FUZZY_MIN_LEN:
        return None
    cutoff = _FUZZY_MIN_RATIO
    found = fuzz.partial_ratio_alignment(h.exact, text, score_cutoff=cutoff)
    if found is None:
        return None
    start, end = _refine(text, found.dest_start, found.dest_end, h.exact)
    start, end = _snap(text, start, end, h)
    if not _close_enough(text[start:end], h.exact):
        return None
    # Near-copies of a passage are common (same phrases recur): the words
    # around it must still agree on at least one side.
    if max(context_scores(text, start, end, h.prefix, h.suffix)) < _MIN_SIDE_SCORE:
        return None
    # A second near-copy elsewhere means we cannot tell which one was meant.
    return None if _near_copy(text, h, start, end) else (start, end)


def locate(text: str, h: Highlight) -> tuple[int, int] | None:
    """Where the highlight's passage is in `text` now, or None if it is gone."""
    if h.whole_article:
        return 0, 0
    if h.end <= len(text) and text[h.start : h.end] == h.exact:
        return h.start, h.end
    if not h.exact:
        return None
    starts = _occurrences(text, h.exact)
    found = _between_context(text, h) or _by_context(text, h, starts) or _lone_long(text, h, starts)
    if found is None and not starts:
        # Fuzzy search only when the exact words are nowhere: otherwise it
        # would prefer a near-copy over the real words we could not place.
        found = _fuzzy(text, h)
    return found


def reanchor(text: str, h: Highlight) -> Highlight:
    """The highlight re-attached to `text` (new start/end, orphaned=False), or
    the same highlight with orphaned=True. Saved exact/prefix/suffix are kept."""
    span = locate(text, h)
    if span is None:
        return h if h.orphaned else replace(h, orphaned=True)
    start, end = span
    if (start, end, h.orphaned) == (h.start, h.end, False):
        return h
    return replace(h, start=start, end=end, orphaned=False)
