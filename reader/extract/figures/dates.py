"""Dates, clock times and identifiers: digits that are not quantities.

Tried where each run of digits starts, before the number is read, so
"December 10, 2025", "11:37 AM" and "555-0123" are reported (or skipped)
whole instead of leaking "10", "2025" or "555" as counts. Every match is
anchored and bounded to a few characters, so the cost per number is fixed.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_MONTH = (
    r"(?:(?i:January|February|March|April|June|July|August|September|October|November|December)"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?|May)"
)
_DAY = r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[5-9][0-9]{2}|20[0-9]{2})"
_SP = r"[ \u00a0]{1,3}"
_ZONE = r"(?:GMT|UTC|BST|CET|CEST|EST|EDT|ET|PST|PDT|PT|CST|CDT|CT|HKT|JST|IST|SGT|AEST|AEDT)"
_AMPM = r"(?:[AaPp]\.[ \u00a0]?[Mm]\.|[AaPp][ \u00a0]?[Mm]\b)"

# Patterns tried where a run of digits starts (never scanned over the text).
AT_DIGITS_RE = re.compile(
    rf"""
    (?P<date>
        {_DAY}{_SP}(?:of{_SP})?{_MONTH}(?![\w])(?:,?{_SP}{_YEAR}(?![\w]))?
      | (?:1[5-9]|20)[0-9]{{2}}-[01][0-9]-[0-3][0-9]
        (?:T[0-9:.]{{2,12}}(?:Z|[+-][0-9:]{{2,5}})?)?(?![\w-])
      | [0-3]?[0-9]/[0-3]?[0-9]/(?:[0-9]{{4}}|[0-9]{{2}})(?![\w/])
    )
  | (?P<time>
        (?:[01]?[0-9]|2[0-4])[:.][0-5][0-9](?::[0-5][0-9])?[ \u00a0]?(?:{_AMPM}|{_ZONE}\b)
      | (?:[01]?[0-9]|2[0-4]):[0-5][0-9](?::[0-5][0-9])?(?![\w:])
      | (?:[01][0-9]|2[0-3])[0-5][0-9][ \u00a0]?{_ZONE}\b
      | (?:1[0-2]|0?[0-9]|2[0-4])[ \u00a0]?{_AMPM}(?![A-Za-z])
    )
  | (?P<ident>
        [0-9]{{3}}[-.][0-9]{{3}}[-.][0-9]{{4}}(?![\w.-])
      | [0-9]{{3}}-[0-9]{{4}}(?![\w.-])
      | [0-9]{{1,6}}(?:-[0-9]{{1,7}}){{2,6}}(?![\w-])
    )
    """,
    re.VERBOSE,
)
# Tried one character before the digits: "+44 20 7946 0958", "(212) 555-0199".
PHONE_RE = re.compile(
    r"\+[0-9]{1,3}(?:[ .-]?\(?[0-9]{1,4}\)?){2,5}(?![\w])"
    r"|\([0-9]{3}\)[ \u00a0]?[0-9]{3}[-.][0-9]{4}(?![\w])"
)
# A month name ending just before the digits: "December 10", "June of 2018".
MONTH_BEFORE_RE = re.compile(rf"(?<![\w.]){_MONTH}(?:,?{_SP}(?:of{_SP})?)$")
AFTER_MONTH_RE = re.compile(
    rf"{_MONTH}{_SP}{_DAY}(?:[-–]{_DAY})?(?![\w:])(?:,?{_SP}{_YEAR}(?![\w]))?"
    rf"|{_MONTH},?{_SP}(?:of{_SP})?{_YEAR}(?![\w])"
)


class Special(NamedTuple):
    """A span of text that holds digits but is a date, a time or an identifier."""

    kind: str  # "date", "time" or "ident"
    start: int
    end: int


def special_at(text: str, start: int) -> Special | None:
    """The date, time or identifier that the digits at `start` belong to, if any.
    Only anchored matches over a few characters: the cost per number is fixed."""
    if start > 0:
        prev = text[start - 1]
        if prev in "+(":
            phone = PHONE_RE.match(text, start - 1, start + 24)
            if phone:
                return Special("ident", phone.start(), phone.end())
        if prev in " \u00a0,":
            month = MONTH_BEFORE_RE.search(text, max(0, start - 16), start)
            if month:
                date = AFTER_MONTH_RE.match(text, month.start(), start + 12)
                if date and date.end() > start:
                    return Special("date", date.start(), date.end())
    found = AT_DIGITS_RE.match(text, start, start + 40)
    if found:
        return Special(found.lastgroup or "ident", start, found.end())
    return None


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
