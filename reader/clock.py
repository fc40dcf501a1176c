"""Times as reader keeps them: timezone-aware, in UTC; shown in local time.

Why one place: Python refuses to order a naive datetime against an aware
one (TypeError), so a single "...Z" in a store full of naive times used to
stop every command that sorts. Every time reader makes is therefore aware
and in UTC, and every time it reads is brought to UTC the same way: a
naive time (what older versions wrote) is the local time it was written
in. Display converts back to local time with `local()`.

(An article's own dates, `published` and `updated` in its metadata, are
not times reader made: they stay as the article states them.)
"""

from __future__ import annotations

from datetime import UTC, datetime


def utc_now() -> datetime:
    """The current time, aware, in UTC."""
    return datetime.now(UTC)


def to_utc(moment: datetime) -> datetime:
    """`moment` in UTC; a naive time is taken as local time. Raises
    ValueError if it cannot be placed on the UTC time line (a date at the
    very edge of datetime's range)."""
    if moment.tzinfo is UTC:
        return moment
    try:
        return moment.astimezone(UTC)
    except (OverflowError, OSError) as exc:
        raise ValueError(f"{moment!r} cannot be converted to UTC") from exc


def parse_utc(text: str) -> datetime:
    """An ISO 8601 time from a file, in UTC (naive = local, see `to_utc`).
    Raises ValueError or TypeError when `text` is not one."""
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo is UTC else to_utc(moment)


def local(moment: datetime) -> datetime:
    """`moment` in the local time zone, for display (naive ones are already local)."""
    if moment.tzinfo is None:
        return moment
    try:
        return moment.astimezone()
    except (OverflowError, OSError, ValueError):
        return moment
