"""`reader extract`: the machine interface extraction quality is measured through."""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

from reader.errors import ReaderError
from reader.extract import extract
from reader.ingest import expand, load_path
from reader.model import Article, Extraction
from reader.text.sanitize import one_line

_C1 = re.compile("[\x7f-\x9f]")


def to_json(path: str, article: Article, extraction: Extraction) -> dict[str, Any]:
    meta = article.meta
    return {
        "path": path,
        "article": {
            "id": article.id,
            "title": meta.title,
            "section": meta.section,
            "published": meta.published.isoformat() if meta.published else None,
            "byline": meta.byline,
            "credits": list(meta.credits),
            "text": article.text,
        },
        "quotes": [
            {"text": q.text, "speaker": q.speaker, "start": q.span.start, "end": q.span.end}
            for q in extraction.quotes
        ],
        "people": [
            {
                "name": p.name,
                "aliases": list(p.aliases),
                "role": p.role,
                "mentions": p.mentions,
                "spans": [[s.start, s.end] for s in p.spans],
            }
            for p in extraction.people
        ],
        "figures": [
            {
                "text": f.text,
                "value": f.value,
                "unit": f.unit,
                "kind": f.kind,
                "context": f.context,
                "start": f.span.start,
                "end": f.span.end,
            }
            for f in extraction.figures
        ],
    }


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
                line = json.dumps(to_json(shown, article, extraction), ensure_ascii=False)
                # JSON escapes C0 controls itself; escape C1 too (a file name may
                # hold U+009B, an 8-bit CSI) so the line is safe on a terminal.
                sys.stdout.write(_C1.sub(lambda m: f"\\u{ord(m.group()):04x}", line))
                sys.stdout.write("\n")
            else:
                _print_human(shown, article, extraction)
            sys.stdout.flush()
    return status
