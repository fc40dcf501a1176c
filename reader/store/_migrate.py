"""Schema versions of the store and the steps between them.

- v0: one plain TinyDB file (the first prototype): table "highlights" whose
  records keep the passage under "text" and have no "updated", "people" or
  "orphaned"; optional table "articles"; no version recorded.
- v1: the same single file with field names as today and a "meta" table
  holding {"schema_version": 1}.
- v2: the file is a small catalog ("meta" + "articles") and each
  article's highlights live in their own TinyDB file in the shard folder,
  so adding a highlight rewrites one small file instead of everything.
- v3 (current): as v2, with every time reader made (a highlight's
  "created"/"updated", an article's "added"/"opened") in UTC with its
  offset. v0-v2 wrote naive local times; they are read as local time and
  converted (reader.clock). The bump also makes a v2 reader, which cannot
  order aware times against its own naive ones, refuse the store instead.

Each step is a pure function over the parsed JSON; the Store does the I/O.

An upgrade merges, never overwrites: the older file may be a copy put back
over a store that was upgraded since (the kept PATH.vN-* file restored, a
synced older copy, an older reader), so the highlights already in the
current layout and the library of a later catalog are merged with what the
older file holds. A record in both keeps its later version; when nothing
tells which is later the merge refuses (MergeConflict) rather than guess.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from reader.clock import parse_utc
from reader.errors import StoreError

SCHEMA_VERSION = 3

Tables = dict[str, Any]
Record = dict[str, Any]

HIGHLIGHT_TIMES = ("created", "updated")
ENTRY_TIMES = ("added", "opened")


class MergeConflict(Exception):
    """The same record differs in the older file and the current layout, and
    nothing says which version is later."""

    def __init__(self, ident: str) -> None:
        super().__init__(ident)
        self.ident = ident


def schema_version(data: Tables) -> int:
    """The version of a parsed catalog / single-file store (0 if unrecorded)."""
    meta = data.get("meta")
    if isinstance(meta, dict):
        for doc in meta.values():
            if isinstance(doc, dict) and "schema_version" in doc:
                version = doc["schema_version"]
                if not isinstance(version, int):
                    raise StoreError(f"The store records an unreadable schema version {version!r}.")
                return version
    return 0


def meta_table(version: int = SCHEMA_VERSION) -> dict[str, Any]:
    return {"1": {"schema_version": version}}


def v0_to_v1(data: Tables) -> Tables:
    """Rename "text" to "exact" and fill the fields v0 did not have (a no-op
    on v1 records, so it is safe on any single-file store)."""
    highlights: dict[str, Any] = {}
    for doc_id, old in _table(data, "highlights").items():
        if not isinstance(old, dict):
            continue
        rec = dict(old)
        if "exact" not in rec:
            rec["exact"] = rec.pop("text", "")
        rec.setdefault("prefix", "")
        rec.setdefault("suffix", "")
        rec.setdefault("color", "yellow")
        rec.setdefault("tags", [])
        rec.setdefault("note", "")
        rec.setdefault("updated", rec.get("created"))
        rec.setdefault("orphaned", False)
        rec.setdefault("people", [])
        highlights[doc_id] = rec
    out = {k: v for k, v in data.items() if k not in ("highlights", "meta")}
    out["highlights"] = highlights
    out["meta"] = meta_table(1)
    return out


def v1_to_v2(data: Tables) -> tuple[Tables, dict[str, list[dict[str, Any]]]]:
    """Split a single-file store into (catalog, highlights by article id)."""
    by_article: dict[str, list[dict[str, Any]]] = {}
    for rec in _table(data, "highlights").values():
        if isinstance(rec, dict) and isinstance(rec.get("article_id"), str):
            by_article.setdefault(rec["article_id"], []).append(rec)
    catalog = {"meta": meta_table(2), "articles": dict(_table(data, "articles"))}
    return catalog, by_article


def utc_times(rec: Any, fields: Iterable[str]) -> Any:
    """v2 to v3 for one record: a copy with its time `fields` in UTC with
    their offset. A value that is not a time is left for the reader of the
    record to skip, as before."""
    if not isinstance(rec, dict):
        return rec
    out = dict(rec)
    for name in fields:
        value = out.get(name)
        if isinstance(value, str) and value:
            try:
                out[name] = parse_utc(value).isoformat()
            except ValueError:
                continue
    return out


def upgrade(data: Tables, version: int) -> tuple[Tables, dict[str, list[Record]]]:
    """Any older catalog or single-file store (or a current catalog an older
    reader wrote highlights into) as (current catalog, highlight records by
    article id), every time in UTC."""
    if is_single_file_layout(data):
        catalog, by_article = v1_to_v2(v0_to_v1(data))
    else:
        catalog, by_article = {"articles": dict(_table(data, "articles"))}, {}
    catalog["meta"] = meta_table()
    catalog["articles"] = {k: utc_times(v, ENTRY_TIMES) for k, v in catalog["articles"].items()}
    by_article = {
        a: [utc_times(r, HIGHLIGHT_TIMES) for r in records] for a, records in by_article.items()
    }
    return catalog, by_article


def merge_highlights(current: Iterable[Any], older: Iterable[Any]) -> list[Any]:
    """Union by id of a shard's records (`current`, times already in UTC)
    and those an older file holds for it. The same id in both keeps the
    version with the later "updated"; a different version with the same or
    an unreadable "updated" raises MergeConflict. Records without an id
    are kept as they are."""
    by_id: dict[str, Any] = {}
    loose: list[Any] = []
    for source in (current, older):
        for rec in source:
            ident = rec.get("id") if isinstance(rec, dict) else None
            if not isinstance(ident, str):
                loose.append(rec)
                continue
            mine = by_id.get(ident)
            if mine is None or mine == rec:
                by_id.setdefault(ident, rec)
                continue
            ours, theirs = _moment(mine, "updated"), _moment(rec, "updated")
            if ours is None or theirs is None or ours == theirs:
                raise MergeConflict(ident)
            if theirs > ours:
                by_id[ident] = rec
    return [*by_id.values(), *loose]


def merge_articles(newer: Tables, older: Tables) -> Tables:
    """Union by article id of a later catalog's library (`newer`) and an
    older file's. The same article in both keeps the version opened or
    added later, and the later catalog's on a tie (the library is re-made
    from the article file; a highlight is not)."""
    by_id: dict[str, Any] = {}
    loose: list[Any] = []
    for source in (newer, older):
        for rec in source.values():
            ident = rec.get("article_id") if isinstance(rec, dict) else None
            if not isinstance(ident, str):
                loose.append(rec)
                continue
            mine = by_id.get(ident)
            if mine is None:
                by_id[ident] = rec
                continue
            ours = _moment(mine, "opened") or _moment(mine, "added")
            theirs = _moment(rec, "opened") or _moment(rec, "added")
            if ours is not None and theirs is not None and theirs > ours:
                by_id[ident] = rec
    return {str(i): rec for i, rec in enumerate([*by_id.values(), *loose], 1)}


def _moment(rec: Record, name: str) -> datetime | None:
    value = rec.get(name) or (rec.get("created") if name == "updated" else None)
    try:
        return parse_utc(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _table(data: Tables, name: str) -> dict[str, Any]:
    table = data.get(name)
    return table if isinstance(table, dict) else {}


def is_single_file_layout(data: Tables) -> bool:
    return "highlights" in data
