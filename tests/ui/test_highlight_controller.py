"""The Highlighter: changes show at once, saves run in order off the UI
thread, failures are undone with a message, and loading re-anchors."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from textual import on
from textual.app import App, ComposeResult

from reader.annotations import new_highlight, people_in
from reader.ingest import parse
from reader.model import Article, Extraction, Highlight
from reader.store import Store
from reader.ui.highlights import Highlighter

from .helpers import sync, wait_for, wait_for_button


class Host(App[None]):
    def __init__(self, store: Any, color: str = "yellow") -> None:
        super().__init__()
        self.store = store
        self.start_color = color
        self.changes: list[tuple[Highlight, ...]] = []
        self.saved: list[tuple[str, Highlight]] = []
        self.failed: list[str] = []
        self.chosen_colors: list[str] = []
        self.notices: list[str] = []

    def compose(self) -> ComposeResult:
        yield Highlighter(self.store, color=self.start_color)

    @property
    def hl(self) -> Highlighter:
        return self.query_one(Highlighter)

    @on(Highlighter.Changed)
    def _changed(self, event: Highlighter.Changed) -> None:
        self.changes.append(event.highlights)

    @on(Highlighter.Saved)
    def _saved(self, event: Highlighter.Saved) -> None:
        self.saved.append((event.kind, event.highlight))

    @on(Highlighter.SaveFailed)
    def _failed(self, event: Highlighter.SaveFailed) -> None:
        self.failed.append(event.error)

    @on(Highlighter.ColorChosen)
    def _color(self, event: Highlighter.ColorChosen) -> None:
        self.chosen_colors.append(event.color)

    def notify(self, message: Any, **kwargs: Any) -> None:  # type: ignore[override]
        self.notices.append(str(message))


class GatedStore:
    """A real store whose writes wait until the test opens the gate, and record
    their thread: a save in progress is a state the test controls, not a delay
    it hopes is long enough."""

    def __init__(self, store: Store) -> None:
        self.inner = store
        self.gate = threading.Event()
        self.threads: set[int] = set()

    def _slow(self) -> None:
        self.threads.add(threading.get_ident())
        if not self.gate.wait(timeout=60):
            raise AssertionError("the test never let the store write")

    def add(self, h: Highlight) -> Highlight:
        self._slow()
        return self.inner.add(h)

    def update(self, h: Highlight) -> Highlight:
        self._slow()
        return self.inner.update(h)

    def delete(self, highlight_id: str) -> Highlight | None:
        self._slow()
        return self.inner.delete(highlight_id)

    def highlights(self, article_id: str) -> list[Highlight]:
        return self.inner.highlights(article_id)

    def all_tags(self) -> dict[str, int]:
        return self.inner.all_tags()

    def __getattr__(self, name: str) -> Any:
        # The rest of StoreAPI (notices, journal, lock_wait, ...) is the real store's.
        return getattr(self.inner, name)


TEXT = (
    "Bridge plan approved\n\n"
    "The council approved the bridge on Monday. Mayor Ana Ruiz said: "
    '"We waited ten years." Critics disagreed.\n\n'
    "Work starts in May. It will cost 40 million."
)


@pytest.fixture
def article() -> Article:
    return parse(TEXT, source=None, markdown=False)


def span_of(article: Article, words: str) -> tuple[int, int]:
    start = article.text.index(words)
    return start, start + len(words)


@sync
async def test_a_highlight_shows_at_once_and_is_saved_in_a_worker_thread(
    article: Article, store: Store
) -> None:
    slow = GatedStore(store)
    app = Host(slow)
    async with app.run_test() as pilot:
        app.hl.load(article)
        await pilot.pause()
        # The save cannot finish until the gate opens: add() returning at all
        # shows the UI did not wait for it.
        made = app.hl.add(*span_of(article, "approved the bridge"), color="green")
        assert made is not None
        await pilot.pause()
        assert app.changes[-1] == (made,)
        assert app.saved == []
        assert store.get(made.id) is None  # not saved yet...
        slow.gate.set()
        await wait_for(pilot, lambda: app.saved)
        assert app.saved == [("add", store.get(made.id))]  # ...and then it is
    assert threading.main_thread().ident not in slow.threads
    saved = store.get(made.id)
    assert saved is not None
    assert (saved.exact, saved.color) == ("approved the bridge", "green")
    assert saved.prefix == "idge plan approved\n\nThe council "  # 32 characters
    assert saved.suffix.startswith(" on Monday.")
    assert app.chosen_colors == ["green"]


@sync
async def test_closing_the_app_finishes_queued_saves(article: Article, store: Store) -> None:
    slow = GatedStore(store)
    app = Host(slow)
    async with app.run_test() as pilot:
        app.hl.load(article)
        await pilot.pause()
        made = [app.hl.add(*span_of(article, w)) for w in ("Work starts", "40 million", "May")]
        assert app.hl.pending == 3
        assert all(store.get(h.id) is None for h in made if h is not None)
        flush = app.hl.flush

        def open_then_flush(timeout: float = 60.0) -> bool:
            slow.gate.set()  # the saves may run only once the app is closing
            return flush(timeout)

        app.hl.flush = open_then_flush  # type: ignore[method-assign]
    assert all(h is not None and store.get(h.id) is not None for h in made)


@sync
async def test_saves_run_in_the_order_they_were_made(article: Article, store: Store) -> None:
    slow = GatedStore(store)
    app = Host(slow)
    async with app.run_test() as pilot:
        app.hl.load(article)
        await pilot.pause()
        h = app.hl.add(*span_of(article, "Critics disagreed."))
        assert h is not None
        app.hl.edit(h.id, tags=["opposition"], note="who?", color="pink")
        app.hl.delete(h.id)
        assert app.hl.highlights == []
        assert app.hl.pending == 3  # all three queued behind the first, held, save
        slow.gate.set()
        await wait_for(pilot, lambda: len(app.saved) == 3)
        assert [kind for kind, _ in app.saved] == ["add", "update", "delete"]
        assert store.get(h.id) is None
        restored = app.hl.undo()
        assert restored is not None and restored.tags == ("opposition",)
        assert [x.id for x in app.hl.highlights] == [h.id]
        await wait_for(pilot, lambda: len(app.saved) == 4)
    again = store.get(h.id)
    assert again is not None
    assert (again.tags, again.note, again.color) == (("opposition",), "who?", "pink")


def _hold_lock(store: Store) -> Any:
    """The store's lock held as another process would (flock is per open file)."""
    from reader.files import ProcessLock

    lock = ProcessLock(store.path.with_name(store.path.name + ".lock"))
    lock.acquire()
    return lock


@sync
async def test_a_busy_store_keeps_the_change_in_its_journal_then_catches_up(
    article: Article, store: Store
) -> None:
    """Another process holds the store past the wait: the highlight stays on
    screen, is journaled (said once), and the next save replays it first."""
    store.lock_wait = 0.05
    app = Host(store)
    async with app.run_test() as pilot:
        app.hl.load(article)
        await pilot.pause()
        lock = _hold_lock(store)
        try:
            first = app.hl.add(*span_of(article, "Work starts in May."))
            assert first is not None
            await wait_for(pilot, lambda: app.saved)
        finally:
            lock.release()
        assert app.failed == [] and [h.id for h in app.hl.highlights] == [first.id]
        assert "busy" in app.notices[-1] and "store.json.journal" in app.notices[-1]
        assert store.get(first.id) is None
        second = app.hl.add(*span_of(article, "Critics disagreed."))
        assert second is not None
        await wait_for(pilot, lambda: len(app.saved) == 2)
        assert store.get(first.id) is not None and store.get(second.id) is not None
        assert not store.journal_path.exists()
        highlighter = app.hl
    assert highlighter.unsaved_notice() is None


@sync
async def test_closing_on_a_busy_store_journals_and_says_so(article: Article, store: Store) -> None:
    app = Host(store)
    lock = None
    try:
        async with app.run_test() as pilot:
            app.hl.load(article)
            await pilot.pause()
            lock = _hold_lock(store)
            made = app.hl.add(*span_of(article, "Work starts in May."))
            app.hl.delete(made.id)  # type: ignore[union-attr]
            app.hl.undo()
            highlighter = app.hl
        assert store.lock_wait == 15.0  # the close's shorter wait was put back
        notice = highlighter.unsaved_notice()
        assert notice == (
            "3 highlight changes could not be saved now (the notes store is busy); they are "
            f"kept in {store.journal_path} and will be saved the next time reader opens the store."
        )
    finally:
        if lock is not None:
            lock.release()
    with Store.open(store.path) as again:
        assert [h.id for h in again.highlights()] == [made.id]  # type: ignore[union-attr]


@sync
async def test_a_failed_save_is_undone_on_screen_with_one_sentence(
    article: Article, tmp_path: Path
) -> None:
    Store.open(tmp_path / "ro.json").close()
    readonly = Store.open(tmp_path / "ro.json", readonly=True)
    app = Host(readonly)
    async with app.run_test() as pilot:
        app.hl.load(article)
        await pilot.pause()
        app.hl.add(*span_of(article, "Work starts in May."))
        assert len(app.hl.highlights) == 1
        await wait_for(pilot, lambda: app.failed)
        assert app.hl.highlights == []
        assert app.changes[-1] == ()
        assert app.notices and app.notices[-1] == app.failed[0]
        assert app.notices[-1].count(".") >= 1 and "\n" not in app.notices[-1]
    readonly.close()


@sync
async def test_people_and_quote_speakers_of_the_passage(article: Article, store: Store) -> None:
    from reader.model import Person, Quote, Span

    mayor = span_of(article, "Ana Ruiz")
    quote = span_of(article, "We waited ten years.")
    extraction = Extraction(
        people=(Person("Ana Ruiz", ("Ruiz",), "mayor", (Span(*mayor),)),),
        quotes=(Quote("We waited ten years.", "Ruiz", Span(*quote)),),
    )
    assert people_in(extraction, *span_of(article, "ten years")) == ("Ana Ruiz", "Ruiz")
    assert people_in(extraction, *span_of(article, "Mayor Ana")) == ("Ana Ruiz", "Ruiz")
    assert people_in(extraction, *span_of(article, "Critics disagreed.")) == ()

    app = Host(store)
    async with app.run_test() as pilot:
        app.hl.load(article)
        await pilot.pause()
        early = app.hl.add(*span_of(article, "We waited"))  # before extraction arrived
        app.hl.set_extraction(article.id, extraction)
        later = app.hl.add(*span_of(article, "ten years"))
        assert early is not None and later is not None
        assert later.people == ("Ana Ruiz", "Ruiz")
        await wait_for(pilot, lambda: len(app.saved) == 3)
    saved_early = store.get(early.id)
    assert saved_early is not None and saved_early.people == ("Ana Ruiz", "Ruiz")


@sync
async def test_loading_reanchors_and_keeps_orphans(article: Article, store: Store) -> None:
    old = parse(
        TEXT.replace("Critics disagreed.", "Critics disagreed loudly."), source=None, markdown=False
    )
    assert old.id != article.id
    moved = new_highlight(old, *span_of(old, "Work starts in May."))
    gone = new_highlight(old, *span_of(old, "Critics disagreed loudly."))
    note = new_highlight(old, *span_of(old, "approved the bridge"), note="kept")
    for h in (moved, gone, note):
        store.add(h)
    app = Host(store)
    async with app.run_test() as pilot:
        app.hl.load(article, other_ids=[old.id])
        await wait_for(pilot, lambda: len(app.hl.highlights) == 3)
        shown = {h.id: h for h in app.hl.highlights}
        assert article.text[shown[moved.id].start : shown[moved.id].end] == "Work starts in May."
        assert not shown[moved.id].orphaned
        assert shown[gone.id].orphaned and shown[gone.id].exact == "Critics disagreed loudly."
        assert app.hl.highlights[-1].id == gone.id  # orphans listed last
        inside = article.text.index("the bridge")
        assert [h.id for h in app.hl.overlapping(inside, inside + 1)] == [note.id]
        # editing a re-anchored highlight keeps its saved selectors
        app.hl.edit(note.id, tags=["council"])
        await wait_for(pilot, lambda: app.saved)
    stored = store.get(note.id)
    assert stored is not None
    assert (stored.tags, stored.exact, stored.start) == (("council",), note.exact, note.start)


@sync
async def test_whole_article_note_and_no_store(article: Article) -> None:
    app = Host(None)
    async with app.run_test() as pilot:
        app.hl.load(article)
        await pilot.pause()
        h = app.hl.add_article_note("Worth a follow-up.")
        assert h is not None and h.whole_article
        assert app.hl.article_notes() == [h]
        await wait_for(pilot, lambda: app.saved)
        assert app.notices == [
            "Highlights are not being saved: the notes store could not be opened."
        ]


@sync
async def test_blank_selection_makes_no_highlight(article: Article, store: Store) -> None:
    app = Host(store)
    async with app.run_test() as pilot:
        app.hl.load(article)
        await pilot.pause()
        gap = article.blocks[0].span.end
        assert app.hl.add(gap, gap + 2) is None
        h = app.hl.add(gap - 3, gap + 6)
        assert h is not None and h.exact == "ved\n\nThe"  # trailing space trimmed


@sync
async def test_a_damaged_highlights_file_is_reported_and_its_backup_offered(
    article: Article, tmp_path: Path
) -> None:
    from reader.ui.screens.dialogs import ConfirmScreen

    path = tmp_path / "notes.json"
    with Store.open(path) as first:
        older = first.add(new_highlight(article, *span_of(article, "Work starts in May.")))
        first.add(new_highlight(article, *span_of(article, "Critics disagreed.")))
    [shard] = (tmp_path / "notes.json.d").glob("*.json")
    shard.write_text('{"highlights": {"1": {"id": ', encoding="utf-8")
    store = Store.open(path)
    app = Host(store)
    async with app.run_test() as pilot:
        app.hl.load(article)
        await wait_for_button(pilot, ConfirmScreen, "#restore")
        assert len(app.notices) == 1
        assert "moved to" in app.notices[0] and "backup" in app.notices[0]
        assert app.hl.highlights == []
        await pilot.click("#restore")
        await wait_for(pilot, lambda: app.hl.highlights)
        assert [h.id for h in app.hl.highlights] == [older.id]
        assert app.notices[-1] == "The backup of your notes was restored."
    assert list(tmp_path.glob("notes.json.d/*.corrupt-*")), "the damaged file was kept"
    store.close()


@sync
async def test_tags_and_notes_are_saved_without_terminal_controls(
    article: Article, store: Store
) -> None:
    app = Host(store)
    async with app.run_test() as pilot:
        app.hl.load(article)
        await pilot.pause()
        h = app.hl.add(*span_of(article, "Work starts"), tags=["a\x1b]0;x\x07"], note="n\x1b[2Jote")
        assert h is not None
        app.hl.edit(h.id, tags=["b\x9b31m", "b"], note="again\x1b]52;c;QQ==\x07")
        await wait_for(pilot, lambda: len(app.saved) == 2)
    saved = store.get(h.id)
    assert saved is not None
    assert (saved.tags, saved.note) == (("b",), "again")
