"""A small library of saved highlights for the Notes screen tests.

Fixed texts and dates (so the snapshot never moves), saved through the
Store API into a temp store, and a host App that shows only the screen.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from textual.app import App, ComposeResult
from textual.message import Message
from textual.pilot import Pilot
from textual.widgets import Static

from reader.ingest import parse
from reader.model import Article, Highlight, LibraryEntry
from reader.search import SearchIndex
from reader.store import Store
from reader.ui.screens.notes_search import NotesSearch, SearchPick, SearchSource

from .helpers import wait_for

EV_TEXT = (
    "Xiaomi shows the YU7 in America\n\n"
    "A Xiaomi YU7 was spotted on a road in California, likely a comparison "
    "vehicle bought by US peers, Lei Jun said.\n\n"
    "Analysts said the tariff wall keeps Chinese electric cars out of the US market."
)
TRADE_TEXT = (
    "Ports brace for a new tariff round\n\n"
    "Shipping lines warned that a fresh round of tariffs on steel would slow the "
    "ports of Rotterdam and Antwerp.\n\n"
    "Zhōu Mi said the win-win approach of the last decade was over."
)
HOSTILE_TITLE = "[@click=app.quit]Quit[/] and [b]bold[/b"


def _entry(article_id: str, title: str, text: str, published: datetime) -> LibraryEntry:
    return LibraryEntry(
        article_id=article_id,
        path=None,
        title=title,
        section="Business",
        published=published,
        source_text=text,
        is_markdown=False,
        added=datetime(2026, 2, 1, 9, 0),
    )


def _highlight(
    hid: str,
    article_id: str,
    text: str,
    needle: str,
    *,
    day: int,
    tags: tuple[str, ...] = (),
    note: str = "",
    color: str = "yellow",
) -> Highlight:
    start = text.index(needle)
    end = start + len(needle)
    when = datetime(2026, 2, day, 10, 30)
    return Highlight(
        id=hid,
        article_id=article_id,
        start=start,
        end=end,
        exact=needle,
        prefix=text[max(0, start - 32) : start],
        suffix=text[end : end + 32],
        color=color,
        tags=tags,
        note=note,
        created=when,
        updated=when,
    )


def fill(store: Store) -> None:
    """Two articles (one with a hostile title) and five highlights."""
    store.upsert_article(
        _entry(
            "ev00000000000001", "Xiaomi shows the YU7 in America", EV_TEXT, datetime(2026, 1, 27)
        )
    )
    store.upsert_article(
        _entry("tr00000000000002", HOSTILE_TITLE, TRADE_TEXT, datetime(2026, 1, 30))
    )
    store.add_many(
        [
            _highlight(
                "h1",
                "ev00000000000001",
                EV_TEXT,
                "likely a comparison vehicle bought by US peers",
                day=2,
                tags=("cars", "xiaomi"),
                note="Who bought it? Tesla or Ford?",
            ),
            _highlight(
                "h2",
                "ev00000000000001",
                EV_TEXT,
                "the tariff wall keeps Chinese electric cars out of the US market",
                day=3,
                tags=("trade", "cars"),
                color="blue",
            ),
            _highlight(
                "h3",
                "tr00000000000002",
                TRADE_TEXT,
                "a fresh round of tariffs on steel would slow the ports",
                day=4,
                tags=("trade",),
                note="Compare with the [b]2019[/b] round.",
                color="green",
            ),
            _highlight(
                "h4",
                "tr00000000000002",
                TRADE_TEXT,
                "the win-win approach of the last decade was over",
                day=5,
                tags=("trade war",),
                color="pink",
            ),
            _highlight("h5", "ev00000000000001", EV_TEXT, "Lei Jun said", day=6),
        ]
    )


def filled_store(tmp_path: Path) -> Store:
    store = Store.open(tmp_path / "store.json")
    fill(store)
    return store


def index_of(store: Store) -> SearchIndex:
    return SearchIndex.from_store(store, use_snapshot=False)


# ------------------------------------------------------------ in the reader

TRADE_PASSAGE = "a fresh round of tariffs on steel would slow the ports"
SEED_PASSAGE = "Let China come in."


def highlight_in(article: Article, hid: str, needle: str, day: int, **fields: Any) -> Highlight:
    """A highlight of `needle` in the article as ingest gives it, saved on 2026-02-`day`."""
    start = article.text.index(needle)
    end = start + len(needle)
    when = datetime(2026, 2, day, 9, 0)
    return Highlight(
        id=hid,
        article_id=article.id,
        start=start,
        end=end,
        exact=needle,
        prefix=article.text[max(0, start - 32) : start],
        suffix=article.text[end : end + 32],
        created=when,
        updated=when,
        **fields,
    )


def reader_library(path: Path, seed: Article, seed_source: str) -> tuple[Store, Article]:
    """A store with the seed and the trade story in the library, a highlight on
    each; returns it with the trade article (opened from its saved text)."""
    trade = parse(TRADE_TEXT)
    store = Store.open(path)
    store.upsert_article(
        LibraryEntry(
            article_id=seed.id,
            path=None,
            title=seed.meta.title,
            section=seed.meta.section,
            published=seed.meta.published,
            source_text=seed_source,
            is_markdown=False,
            added=datetime(2026, 2, 1),
        )
    )
    store.upsert_article(_entry(trade.id, trade.meta.title, TRADE_TEXT, datetime(2026, 1, 30)))
    store.add_many(
        [
            highlight_in(trade, "t1", TRADE_PASSAGE, 3, tags=("trade",), note="steel again"),
            highlight_in(seed, "s1", SEED_PASSAGE, 4, tags=("trump",), color="pink"),
        ]
    )
    return store, trade


class Host(App[None]):
    """Shows the Notes screen over a plain background; records what it returns."""

    def __init__(self, index: SearchSource | None, **screen_args: Any) -> None:
        super().__init__()
        self.index = index
        self.screen_args = screen_args
        self.picks: list[SearchPick | None] = []

    def compose(self) -> ComposeResult:
        yield Static("behind the notes screen", id="behind")

    def on_mount(self) -> None:
        self.push_screen(NotesSearch(self.index, **self.screen_args), self.picks.append)

    @property
    def notes(self) -> NotesSearch:
        screen = self.screen
        assert isinstance(screen, NotesSearch)
        return screen


def answered(screen: NotesSearch) -> bool:
    """The results on screen answer the text now in the query field (once the
    debounce and the search worker are done with the last key typed), or
    there is no index to search yet."""
    if screen.index is None:
        return screen.up_to_date
    parsed = screen.parsed
    return screen.up_to_date and parsed is not None and parsed.text == screen.query_field.value


async def settled(pilot: Pilot[Any], app: Host) -> None:
    """Wait for the debounce and the search worker to answer the current query."""
    await pilot.pause()
    await wait_for(pilot, lambda: answered(app.notes))
    await pilot.pause()


@asynccontextmanager
async def hosted(
    index: SearchSource | None,
    size: tuple[int, int] = (110, 32),
    *,
    settle: bool = False,
    message_hook: Callable[[Message], None] | None = None,
    **screen_args: Any,
) -> AsyncIterator[tuple[Host, Pilot[Any]]]:
    """A Host over `index` run at `size` (and `settled` first with `settle`):
    yields the app and its pilot."""
    app = Host(index, **screen_args)
    async with app.run_test(size=size, message_hook=message_hook) as pilot:
        if settle:
            await settled(pilot, app)
        yield app, pilot
