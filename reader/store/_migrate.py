"""Schema versions of the store and the steps between them.

- v0: one plain TinyDB file (the first prototype): table "highlights" whose
  records keep the passage under "text" and have no "updated", "people" or
  "orphaned"; optional table "articles"; no version recorded.
- v1: the same single file with field names as today and a "meta" table
  holding {"schema_version": 1}.
- v2 (current): the file is a small catalog ("meta" + "articles") and each
  article's highlights live in their own TinyDB file in the shard folder,
  so adding a highlight rewrites one small file instead of everything.

Each step is a pure function over the parsed JSON; the Store does the I/O.
"""

from __future__ import annotations

from typing import Any

from reader.errors import StoreError

SCHEMA_VERSION = 2

Tables = dict[str, Any]


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
    """Rename "text" to "exact" and fill the fields v0 did not have."""
    highlights: dict[str, Any] = {}
    for doc_id, old in (data.get("highlights") or {}).items():
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
    for rec in (data.get("highlights") or {}).values():
        by_article.setdefault(rec["article_id"], []).append(rec)
    catalog = {"meta": meta_table(), "articles": dict(data.get("articles") or {})}
    return catalog, by_article


def is_single_file_layout(data: Tables) -> bool:
    return "highlights" in data
