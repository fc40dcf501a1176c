"""Shared helpers for driving ReaderApp in tests."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import AsyncIterator, Callable, Coroutine, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from reader.model import Article, Extraction
from reader.ui.app import ReaderApp
from reader.ui.compat import screen_strips
from reader.ui.config import UIConfig


def make_app(
    articles: Sequence[Article] = (),
    *,
    store: Any = None,
    config: UIConfig | None = None,
    config_file: Path | None = None,
    seed: bool = False,
    extraction: Extraction | None = None,
    notices: Sequence[str] = (),
) -> ReaderApp:
    """An app over `articles`; with `extraction`, the first article's extraction is
    given up front (the extractors' own output then cannot move the test)."""
    app = ReaderApp(
        store=store,
        articles=articles,
        config=config if config is not None else UIConfig(),
        config_file=config_file,
        seed=seed,
        notices=notices,
    )
    if extraction is not None and articles:
        app.extractions[articles[0].id] = extraction
    return app


async def wait_for(pilot: Pilot[Any], condition: Any, timeout: float = 30.0) -> None:
    """Pause until `condition()` is true (extraction and store work run in threads).

    `timeout` is a generous deadline that turns a hang into a failure, counted
    in polls (a busy machine makes each poll longer, never the wait shorter)."""
    waited = 0.0
    while not condition():
        if waited >= timeout:
            raise AssertionError("timed out waiting for the app")
        await pilot.pause(0.05)
        waited += 0.05


async def wait_for_button(pilot: Pilot[Any], screen_type: type, selector: str) -> None:
    """Pause until a `screen_type` is the active screen and its button
    `selector` is laid out and can take a click. The screen is the app's
    screen a tick before its widgets are mounted and placed: a click in that
    tick misses (on a busy machine it reliably does)."""

    def ready() -> bool:
        screen = pilot.app.screen
        if not isinstance(screen, screen_type) or not screen.is_mounted:
            return False
        found = screen.query(selector)
        return bool(found) and found.first().region.area > 0

    await wait_for(pilot, ready)
    await pilot.pause()


LIFELONG_WORKERS = frozenset({"highlight-saver"})
"""Worker groups that run as long as the app does (settle does not wait for them)."""


async def settle(pilot: Pilot[Any], rounds: int = 200) -> None:
    """Wait until the app has finished what it started: every worker done (but
    the lifelong ones) and every message handled.

    A handled message can start a worker and a finished worker can post a
    message (the palette's search starts from a bubbled Input.Changed, a
    suggestion arrives as a message), so this waits for workers and drains
    the message queues in turn, until three rounds in a row find nothing running.
    """
    app = pilot.app
    quiet = 0
    for _ in range(rounds):
        await pilot.pause()
        busy = [w for w in app.workers if not w.is_finished and w.group not in LIFELONG_WORKERS]
        if not busy:
            quiet += 1
            if quiet == 3:
                return
            continue
        quiet = 0
        # app.workers.wait_for_complete(busy), but a worker not started yet, cancelled
        # or failed does not end the wait for the others (the app reports failures).
        await asyncio.gather(*(worker.wait() for worker in busy), return_exceptions=True)
    raise AssertionError(f"the app was still busy after {rounds} rounds: {app.workers}")


@asynccontextmanager
async def running(
    app: ReaderApp, size: tuple[int, int] = (120, 40), *, extracted: bool = True
) -> AsyncIterator[Pilot[Any]]:
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        if extracted and app.initial:
            await wait_for(pilot, lambda: app.initial[0].id in app.extractions)
            await pilot.pause()
        yield pilot


@asynccontextmanager
async def reading(
    articles: Sequence[Article],
    extraction: Extraction | None,
    size: tuple[int, int] = (120, 40),
    **app_args: Any,
) -> AsyncIterator[tuple[ReaderApp, Pilot[Any]]]:
    """`make_app(articles, extraction=extraction, **app_args)` run at `size`, once the
    first article's extraction is in: yields the app and its pilot."""
    app = make_app(articles, extraction=extraction, **app_args)
    async with running(app, size) as pilot:
        yield app, pilot


def screen_text(app: ReaderApp) -> str:
    """The whole screen as plain text, one line per row."""
    return "\n".join(strip.text for strip in screen_strips(app.screen))


def sync(test: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    """Run an async test function with asyncio.run (no pytest plugin needed)."""

    @functools.wraps(test)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        asyncio.run(test(*args, **kwargs))

    return wrapper
