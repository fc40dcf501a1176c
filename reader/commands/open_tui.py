"""`reader [PATH...]` / `reader open`: start the reading UI.

Paths are read here, before the TUI starts, so a bad path is reported as
one sentence on stderr (and, when nothing at all can be read, the TUI does
not open). With no paths the app opens the library, seeded with the sample
articles on first run.
"""

from __future__ import annotations

import argparse
import gc
import sys

from reader.errors import ReaderError
from reader.model import Article


def _load(raw_paths: list[str]) -> tuple[list[Article], list[str], list[str]]:
    from reader.ingest import expand
    from reader.ui.app import load_with_source

    articles: list[Article] = []
    sources: list[str] = []
    failures: list[str] = []
    seen_ids: set[str] = set()
    for raw in raw_paths:
        try:
            paths = expand(raw)
        except ReaderError as exc:
            print(f"reader: {exc}", file=sys.stderr)
            failures.append(str(exc))
            continue
        for path in paths:
            try:
                article, source = load_with_source(path)
            except (ReaderError, OSError) as exc:
                message = (
                    str(exc)
                    if isinstance(exc, ReaderError)
                    else (f"{path}: cannot be read ({exc.strerror or exc}).")
                )
                print(f"reader: {message}", file=sys.stderr)
                failures.append(message)
                continue
            if article.id in seen_ids:
                continue  # the same text under another name: one article
            seen_ids.add(article.id)
            articles.append(article)
            sources.append(source)
    return articles, sources, failures


def resume_gc() -> None:
    """End the start-up pause of the cyclic garbage collector (see `run`).

    Everything alive now (modules, Textual's classes and styles, the widgets
    on screen) lives as long as the app: it is frozen out of the collector's
    reach, so later collections only look at objects made after start-up.
    """
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def run(args: argparse.Namespace) -> int:
    # Start-up makes a few hundred thousand long-lived objects, and the cyclic
    # collector kept re-scanning them for nothing: ~10% of the time to the
    # first paint. It is paused until then (ReaderApp calls resume_gc once the
    # first screen is painted, and the finally below makes sure of it).
    gc.disable()
    try:
        return _run(args)
    finally:
        resume_gc()


def _run(args: argparse.Namespace) -> int:
    from reader.ui.extract_worker import ExtractionProcess

    # Start the extraction process first, before Textual is even imported:
    # it loads the extractors on another core while the interface starts.
    extractor: ExtractionProcess | None = None
    try:
        process = ExtractionProcess()
        process.start()
        extractor = process
    except OSError:
        extractor = None
    raw_paths: list[str] = list(getattr(args, "paths", None) or [])
    articles: list[Article] = []
    sources: list[str] = []
    failures: list[str] = []
    if raw_paths:
        articles, sources, failures = _load(raw_paths)
        if not articles:
            if extractor is not None:
                extractor.close()
            return 1
    if articles and extractor is not None:
        try:
            extractor.submit(articles[0])
        except EOFError:
            extractor.close()
            extractor = None

    from reader.paths import db_path
    from reader.store import Store
    from reader.ui.app import ReaderApp

    notices: list[str] = list(failures)
    store: Store | None
    try:
        store = Store.open(db_path(getattr(args, "db", None)))
        notices.extend(store.notices)
    except ReaderError as exc:
        store = None
        notices.append(f"{exc} The library is not available in this session.")
    app = ReaderApp(
        store=store,
        articles=articles,
        sources=sources,
        notices=notices,
        extractor=extractor,
        on_first_paint=resume_gc,
    )
    try:
        app.run()
    finally:
        if extractor is not None:
            extractor.close()
        if store is not None:
            store.close()
    return 1 if failures else 0
