"""`reader [PATH...]` / `reader open`: start the reading UI.

Paths are read here, before the TUI starts, so a bad path is reported as
one sentence on stderr (and, when nothing at all can be read, the TUI does
not open). With no paths the app opens the library, seeded with the sample
articles on first run. An unexpected error inside the TUI is raised again
once the terminal is restored, so the CLI logs its traceback to reader.log
and exits 70 with one sentence, as for any other command.

SIGHUP (the terminal window closed) and SIGTERM (a polite kill) end the app
through its normal exit, like `q`: queued highlight saves are finished, or
kept in the store's journal when it is busy, and the one sentence saying so
is printed once the terminal is restored. (By default either signal ends
Python at once, losing what was still queued.)
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import os
import signal
import threading
from typing import TYPE_CHECKING

from reader.commands import say_waiting
from reader.errors import ReaderError
from reader.model import Article
from reader.text.sanitize import one_line

if TYPE_CHECKING:
    from reader.ui.app import ReaderApp
from reader.output import warn


def _load(raw_paths: list[str]) -> tuple[list[Article], list[str], list[str]]:
    from reader.ingest import expand, load

    articles: list[Article] = []
    sources: list[str] = []
    failures: list[str] = []
    seen_ids: set[str] = set()
    for raw in raw_paths:
        try:
            paths = expand(raw)
        except ReaderError as exc:
            warn(str(exc))
            failures.append(str(exc))
            continue
        for path in paths:
            try:
                read = load(path)
                article, source = read.article, read.source_text
            except (ReaderError, OSError) as exc:
                message = (
                    str(exc)
                    if isinstance(exc, ReaderError)
                    else (f"{path}: cannot be read ({exc.strerror or exc}).")
                )
                message = one_line(message)
                warn(message)
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


def exit_on_signals(app: ReaderApp) -> None:
    """Make SIGHUP and SIGTERM call app.exit() (the normal, saving exit).
    Runs in the app's event loop, whose signal handling is safe: the handler
    only schedules the exit."""
    loop = asyncio.get_running_loop()
    handlers = {"SIGHUP": lambda: _hung_up(app), "SIGTERM": app.exit}
    for name, handler in handlers.items():
        sig = getattr(signal, name, None)
        if sig is not None:
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(sig, handler)


def _hung_up(app: ReaderApp) -> None:
    """SIGHUP: the terminal is gone. What the app still writes on its way out
    (restoring the screen, the exit notices) goes to /dev/null instead: a
    write to the closed terminal fails, a failed write ends Textual's output
    thread, and the app would then wait on that thread for ever, holding the
    store's lock, with its queued saves unsaved.

    Textual's own shutdown can still stall after a hang-up (seen: its output
    thread's queue waiting for ever in LinuxDriver.close, after the app had
    closed and its saves were done or journaled). With no terminal left
    there is nobody to wait for: HANGUP_GRACE seconds after the hang-up the
    process ends regardless. Saving at exit takes at most the store's short
    lock wait at quit plus a journal append, well inside the grace."""
    with contextlib.suppress(OSError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        for fd in (1, 2):
            os.dup2(devnull, fd)
        os.close(devnull)
    watchdog = threading.Timer(HANGUP_GRACE, os._exit, args=(0,))
    watchdog.daemon = True
    watchdog.start()
    app.exit()


HANGUP_GRACE = 20.0
"""Seconds a reader whose terminal was closed may take to finish exiting."""


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
    from reader.extract.process import ExtractionProcess

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
        store = Store.open(db_path(getattr(args, "db", None)), on_wait=say_waiting)
        notices.extend(store.notices)
    except ReaderError as exc:
        store = None
        notices.append(f"{exc} The library is not available in this session.")

    def first_paint() -> None:
        resume_gc()
        exit_on_signals(app)

    app = ReaderApp(
        store=store,
        articles=articles,
        sources=sources,
        notices=notices,
        extractor=extractor,
        on_first_paint=first_paint,
    )
    try:
        app.run()
    finally:
        if extractor is not None:
            extractor.close()
        if store is not None:
            store.close()
        for notice in app.exit_notices():
            with contextlib.suppress(OSError):  # no terminal any more (SIGHUP)
                warn(notice)
    if app.crash is not None:
        raise app.crash
    return 1 if failures else 0
