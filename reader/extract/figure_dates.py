"""Dates, clock times and identifiers: digits that are not quantities.

One pass of one regex finds them before numbers are read, so "December 10,
2025", "11:37 AM" and "555-0123" are reported (or skipped) whole instead of
leaking "10", "2025" or "555" as counts. Every repetition is bounded, so the
pass is linear in the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

_MONTH = (
    r"(?:(?i:January|February|March|April|June|July|August|September|October|November|December)"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?|May)"
)
_DAY = r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[5-9][0-9]{2}|20[0-9]{2})"
_SP = r"[ \u00a0]{1,3}"
_AMPM = r"(?:[AaPp]\.[ \u00a0]?[Mm]\.|[AaPp][ \u00a0]?[Mm]\b)"

SPECIAL_RE = re.compile(
    rf"""
    (?P<date>
        (?<![\w.]){_MONTH}{_SP}{_DAY}(?![\w:])(?:,?{_SP}{_YEAR}(?![\w]))?
      | (?<![\w.,]){_DAY}{_SP}(?:of{_SP})?{_MONTH}(?![\w])(?:,?{_SP}{_YEAR}(?![\w]))?
      | (?<![\w.]){_MONTH},?{_SP}(?:of{_SP})?{_YEAR}(?![\w])
      | (?<![\w.,/-])(?:1[5-9]|20)[0-9]{{2}}-[01][0-9]-[0-3][0-9](?![\w-])
      | (?<![\w.,/-])[0-3]?[0-9]/[0-3]?[0-9]/(?:[0-9]{{4}}|[0-9]{{2}})(?![\w/])
    )
  | (?P<time>
        (?<![\w.,:])(?:[01]?[0-9]|2[0-4])[:.][0-5][0-9](?::[0-5][0-9])?[ \u00a0]?{_AMPM}
      | (?<![\w.,:])(?:[01]?[0-9]|2[0-4]):[0-5][0-9](?::[0-5][0-9])?(?![\w:])
      | (?<![\w.,:])(?:1[0-2]|0?[0-9]|2[0-4])[ \u00a0]?{_AMPM}(?![A-Za-z])
    )
  | (?P<ident>
        \+[0-9]{{1,3}}(?:[ .-]?\(?[0-9]{{1,4}}\)?){{2,5}}(?![\w])
      | \([0-9]{{3}}\)[ \u00a0]?[0-9]{{3}}[-.][0-9]{{4}}(?![\w])
      | (?<![\w.,-])[0-9]{{3}}[-.][0-9]{{3}}[-.][0-9]{{4}}(?![\w.-])
      | (?<![\w.,-])[0-9]{{3}}-[0-9]{{4}}(?![\w.-])
      | (?<![\w.,-])[0-9]{{1,6}}(?:-[0-9]{{1,7}}){{2,6}}(?![\w-])
      | (?i:\b(?:ISBN|ISSN|DOI)(?:-1[03])?:?[ \u00a0]?)[0-9Xx][0-9Xx./-]{{0,24}}
    )
    """,
    re.VERBOSE,
)


class Special(NamedTuple):
    """A span of text that holds digits but is a date, a time or an identifier."""

    kind: str  # "date", "time" or "ident"
    start: int
    end: int


def find_special(text: str) -> Iterator[Special]:
    for match in SPECIAL_RE.finditer(text):
        kind = match.lastgroup or "ident"
        yield Special(kind, match.start(), match.end())


_YEAR_PREPOSITIONS = frozenset(
    {"in", "since", "from", "until", "till", "between", "during", "circa", "c.", "before"}
    | {"after", "by", "of", "around", "early", "late", "mid", "through", "to", "and", "the"}
)


def looks_like_year(value: float, previous_word: str) -> bool:
    """A bare four-digit number is a year when it falls in modern times, or
    in earlier centuries when a preposition says so ("between 1600 and 1900")."""
    if not value.is_integer():
        return False
    year = int(value)
    if 1900 <= year <= 2100:
        return True
    return 1000 <= year < 1900 and previous_word.lower() in _YEAR_PREPOSITIONS - {"of", "the"}
