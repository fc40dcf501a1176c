"""A tiny, safe reader for the YAML-ish front matter of Markdown articles.

Only flat `key: value` lines (plus `- item` lists under a key) are read; no
YAML tags, anchors or code paths. Known keys: title, date/published,
updated/modified, author/authors/byline, url/link/canonical, section/category.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from reader.ingest.dates import parse_date

_KEY = re.compile(r"^(?P<key>[A-Za-z_][\w\-]*)\s*:(?:\s+(?P<value>.*))?\s*$")
_ITEM = re.compile(r"^\s*-\s+(?P<value>.+?)\s*$")


@dataclass(frozen=True, slots=True)
class FrontMatter:
    title: str | None = None
    published: datetime | None = None
    updated: datetime | None = None
    authors: tuple[str, ...] = ()
    url: str | None = None
    section: str | None = None


def looks_like_front_matter(text: str) -> bool:
    """True when every non-blank line is a key, a list item, a comment or an
    indented continuation; anything else means the "---" was a rule, not
    front matter, and its text must stay in the article."""
    for line in text.split("\n"):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if _KEY.match(line) or _ITEM.match(line) or line[:1] in (" ", "\t"):
            continue
        return False
    return True


def _scalar(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def _values(value: str) -> list[str]:
    value = value.strip()
    if value.startswith("[") and value.endswith("]"):
        return [_scalar(v) for v in value[1:-1].split(",") if v.strip()]
    return [_scalar(value)] if value else []


def parse_front_matter(text: str) -> FrontMatter:
    fields: dict[str, list[str]] = {}
    key: str | None = None
    for line in text.split("\n"):
        match = _KEY.match(line)
        if match:
            key = match.group("key").lower()
            fields[key] = _values(match.group("value") or "")
            continue
        item = _ITEM.match(line)
        if item and key is not None:
            fields[key].append(_scalar(item.group("value")))

    def first(*names: str) -> str | None:
        for name in names:
            if fields.get(name):
                return fields[name][0]
        return None

    authors: list[str] = []
    for name in ("authors", "author", "byline"):
        authors.extend(a for a in fields.get(name, []) if a)
    published = first("date", "published", "pubdate")
    updated = first("updated", "modified", "lastmod")
    return FrontMatter(
        title=first("title", "headline"),
        published=parse_date(published) if published else None,
        updated=parse_date(updated) if updated else None,
        authors=tuple(dict.fromkeys(authors)),
        url=first("url", "link", "canonical", "canonical_url"),
        section=first("section", "category", "kicker"),
    )
