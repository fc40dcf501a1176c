"""`reader notes search` and `reader tags`: the search index from the shell.

Human output uses rich (matched words emphasised) on a terminal and plain
text when piped; `--json` prints JSON Lines for scripts. Stored text is
passed through the ingest sanitiser before it reaches the terminal and is
only ever put into rich `Text` objects, never parsed as markup.
Exit status: 0 with results, 1 with none (a malformed query's hint goes to
stderr either way) or when a damaged notes file kept highlights out of the
results (the damage is named on stderr, with how to restore its backup).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable
from contextlib import AbstractContextManager
from typing import Any

from rich.text import Text

from reader.clock import local
from reader.commands.store_session import incomplete, opened_store
from reader.errors import BadInputError
from reader.export import search_result_json
from reader.output import flush, rich_console, say, say_json, say_rich, warn
from reader.search import SearchIndex, SearchResult, parse_query
from reader.store import Store
from reader.text.sanitize import one_line, sanitize
from reader.text.tags import tag_key

_HIGHLIGHT_STYLE = {
    "yellow": "yellow",
    "green": "green",
    "blue": "blue",
    "pink": "magenta",
    "purple": "purple",
}


def _open_store(args: argparse.Namespace) -> AbstractContextManager[Store]:
    """The store, read-only; what it finds (a damaged file...) is said on stderr."""
    return opened_store(args, readonly=True)


_SPACE = re.compile(r"\s+")


def _emphasised(text: str, spans: Iterable[tuple[int, int]], style: str) -> Text:
    """`text` on one line with `spans` styled; each piece is sanitised on its
    own so the offsets still line up."""
    lead = len(text) - len(text.lstrip())
    out = Text()
    pos = lead
    for start, end in spans:
        if start < pos:
            continue
        out.append(_SPACE.sub(" ", sanitize(text[pos:start])))
        out.append(_SPACE.sub(" ", sanitize(text[start:end])), style=style)
        pos = end
    out.append(_SPACE.sub(" ", sanitize(text[pos:])))
    out.rstrip()
    return out


def _heading(r: SearchResult) -> Text:
    h = r.highlight
    heading = Text(one_line(r.article.title) or "(untitled)", style="bold")
    dates = []
    if r.article.published is not None:
        dates.append(f"published {r.article.published.date().isoformat()}")
    dates.append(f"saved {local(h.created).date().isoformat()}")
    if h.orphaned:
        dates.append("orphaned")
    heading.append("  " + " · ".join(dates), style="dim")
    return heading


def _print_rich(results: list[SearchResult]) -> None:
    console = rich_console()
    for i, r in enumerate(results):
        if i:
            say_rich(console, Text())
        h = r.highlight
        say_rich(console, _heading(r))
        line = Text()
        line.append("▌ ", style=_HIGHLIGHT_STYLE.get(h.color, "yellow"))
        if h.exact:
            line.append_text(_emphasised(h.exact, r.spans, "bold reverse"))
        else:
            line.append("(note on the whole article)", style="italic dim")
        say_rich(console, line)
        if h.tags:
            tags = Text("  " + "  ".join("#" + one_line(t) for t in h.tags), style="cyan")
            say_rich(console, tags)
        if r.note_excerpt:
            note = Text("  note: ", style="dim")
            note.append_text(_emphasised(r.note_excerpt, r.note_spans, "bold"))
            say_rich(console, note)


def _print_plain(results: list[SearchResult]) -> None:
    for i, r in enumerate(results):
        if i:
            say()
        h = r.highlight
        say(_heading(r).plain)
        say("  " + (one_line(h.exact) or "(note on the whole article)"))
        if h.tags:
            say("  tags: " + ", ".join(one_line(t) for t in h.tags))
        if r.note_excerpt:
            say("  note: " + one_line(r.note_excerpt))


def search(args: argparse.Namespace) -> int:
    """Print the best matches for the query; exit 1 when nothing matches."""
    limit: int = args.limit
    if limit < 1:
        raise BadInputError("--limit must be 1 or more.")
    parsed = parse_query(" ".join(args.query))
    if parsed.hint:
        warn(parsed.hint)
    with _open_store(args) as store:
        index = SearchIndex.from_store(store)
    results = index.search(parsed, limit=limit)
    if not results:
        what = "no highlights saved yet" if len(index) == 0 else "no highlights match"
        if incomplete(store):
            what = "no highlights match in what could be read"
        warn(f"{what} ({parsed.description}).")
        return 1
    if args.json:
        for r in results:
            say_json(search_result_json(r))
    elif sys.stdout.isatty():
        _print_rich(results)
    else:
        _print_plain(results)
    flush()
    return 1 if incomplete(store) else 0


def merged_tag_counts(counts: dict[str, int]) -> list[tuple[str, int]]:
    """Tags that search treats as one ("EU", "eu", "#eu") counted together,
    under the first spelling seen; most used first."""
    merged: dict[str, list[Any]] = {}
    for tag, count in counts.items():
        key = tag_key(tag)
        if not key:
            continue
        if key in merged:
            merged[key][1] += count
        else:
            merged[key] = [tag.lstrip("#"), count]
    pairs = [(str(name), int(count)) for name, count in merged.values()]
    return sorted(pairs, key=lambda tc: (-tc[1], tc[0].casefold()))


def tags(args: argparse.Namespace) -> int:
    """Print every tag with its count, most used first."""
    with _open_store(args) as store:
        counts = merged_tag_counts(store.all_tags())
    if not counts:
        warn("no tags yet.")
        return 1 if incomplete(store) else 0
    if args.json:
        for tag, count in counts:
            say_json({"tag": tag, "count": count})
    else:
        width = len(str(counts[0][1]))
        for tag, count in counts:
            say(f"{count:>{width}}  {one_line(tag)}")
    flush()
    return 1 if incomplete(store) else 0
