"""Hostile articles in the reading UI (App.run_test).

For every loadable payload of the corpus: the reader opens it without an
exception, paints its first screen within 2 s (ingest included), shows
exactly the sanitised article text (nothing swallowed as markup, nothing
added), puts no control character on screen, and clicking on the payload
text runs no action and writes no file.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hostile.payloads import (
    CLIPBOARD_B64,
    TITLE_SECRET,
    Payload,
    corpus,
    forbidden_chars,
    write_corpus,
)
from hostile.payloads import article as story_text
from textual.app import App, ComposeResult
from textual.content import Content
from textual.pilot import Pilot
from textual.strip import Strip
from textual.widgets import Static

from reader.errors import BadInputError
from reader.model import Article
from reader.paths import db_path
from reader.store import Store
from reader.ui.app import ReaderApp, load_with_source
from reader.ui.widgets.article_view import ArticleView

SIZE = (160, 48)
NARROW = (80, 24)
FIRST_PAINT_BUDGET = 2.0
PAYLOADS = [p for p in corpus() if not p.refused]

# Text on screen that would only be there if article markup had been parsed
# and run, or a payload click target to try.
CLICK_TARGETS = ("[@click", "Read more", "Subscribe", "Share", "Continue reading", "[link=")


@dataclass(frozen=True)
class Clock:
    """Wall-clock and process CPU seconds (all threads), read together."""

    wall: float
    cpu: float

    @staticmethod
    def now() -> Clock:
        return Clock(time.perf_counter(), time.process_time())

    def __sub__(self, other: Clock) -> Clock:
        return Clock(self.wall - other.wall, self.cpu - other.cpu)

    def __add__(self, other: Clock) -> Clock:
        return Clock(self.wall + other.wall, self.cpu + other.cpu)


def _ink(text: str) -> str:
    return "".join(text.split())


def _screen_rows(app: App[Any]) -> list[Strip]:
    return list(app.screen._compositor.render_strips())


def _find(rows: list[Strip], needle: str) -> Iterator[tuple[int, int]]:
    for y, strip in enumerate(rows):
        x = strip.text.find(needle)
        if x >= 0:
            yield x, y


async def _click_on(
    pilot: Pilot[Any], rows: list[Strip], targets: tuple[str, ...], first_row: int = 0
) -> int:
    """Click on (up to three) places each target text shows on screen, from
    `first_row` down."""
    clicked = 0
    for target in targets:
        for x, y in [(x, y) for x, y in _find(rows, target) if y >= first_row][:3]:
            await pilot.click(offset=(x + 1, y))
            await pilot.pause()
            clicked += 1
    return clicked


OWN_CLICK_ACTIONS = frozenset({"app.command_palette"})
"""What a click runs by Textual's own design: the header (where the title
shows) opens the command palette. Anything else is a payload at work."""


class Recorder:
    """Every action the app runs and every quit/screenshot attempt."""

    def __init__(self) -> None:
        self.actions: list[str] = []

    def install(self, monkeypatch: pytest.MonkeyPatch) -> None:
        real_run_action = App.run_action

        async def run_action(app: App[Any], action: Any, *args: Any, **kwargs: Any) -> bool:
            if action not in OWN_CLICK_ACTIONS:
                self.actions.append(repr(action))
            return await real_run_action(app, action, *args, **kwargs)

        def refuse(name: str) -> Any:
            def record(*args: Any, **kwargs: Any) -> None:
                self.actions.append(f"{name}{args[1:]!r}")

            return record

        monkeypatch.setattr(App, "run_action", run_action)
        for name in ("action_quit", "action_screenshot", "action_bell", "save_screenshot"):
            monkeypatch.setattr(App, name, refuse(name))
            monkeypatch.setattr(ReaderApp, name, refuse(name), raising=False)


async def _open_and_check(
    article: Article,
    source: str,
    tmp_path: Path,
    recorder: Recorder,
    targets: tuple[str, ...],
    size: tuple[int, int] = SIZE,
) -> Clock:
    store = Store.open(tmp_path / "store.json")
    app = ReaderApp(
        store=store,
        articles=[article],
        sources=[source],
        config_file=tmp_path / "config.json",
        seed=False,
    )
    painted: list[Clock] = []
    real_render_line = ArticleView.render_line

    def timed_render_line(view: ArticleView, y: int) -> Strip:
        strip = real_render_line(view, y)
        if not painted and view.layout_lines:
            painted.append(Clock.now())
        return strip

    started = Clock.now()
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(ArticleView, "render_line", timed_render_line)
            async with app.run_test(size=size) as pilot:
                await pilot.pause()
                deadline = time.perf_counter() + 10
                while not painted and time.perf_counter() < deadline:
                    await pilot.pause(0.02)
                assert painted, "the article pane never painted"
                first_paint = painted[0] - started
                view = app.query_one(ArticleView)
                assert view.article is article
                await _settled(pilot, view, article)
                # Let extraction fill the sidebar, then check the whole screen.
                for _ in range(100):
                    if article.id in app.extractions:
                        break
                    await pilot.pause(0.05)
                await pilot.pause()
                rows = _screen_rows(app)
                _check_screen(rows)
                # Click on every piece of payload text that is on screen.
                recorder.install(patch)
                clicked = await _click_on(pilot, rows, targets)
                print(f"clicked {clicked} payload spots")
                assert recorder.actions == [], f"clicking ran {recorder.actions}"
                assert app.is_running and app.return_code is None
                # The end of the article shows clean too.
                view.action_bottom()
                await pilot.pause()
                await _settled(pilot, view, article)
                _check_screen(_screen_rows(app))
                assert recorder.actions == []
    finally:
        store.close()
    return first_paint


async def _settled(pilot: Pilot[Any], view: ArticleView, article: Article) -> None:
    """Check the pane once layout has settled: a resize (the sidebar filling
    in) may be painted once with the old layout before the pane re-lays out."""
    for attempt in range(20):
        try:
            _check_article_pane(view, article)
            return
        except AssertionError:
            if attempt == 19:
                raise
            await pilot.pause(0.05)


def _check_article_pane(view: ArticleView, article: Article) -> None:
    """What the pane paints is the laid-out text, and the layout is the text."""
    text = article.text
    lines = view.layout_lines
    runs = sorted((r.start, r.end) for line in lines for r in line.runs)
    shown = "".join(text[a:b] for a, b in runs)
    assert _ink(shown) == _ink(text), "the pane does not show exactly the article text"
    top = int(view.scroll_offset.y)
    for y in range(min(view.size.height, len(lines) - top)):
        painted = view.render_line(y).text.rstrip()
        expected = lines[top + y].plain(text).rstrip()
        assert painted.endswith(expected), f"row {y}: {painted!r} != {expected!r}"
        assert painted[: len(painted) - len(expected)].strip(" ▸›┃") == ""


def _check_screen(rows: list[Strip]) -> None:
    for y, strip in enumerate(rows):
        for segment in strip:
            assert forbidden_chars(segment.text) == [], f"row {y}: {segment.text!r}"
            # Textual counts a TAB as no cell: text after it would overpaint.
            assert "\t" not in segment.text, f"row {y}: {segment.text!r}"
            meta = segment.style.meta if segment.style else {}
            click = meta.get("@click")
            assert click is None or "screenshot" not in str(click), (y, click)


async def _first_paint_only(article: Article, tmp_path: Path) -> Clock:
    """Seconds from app start to the article pane's first paint."""
    app = ReaderApp(articles=[article], config_file=tmp_path / "config.json", seed=False)
    painted: list[Clock] = []
    real_render_line = ArticleView.render_line

    def timed_render_line(view: ArticleView, y: int) -> Strip:
        if not painted and view.layout_lines:
            painted.append(Clock.now())
        return real_render_line(view, y)

    started = Clock.now()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ArticleView, "render_line", timed_render_line)
        async with app.run_test(size=SIZE) as pilot:
            while not painted and time.perf_counter() - started.wall < 10:
                await pilot.pause(0.01)
    assert painted
    return painted[0] - started


def _first_paint(path: Path, tmp_path: Path) -> tuple[Clock, Clock]:
    """Ingest and first paint, measured again on a quiet app (no store)."""
    started = Clock.now()
    article, _ = load_with_source(path)
    ingest = Clock.now() - started
    return ingest, asyncio.run(_first_paint_only(article, tmp_path))


def _overloaded() -> bool:
    """More runnable work than CPUs (e.g. several test runs at once)."""
    return os.getloadavg()[0] > (os.cpu_count() or 1)


def assert_within_budget(total: Clock, ingest: Clock, paint: Clock) -> None:
    """Wall-clock first paint under the budget. When the machine is
    overloaded by other processes, wall time measures the queue for the CPU,
    so the process's own CPU time must fit the budget instead (and the wall
    time twice the budget)."""
    message = (
        f"first paint after {ingest.wall:.2f} s ingest + {paint.wall:.2f} s in the app "
        f"({total.cpu:.2f} s CPU)"
    )
    if total.wall < FIRST_PAINT_BUDGET:
        return
    assert _overloaded(), message
    assert total.cpu < FIRST_PAINT_BUDGET and total.wall < 2 * FIRST_PAINT_BUDGET, message


def _written(tmp_path: Path) -> set[Path]:
    """Files a screenshot payload could have written: under the test folder,
    beside it (`../x`) and in /tmp (`pwned.svg`)."""
    found = {p for p in tmp_path.rglob("*") if p.is_file()}
    found.update(tmp_path.parent.glob("x*"))
    found.update(Path("/tmp").glob("pwned*"))
    return found


@pytest.mark.parametrize("payload", PAYLOADS, ids=lambda p: p.id)
def test_hostile_article_in_the_reader(
    tmp_path: Path, payload: Payload, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_corpus(tmp_path / "in", [payload])[payload.id]
    monkeypatch.chdir(tmp_path)
    before = _written(tmp_path)
    started = Clock.now()
    try:
        article, source = load_with_source(path)
    except BadInputError:
        assert payload.may_refuse
        return
    ingest = Clock.now() - started
    recorder = Recorder()
    targets = CLICK_TARGETS + tuple(k[:12] for k in payload.keep)
    paint = asyncio.run(_open_and_check(article, source, tmp_path, recorder, targets))
    # Timing on a shared machine is noisy: a slow first try is measured
    # again (best of three) before it counts as a failure.
    attempts = [(ingest, paint)]
    while min((i + p).wall for i, p in attempts) >= FIRST_PAINT_BUDGET and len(attempts) < 3:
        attempts.append(_first_paint(path, tmp_path))
    ingest, paint = min(attempts, key=lambda a: (a[0] + a[1]).wall)
    total = ingest + paint
    print(
        f"\nfirst-paint {payload.id}: ingest {ingest.wall:.3f} s + app {paint.wall:.3f} s"
        f" (cpu {total.cpu:.3f} s)"
    )
    assert_within_budget(total, ingest, paint)
    written = _written(tmp_path) - before
    written = {p for p in written if p.name not in ("store.json", "config.json")}
    written = {p for p in written if "store" not in p.name and p.suffix != ".lock"}
    assert written == set(), written


class _MarkupApp(App[None]):
    """What the reader must never do: article text given to Static as a str."""

    def __init__(self, shown: str | Content) -> None:
        super().__init__()
        self.shown = shown

    def compose(self) -> ComposeResult:
        yield Static(self.shown)


def test_the_harness_sees_an_action_run_by_clicking_markup(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The click check can fail: on a Static given markup, it catches the quit."""
    recorder = Recorder()

    async def run() -> int:
        app = _MarkupApp("Readers saw [@click=app.quit]Read more[/] today.")
        async with app.run_test(size=(60, 5)) as pilot:
            await pilot.pause()
            recorder.install(monkeypatch)
            return await _click_on(pilot, _screen_rows(app), ("Read more",))

    assert asyncio.run(run()) == 1
    assert any("quit" in action for action in recorder.actions)


def test_the_harness_sees_an_escape_sequence_on_screen() -> None:
    """The screen check can fail: Content passes ESC through to the terminal."""

    async def run() -> list[Strip]:
        app = _MarkupApp(Content("title \x1b]0;pwned\x07 set"))
        async with app.run_test(size=(60, 5)) as pilot:
            await pilot.pause()
            return _screen_rows(app)

    with pytest.raises(AssertionError):
        _check_screen(asyncio.run(run()))


MARKUP_PAYLOADS = [p for p in PAYLOADS if p.family in ("markup", "escape")]


@pytest.mark.parametrize("payload", MARKUP_PAYLOADS, ids=lambda p: p.id)
def test_hostile_article_at_80x24(tmp_path: Path, payload: Payload) -> None:
    """The narrow layout (library hidden, sidebar narrowed or overlaid) shows
    the same text and runs nothing either."""
    path = write_corpus(tmp_path / "in", [payload])[payload.id]
    article, source = load_with_source(path)
    recorder = Recorder()
    targets = CLICK_TARGETS + tuple(k[:12] for k in payload.keep)
    asyncio.run(_open_and_check(article, source, tmp_path, recorder, targets, NARROW))


def test_the_harness_sees_a_crash() -> None:
    """ "No exception" can fail: run_test re-raises what broke the app."""
    from textual.markup import MarkupError

    async def run() -> None:
        async with _MarkupApp("the deal [/b] was signed").run_test(size=(60, 5)) as pilot:
            await pilot.pause()

    with pytest.raises(MarkupError):
        asyncio.run(run())


TINY = ["markup-title.md", "esc-all-in-title.txt", "table-200x50.md", "nest-mixed.md"]


@pytest.mark.parametrize("size", [(20, 6), (1, 1)], ids=["20x6", "1x1"])
@pytest.mark.parametrize("name", TINY)
def test_hostile_article_in_a_tiny_terminal(
    tmp_path: Path, name: str, size: tuple[int, int]
) -> None:
    """A terminal shrunk to almost nothing still opens the article cleanly."""
    [payload] = [p for p in PAYLOADS if p.id == name]
    article, _ = load_with_source(write_corpus(tmp_path, [payload])[payload.id])

    async def run() -> None:
        app = ReaderApp(articles=[article], config_file=tmp_path / "config.json", seed=False)
        async with app.run_test(size=size) as pilot:
            await pilot.pause(0.2)
            _check_screen(_screen_rows(app))
            assert app.query_one(ArticleView).article is article

    asyncio.run(run())


@pytest.mark.parametrize("name", ["markup-title.md", "markup-title.txt", "esc-all-in-title.md"])
def test_hostile_title_in_the_remove_dialog(tmp_path: Path, name: str) -> None:
    """The remove-from-library dialog quotes the title: shown literally, clean,
    and clicking it runs nothing."""
    from reader.ui.screens.dialogs import ConfirmScreen

    [payload] = [p for p in PAYLOADS if p.id == name]
    article, source = load_with_source(write_corpus(tmp_path / "in", [payload])[payload.id])
    recorder = Recorder()

    async def run() -> str:
        store = Store.open(tmp_path / "store.json")
        app = ReaderApp(
            store=store,
            articles=[article],
            sources=[source],
            config_file=tmp_path / "config.json",
            seed=False,
        )
        try:
            async with app.run_test(size=SIZE) as pilot:
                await pilot.pause(0.3)
                await pilot.press("d")
                await pilot.pause()
                assert isinstance(app.screen, ConfirmScreen)
                rows = _screen_rows(app)
                _check_screen(rows)
                with pytest.MonkeyPatch.context() as patch:
                    recorder.install(patch)
                    # Below the header, whose own click opens the palette.
                    clicked = await _click_on(pilot, rows, ("[@click", "boom"), first_row=1)
                if any("@click" in kept for kept in payload.keep):
                    assert clicked > 0, "the title's markup is not on the dialog"
                assert recorder.actions == []
                assert app.is_running
                return "\n".join(r.text for r in rows)
        finally:
            store.close()

    shown = asyncio.run(run())
    for kept in payload.keep:
        assert kept in shown, f"{kept!r} is not shown literally in the dialog"


def test_the_same_article_twice_opens_once(tmp_path: Path) -> None:
    """Two files with the same text (many hostile files sanitise to the same
    article) must not crash the library list with duplicate ids."""
    first = tmp_path / "a.txt"
    first.write_text("Same story\n\nThe same body.\n", encoding="utf-8")
    second = tmp_path / "b.txt"
    second.write_bytes(first.read_bytes())
    one, source_one = load_with_source(first)
    two, source_two = load_with_source(second)
    assert one.id == two.id

    async def run() -> None:
        store = Store.open(tmp_path / "store.json")
        app = ReaderApp(
            store=store,
            articles=[one, two],
            sources=[source_one, source_two],
            config_file=tmp_path / "config.json",
            seed=False,
        )
        try:
            async with app.run_test(size=SIZE) as pilot:
                await pilot.pause(0.3)
                assert app.query_one(ArticleView).article is one
                assert app.is_running
        finally:
            store.close()

    asyncio.run(run())


def _import_hostile_notes(tmp_path: Path) -> tuple[Article, str]:
    """A story and a highlight on it imported (like a user would, through
    `reader notes import`) from a notes file with escape sequences and markup
    in its tags and note."""
    story = tmp_path / "story.txt"
    story.write_text(story_text("Markets opened calmly."), encoding="utf-8")
    osc0 = f"\x1b]0;{TITLE_SECRET}\x07"
    record = {
        "path": str(story),
        "quote": "Markets opened calmly.",
        "tags": [f"harbour{osc0}", "[@click=app.quit]t[/]"],
        "note": f"see \x1b]52;c;{CLIPBOARD_B64}\x07 and {osc0} [/b] end",
    }
    notes = tmp_path / "notes.jsonl"
    notes.write_text(json.dumps(record) + "\n", encoding="utf-8")
    imported = subprocess.run(
        [sys.executable, "-m", "reader", "notes", "import", str(notes)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert imported.returncode == 0, imported.stderr
    return load_with_source(story)


def test_hostile_notes_and_tags_in_the_notes_tab(tmp_path: Path) -> None:
    """Highlights imported from someone else's notes file show in the Notes
    tab without an escape sequence reaching the screen or markup running."""
    article, source = _import_hostile_notes(tmp_path)

    async def run() -> str:
        store = Store.open(db_path())
        app = ReaderApp(
            store=store,
            articles=[article],
            sources=[source],
            config_file=tmp_path / "c.json",
            seed=False,
        )
        try:
            async with app.run_test(size=SIZE) as pilot:
                await pilot.pause()
                await pilot.press("4")
                for _ in range(40):
                    await pilot.pause(0.05)
                    rows = _screen_rows(app)
                    if any("harbour" in r.text for r in rows):
                        break
                _check_screen(rows)
                recorder = Recorder()
                with pytest.MonkeyPatch.context() as patch:
                    recorder.install(patch)
                    await _click_on(pilot, rows, ("[@click", "harbour"))
                assert recorder.actions == []
                return "\n".join(r.text for r in rows)
        finally:
            store.close()

    shown = asyncio.run(run())
    assert "harbour" in shown


def test_hostile_notes_in_the_notes_search_screen(tmp_path: Path) -> None:
    """The Notes search screen ('/') lists and searches the same hostile
    highlight: clean on screen, markup literal, clicks run nothing."""
    article, source = _import_hostile_notes(tmp_path)
    recorder = Recorder()

    async def run() -> str:
        store = Store.open(db_path())
        app = ReaderApp(
            store=store,
            articles=[article],
            sources=[source],
            config_file=tmp_path / "c.json",
            seed=False,
        )
        try:
            async with app.run_test(size=SIZE) as pilot:
                await pilot.pause(0.3)
                await pilot.press("slash")
                await pilot.pause(0.3)
                for key in "harbour":
                    await pilot.press(key)
                rows = _screen_rows(app)
                for _ in range(60):
                    await pilot.pause(0.05)
                    rows = _screen_rows(app)
                    if sum("harbour" in r.text for r in rows) >= 2:
                        break
                _check_screen(rows)
                with pytest.MonkeyPatch.context() as patch:
                    recorder.install(patch)
                    await _click_on(pilot, rows, ("[@click", "[/b]"), first_row=1)
                assert recorder.actions == []
                assert app.is_running
                return "\n".join(r.text for r in rows)
        finally:
            store.close()

    shown = asyncio.run(run())
    assert sum("harbour" in line for line in shown.splitlines()) >= 2, shown
