"""`reader extract`: the machine interface extraction quality is measured through."""

from __future__ import annotations

import argparse
from pathlib import Path

from reader.errors import ReaderError
from reader.export import extraction_json_pieces
from reader.extract import extract
from reader.ingest import expand, load_path
from reader.model import Article, Extraction
from reader.output import flush, say, say_json_pieces, warn
from reader.text.sanitize import one_line


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
                say_json_pieces(extraction_json_pieces(shown, article, extraction))
            else:
                _print_human(shown, article, extraction)
            flush()
    return status
