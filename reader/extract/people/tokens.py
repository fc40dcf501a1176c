"""Capitalised words and the runs they form: the raw material of the people finder.

A run is a sequence of capitalised words on one line that may be one name:
name particles ("de", "van", "bin"), Arabic prefixes ("al-"), initials
("J.") and a short quoted nickname may stand between its words. Walls of
capitalised words longer than MAX_RUN_CHARS (tables, noise) are skipped so
no input makes the scan slow.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from reader.extract.people.lexicon import ABBREVIATED_TITLES, HONORIFICS, PARTICLES, ROLE_HEADS

UPPER = "".join(chr(c) for c in range(0x250) if chr(c).isupper()) + "".join(
    chr(c) for c in range(0x370, 0x530) if chr(c).isupper()
)
_TOKEN = re.compile(rf"[{UPPER}][^\W_]*(?:['’][^\W_]+)*(?:[-‐][^\W_]+(?:['’][^\W_]+)*)*(?:['’]s?)?")
_ARABIC_PREFIX = r"(?:al|el|ad|as|ash|an|ar|at|az|ud|ul|bin|ibn|abu)[-‐]"
_PARTICLE_ALT = "|".join(sorted(PARTICLES, key=len, reverse=True))
_GAP = (
    rf"(?:\.?[ \t\u00a0]+|\.|[ \t\u00a0]+[\"“][{UPPER}][^\"“”\n,.;:!?]{{0,24}}[\"”][ \t\u00a0]+)"
    rf"(?:(?:{_PARTICLE_ALT})[ \t\u00a0]+)*(?:{_ARABIC_PREFIX})?"
)
_QUOTE_MARKS = ('"', "“", "”")
PARTICLE_BEFORE = re.compile(rf"(?:^|[\s(])((?:{_PARTICLE_ALT})[ \t]|{_ARABIC_PREFIX})$")
_RUN = re.compile(rf"{_TOKEN.pattern}(?:{_GAP}{_TOKEN.pattern})*")

_SHORT_DOTTED = re.compile(r"[A-Z][a-z]?\.")
_DOTTED_PLACE_PREFIXES = frozenset({"St", "Ste", "Mt", "Ft"})
_MAX_RUN_WORDS = 40
_MAX_RUN_CHARS = 400


@dataclass(slots=True)
class Tok:
    """A capitalised word: its span (a possessive 's left out) and shape."""

    start: int
    end: int
    word: str
    possessive: bool
    initial: bool
    allcaps: bool


def iter_runs(text: str, singles: list[tuple[int, str]]) -> Iterator[list[Tok]]:
    """Runs of two or more capitalised words on one line, as tokens; single
    words are appended to `singles` as (offset, word) instead, since most of
    them are sentence openers or aliases and need no tokens."""
    for found in _RUN.finditer(text):
        if found.end() - found.start() > _MAX_RUN_CHARS:
            continue  # a wall of capitalised words: a table or noise, not prose
        raw = found.group()
        if " " not in raw and "." not in raw and "\t" not in raw and "\u00a0" not in raw:
            word = unpossessive(raw)
            singles.append((found.start(), word))
            continue
        run: list[Tok] = []
        nickname = False
        quoted = any(q in raw for q in _QUOTE_MARKS)
        last_end = found.start()
        for match in _TOKEN.finditer(text, found.start(), found.end()):
            raw = match.group()
            start = match.start()
            if quoted:
                quotes = sum(text.count(q, last_end, start) for q in _QUOTE_MARKS)
                last_end = match.end()
                if quotes % 2:
                    nickname = not nickname
                if nickname:
                    continue  # Roberto "Hands of Stone" Duran: not a name word
            word = unpossessive(raw)
            end = start + len(word)
            initial = len(word) == 1 and end < len(text) and text[end] == "."
            caps = len(word) > 1 and word.isupper()
            if len(word) == 1 and _abbreviation(text, start):
                initial, caps = False, True  # U.S., U.N.: not an initial
            tok = Tok(start, end, word, word != raw, initial, caps)
            if run:
                prev = run[-1]
                joined = (
                    not prev.possessive
                    and (
                        text[prev.end] != "."
                        or prev.initial
                        or prev.word in HONORIFICS
                        or prev.word in ROLE_HEADS
                        or prev.word in ABBREVIATED_TITLES
                        or prev.word in _DOTTED_PLACE_PREFIXES
                    )
                    and len(run) < _MAX_RUN_WORDS
                )
                if not joined:
                    yield run
                    run = []
            run.append(tok)
        if run:
            yield run


def _abbreviation(text: str, start: int) -> bool:
    """A letter of a dotted abbreviation ("U.S.") rather than a person's initial."""
    after = text[start + 1 : start + 4]
    before = text[max(0, start - 2) : start]
    dotted = len(after) == 3 and after[0] == "." and after[1].isupper()
    return (dotted and (after[2] == "." or _SHORT_DOTTED.match(text, start + 2) is not None)) or (
        len(before) == 2 and before[1] == "." and before[0].isupper()
    )


def unpossessive(raw: str) -> str:
    if raw.endswith(("'s", "’s")):
        return raw[:-2]
    if raw.endswith(("'", "’")):
        return raw[:-1]
    return raw
