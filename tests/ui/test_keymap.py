"""keymap.json: the user's keys for the reader's bindings, read at start-up.

A remapped binding answers to its new keys only, and the footer, the help
screen and the palette show them; a bad file or entry gives one
notification and the reader runs on with the rest.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from pathlib import Path

import pytest
from textual.command import CommandPalette

from reader.model import Article, Extraction
from reader.ui.commands import palette_commands
from reader.ui.compat import app_keymap, notifications
from reader.ui.keymap import (
    KEYMAP_MAX_BYTES,
    parse_keys,
    read_keymap,
    reader_bindings,
    valid_key,
)
from reader.ui.screens.help import HelpScreen
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.key_footer import KeyBar

from .helpers import reading, screen_text, sync, wait_for


def write_keymap(home: Path, content: object) -> Path:
    home.mkdir(parents=True, exist_ok=True)
    path = home / "keymap.json"
    path.write_text(content if isinstance(content, str) else json.dumps(content))
    return path


def messages(app: object) -> list[str]:
    return [str(n.message) for n in notifications(app)]  # type: ignore[arg-type]


# ----------------------------------------------------------------- in the app


@sync
async def test_a_remapped_key_runs_the_action_and_the_old_key_does_not(
    isolated_home: Path, seed: Article, seed_extraction: Extraction
) -> None:
    write_keymap(isolated_home, {"article.next-quote": "f5", "app.help": "F1"})
    quotes = seed_extraction.quotes
    async with reading([seed], seed_extraction) as (app, pilot):
        assert messages(app) == []
        view = app.query_one(ArticleView)
        start = view.cursor_offset
        await pilot.press("right_curly_bracket")
        assert view.cursor_offset == start  # "}" no longer moves to the next quote
        await pilot.press("f5")
        assert view.cursor_offset == quotes[0].span.start
        footer = app.query_one(KeyBar)
        assert ("f1", "Help") in [(k.display, k.description) for k in footer.keys]
        assert ("?", "Help") not in [(k.display, k.description) for k in footer.keys]
        next_quote = [
            c for c in palette_commands(app.screen) if c.binding_id == "article.next-quote"
        ]
        assert [c.keys for c in next_quote] == ["f5"]
        await pilot.press("question_mark")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)  # "?" is not Help any more
        await pilot.press("f1")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        await pilot.pause()
        rows = screen_text(app).splitlines()
        assert any("f5" in row and "Next quote" in row for row in rows)
        assert not any("}" in row and "Next quote" in row for row in rows)


@sync
async def test_a_keymap_that_is_not_json_gives_one_notification_and_the_reader_runs(
    isolated_home: Path, seed: Article, seed_extraction: Extraction
) -> None:
    write_keymap(isolated_home, '{"article.next-quote": "f5",')
    async with reading([seed], seed_extraction) as (app, pilot):
        await wait_for(pilot, lambda: messages(app))
        [message] = messages(app)
        assert "keymap.json is not valid JSON (line 1)" in message
        assert dict(app_keymap(app)) == {}
        await pilot.press("right_curly_bracket")  # the default keys work
        assert app.query_one(ArticleView).cursor_offset == seed_extraction.quotes[0].span.start
        assert app.is_running


@sync
async def test_unknown_ids_and_bad_keys_are_told_once_and_the_rest_is_used(
    isolated_home: Path, seed: Article, seed_extraction: Extraction
) -> None:
    write_keymap(
        isolated_home,
        {
            "article.next-quote": "f5",
            "\x1b[31mno.such-binding": "x",
            "app.quit": 5,
            "app.help": "ctrl+nokey",
            "another.unknown": "y",
        },
    )
    async with reading([seed], seed_extraction) as (app, pilot):
        await wait_for(pilot, lambda: messages(app))
        [message] = messages(app)
        assert '"no.such-binding" is not a binding id' in message  # escape sequence removed
        assert '"app.quit" needs its keys as text' in message
        assert '"app.help": "ctrl+nokey" is not a key name' in message
        assert "(and 1 more)" in message
        assert "\x1b" not in message
        assert dict(app_keymap(app)) == {"article.next-quote": "f5"}
        await pilot.press("f5")
        assert app.query_one(ArticleView).cursor_offset == seed_extraction.quotes[0].span.start


@pytest.mark.parametrize("kind", ["folder", "fifo", "too large"])
@sync
async def test_a_keymap_that_is_not_a_small_regular_file_is_refused(
    kind: str, isolated_home: Path, seed: Article, seed_extraction: Extraction
) -> None:
    isolated_home.mkdir(parents=True)
    path = isolated_home / "keymap.json"
    if kind == "folder":
        path.mkdir()
    elif kind == "fifo":
        os.mkfifo(path)  # opening it to read would block the start
    else:
        path.write_text(json.dumps({"app.help": "f1", "pad": " " * KEYMAP_MAX_BYTES}))
    async with reading([seed], seed_extraction) as (app, pilot):
        await wait_for(pilot, lambda: messages(app))
        [message] = messages(app)
        assert "keymap.json" in message
        assert {"folder": "is a folder", "fifo": "not a regular file", "too large": "too large"}[
            kind
        ] in message
        assert dict(app_keymap(app)) == {}
        assert app.is_running


# ------------------------------------------------------------------ the file


def test_no_keymap_file_is_no_keymap_and_no_problem(isolated_home: Path) -> None:
    loaded = read_keymap(isolated_home / "keymap.json")
    assert (dict(loaded.keys), loaded.problems) == ({}, ())


def test_keys_are_written_as_textual_names_them(tmp_path: Path) -> None:
    path = write_keymap(tmp_path, {"app.help": " ?, F1 ,ctrl+S", "article.top": "G,Home"})
    loaded = read_keymap(path)
    assert dict(loaded.keys) == {"app.help": "question_mark,f1,ctrl+S", "article.top": "G,home"}
    assert loaded.problems == ()


@pytest.mark.parametrize(
    ("keys", "bad"),
    [
        ("ctrl+p", []),
        ("shift+tab,escape,pagedown,f12,space", []),
        ("+,-,[,{,/", []),
        ("alt+ctrl+x", []),
        ("ctrl+", ["ctrl+"]),
        ("x,,y", [""]),
        ("hyper+ctrl+hyper+x", ["hyper+ctrl+hyper+x"]),
        ("cmd+x", ["cmd+x"]),
        ("fn42", ["fn42"]),
    ],
)
def test_which_keys_are_key_names(keys: str, bad: list[str]) -> None:
    assert parse_keys(keys)[1] == bad


def test_valid_key_knows_named_and_character_keys() -> None:
    assert valid_key("question_mark") and valid_key("slash") and valid_key("minus")
    assert valid_key("enter") and valid_key("f5") and valid_key("ctrl+up")
    assert not valid_key("question") and not valid_key("ctrl+shift+") and not valid_key("")


def test_json_that_is_not_an_object_or_too_deep_is_one_problem(tmp_path: Path) -> None:
    for content in ('["app.help", "f1"]', "[" * 30_000 + "]" * 30_000, "\xff"):
        path = tmp_path / "keymap.json"
        if content == "\xff":
            path.write_bytes(b'{"app.help": "\xff"}')
        else:
            path.write_text(content)
        loaded = read_keymap(path)
        assert dict(loaded.keys) == {} and len(loaded.problems) == 1, content[:20]


def test_every_binding_id_names_one_binding() -> None:
    ids = Counter(binding.id for _cls, binding in reader_bindings())
    assert None not in ids
    assert [binding_id for binding_id, count in ids.items() if count > 1] == []


def test_the_readme_lists_every_binding_id() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    table = readme.split("The binding ids, by where they work:", 1)[1].split("\n\n", 2)[1]
    listed = re.findall(r"`([a-z-]+\.[a-z-]+)`", table)
    assert sorted(listed) == sorted(binding.id for _cls, binding in reader_bindings())


@sync
async def test_the_palette_key_can_be_moved_and_the_footer_follows(
    isolated_home: Path, seed: Article, seed_extraction: Extraction
) -> None:
    write_keymap(isolated_home, {"app.command-palette": "f2"})
    async with reading([seed], seed_extraction) as (app, pilot):
        palette = app.query_one(KeyBar).palette
        assert palette is not None and palette.display == "f2"
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert not isinstance(app.screen, CommandPalette)
        await pilot.press("f2")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
