"""The journal: changes kept beside the store while another process holds its
lock too long, saved (once, idempotently) by the next writable open."""

from __future__ import annotations

import threading
import uuid
from dataclasses import replace
from pathlib import Path

import pytest

from reader.files import ProcessLock
from reader.model import Highlight
from reader.store import Store, StoreBusyError, _journal
from reader.store._records import highlight_to_record


def make(article: str = "a1", **kw: object) -> Highlight:
    fields: dict[str, object] = {
        "id": str(uuid.uuid4()),
        "article_id": article,
        "start": 0,
        "end": 5,
        "exact": "hello",
        "prefix": "",
        "suffix": " world",
    }
    fields.update(kw)
    return Highlight(**fields)  # type: ignore[arg-type]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "notes" / "store.json"


def held(db: Path) -> ProcessLock:
    """The store's lock held as another process would hold it (flock is per
    open file, so a second descriptor in this process conflicts too)."""
    lock = ProcessLock(db.with_name(db.name + ".lock"))
    lock.acquire()
    return lock


def test_a_busy_store_journals_and_the_next_open_saves(db: Path) -> None:
    with Store.open(db) as store:
        kept = store.add(make(note="kept"))
        lock = held(db)
        try:
            store.lock_wait = 0.05
            new = make(note="new")
            with pytest.raises(StoreBusyError):
                store.add(new)
            edited = replace(kept, note="edited")
            assert store.journal("add", new) == db.with_name("store.json.journal")
            store.journal("update", edited)
            with pytest.raises(StoreBusyError):
                store.replay_journal()
        finally:
            lock.release()
    assert db.with_name("store.json.journal").exists()
    with Store.open(db) as store:
        assert {h.id: h.note for h in store.highlights()} == {kept.id: "edited", new.id: "new"}
        assert store.get(kept.id).created == kept.created  # type: ignore[union-attr]
        assert any("2 highlight changes" in n and "were saved" in n for n in store.notices)
    assert not db.with_name("store.json.journal").exists()
    with Store.open(db) as store:
        assert store.notices == []


def test_replay_is_idempotent(db: Path) -> None:
    """A change saved after all (the save raced the journal) or already
    undone elsewhere is skipped: nothing is doubled or brought back."""
    with Store.open(db) as store:
        there = store.add(make(note="there"))
        gone = make(note="gone")
        store.journal("add", there)  # already saved
        store.journal("delete", gone)  # never saved
        store.journal("update", replace(gone, note="x"))  # nothing to update
        store.journal("add", gone)
        store.journal("delete", gone)  # added, then deleted: in order
        assert store.replay_journal() == 2
        assert [h.id for h in store.highlights()] == [there.id]
        assert store.replay_journal() == 0


def test_replayed_changes_reach_subscribers(db: Path) -> None:
    with Store.open(db) as store:
        store.add(make())  # the shard is loaded: changes to it are events
        seen: list[str] = []
        store.subscribe(lambda kind, h: seen.append(f"{kind} {h.note}"))
        store.journal("add", make(note="late"))
        store.replay_journal()
        assert seen == ["add late"]


def test_a_torn_line_is_reported_and_the_journal_kept_aside(db: Path) -> None:
    journal = db.with_name("store.json.journal")
    db.parent.mkdir(parents=True)
    _journal.append(journal, "add", highlight_to_record(make(note="first")))
    with journal.open("ab") as f:
        f.write(b'{"op": "add", "record": {"id": "tor')  # a crash mid-append
    # The next append starts on a line of its own.
    _journal.append(journal, "add", highlight_to_record(make(note="after")))
    with Store.open(db) as store:
        assert sorted(h.note for h in store.highlights()) == ["after", "first"]
        assert any("1 line of the notes journal could not be read" in n for n in store.notices)
    assert not journal.exists()
    assert [p.name for p in db.parent.glob("store.json.journal.unreadable-*")]


def test_read_only_open_leaves_the_journal_and_says_so(db: Path) -> None:
    with Store.open(db) as store:
        store.journal("add", make())
    with Store.open(db, readonly=True) as store:
        assert store.highlights() == []
        assert any("1 highlight change" in n and "not shown" in n for n in store.notices)
    assert db.with_name("store.json.journal").exists()


def test_lowering_lock_wait_cuts_short_a_wait_under_way(db: Path) -> None:
    with Store.open(db) as store:
        store.add(make())
        lock = held(db)
        outcome: list[BaseException | None] = []

        def add() -> None:
            try:
                store.add(make())
                outcome.append(None)
            except StoreBusyError as exc:
                outcome.append(exc)

        try:
            store.lock_wait = 600
            waiter = threading.Thread(target=add)
            waiter.start()
            store.lock_wait = 0
            waiter.join(timeout=60)  # a safety net only: it returns at once
            assert not waiter.is_alive()
        finally:
            lock.release()
        assert isinstance(outcome[0], StoreBusyError)
        assert "is busy" in str(outcome[0])


def test_appends_racing_replays_lose_nothing(db: Path) -> None:
    """Another process may append while a replay reads and removes the
    journal: every append lands in a journal that someone replays."""
    with Store.open(db) as store:
        store.add(make())
    writer = Store.open(db)
    replayer = Store.open(db)
    made = [make(note=str(i)) for i in range(60)]
    done = threading.Event()

    def append_all() -> None:
        for h in made:
            writer.journal("add", h)
        done.set()

    thread = threading.Thread(target=append_all)
    thread.start()
    while not done.is_set():
        replayer.replay_journal()
    thread.join()
    replayer.replay_journal()
    assert {h.id for h in made} <= {h.id for h in replayer.highlights()}
    writer.close()
    replayer.close()


def test_a_journal_that_is_a_link_is_refused(db: Path, tmp_path: Path) -> None:
    with Store.open(db) as store:
        store.add(make())
        elsewhere = tmp_path / "elsewhere"
        elsewhere.write_text("", encoding="utf-8")
        db.with_name("store.json.journal").symlink_to(elsewhere)
        with pytest.raises(Exception, match="cannot be used"):
            store.journal("add", make())
    assert elsewhere.read_text(encoding="utf-8") == ""
