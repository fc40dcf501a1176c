"""`reader extract`: the machine interface extraction quality is measured through."""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

from reader.errors import ReaderError
from reader.extract import extract
from reader.ingest import expand, load_path
from reader.ingest.sanitize import one_line
from reader.model import Article, Extraction, Figure, Person, Quote

_C1 = re.compile("[\x7f-\x9f]")


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


def write_json_line(out: TextIO, path: str, article: Article, extraction: Extraction) -> None:
    """Write json.dumps(to_json(...)) and a newline, a piece at a time.

    Building the whole line (a dict for each of half a million figures, then
    one string of it all, then its escaped and encoded copies) was most of
    `reader extract`'s peak memory on a 64 MiB article. The pieces are the
    same JSON with the same separators. JSON escapes C0 controls itself; C1
    ones are escaped too (a file name may hold U+009B, an 8-bit CSI) so the
    line is safe on a terminal."""
    encode = json.JSONEncoder(ensure_ascii=False).encode

    def put(piece: str) -> None:
        out.write(_C1.sub(lambda m: f"\\u{ord(m.group()):04x}", piece))

    put(f'{{"path": {encode(path)}, "article": {encode(_article_json(article))}')
    sections: tuple[tuple[str, Sequence[Any], Callable[[Any], dict[str, Any]]], ...] = (
        ("quotes", extraction.quotes, _quote_json),
        ("people", extraction.people, _person_json),
        ("figures", extraction.figures, _figure_json),
    )
    for key, items, to_dict in sections:
        put(f', "{key}": [')
        for at in range(0, len(items), _BATCH):
            body = encode([to_dict(item) for item in items[at : at + _BATCH]])[1:-1]
            put(body if at == 0 else ", " + body)
        put("]")
    put("}\n")


def _print_human(path: str, article: Article, extraction: Extraction) -> None:
    out = sys.stdout
    out.write(f"{one_line(path)}\n  title: {article.meta.title}\n")
    if article.meta.section:
        out.write(f"  section: {article.meta.section}\n")
    if article.meta.published:
        out.write(f"  published: {article.meta.published.isoformat()}\n")
    out.write(f"  quotes ({len(extraction.quotes)}):\n")
    for q in extraction.quotes:
        out.write(f"    \u201c{q.text}\u201d \u2014 {q.speaker or 'unattributed'}\n")
    out.write(f"  people ({len(extraction.people)}):\n")
    for p in extraction.people:
        role = f", {p.role}" if p.role else ""
        out.write(f"    {p.name}{role} ({p.mentions} mentions)\n")
    figures = [f for f in extraction.figures if f.kind not in ("date", "time", "year")]
    out.write(f"  figures ({len(figures)}):\n")
    for f in figures:
        out.write(f"    {f.text} [{f.kind}] {f.context or ''}\n")


def run(args: argparse.Namespace) -> int:
    status = 0
    for arg in args.paths:
        try:
            paths = expand(arg)
        except ReaderError as exc:
            print(f"reader: {exc}", file=sys.stderr)
            status = 1
            continue
        for path in paths:
            shown = arg if Path(arg) == path else str(path)
            try:
                article = load_path(path)
            except ReaderError as exc:
                print(f"reader: {exc}", file=sys.stderr)
                status = 1
                continue
            for warning in article.warnings:
                print(f"reader: {one_line(shown)}: {warning}", file=sys.stderr)
            extraction = extract(article)
            if args.json:
                write_json_line(sys.stdout, shown, article, extraction)
            else:
                _print_human(shown, article, extraction)
            sys.stdout.flush()
    return status
