"""Read the dates news pages print ("Feb 10, 2026 11:37 AM", "2026-02-10").

The result carries a time zone only when the text names one ("GMT+8",
"UTC", "EST", "+08:00"); otherwise it is naive, as the page left it.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_ZONES = {
    "UTC": 0,
    "GMT": 0,
    "Z": 0,
    "BST": 1,
    "CET": 1,
    "CEST": 2,
    "EET": 2,
    "EEST": 3,
    "MSK": 3,
    "IST": 5.5,
    "CST": -6,
    "CDT": -5,
    "EST": -5,
    "EDT": -4,
    "MST": -7,
    "MDT": -6,
    "PST": -8,
    "PDT": -7,
    "JST": 9,
    "KST": 9,
    "HKT": 8,
    "SGT": 8,
    "AEST": 10,
    "AEDT": 11,
}
# "CST" is ambiguous (US Central / China Standard); US Central is the common
# reading in English-language wire copy, and "GMT+8" is what Chinese outlets print.

_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_TIME = (
    r"(?:\s*(?:,|at|-|\u2014|\u2013)?\s*"
    r"(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?::(?P<second>\d{2}))?"
    r"\s*(?P<ampm>[AaPp]\.?\s?[Mm]\.?)?)?"
)
_ZONE = (
    r"(?:\s*\(?\s*(?P<zone>(?:UTC|GMT)\s*[+-]\s*\d{1,2}(?::?\d{2})?|[+-]\d{2}:?\d{2}"
    r"|[A-Z]{1,4})\s*\)?)?"
)
_WEEKDAY = r"(?:[A-Za-z]+,?\s+)?"
_PATTERNS = (
    re.compile(rf"^{_WEEKDAY}{_MONTH}\s+{_DAY},?\s+{_YEAR}{_TIME}{_ZONE}"),
    re.compile(rf"^{_WEEKDAY}{_DAY}\s+{_MONTH},?\s+{_YEAR}{_TIME}{_ZONE}"),
    re.compile(
        r"^(?P<year>\d{4})[-/](?P<month>\d{1,2})[-/](?P<day>\d{1,2})"
        + _TIME.replace(r"(?:,|at|-|\u2014|\u2013)", r"(?:,|at|T|-|\u2014|\u2013)")
        + _ZONE
    ),
)


def parse_date(text: str) -> datetime | None:
    """The first date (and time) at the start of `text`, or None."""
    text = text.strip()
    for pattern in _PATTERNS:
        match = pattern.match(text)
        if match is None:
            continue
        result = _build(match)
        if result is not None:
            return result
    return None


def _build(match: re.Match[str]) -> datetime | None:
    groups = match.groupdict()
    month_text = groups["month"]
    if month_text.isdigit():
        month = int(month_text)
    else:
        found = _MONTHS.get(month_text.lower())
        if found is None:
            return None
        month = found
    hour = int(groups["hour"]) if groups["hour"] else 0
    minute = int(groups["minute"]) if groups["minute"] else 0
    second = int(groups["second"]) if groups["second"] else 0
    ampm = (groups["ampm"] or "").lower()
    if ampm.startswith("p") and hour < 12:
        hour += 12
    elif ampm.startswith("a") and hour == 12:
        hour = 0
    try:
        value = datetime(int(groups["year"]), month, int(groups["day"]), hour, minute, second)
    except ValueError:
        return None
    zone = _zone(groups["zone"]) if groups["zone"] and groups["hour"] else None
    return value.replace(tzinfo=zone) if zone else value


def _zone(text: str) -> timezone | None:
    text = text.replace(" ", "")
    offset = re.fullmatch(r"(?:UTC|GMT)?([+-])(\d{1,2}):?(\d{2})?", text)
    if offset:
        sign = -1 if offset.group(1) == "-" else 1
        hours, minutes = int(offset.group(2)), int(offset.group(3) or 0)
        if hours > 14 or minutes >= 60:
            return None
        return timezone(sign * timedelta(hours=hours, minutes=minutes))
    hours_offset = _ZONES.get(text)
    if hours_offset is None:
        return None
    return timezone(timedelta(hours=hours_offset))
