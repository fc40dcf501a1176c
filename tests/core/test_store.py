"""The store's API: highlights, library, listeners, damaged files, upgrades."""

from __future__ import annotations

import json
import threading
import uuid
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from tinydb import TinyDB

from reader.errors import StoreError
from reader.model import Highlight, LibraryEntry
from reader.store import (
    SCHEMA_VERSION,
    HighlightNotFoundError,
    InvalidHighlightError,
    Store,
    StoreReadOnlyError,
    StoreVersionError,
)


def make(article: str = "a1", exact: str = "hello", **kw: object) -> Highlight:
    fields: dict[str, object] = {
        "id": str(uuid.uuid4()),
        "article_id": article,
        "start": 10,
        "end": 10 + len(exact),
        "exact": exact,
        "prefix": "before ",
        "suffix": " after",
    }
    fields.update(kw)
    return Highlight(**fields)  # type: ignore[arg-type]


def entry(article: str = "a1", title: str = "Title", **kw: object) -> LibraryEntry:
    fields: dict[str, object] = {
        "article_id": article,
        "path": f"/news/{article}.txt",
        "title": title,
        "section": "Tech",
        "published": datetime(2025, 6, 1, 9, 30),
        "source_text": f"{title}\n\nBody of {article}.",
        "is_markdown": False,
    }
    fields.update(kw)
    return LibraryEntry(**fields)  # type: ignore[arg-type]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "notes" / "store.json"


def test_highlight_round_trip_survives_reopen(db: Path) -> None:
    h = make(tags=("ev", "china"), note="check the price", color="green", people=("Lei Jun",))
    with Store.open(db) as store:
        saved = store.add(h)
    assert saved == h
    with Store.open(db) as store:
        assert store.highlights("a1") == [h]
        assert store.get(h.id) == h


def test_default_path_comes_from_reader_home(isolated_home: Path) -> None:
    with Store.open() as store:
        store.add(make())
    assert (isolated_home / "store.json").is_file()


def test_highlights_in_reading_order_and_all_oldest_first(db: Path) -> None:
    t0 = datetime(2025, 1, 1)
    late = make(start=50, end=55, created=t0, updated=t0)
    early = make(start=5, end=9, created=t0 + timedelta(hours=1), updated=t0)
    other = make("a2", created=t0 + timedelta(hours=2), updated=t0)
    with Store.open(db) as store:
        for h in (late, early, other):
            store.add(h)
        assert [h.id for h in store.highlights("a1")] == [early.id, late.id]
        assert [h.id for h in store.highlights()] == [late.id, early.id, other.id]
        assert store.highlight_counts() == {"a1": 2, "a2": 1}


def test_update_keeps_created_and_stamps_updated(db: Path) -> None:
    h = make(created=datetime(2024, 1, 1, tzinfo=UTC), updated=datetime(2024, 1, 1, tzinfo=UTC))
    with Store.open(db) as store:
        store.add(h)
        changed = store.update(replace(h, note="new note", tags=("x",), created=datetime.now(UTC)))
        assert changed.created == datetime(2024, 1, 1, tzinfo=UTC)
        assert changed.updated > datetime(2024, 1, 2, tzinfo=UTC)
    with Store.open(db) as store:
        again = store.get(h.id)
    assert again is not None
    assert (again.note, again.tags) == ("new note", ("x",))


def test_update_unknown_highlight_is_an_error(db: Path) -> None:
    with Store.open(db) as store, pytest.raises(HighlightNotFoundError):
        store.update(make())


def test_delete_returns_the_highlight_then_none(db: Path) -> None:
    h = make()
    with Store.open(db) as store:
        store.add(h)
        assert store.delete(h.id) == h
        assert store.delete(h.id) is None
        assert store.highlights() == []


def test_find_prefix_and_tags(db: Path) -> None:
    a = make(id="abc123-1", tags=("ev", "price"))
    b = make(id="abd999-2", tags=("ev",))
    with Store.open(db) as store:
        store.add_many([a, b])
        assert store.find_prefix("ab") == [a, b] or store.find_prefix("ab") == [b, a]
        assert store.find_prefix("ABC") == [a]
        assert store.find_prefix("zz") == []
        assert store.all_tags() == {"ev": 2, "price": 1}


def test_bad_highlights_are_refused_with_a_sentence(db: Path) -> None:
    with Store.open(db) as store:
        with pytest.raises(InvalidHighlightError, match="colour"):
            store.add(make(color="octarine"))
        h = make()
        store.add(h)
        with pytest.raises(InvalidHighlightError, match="already exists"):
            store.add(h)
        with pytest.raises(InvalidHighlightError, match="twice"):
            store.add_many([make(id="same"), make(id="same")])
        assert store.highlights() == [h]


def test_library_upsert_keeps_first_added(db: Path) -> None:
    first = entry(added=datetime(2025, 1, 1, tzinfo=UTC))
    with Store.open(db) as store:
        store.upsert_article(first)
        store.upsert_article(entry(title="Renamed", opened=datetime(2025, 2, 2, tzinfo=UTC)))
        store.upsert_article(entry("a2", title="Second", added=datetime(2025, 3, 1, tzinfo=UTC)))
    with Store.open(db) as store:
        got = store.get_article("a1")
        assert got is not None
        assert (got.title, got.added, got.opened) == (
            "Renamed",
            datetime(2025, 1, 1, tzinfo=UTC),
            datetime(2025, 2, 2, tzinfo=UTC),
        )
        assert got.source_text == ""  # kept apart, read when asked
        assert store.article_text("a1") == "Renamed\n\nBody of a1."
        assert got.published == datetime(2025, 6, 1, 9, 30)
        assert [e.article_id for e in store.articles()] == ["a2", "a1"]


def test_remove_article_keeps_or_deletes_highlights(db: Path) -> None:
    keep, drop = make("a1"), make("a2")
    with Store.open(db) as store:
        store.upsert_article(entry("a1"))
        store.upsert_article(entry("a2"))
        store.add_many([keep, drop])
        store.remove_article("a1")
        store.remove_article("a2", delete_highlights=True)
        assert store.articles() == []
    with Store.open(db) as store:
        assert store.highlights() == [keep]


def test_listeners_see_own_and_other_process_changes(db: Path) -> None:
    seen: list[tuple[str, str]] = []
    with Store.open(db) as store, Store.open(db) as other:
        unsubscribe = store.subscribe(lambda kind, h: seen.append((kind, h.id)))
        h = store.add(make())
        store.update(replace(h, note="n"))
        foreign = other.add(make())
        store.highlights()  # reads the other writer's change
        store.delete(h.id)
        unsubscribe()
        store.add(make())
    assert seen == [("add", h.id), ("update", h.id), ("add", foreign.id), ("delete", h.id)]


def test_a_failing_listener_does_not_undo_the_write(db: Path) -> None:
    def boom(kind: str, h: Highlight) -> None:
        raise RuntimeError("listener bug")

    with Store.open(db) as store:
        store.subscribe(boom)
        h = store.add(make())
    with Store.open(db) as store:
        assert store.get(h.id) == h


def test_threads_share_one_store(db: Path) -> None:
    with Store.open(db) as store:

        def work() -> None:
            for _ in range(25):
                store.add(make(f"art{threading.get_ident() % 3}"))

        threads = [threading.Thread(target=work) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert len(store.highlights()) == 100
    with Store.open(db) as store:
        assert len(store.highlights()) == 100


def test_readonly_store_refuses_writes(db: Path) -> None:
    h = make()
    with Store.open(db) as store:
        store.add(h)
    with Store.open(db, readonly=True) as store:
        assert store.highlights() == [h]
        with pytest.raises(StoreReadOnlyError):
            store.add(make())
        with pytest.raises(StoreReadOnlyError):
            store.delete(h.id)


def test_store_files_are_plain_tinydb(db: Path) -> None:
    h = make(note="readable elsewhere")
    with Store.open(db) as store:
        store.upsert_article(entry())
        store.add(h)
    catalog = TinyDB(db, access_mode="r")
    assert catalog.table("meta").all() == [{"schema_version": SCHEMA_VERSION}]
    assert catalog.table("articles").all()[0]["title"] == "Title"
    shard = TinyDB(db.with_name("store.json.d") / "a1.json", access_mode="r")
    assert shard.table("highlights").all()[0]["note"] == "readable elsewhere"


def test_odd_article_ids_get_safe_file_names(db: Path) -> None:
    h = make("../../etc/passwd")
    with Store.open(db) as store:
        store.add(h)
    files = list(db.with_name("store.json.d").iterdir())
    assert all(f.parent == db.with_name("store.json.d") for f in files)
    with Store.open(db) as store:
        assert store.highlights("../../etc/passwd") == [h]


# -- damaged, empty, newer, foreign --------------------------------------------


def _seed(db: Path) -> list[Highlight]:
    hs = [make(), make()]
    with Store.open(db) as store:
        store.upsert_article(entry())
        for h in hs:
            store.add(h)
    return hs


@pytest.mark.parametrize("content", [b"", b'{"meta": {"1": {"schema_versi', b"[1, 2]", b"\xff\xfe"])
def test_damaged_highlights_file_is_moved_aside_and_backup_restored(
    db: Path, content: bytes
) -> None:
    hs = _seed(db)
    shard = db.with_name("store.json.d") / "a1.json"
    original = shard.read_bytes()
    shard.write_bytes(content)
    with Store.open(db) as store:
        assert store.highlights("a1") == []
        assert len(store.notices) == 1
        assert "moved to" in store.notices[0] and "backup" in store.notices[0]
        aside = [p for p in shard.parent.iterdir() if ".corrupt-" in p.name]
        assert [p.read_bytes() for p in aside] == [content]
        newer = store.add(make())
        assert store.backup_available
        assert store.restore_backup() == 1
        # the backup is one write behind: it holds the first highlight; the one
        # added after the damage is kept too
        assert {h.id for h in store.highlights("a1")} == {hs[0].id, newer.id}
    assert original  # the damaged content was ours to replace, never the aside copy


def test_a_backup_kept_in_one_session_is_restored_in_a_later_one(db: Path) -> None:
    """The damage is found by one command (`notes list`), the restore run
    as another (`notes restore`): the kept backup is found on disk, used once."""
    hs = _seed(db)
    shard = db.with_name("store.json.d") / "a1.json"
    shard.write_bytes(b"{oops")
    with Store.open(db, restore_command="reader notes restore") as store:
        assert store.highlights() == []
        assert store.damaged == [shard]
        assert store.notices[-1].endswith("can be restored with `reader notes restore`.")
    with Store.open(db) as store:
        assert store.damaged == [] and not store.backup_available
        assert store.restore_backup() == 1
        assert [h.id for h in store.highlights()] == [hs[0].id]
    assert [p.name.split("-")[0] for p in shard.parent.glob("a1.json.restored-*")] == [
        "a1.json.restored"
    ]
    with Store.open(db) as store, pytest.raises(StoreError, match="no backup"):
        store.restore_backup()


def test_damage_seen_read_only_names_the_restore_command(db: Path) -> None:
    _seed(db)
    shard = db.with_name("store.json.d") / "a1.json"
    shard.write_bytes(b"{oops")
    with Store.open(db, readonly=True, restore_command="reader notes restore") as store:
        assert store.highlights() == []
        assert store.damaged == [shard]
        hint = "`reader notes restore` sets it aside and brings back its backup"
        assert hint in store.notices[-1]


def test_damaged_library_keeps_highlights_and_says_so(db: Path) -> None:
    hs = _seed(db)
    with Store.open(db) as store:
        store.upsert_article(entry("a2"))  # the backup is one write behind: holds a1 only
    db.write_text('{"articles": {"1": ', encoding="utf-8")
    with Store.open(db) as store:
        assert store.articles() == []
        assert {h.id for h in store.highlights()} == {h.id for h in hs}
        assert "library" in store.notices[0] and "moved to" in store.notices[0]
        assert store.restore_backup() == 1
        assert [e.article_id for e in store.articles()] == ["a1"]


def test_unexpectedly_empty_library_is_moved_aside(db: Path) -> None:
    _seed(db)
    db.write_text("{}", encoding="utf-8")
    with Store.open(db) as store:
        assert "unexpectedly empty" in store.notices[0]
    assert any(".empty-" in p.name for p in db.parent.iterdir())


def test_damage_seen_read_only_is_left_alone(db: Path) -> None:
    _seed(db)
    shard = db.with_name("store.json.d") / "a1.json"
    shard.write_bytes(b"{oops")
    with Store.open(db, readonly=True) as store:
        assert store.highlights("a1") == []
        assert "read-only" in store.notices[0]
    assert shard.read_bytes() == b"{oops"


def test_no_backup_to_restore_is_a_clear_error(db: Path) -> None:
    with Store.open(db) as store, pytest.raises(StoreError, match="no backup"):
        store.restore_backup()


def test_newer_schema_is_refused(db: Path) -> None:
    db.parent.mkdir(parents=True)
    db.write_text(json.dumps({"meta": {"1": {"schema_version": 99}}}), encoding="utf-8")
    with pytest.raises(StoreVersionError, match="newer version"):
        Store.open(db)


def test_foreign_tinydb_file_is_not_touched(db: Path) -> None:
    db.parent.mkdir(parents=True)
    content = json.dumps({"_default": {"1": {"name": "shopping list"}}})
    db.write_text(content, encoding="utf-8")
    with pytest.raises(StoreVersionError, match="not a reader notes store"):
        Store.open(db)
    assert db.read_text(encoding="utf-8") == content


def test_folder_as_store_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a folder"):
        Store.open(tmp_path)


# -- upgrades -----------------------------------------------------------------


def test_migrates_v0_single_file(db: Path) -> None:
    db.parent.mkdir(parents=True)
    v0 = {
        "highlights": {
            "1": {
                "id": "h1",
                "article_id": "art",
                "start": 3,
                "end": 8,
                "text": "words",
                "prefix": "so ",
                "suffix": " here",
                "color": "blue",
                "tags": ["t"],
                "note": "old note",
                "created": "2024-05-01T10:00:00",
            }
        },
        "articles": {
            "1": {
                "article_id": "art",
                "path": "/a.txt",
                "title": "Old",
                "section": None,
                "published": None,
                "source_text": "so words here",
                "is_markdown": False,
                "added": "2024-05-01T09:00:00",
                "opened": None,
            }
        },
    }
    db.write_text(json.dumps(v0), encoding="utf-8")
    with Store.open(db) as store:
        assert "upgraded from schema version 0" in store.notices[0]
        (h,) = store.highlights("art")
        assert (h.exact, h.note, h.tags, h.color) == ("words", "old note", ("t",), "blue")
        # a naive time is the local time it was written in
        assert h.updated == h.created == datetime(2024, 5, 1, 10).astimezone(UTC)
        assert h.people == () and not h.orphaned
        assert store.get_article("art") is not None
    kept = [p for p in db.parent.iterdir() if ".v0-" in p.name]
    assert len(kept) == 1 and json.loads(kept[0].read_text(encoding="utf-8")) == v0
    with Store.open(db) as store:
        assert store.notices == []
        assert len(store.highlights()) == 1


def test_migrates_v1_single_file_with_many_articles(db: Path) -> None:
    db.parent.mkdir(parents=True)
    when = [datetime(2024, 1, 1, 0, i) for i in range(9)]  # v1 wrote naive local times
    hs = [make(f"art{i % 3}", created=when[i].astimezone(UTC)) for i in range(9)]
    hs = [replace(h, updated=h.created) for h in hs]
    from reader.store._records import highlight_to_record

    records = [highlight_to_record(h) for h in hs]
    for rec, naive in zip(records, when, strict=True):
        rec["created"] = rec["updated"] = naive.isoformat()
    v1 = {
        "meta": {"1": {"schema_version": 1}},
        "highlights": {str(i): rec for i, rec in enumerate(records, 1)},
    }
    db.write_text(json.dumps(v1), encoding="utf-8")
    with Store.open(db) as store:
        assert store.highlights() == hs
    assert len(list(db.with_name("store.json.d").glob("*.json"))) == 3


def test_old_store_opened_read_only_is_shown_upgraded_and_left_unchanged(db: Path) -> None:
    db.parent.mkdir(parents=True)
    h = make("art")
    from reader.store._records import highlight_to_record

    db.write_text(json.dumps({"highlights": {"1": highlight_to_record(h)}}), encoding="utf-8")
    before = sorted(p.name for p in db.parent.iterdir())
    with Store.open(db, readonly=True) as store:
        assert "older format" in store.notices[0]
        assert store.highlights() == [h]
        assert store.highlights("art") == [h]
    assert sorted(p.name for p in db.parent.iterdir()) == before


def test_fast_record_conversion_equals_the_dataclass_constructor() -> None:
    from reader.store import _records

    assert _records._FAST  # the fast path is in use for the current model
    full = make(tags=("a", "b"), note="n", color="pink", people=("Lei Jun",), orphaned=True)
    record = _records.highlight_to_record(full)
    assert _records._fast_highlight(record) == _records._slow_highlight(record) == full
    sparse = {k: record[k] for k in ("id", "article_id", "start", "end", "exact", "created")}
    fast = _records._fast_highlight(sparse)
    assert fast == _records._slow_highlight(sparse)
    assert (fast.tags, fast.color, fast.updated) == ((), "yellow", fast.created)
    assert hash(fast) == hash(_records._slow_highlight(sparse))


# -- the load snapshot (a cache of every shard) --------------------------------


def _many_articles(db: Path, n: int = 40) -> list[Highlight]:
    hs = [make(f"art{i:03d}", note=f"n{i}") for i in range(n) for _ in range(2)]
    with Store.open(db) as store:
        store.add_many(hs)
        assert len(store.highlights()) == len(hs)  # a full load writes the snapshot
    return hs


def _count_json_reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    from reader.store import _core

    seen: list[Path] = []
    real = _core.read_json

    def counting(path: Path, **options: Any) -> Any:
        seen.append(path)
        return real(path, **options)

    monkeypatch.setattr(_core, "read_json", counting)
    return seen


def test_snapshot_spares_parsing_unchanged_shards(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hs = _many_articles(db)
    assert (db.with_name("store.json.d") / ".snapshot").is_file()
    reads = _count_json_reads(monkeypatch)
    with Store.open(db) as store:
        assert sorted(store.highlights(), key=lambda h: h.id) == sorted(hs, key=lambda h: h.id)
    assert [p.name for p in reads] == ["store.json"]


def test_snapshot_entries_of_changed_shards_are_not_used(db: Path) -> None:
    hs = _many_articles(db)
    with Store.open(db) as other:  # changes one shard after the snapshot was written
        other.update(replace(hs[0], note="changed elsewhere"))
        extra = other.add(make("art001"))
    with Store.open(db) as store:
        got = {h.id: h for h in store.highlights()}
    assert got[hs[0].id].note == "changed elsewhere"
    assert extra.id in got and len(got) == len(hs) + 1


def test_writes_to_a_shard_loaded_from_the_snapshot_keep_its_highlights(db: Path) -> None:
    hs = _many_articles(db)
    with Store.open(db) as store:
        store.highlights()  # from the snapshot
        added = store.add(make("art005"))
        store.update(replace(hs[10], note="edited"))
        store.delete(hs[11].id)
    with Store.open(db) as store:
        got = {h.id: h for h in store.highlights()}
    assert added.id in got and hs[11].id not in got
    assert got[hs[10].id].note == "edited"
    assert len(got) == len(hs)


@pytest.mark.parametrize("junk", [b"", b"RSNP\x00\x00\x00\x00garbage", b"not a snapshot"])
def test_damaged_snapshot_is_ignored_and_rewritten(db: Path, junk: bytes) -> None:
    hs = _many_articles(db)
    snapshot = db.with_name("store.json.d") / ".snapshot"
    snapshot.write_bytes(junk)
    with Store.open(db) as store:
        assert len(store.highlights()) == len(hs)
        assert store.notices == []
    assert snapshot.read_bytes()[:4] == b"RSNP"


def test_upserting_an_unchanged_article_does_not_rewrite_the_library(db: Path) -> None:
    e = entry(added=datetime(2025, 1, 1))
    with Store.open(db) as store:
        store.upsert_article(e)
        before = db.stat().st_ino
        store.upsert_article(replace(e, added=datetime(2026, 1, 1)))  # `added` is kept
        assert db.stat().st_ino == before
        store.upsert_article(replace(e, opened=datetime(2026, 2, 2)))
        assert db.stat().st_ino != before


def test_tags_and_notes_are_stored_without_terminal_escapes(db: Path) -> None:
    """An import file or script cannot plant escape sequences that a later
    `notes list` or the Notes tab would write to the terminal."""
    with Store.open(db) as store:
        h = store.add(
            make(tags=("harbour\x1b]0;pwned\x07", "Harbour"), note="line one\n\x1b[2Jline two")
        )
        edited = store.update(replace(h, note="ok \x9b31m red"))
    with Store.open(db) as store:
        saved = store.get(h.id)
    assert saved is not None
    assert h.tags == saved.tags == ("harbour",)  # escape gone; "Harbour" is the same tag
    assert h.note == "line one\nline two"
    assert saved.note == edited.note == "ok  red"


def test_article_texts_live_outside_the_library_file(db: Path) -> None:
    """The library file holds what lists need; each article's text is its own
    compressed file, written once. Adding an article rewrites a small file
    whatever the size of the articles already there (issue 11, item 15)."""
    big = "Headline\n\n" + "A long paragraph of the article. " * 30_000  # ~1 MB
    with Store.open(db) as store:
        store.upsert_article(replace(entry("a1"), source_text=big))
        catalog_size = db.stat().st_size
        assert catalog_size < 20_000
        text_file = next(store.texts_dir.glob("*.txt.gz"))
        written = text_file.stat().st_mtime_ns, text_file.stat().st_ino
        store.upsert_article(replace(entry("a2"), source_text="Second\n\nShort."))
        assert db.stat().st_size < 20_000
        assert (text_file.stat().st_mtime_ns, text_file.stat().st_ino) == written
        assert [e.source_text for e in store.articles()] == ["", ""]
    with Store.open(db, readonly=True) as store:
        assert store.article_text("a1") == big
        assert store.article_text("a2") == "Second\n\nShort."
        assert store.article_text("nope") == ""
    with Store.open(db) as store:
        store.remove_article("a1")
        assert store.article_text("a1") == ""
        assert len(list(store.texts_dir.glob("*.txt.gz"))) == 1


def test_a_library_written_with_texts_inside_moves_them_out(db: Path) -> None:
    with Store.open(db) as store:
        store.upsert_article(entry("a1"))
    data = json.loads(db.read_text())
    for record in data["articles"].values():
        record["source_text"] = "Old layout\n\nText kept in the library."
    db.write_text(json.dumps(data))
    for kept in db.with_name(db.name + ".texts").iterdir():
        kept.unlink()
    with Store.open(db) as store:
        assert store.article_text("a1") == "Old layout\n\nText kept in the library."
        store.upsert_article(entry("a2"))
        assert "Text kept in the library" not in db.read_text()
        assert store.article_text("a1") == "Old layout\n\nText kept in the library."
