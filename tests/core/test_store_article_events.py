"""The store tells its subscribers of library changes as well as highlight
changes, and the search index follows both without calling back into the
store from inside a notification."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from reader.annotations import new_highlight
from reader.ingest import library_entry, parse
from reader.model import Highlight, LibraryEntry
from reader.search import SearchIndex
from reader.store import Store

TEXT = "Bridge plan approved\n\nThe council approved the bridge on Monday."


def _entry(title: str = "Bridge plan approved") -> LibraryEntry:
    article = parse(TEXT, source=None, markdown=False)
    return replace(library_entry(article, TEXT), title=title)


def test_upserting_and_removing_an_article_are_announced(tmp_path: Path) -> None:
    seen: list[tuple[str, str, str | None]] = []
    with Store.open(tmp_path / "store.json") as store:
        store.subscribe_articles(lambda kind, e: seen.append((kind, e.article_id, e.title)))
        entry = _entry()
        store.upsert_article(entry)
        store.upsert_article(entry)  # unchanged: no write, no event
        store.upsert_article(replace(entry, title="Renamed"))
        store.remove_article(entry.article_id)
    assert seen == [
        ("article", entry.article_id, "Bridge plan approved"),
        ("article", entry.article_id, "Renamed"),
        ("article-removed", entry.article_id, "Renamed"),
    ]


def test_a_library_change_by_another_process_is_announced_when_read(tmp_path: Path) -> None:
    path = tmp_path / "store.json"
    seen: list[tuple[str, str | None]] = []
    with Store.open(path) as mine, Store.open(path) as theirs:
        mine.articles()
        mine.subscribe_articles(lambda kind, e: seen.append((kind, e.title)))
        theirs.upsert_article(_entry("From elsewhere"))
        assert seen == []  # not read yet
        mine.articles()
    assert seen == [("article", "From elsewhere")]


def test_an_unsubscribed_listener_hears_nothing(tmp_path: Path) -> None:
    seen: list[str] = []
    with Store.open(tmp_path / "store.json") as store:
        stop = store.subscribe_articles(lambda kind, e: seen.append(kind))
        stop()
        store.upsert_article(_entry())
    assert seen == []


def _highlight(entry: LibraryEntry) -> Highlight:
    article = parse(TEXT, source=None, markdown=False)
    start = article.text.index("council")
    return new_highlight(article, start, start + len("council approved"))


def test_the_index_follows_a_renamed_article_without_forwarding(tmp_path: Path) -> None:
    with Store.open(tmp_path / "store.json") as store:
        entry = store.upsert_article(_entry())
        store.add(_highlight(entry))
        index = SearchIndex.from_store(store, use_snapshot=False)
        assert [r.article.title for r in index.search("article:bridge ")] == [
            "Bridge plan approved"
        ]
        store.upsert_article(replace(entry, title="Viaduct vote"))
        assert index.search("article:bridge ") == []
        assert [r.article.title for r in index.search("article:viaduct ")] == ["Viaduct vote"]


class _NoCallsDuringEvents:
    """A store that records any read made while it is delivering an event
    (the store would log and swallow an exception raised there)."""

    def __init__(self, inner: Store) -> None:
        self.inner = inner
        self.delivering = False
        self.calls_from_events: list[str] = []

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self.inner, name)
        if not callable(attribute):
            return attribute

        def recorded(*args: Any, **kwargs: Any) -> Any:
            if self.delivering:
                self.calls_from_events.append(name)
            return attribute(*args, **kwargs)

        return recorded

    def subscribe(self, callback: Any) -> Any:
        def wrapped(kind: str, h: Highlight) -> None:
            self.delivering = True
            try:
                callback(kind, h)
            finally:
                self.delivering = False

        return self.inner.subscribe(wrapped)


def test_the_index_reads_only_what_the_event_carries(tmp_path: Path) -> None:
    with Store.open(tmp_path / "store.json") as inner:
        store = _NoCallsDuringEvents(inner)
        index = SearchIndex.from_store(store, use_snapshot=False)  # type: ignore[arg-type]
        entry = inner.upsert_article(_entry())  # an article the index had not seen
        inner.add(_highlight(entry))
        assert store.calls_from_events == []
        assert [r.article.title for r in index.search("council ")] == ["Bridge plan approved"]
