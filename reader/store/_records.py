"""The one place where store records (plain JSON dicts) become models and back.

Why one place: the on-disk field names are a file format with a schema
version; the models may grow fields. Everything else in the store handles
either records (on disk) or models (in and out of the API), never both.

Times reader made (`created`, `updated`, `added`, `opened`) are written in
UTC with their offset and read back in UTC: a naive one (written by an
older version) is the local time it was written in (see reader.clock), so
every model holds aware datetimes and they always compare. An article's
`published` date is its own and is kept as written.

It is also where a store written by someone else (a shared or copied
folder, another program) is made safe to show: every record read becomes a
model whose text has no terminal controls or escape sequences (texts are
sanitised; titles, sections, tags and names are also kept to one line),
whose colour is one of COLORS (else the default) and whose ids pass
safe_id (else the record is unreadable and skipped, like any other
malformed record; the file keeps it). A clean record, which is every record
this program writes, costs one quick scan.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Any

from reader.clock import parse_utc, to_utc, utc_now
from reader.model import COLORS, Highlight, LibraryEntry
from reader.text.sanitize import flat_line, is_clean, one_line, sanitize

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


MAX_ID = 256


def safe_id(value: Any) -> bool:
    """A highlight or article id that can be shown and typed: 1 to MAX_ID
    printable characters, none of them white space (uuid4 and 16 hex digits
    are; so is an odd id like "odd/id", which the store files safely)."""
    return (
        isinstance(value, str)
        and 0 < len(value) <= MAX_ID
        and value.isprintable()
        and " " not in value
    )


_LINE_BREAK = re.compile("[\t\n\u2028\u2029]")
_NAME_DIRT = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _is_clean(hid: Any, article_id: Any, color: Any, texts: str, tags: Any, people: Any) -> bool:
    """One quick look at a whole highlight: both ids safe, a known colour,
    texts without controls, tags and names on clean lines."""
    # str.isprintable() is false for everything the sanitiser removes (and
    # for line breaks): a fast first look that only costs a rescan on a miss.
    names = "".join(tags) + "".join(people)
    return (
        safe_id(hid)
        and safe_id(article_id)
        and color in COLORS
        and (texts.isprintable() or is_clean(texts))
        and (names.isprintable() or _NAME_DIRT.search(names) is None)
    )


def _id(value: Any) -> str:
    if not safe_id(value):
        raise ValueError("an id with white space or control characters")
    return str(value)


def _color(value: Any) -> str:
    return value if isinstance(value, str) and value in COLORS else COLORS[0]


def _texts(exact: str, prefix: str, suffix: str, note: str) -> tuple[str, str, str, str]:
    """The highlight's texts sanitised (a TypeError if one is not text)."""
    if is_clean(exact + prefix + suffix + note):
        return exact, prefix, suffix, note
    return sanitize(exact), sanitize(prefix), sanitize(suffix), sanitize(note)


def _names(values: Iterable[Any], clean: Callable[[str], str]) -> tuple[str, ...]:
    """Tags or people names, each on one clean line (a TypeError if one is not text)."""
    names = tuple(values)
    if not names:
        return names
    joined = "".join(names)
    if is_clean(joined) and _LINE_BREAK.search(joined) is None:
        return names
    return tuple(name for name in map(clean, names) if name)


def _line(value: Any) -> str | None:
    """A title or section on one clean line (None stays None)."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise TypeError("a title or section that is not text")
    return flat_line(value)


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
    result is equal to _slow_highlight's (tested). A record that is not
    clean (see the module docstring) takes the slow path, which cleans it."""
    get = r.get
    hid, article_id, exact = r["id"], r["article_id"], r["exact"]
    prefix, suffix, note = get("prefix", ""), get("suffix", ""), get("note", "")
    color = get("color", COLORS[0])
    tags, people = tuple(get("tags", ())), tuple(get("people", ()))
    if not _is_clean(hid, article_id, color, exact + prefix + suffix + note, tags, people):
        return _slow_highlight(r)
    h: Highlight = object.__new__(Highlight)
    s = _SET
    created = _fast_utc(r["created"])
    updated = get("updated")
    s[0](h, hid)
    s[1](h, article_id)
    s[2](h, r["start"])
    s[3](h, r["end"])
    s[4](h, exact)
    s[5](h, prefix)
    s[6](h, suffix)
    s[7](h, color)
    s[8](h, tags)
    s[9](h, note)
    s[10](h, created)
    s[11](h, _fast_utc(updated) if updated else created)
    s[12](h, get("orphaned", False))
    s[13](h, people)
    return h


def _slow_highlight(r: Record) -> Highlight:
    created = parse_utc(r["created"])
    updated = r.get("updated")
    exact, prefix, suffix, note = _texts(
        r["exact"], r.get("prefix", ""), r.get("suffix", ""), r.get("note", "")
    )
    return Highlight(
        id=_id(r["id"]),
        article_id=_id(r["article_id"]),
        start=r["start"],
        end=r["end"],
        exact=exact,
        prefix=prefix,
        suffix=suffix,
        color=_color(r.get("color", COLORS[0])),
        tags=_names(r.get("tags", ()), one_line),
        note=note,
        created=created,
        updated=parse_utc(updated) if updated else created,
        orphaned=r.get("orphaned", False),
        people=_names(r.get("people", ()), flat_line),
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
        article_id=_id(r["article_id"]),
        path=r.get("path"),  # kept as is to open the file: shown only through the sanitiser
        title=_line(r.get("title")) or "",
        section=_line(r.get("section")),
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
    """A highlight from the snapshot cache (a file in the store folder, so as
    untrusted as the records: one that is not clean is cleaned the same way)."""
    if not _FAST or not _is_clean(t[0], t[1], t[7], t[4] + t[5] + t[6] + t[9], t[8], t[13]):
        return _slow_highlight(dict(zip(_FAST_FIELDS, t, strict=True)))
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
