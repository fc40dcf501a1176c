"""Hostile articles in the reading UI (App.run_test).

For every loadable payload of the corpus: the reader opens it without an
exception, shows exactly the sanitised article text (nothing swallowed as
markup, nothing added), puts no control character on screen, and clicking on
the payload text runs no action and writes no file. The reader starts once
per payload family, on its first payload; the others are opened into the
running reader one by one, as `o PATH` opens a file, and each gets every
check. (How fast each one paints is benchmarks/bench_ui.py's bar.)
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from textual.app import App, ComposeResult
from textual.content import Content
from textual.pilot import Pilot
from textual.strip import Strip
from textual.widgets import Static
from ui.helpers import settle, wait_for

from hostile.payloads import (
    CLIPBOARD_B64,
    TITLE_SECRET,
    Payload,
    corpus,
    forbidden_chars,
    write_corpus,
)
from hostile.payloads import article as story_text
from reader.errors import BadInputError
from reader.ingest import load
from reader.model import Article
from reader.paths import db_path
from reader.store import Store
from reader.ui.app import ReaderApp
from reader.ui.compat import screen_strips
from reader.ui.screens.notes_search import NotesSearch
from reader.ui.screens.reading import ReadingScreen
from reader.ui.widgets.article_view import ArticleView


def load_with_source(path: Path) -> tuple[Article, str]:
    read = load(path)
    return read.article, read.source_text


SIZE = (160, 48)
NARROW = (80, 24)
PAYLOADS = [p for p in corpus() if not p.refused]

# Text on screen that would only be there if article markup had been parsed
# and run, or a payload click target to try.
CLICK_TARGETS = ("[@click", "Read more", "Subscribe", "Share", "Continue reading", "[link=")


def _ink(text: str) -> str:
    return "".join(text.split())


def _screen_rows(app: App[Any]) -> list[Strip]:
    return screen_strips(app.screen)


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


@dataclass(frozen=True)
class Loaded:
    """A payload read from its file the way the CLI reads it."""

    payload: Payload
    article: Article
    source: str


def _load(payloads: list[Payload], folder: Path) -> list[Loaded]:
    """Each payload written to `folder` and read back; one that may be refused
    and is, is left out (one that may not be refused fails the test)."""
    paths = write_corpus(folder, payloads)
    loaded: list[Loaded] = []
    for payload in payloads:
        try:
            article, source = load_with_source(paths[payload.id])
        except BadInputError:
            assert payload.may_refuse, f"{payload.id} was refused"
            continue
        loaded.append(Loaded(payload, article, source))
    return loaded


def _app_file(path: Path, tmp_path: Path) -> bool:
    """The reader's own files (store, its shards, backups and lock, config)."""
    relative = path.relative_to(tmp_path) if path.is_relative_to(tmp_path) else path
    return (
        path.name == "config.json"
        or any("store" in part for part in relative.parts)
        or path.suffix in (".lock", ".bak")
    )


async def _open_each_and_check(
    loaded: list[Loaded], tmp_path: Path, size: tuple[int, int] = SIZE
) -> None:
    """Start the reader (with a store) on the first article, open the others
    into it one by one, and check each; a failure names its payload."""
    store = Store.open(tmp_path / "store.json")
    first = loaded[0]
    app = ReaderApp(
        store=store,
        articles=[first.article],
        sources=[first.source],
        config_file=tmp_path / "config.json",
        seed=False,
    )
    before = _written(tmp_path)
    try:
        async with app.run_test(size=size) as pilot:
            for i, item in enumerate(loaded):
                if i:
                    app.reading.post_message(
                        ReadingScreen.PathsRead([item.article], [item.source])
                    )  # `o PATH`
                try:
                    await _check_open_article(pilot, app, item)
                    written = {p for p in _written(tmp_path) - before if not _app_file(p, tmp_path)}
                    assert written == set(), written
                except AssertionError as exc:
                    raise AssertionError(f"{item.payload.id}: {exc}") from exc
    finally:
        store.close()


async def _check_open_article(pilot: Pilot[Any], app: ReaderApp, item: Loaded) -> None:
    """The article on screen exactly, clean, once extraction has filled the
    sidebar and at its end, and clicking its payload text runs nothing."""
    article = item.article
    view = app.query_one(ArticleView)
    await wait_for(pilot, lambda: view.article is article and bool(view.layout_lines))
    await _settled(pilot, view, article)
    await wait_for(pilot, lambda: article.id in app.extractions)
    await settle(pilot)
    rows = _screen_rows(app)
    _check_screen(rows)
    targets = CLICK_TARGETS + tuple(k[:12] for k in item.payload.keep)
    recorder = Recorder()
    with pytest.MonkeyPatch.context() as patch:
        # Click on every piece of payload text that is on screen.
        recorder.install(patch)
        clicked = await _click_on(pilot, rows, targets)
        print(f"{item.payload.id}: clicked {clicked} payload spots")
        await settle(pilot)
        assert recorder.actions == [], f"clicking ran {recorder.actions}"
        assert app.is_running and app.return_code is None
        # The end of the article shows clean too.
        view.action_bottom()
        await pilot.pause()
        await _settled(pilot, view, article)
        _check_screen(_screen_rows(app))
        assert recorder.actions == []
    # What a click opened (the palette from the title, a link's dialog) is
    # closed before the next article opens.
    while len(app.screen_stack) > 1:
        await app.pop_screen()
    await settle(pilot)


async def _settled(pilot: Pilot[Any], view: ArticleView, article: Article) -> None:
    """Check the pane once layout has settled: a resize (the sidebar filling
    in) may be painted once with the old layout before the pane re-lays out.
    Polls with a generous bound: each poll lets the app handle what is queued."""
    attempts = 200
    for attempt in range(attempts):
        try:
            _check_article_pane(view, article)
            return
        except AssertionError:
            if attempt == attempts - 1:
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


def _written(tmp_path: Path) -> set[Path]:
    """Files a screenshot payload could have written: under the test folder,
    beside it (`../x`) and in /tmp (`pwned.svg`)."""
    found = {p for p in tmp_path.rglob("*") if p.is_file()}
    found.update(tmp_path.parent.glob("x*"))
    found.update(Path("/tmp").glob("pwned*"))
    return found


FAMILIES = sorted({p.family for p in PAYLOADS})


@pytest.mark.parametrize("family", FAMILIES)
def test_hostile_articles_in_the_reader(
    tmp_path: Path, family: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every payload of the family, one after another in one running reader."""
    loaded = _load([p for p in PAYLOADS if p.family == family], tmp_path / "in")
    monkeypatch.chdir(tmp_path)
    asyncio.run(_open_each_and_check(loaded, tmp_path))


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


@pytest.mark.parametrize("family", ["markup", "escape"])
def test_hostile_articles_at_80x24(tmp_path: Path, family: str) -> None:
    """The narrow layout (library hidden, sidebar narrowed or overlaid) shows
    the same text and runs nothing either."""
    loaded = _load([p for p in PAYLOADS if p.family == family], tmp_path / "in")
    asyncio.run(_open_each_and_check(loaded, tmp_path, NARROW))


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
def test_hostile_articles_in_a_tiny_terminal(tmp_path: Path, size: tuple[int, int]) -> None:
    """A terminal shrunk to almost nothing still opens each article cleanly
    (one after another in one reader)."""
    loaded = _load([p for p in PAYLOADS if p.id in TINY], tmp_path)
    assert [item.payload.id for item in loaded] == [p.id for p in PAYLOADS if p.id in TINY]

    async def run() -> None:
        app = ReaderApp(
            articles=[loaded[0].article], config_file=tmp_path / "config.json", seed=False
        )
        async with app.run_test(size=size) as pilot:
            view = app.query_one(ArticleView)
            for i, item in enumerate(loaded):
                if i:
                    app.reading.post_message(ReadingScreen.PathsRead([item.article], [item.source]))
                await wait_for(pilot, lambda item=item: view.article is item.article)
                await settle(pilot)
                _check_screen(_screen_rows(app))

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
                await settle(pilot)
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
                await settle(pilot)
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
                await wait_for(pilot, lambda: any("harbour" in r.text for r in _screen_rows(app)))
                rows = _screen_rows(app)
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
                await settle(pilot)
                await pilot.press("slash")
                await wait_for(pilot, lambda: isinstance(app.screen, NotesSearch))
                for key in "harbour":
                    await pilot.press(key)
                await wait_for(
                    pilot, lambda: sum("harbour" in r.text for r in _screen_rows(app)) >= 2
                )
                rows = _screen_rows(app)
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
