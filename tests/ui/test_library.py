"""The library: seeding, remembering, missing files, sorting, remembered theme."""

from __future__ import annotations

import json
from pathlib import Path

from reader.ingest import expand, load_path
from reader.paths import seeds_dir
from reader.store import Store
from reader.ui.compat import notifications
from reader.ui.config import UIConfig, load_config
from reader.ui.widgets.library import LibraryPanel

from .helpers import make_app, running, screen_text, settle, sync, wait_for


def _seed_titles() -> set[str]:
    return {load_path(p).meta.title for p in expand(seeds_dir())}


@sync
async def test_reader_alone_seeds_the_library_once_and_remembers_it(tmp_path: Path):
    config_file = tmp_path / "config.json"
    with Store.open(tmp_path / "store.json") as store:
        app = make_app(store=store, config_file=config_file, seed=True, config=None)
        app.ui_config = UIConfig()
        async with running(app, size=(160, 50)) as pilot:
            await wait_for(pilot, lambda: app.reading.opened is not None)
            library = app.query_one(LibraryPanel)
            assert library.display
            assert {i.entry.title for i in library.items} == _seed_titles()
            assert app.reading.opened is not None
            assert app.reading.opened.article.meta.title == library.items[0].entry.title
        assert load_config(config_file).seeded
        assert {e.title for e in store.articles()} == _seed_titles()

        # Next run: the same library, not seeded again; after removing
        # everything it stays empty.
        for entry in store.articles():
            store.remove_article(entry.article_id)
        app = make_app(store=store, config_file=config_file, seed=True, config=None)
        app.ui_config = load_config(config_file)
        async with running(app, size=(160, 50)) as pilot:
            await settle(pilot)  # the library is read in a worker
            assert app.reading.library_items == []
            assert "library is empty" in screen_text(app)
        assert store.articles() == []


@sync
async def test_paths_are_added_and_a_gone_file_opens_from_its_saved_text(tmp_path: Path):
    path = tmp_path / "story.txt"
    path.write_text("A headline that stays\n\nThe first paragraph of the story.\n")
    article = load_path(path)
    with Store.open(tmp_path / "store.json") as store:
        app = make_app([article], store=store)
        async with running(app, size=(160, 50)) as pilot:
            await wait_for(pilot, lambda: bool(store.articles()))
        entry = store.articles()[0]
        assert entry.path == str(path.resolve())
        assert "first paragraph" in store.article_text(entry.article_id)

        path.unlink()
        app = make_app(store=store, seed=False)
        async with running(app, size=(160, 50)) as pilot:
            await wait_for(pilot, lambda: app.reading.opened is not None)
            assert app.reading.opened is not None and app.reading.opened.missing
            assert app.reading.opened.article.text == article.text
            shown = screen_text(app)
            assert "file gone" in shown
            assert "A headline that stays" in shown
            assert any("file is gone" in n.message for n in notifications(app))


@sync
async def test_s_sorts_the_library_by_title_and_date(tmp_path: Path):
    old = tmp_path / "old.md"
    old.write_text("---\ntitle: Zebra crossings return\ndate: 2020-01-01\n---\n\nText.\n")
    new = tmp_path / "new.md"
    new.write_text("---\ntitle: Apples in autumn\ndate: 2025-06-01\n---\n\nText.\n")
    config_file = tmp_path / "config.json"
    articles = [load_path(old), load_path(new)]
    app = make_app(articles, config_file=config_file)
    async with running(app, size=(200, 50)) as pilot:
        library = app.query_one(LibraryPanel)
        assert [i.entry.title for i in library.items] == [
            "Apples in autumn",
            "Zebra crossings return",
        ]
        library.option_list.focus()
        await pilot.press("s")
        assert library.sort_key == "title"
        await pilot.press("s")
        assert library.sort_key == "date"
        await app.run_action("reading('sort_library', 'title')")
        await wait_for(
            pilot,
            lambda: (
                config_file.exists()
                and json.loads(config_file.read_text())["library_sort"] == "title"
            ),
        )


@sync
async def test_choosing_a_library_entry_opens_it(tmp_path: Path, seed, feature):
    app = make_app([seed, feature])
    async with running(app, size=(200, 50)) as pilot:
        library = app.query_one(LibraryPanel)
        index = next(i for i, it in enumerate(library.items) if it.entry.article_id == feature.id)
        library.option_list.focus()
        library.option_list.highlighted = index
        await pilot.press("enter")
        await wait_for(
            pilot,
            lambda: app.reading.opened is not None and app.reading.opened.article.id == feature.id,
        )
        assert app.title == feature.meta.title


@sync
async def test_theme_choice_is_remembered(tmp_path: Path, seed):
    config_file = tmp_path / "config.json"
    app = make_app([seed], config_file=config_file)
    async with running(app) as pilot:
        app.theme = "nord"
        await wait_for(
            pilot,
            lambda: config_file.exists() and json.loads(config_file.read_text())["theme"] == "nord",
        )
    again = make_app([seed], config=load_config(config_file), config_file=config_file)
    async with running(again):
        assert again.theme == "nord"


@sync
async def test_two_copies_of_one_story_are_listed_once(tmp_path: Path):
    """Two files with the same text are the same article: no duplicate-id crash."""
    from reader.commands.open_tui import _load

    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "a.txt").write_text("Same story\n\nBody of the story.\n")
    (folder / "b.txt").write_text("Same story\n\nBody of the story.\n")
    articles, _sources, failures = _load([str(folder)])
    assert len(articles) == 1 and not failures
    with Store.open(tmp_path / "store.json") as store:
        app = make_app([articles[0], load_path(folder / "b.txt")], store=store)
        async with running(app, size=(160, 50)) as pilot:
            await settle(pilot)
            assert [i.entry.title for i in app.query_one(LibraryPanel).items] == ["Same story"]
            assert "Same story" in screen_text(app)


def test_deep_block_quotes_keep_their_words_in_the_pane() -> None:
    from reader.ingest import parse
    from reader.ui.layout import MAX_QUOTE_BARS, block_lines

    article = parse("> " * 200 + "deep quote words", markdown=True)
    quote = next(b for b in article.blocks if b.kind.value == "quote")
    lines = block_lines(article, article.blocks.index(quote), 40)
    shown = "".join(line.plain(article.text) for line in lines)
    assert "deep quote words" in shown
    assert shown.count("▌") <= MAX_QUOTE_BARS
