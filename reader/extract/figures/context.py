"""The short phrase that says what a figure measures.

A count is described by the noun phrase after it ("187,657 new vehicles in
Europe" -> "new vehicles in Europe"); a change ("up 268.6 percent", "rose
7%") by what rose or fell. Looks at most one sentence either side within a
fixed window, so it costs the same for every figure.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

WINDOW = 120
MAX_WORDS = 9

_TRAILING = ".,;:!?)]\"”’'"
_BOUNDARY_RE = re.compile(r"[.!?][\"”’)]?[ \t]+|\n")


def _words(text: str) -> frozenset[str]:
    """A set of words written as one string (keeps long word lists readable)."""
    return frozenset(text.split())


# Words that end a noun phrase: verbs, conjunctions, relative pronouns.
_STOP = _words(
    """that which who whom whose was were is are has have had will would can could should
    may might must did does do be been being and but or nor while as than because if when
    whereas after before since said says say told according though although so yet
    versus vs while where why how what compared"""
)
_CHANGE_VERBS = _words(
    """rose rise rises rising fell fall falls falling up down jumped jump jumps gained gain
    gains lost lose loses increased increase increases decreased decrease decreases dropped
    drop drops climbed climb climbs slid slide slides grew grow grows growing declined
    decline declines plunged plunge plummeted plummeting surged surge soared soar advanced
    advance advances slipped slip tumbled tumble sank sink added adds shed eased ease
    edged dipped dip rallied rebounded lower higher cut cuts raised raise"""
)
_PREPOSITIONS = _words("in on at for from to by with over under into across per")
_DANGLING = _PREPOSITIONS | {"the", "a", "an", "of"}
_PRONOUNS = _words("he she it they we i you his her its their our")


class Sentences:
    """Where the sentences of a text start, found once, so each figure finds
    its sentence by bisection instead of searching the text around it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [m.end() for m in _BOUNDARY_RE.finditer(text)]

    def bounds(self, start: int, end: int) -> tuple[int, int]:
        i = bisect_right(self.starts, start)
        sentence_start = max(self.starts[i - 1] if i else 0, start - WINDOW)
        j = bisect_left(self.starts, end)
        sentence_end = self.starts[j] if j < len(self.starts) else len(self.text)
        return sentence_start, min(sentence_end, end + WINDOW)


def _phrase_after(text: str, end: int, limit: int) -> list[str]:
    words: list[str] = []
    for token in text[end:limit].split(None, MAX_WORDS + 3)[: MAX_WORDS + 3]:
        if not token[0].isalnum():
            break
        word = token.rstrip(_TRAILING)
        low = word.lower()
        if not word or low in _STOP:
            break
        if words or low != "of":
            words.append(word)
        if word != token or len(words) >= MAX_WORDS:
            break
    while words and words[-1].lower() in _DANGLING:
        words.pop()
    return words


def _clause_before(text: str, sentence_start: int, start: int) -> list[str]:
    tokens = text[max(sentence_start, start - WINDOW // 2) : start].split()
    clause: list[str] = []
    for token in reversed(tokens):
        word = token.strip(_TRAILING + "([“‘")
        if word != token.lstrip("([“‘") and len(clause) > 1:
            break  # a comma or colon after this word ends the clause
        if word:
            clause.append(word)
        if (token[0] in "([“‘" and len(clause) > 1) or len(clause) >= MAX_WORDS + 3:
            break
    clause.reverse()
    return clause


def describe(sentences: Sentences, start: int, end: int, kind: str) -> str | None:
    """What the figure at text[start:end] measures, or None if nothing says."""
    text = sentences.text
    sentence_start, sentence_end = sentences.bounds(start, end)
    after = _phrase_after(text, end, sentence_end)
    before = [w for w in _clause_before(text, sentence_start, start) if not _is_amount(w)]
    if after and after[0].lower() in _PRONOUNS:
        after = []  # "$500 million he told shareholders": the phrase is before it
    if kind == "percent":
        for i in range(len(before) - 1, -1, -1):
            if before[i].lower() in _CHANGE_VERBS:
                subject = before[max(0, i - 8) : i + 1]
                if len(subject) > 1:
                    return " ".join(subject)
                break
        if after and after[0].lower() not in _PREPOSITIONS:
            return " ".join(after)
        return " ".join(before) or None
    if after and after[0].lower() not in _PREPOSITIONS:
        return " ".join(_passive(before, after))
    return " ".join(before[-6:] + after[:3]) or None


def _is_amount(word: str) -> bool:
    """A number token other than a year ("187,657", "$4.2bn"): it is not a description."""
    if word.isalpha():
        return False
    return any(c.isdigit() for c in word) and not (word.isdigit() and len(word) == 4)


def _passive(before: list[str], after: list[str]) -> list[str]:
    """ "BYD registered 187,657 new vehicles in Europe" -> "new vehicles
    registered by BYD in Europe": the doer and the deed make a count clearer."""
    if len(before) < 2:
        return after
    verb, subject = before[-1], before[-2]
    named = subject[:1].isupper() and subject.lower() not in _PRONOUNS | {"this", "that", "the"}
    if not (verb.islower() and verb.endswith("ed") and named):
        return after
    split = next((i for i, w in enumerate(after) if w.lower() in _PREPOSITIONS), len(after))
    return [*after[:split], verb, "by", subject, *after[split:]]
