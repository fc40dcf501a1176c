"""Sentence boundaries near a quote, aware of abbreviations ("Mr.", "U.S.",
initials), and transcript labels ("WALLACE: ...")."""

from __future__ import annotations

from reader.extract.quotes.attribution_words import (
    ABBREV,
    LABEL_RE,
    SENTENCE_END_RE,
    SENTENCE_OR_LINE_RE,
    WINDOW,
)


def sentence_start(text: str, lo: int, pos: int) -> int:
    """Start of the sentence containing `pos`, not before `lo`."""
    lo = max(lo, pos - WINDOW)
    start = lo
    for m in SENTENCE_END_RE.finditer(text, lo, min(len(text), pos + 1)):
        if m.end() <= pos and not is_abbrev(text, m.start(), lo):
            start = m.end()
    return start


def sentence_starts(text: str, lo: int, hi: int, last: int = 0) -> list[int]:
    """Offsets where sentences (or lines) start in text[lo:hi], in order, `lo`
    first; with `last`, only the last that many (checked from the end, so the
    cost does not grow with the window)."""
    found = [
        m
        for m in SENTENCE_OR_LINE_RE.finditer(text, lo, min(len(text), hi + 1))
        if lo < m.end() <= hi
    ]
    starts: list[int] = []
    for m in reversed(found):
        if text[m.start()] == "\n" or not is_abbrev(text, m.start(), lo):
            starts.append(m.end())
            if last and len(starts) >= last:
                return starts[::-1]
    starts.append(lo)
    return starts[::-1]


def sentence_end(text: str, pos: int, hi: int) -> int:
    """End of the sentence that continues at `pos`, not after `hi`."""
    hi = min(hi, pos + WINDOW)
    for m in SENTENCE_END_RE.finditer(text, pos, min(len(text), hi + 1)):
        if m.end() <= hi and not is_abbrev(text, m.start(), pos):
            return m.start() + 1
    return hi


def is_abbrev(text: str, dot: int, lo: int) -> bool:
    if text[dot] != ".":
        return False
    j = dot
    while j > lo and not text[j - 1].isspace():
        j -= 1
    word = text[j:dot].lower().lstrip('("“')
    return word in ABBREV or (len(word) == 1 and word.isalpha()) or "." in word


def speaker_label(text: str, start: int, end: int) -> tuple[int, str] | None:
    """A transcript label at the start of a quote ("WALLACE: ..."): its length
    and the label."""
    m = LABEL_RE.match(text, start, min(end, start + 44))
    if m is None or not any(c.isalpha() for c in m.group(1)):
        return None
    return m.end() - start, m.group(1).strip()


def has_sentence_end(text: str, lo: int, hi: int) -> bool:
    return any(
        m.end() <= hi and not is_abbrev(text, m.start(), lo)
        for m in SENTENCE_END_RE.finditer(text, lo, min(len(text), hi + 1))
    )
