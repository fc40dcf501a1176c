"""The one place where store records (plain JSON dicts) become models and back.

Why one place: the on-disk field names are a file format with a schema
version; the models may grow fields. Everything else in the store handles
either records (on disk) or models (in and out of the API), never both.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from reader.model import Highlight, LibraryEntry

Record = dict[str, Any]


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _dt(value: Any) -> datetime | None:
    if not value:
        return None
    return datetime.fromisoformat(value)


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
        "created": h.created.isoformat(),
        "updated": h.updated.isoformat(),
        "orphaned": h.orphaned,
        "people": list(h.people),
    }


def record_to_highlight(r: Record) -> Highlight:
    created = datetime.fromisoformat(r["created"])
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
        updated=datetime.fromisoformat(updated) if updated else created,
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
        "added": e.added.isoformat(),
        "opened": _iso(e.opened),
    }


def record_to_entry(r: Record) -> LibraryEntry:
    added = _dt(r.get("added"))
    return LibraryEntry(
        article_id=r["article_id"],
        path=r.get("path"),
        title=r.get("title", ""),
        section=r.get("section"),
        published=_dt(r.get("published")),
        source_text=r.get("source_text", ""),
        is_markdown=r.get("is_markdown", False),
        added=added if added is not None else datetime.now(),
        opened=_dt(r.get("opened")),
    )
