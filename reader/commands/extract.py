"""`reader extract`: the machine interface extraction quality is measured through."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from reader.errors import ReaderError
from reader.extract import extract
from reader.ingest import expand, load_path
from reader.model import Article, Extraction, Figure, Person, Quote
from reader.output import flush, say, say_json_pieces, warn
from reader.text.sanitize import one_line


def to_json(path: str, article: Article, extraction: Extraction) -> dict[str, Any]:
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


def json_pieces(path: str, article: Article, extraction: Extraction) -> Iterator[str]:
    """json.dumps(to_json(...)), a piece at a time (reader.output escapes and
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


def _print_human(path: str, article: Article, extraction: Extraction) -> None:
    say(one_line(path))
    say(f"  title: {article.meta.title}")
    if article.meta.section:
        say(f"  section: {article.meta.section}")
    if article.meta.published:
        say(f"  published: {article.meta.published.isoformat()}")
    say(f"  quotes ({len(extraction.quotes)}):")
    for q in extraction.quotes:
        say(f"    \u201c{q.text}\u201d \u2014 {q.speaker or 'unattributed'}")
    say(f"  people ({len(extraction.people)}):")
    for p in extraction.people:
        role = f", {p.role}" if p.role else ""
        say(f"    {p.name}{role} ({p.mentions} mentions)")
    figures = [f for f in extraction.figures if f.kind not in ("date", "time", "year")]
    say(f"  figures ({len(figures)}):")
    for f in figures:
        say(f"    {f.text} [{f.kind}] {f.context or ''}")


def run(args: argparse.Namespace) -> int:
    status = 0
    for arg in args.paths:
        try:
            paths = expand(arg)
        except ReaderError as exc:
            warn(str(exc))
            status = 1
            continue
        for path in paths:
            shown = arg if Path(arg) == path else str(path)
            try:
                article = load_path(path)
            except ReaderError as exc:
                warn(str(exc))
                status = 1
                continue
            for warning in article.warnings:
                warn(f"{one_line(shown)}: {warning}")
            extraction = extract(article)
            if args.json:
                say_json_pieces(json_pieces(shown, article, extraction))
            else:
                _print_human(shown, article, extraction)
            flush()
    return status
