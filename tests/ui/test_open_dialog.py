"""The Open dialog's path completion: hostile file names never reach the
terminal, such files still open, and a folder is listed once, not per key."""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

import pytest
from hostile.payloads import CLIPBOARD_B64, TITLE_SECRET, forbidden_chars
from textual.pilot import Pilot
from textual.widgets import Input

import reader.ingest
from reader.model import Article, Extraction
from reader.ui import path_completion
from reader.ui.path_completion import Listing, PathSuggester, list_folder
from reader.ui.screens.dialogs import OpenFileScreen
from reader.ui.widgets.article_view import ArticleView

from .helpers import make_app, running, screen_text, sync, wait_for

STORY = "Harbour story\n\nThe council approved the ferry terminal on Tuesday.\n"

HOSTILE_NAMES = {
    "osc0": f"report\x1b]0;{TITLE_SECRET}\x07.txt",
    "osc52": f"report\x1b]52;c;{CLIPBOARD_B64}\x1b\\.md",
    "csi": "report\x1b[2J\x1b[31m.txt",
    "c1": "report\x9b2J\x9d0;pwned\x9c.txt",
    "raw-c1-byte": "report\udc9b2J.txt",  # the byte 0x9b, not UTF-8: surrogate-escaped
    "bidi": "report\u202egnp\u2066.txt",
    "tab-and-newline": "report\tx\ny.txt",
}


def _clean(text: str) -> bool:
    return not forbidden_chars(text) and "\t" not in text and "\n" not in text


def _hostile_folder(tmp_path: Path, name: str) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    os.fsencode(folder / name)  # a name the platform can hold
    (folder / name).write_text(STORY, encoding="utf-8")
    return folder


async def _type_and_suggest(pilot: Pilot[Any], text: str) -> Input:
    app = pilot.app
    field = app.screen.query_one("#open-path", Input)
    field.value = text
    field.cursor_position = len(text)
    # The field's own workers (its suggester); the app also runs a saver
    # worker for as long as it lives.
    await app.workers.wait_for_complete([w for w in app.workers if w.node is field])
    await pilot.pause()
    return field


@pytest.mark.parametrize("name", HOSTILE_NAMES.values(), ids=list(HOSTILE_NAMES))
@sync
async def test_a_hostile_file_name_is_completed_clean_and_still_opens(
    tmp_path: Path,
    name: str,
    seed: Article,
    seed_extraction: Extraction,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = _hostile_folder(tmp_path, name)
    monkeypatch.chdir(tmp_path)  # a short relative path: all of it fits in the field
    app = make_app([seed], extraction=seed_extraction)
    async with running(app) as pilot:
        await pilot.press("o")
        assert isinstance(app.screen, OpenFileScreen)
        field = await _type_and_suggest(pilot, "in/rep")
        suggestion = field._suggestion
        assert suggestion.startswith("in/report"), suggestion
        assert _clean(suggestion), repr(suggestion)
        shown = screen_text(app)
        assert "report" in shown
        for row in shown.splitlines():
            assert _clean(row), repr(row)
        await pilot.press("tab", "enter")
        await wait_for(pilot, lambda: app.query_one(ArticleView).article is not seed)
        opened = app.query_one(ArticleView).article
        assert opened is not None and opened.meta.title == "Harbour story"
        assert opened.meta.source == str(Path("in") / name)
        assert folder.is_dir()


@sync
async def test_hostile_folder_names_are_completed_clean(tmp_path: Path) -> None:
    inner = tmp_path / f"news\x1b]0;{TITLE_SECRET}\x07"
    inner.mkdir()
    (inner / "story.txt").write_text(STORY, encoding="utf-8")
    suggester = PathSuggester()
    first = await suggester.get_suggestion(str(tmp_path / "ne"))
    assert first == str(tmp_path / "news") + os.sep
    second = await suggester.get_suggestion(first + "st")
    assert second == first + "story.txt"
    assert suggester.real_path(second) == str(inner / "story.txt")


def test_a_folder_is_listed_once_while_typing_in_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for i in range(30):
        (tmp_path / f"story-{i:02d}.txt").write_text(STORY, encoding="utf-8")
    calls: list[Path] = []
    real = path_completion.list_folder

    def counting(folder: Path, limit: int = path_completion.MAX_ENTRIES) -> Listing:
        calls.append(folder)
        return real(folder, limit)

    monkeypatch.setattr(path_completion, "list_folder", counting)

    async def typing() -> list[str | None]:
        suggester = PathSuggester()
        typed = str(tmp_path / "story-1")
        return [
            await suggester.get_suggestion(typed[:n]) for n in range(len(typed) - 6, len(typed) + 1)
        ]

    import asyncio

    suggestions = asyncio.run(typing())
    assert calls == [tmp_path]
    assert suggestions[-1] == str(tmp_path / "story-10.txt")


def test_a_listing_reads_at_most_the_cap(tmp_path: Path) -> None:
    for i in range(40):
        (tmp_path / f"s{i:02d}.txt").write_text(STORY, encoding="utf-8")
    assert len(list_folder(tmp_path, limit=10).shown) == 10
    assert len(list_folder(tmp_path).shown) == 40


def test_a_listing_skips_hidden_and_non_article_files(tmp_path: Path) -> None:
    (tmp_path / ".hidden.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "photo.png").write_bytes(b"\x89PNG")
    (tmp_path / "story.md").write_text(STORY, encoding="utf-8")
    (tmp_path / "folder").mkdir()
    listing = list_folder(tmp_path)
    assert listing.shown == ["folder" + os.sep, "story.md"]
    assert listing.real == {}


def test_names_that_clean_to_the_same_name_are_not_redirected(tmp_path: Path) -> None:
    """'a\\x1bb.txt' cleans to 'ab.txt': the file really named 'ab.txt' is
    the one opened, never the hostile one."""
    (tmp_path / "ab.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "a\x1b[0mb.txt").write_text(STORY, encoding="utf-8")
    listing = list_folder(tmp_path)
    assert listing.shown == ["ab.txt"]
    assert listing.real == {}


def test_complete_is_a_binary_search_in_sorted_names() -> None:
    listing = Listing(["alpha.txt", "beta" + os.sep, "beta.md", "gamma.txt"], {})
    assert listing.complete("b") == "beta" + os.sep
    assert listing.complete("beta.") == "beta.md"
    assert listing.complete("gamma.txt") is None
    assert listing.complete("z") is None
    assert listing.complete("") == "alpha.txt"


def test_an_unreadable_folder_lists_nothing(tmp_path: Path) -> None:
    assert list_folder(tmp_path / "missing") == Listing()


async def _opened(pilot: Pilot[Any], before: Article | None) -> Article:
    """Wait until another article is on screen, then for what is left of the
    "open" workers. (Only that group's: the app's saver worker runs as long as
    the app, and wait_for_complete() with no workers given waits for it.)"""
    app = pilot.app
    view = app.query_one(ArticleView)
    await wait_for(pilot, lambda: view.article is not None and view.article is not before)
    still = [w for w in app.workers if w.group == "open"]
    if still:
        await app.workers.wait_for_complete(still)
    assert view.article is not None
    return view.article


def _parse_threads(monkeypatch: pytest.MonkeyPatch) -> list[threading.Thread]:
    """Record the thread each article is parsed in."""
    threads: list[threading.Thread] = []
    real = reader.ingest.parse

    def recording(*args: Any, **kwargs: Any) -> Article:
        threads.append(threading.current_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(reader.ingest, "parse", recording)
    return threads


@sync
async def test_a_file_opened_in_the_reader_is_parsed_off_the_event_loop(
    tmp_path: Path, seed: Article, seed_extraction: Extraction, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A costly article (here a Markdown cost bomb) never blocks the screen:
    ingest runs in a thread worker and the article is shown when it is ready."""
    path = tmp_path / "bomb.md"
    path.write_text("# Bomb\n\n" + "\n\n".join(["![" * 999] * 50) + "\n", encoding="utf-8")
    threads = _parse_threads(monkeypatch)
    app = make_app([seed], extraction=seed_extraction)
    async with running(app) as pilot:
        await pilot.press("o")
        field = app.screen.query_one("#open-path", Input)
        field.value = str(path)
        await pilot.press("enter")
        opened = await _opened(pilot, seed)
        assert opened.meta.source == str(path)
    assert threads and threading.main_thread() not in threads


@sync
async def test_a_library_entry_is_parsed_off_the_event_loop(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.ingest import load
    from reader.store import Store

    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    read = load(path)
    article = read.article
    threads = _parse_threads(monkeypatch)
    with Store.open(tmp_path / "store.json") as store:
        store.upsert_article(read.entry())
        app = make_app(store=store)
        async with running(app) as pilot:
            assert await _opened(pilot, None) == article
    assert threads and threading.main_thread() not in threads
