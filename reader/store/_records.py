"""The one place where store records (plain JSON dicts) become models and back.

Why one place: the on-disk field names are a file format with a schema
version; the models may grow fields. Everything else in the store handles
either records (on disk) or models (in and out of the API), never both.

Times reader made (`created`, `updated`, `added`, `opened`) are written in
UTC with their offset and read back in UTC: a naive one (written by an
older version) is the local time it was written in (see reader.clock), so
every model holds aware datetimes and they always compare. An article's
`published` date is its own and is kept as written.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from reader.clock import parse_utc, to_utc, utc_now
from reader.model import Highlight, LibraryEntry

Record = dict[str, Any]

_FAST_FIELDS = (
    "id",
    "article_id",
    "start",
    "end",
    "exact",
    "prefix",
    "suffix",
    "color",
    "tags",
    "note",
    "created",
    "updated",
    "orphaned",
    "people",
)
_FAST = (
    tuple(f.name for f in dataclasses.fields(Highlight)) == _FAST_FIELDS
    and not hasattr(Highlight, "__post_init__")
    and all(hasattr(Highlight.__dict__.get(n), "__set__") for n in _FAST_FIELDS)
)
_SET: tuple[Callable[[object, Any], None], ...] = (
    tuple(Highlight.__dict__[n].__set__ for n in _FAST_FIELDS) if _FAST else ()
)


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _stamp(value: datetime) -> str:
    """A time reader made, as written to disk: ISO 8601 in UTC with its offset."""
    return to_utc(value).isoformat()


def _stamp_or_none(value: datetime | None) -> str | None:
    return _stamp(value) if value is not None else None


def _dt(value: Any) -> datetime | None:
    """An article's own date as written (may be naive or aware)."""
    if not value:
        return None
    return datetime.fromisoformat(value)


def _utc(value: Any) -> datetime | None:
    if not value:
        return None
    return parse_utc(value)


def _fast_utc(text: Any) -> datetime:
    """parse_utc, with the check inlined for the usual UTC case (the load path)."""
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo is UTC else to_utc(moment)


def highlight_to_record(h: Highlight) -> Record:
    return {
        "id": h.id,
        "article_id": h.article_id,
        "start": h.start,
        "end": h.end,
        "exact": h.exact,
        "prefix": h.prefix,
        "suffix": h.suffix,
        "color": h.color,
        "tags": list(h.tags),
        "note": h.note,
        "created": _stamp(h.created),
        "updated": _stamp(h.updated),
        "orphaned": h.orphaned,
        "people": list(h.people),
    }


def record_to_highlight(r: Record) -> Highlight:
    if _FAST:
        return _fast_highlight(r)
    return _slow_highlight(r)


def _fast_highlight(r: Record) -> Highlight:
    """record_to_highlight without the frozen dataclass __init__ (which sets
    each field through object.__setattr__): 2-3x faster, and loading 50k
    highlights is what opening the store costs. Used only while Highlight
    has exactly the fields above, as slots, and no __post_init__; the
    result is equal to _slow_highlight's (tested)."""
    h: Highlight = object.__new__(Highlight)
    s = _SET
    get = r.get
    created = _fast_utc(r["created"])
    updated = get("updated")
    s[0](h, r["id"])
    s[1](h, r["article_id"])
    s[2](h, r["start"])
    s[3](h, r["end"])
    s[4](h, r["exact"])
    s[5](h, get("prefix", ""))
    s[6](h, get("suffix", ""))
    s[7](h, get("color", "yellow"))
    s[8](h, tuple(get("tags", ())))
    s[9](h, get("note", ""))
    s[10](h, created)
    s[11](h, _fast_utc(updated) if updated else created)
    s[12](h, get("orphaned", False))
    s[13](h, tuple(get("people", ())))
    return h


def _slow_highlight(r: Record) -> Highlight:
    created = parse_utc(r["created"])
    updated = r.get("updated")
    return Highlight(
        id=r["id"],
        article_id=r["article_id"],
        start=r["start"],
        end=r["end"],
        exact=r["exact"],
        prefix=r.get("prefix", ""),
        suffix=r.get("suffix", ""),
        color=r.get("color", "yellow"),
        tags=tuple(r.get("tags", ())),
        note=r.get("note", ""),
        created=created,
        updated=parse_utc(updated) if updated else created,
        orphaned=r.get("orphaned", False),
        people=tuple(r.get("people", ())),
    )


def entry_to_record(e: LibraryEntry) -> Record:
    return {
        "article_id": e.article_id,
        "path": e.path,
        "title": e.title,
        "section": e.section,
        "published": _iso(e.published),
        "source_text": e.source_text,
        "is_markdown": e.is_markdown,
        "added": _stamp(e.added),
        "opened": _stamp_or_none(e.opened),
    }


def record_to_entry(r: Record) -> LibraryEntry:
    added = _utc(r.get("added"))
    return LibraryEntry(
        article_id=r["article_id"],
        path=r.get("path"),
        title=r.get("title", ""),
        section=r.get("section"),
        published=_dt(r.get("published")),
        source_text=r.get("source_text", ""),
        is_markdown=r.get("is_markdown", False),
        added=added if added is not None else utc_now(),
        opened=_utc(r.get("opened")),
    )


# -- snapshot tuples (see _snapshot.py): the record fields in _FAST_FIELDS order


def highlight_to_tuple(h: Highlight) -> tuple[Any, ...]:
    return (
        h.id,
        h.article_id,
        h.start,
        h.end,
        h.exact,
        h.prefix,
        h.suffix,
        h.color,
        h.tags,
        h.note,
        _stamp(h.created),
        _stamp(h.updated),
        h.orphaned,
        h.people,
    )


def tuple_to_highlight(t: tuple[Any, ...]) -> Highlight:
    if not _FAST:
        fields = dict(zip(_FAST_FIELDS, t, strict=True))
        fields["created"] = parse_utc(fields["created"])
        fields["updated"] = parse_utc(fields["updated"])
        return Highlight(**fields)
    h: Highlight = object.__new__(Highlight)
    s = _SET
    s[0](h, t[0])
    s[1](h, t[1])
    s[2](h, t[2])
    s[3](h, t[3])
    s[4](h, t[4])
    s[5](h, t[5])
    s[6](h, t[6])
    s[7](h, t[7])
    s[8](h, t[8])
    s[9](h, t[9])
    s[10](h, _fast_utc(t[10]))
    s[11](h, _fast_utc(t[11]))
    s[12](h, t[12])
    s[13](h, t[13])
    return h
