"""Every JSON shape reader writes for highlights, search results and
extractions, in one place: the CLI's `--json` outputs use these, and the
export formats build on them. Plain data in, plain dicts (or JSON text
pieces) out; writing them to a terminal or a file is the caller's job
(reader.output escapes what a terminal must not see)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from reader.model import Article, Extraction, Figure, Highlight, Person, Quote
from reader.search import SearchResult


def highlight_json(h: Highlight, title: str | None) -> dict[str, Any]:
    """One `reader notes list --json` record."""
    return {
        "id": h.id,
        "article_id": h.article_id,
        "title": title,
        "text": h.exact,
        "prefix": h.prefix,
        "suffix": h.suffix,
        "start": h.start,
        "end": h.end,
        "orphaned": h.orphaned,
        "tags": list(h.tags),
        "note": h.note,
        "color": h.color,
        "people": list(h.people),
        "created": h.created.isoformat(),
        "updated": h.updated.isoformat(),
    }


def search_result_json(r: SearchResult) -> dict[str, Any]:
    """One JSON Lines record: what a script needs to find the passage again."""
    h = r.highlight
    return {
        "id": h.id,
        "article_id": r.article.id,
        "article_title": r.article.title,
        "article_path": r.article.path,
        "score": round(r.score, 4),
        "text": h.exact,
        "tags": list(h.tags),
        "note": h.note,
        "color": h.color,
        "created": h.created.isoformat(),
        "orphaned": h.orphaned,
        "matches": [list(span) for span in r.spans],
    }


def extraction_json(path: str, article: Article, extraction: Extraction) -> dict[str, Any]:
    """One `reader extract --json` record: the article and what was found in it."""
    return {
        "path": path,
        "article": _article_json(article),
        "quotes": [_quote_json(q) for q in extraction.quotes],
        "people": [_person_json(p) for p in extraction.people],
        "figures": [_figure_json(f) for f in extraction.figures],
    }


def _article_json(article: Article) -> dict[str, Any]:
    meta = article.meta
    return {
        "id": article.id,
        "title": meta.title,
        "section": meta.section,
        "published": meta.published.isoformat() if meta.published else None,
        "byline": meta.byline,
        "credits": list(meta.credits),
        "text": article.text,
    }


def _quote_json(q: Quote) -> dict[str, Any]:
    return {"text": q.text, "speaker": q.speaker, "start": q.span.start, "end": q.span.end}


def _person_json(p: Person) -> dict[str, Any]:
    return {
        "name": p.name,
        "aliases": list(p.aliases),
        "role": p.role,
        "mentions": p.mentions,
        "spans": [[s.start, s.end] for s in p.spans],
    }


def _figure_json(f: Figure) -> dict[str, Any]:
    return {
        "text": f.text,
        "value": f.value,
        "unit": f.unit,
        "kind": f.kind,
        "context": f.context,
        "start": f.span.start,
        "end": f.span.end,
    }


_BATCH = 1_000
"""Quotes, people or figures encoded per piece of a JSON line."""


def extraction_json_pieces(path: str, article: Article, extraction: Extraction) -> Iterator[str]:
    """json.dumps(extraction_json(...)), a piece at a time (reader.output escapes and
    writes them as one JSON line).

    Building the whole line (a dict for each of half a million figures, then
    one string of it all, then its escaped and encoded copies) was most of
    `reader extract`'s peak memory on a 64 MiB article. The pieces are the
    same JSON with the same separators."""
    encode = json.JSONEncoder(ensure_ascii=False).encode
    yield f'{{"path": {encode(path)}, "article": {encode(_article_json(article))}'
    sections: tuple[tuple[str, Sequence[Any], Callable[[Any], dict[str, Any]]], ...] = (
        ("quotes", extraction.quotes, _quote_json),
        ("people", extraction.people, _person_json),
        ("figures", extraction.figures, _figure_json),
    )
    for key, items, to_dict in sections:
        yield f', "{key}": ['
        for at in range(0, len(items), _BATCH):
            body = encode([to_dict(item) for item in items[at : at + _BATCH]])[1:-1]
            yield body if at == 0 else ", " + body
        yield "]"
    yield "}"
