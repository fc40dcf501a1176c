"""An older store file put back over an upgraded store: the upgrade merges.

The older file may be the PATH.v1-* copy the upgrade notice points to, a
synced older copy, or what an older reader wrote. Whatever it holds, the
highlights already in the current layout and the library of a later
catalog are kept; a record in both keeps its later version; every file the
upgrade replaces keeps a backup; and when nothing tells which version is
later the upgrade refuses with one sentence and changes nothing.
"""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from reader.cli import main
from reader.model import Highlight, LibraryEntry
from reader.store import SCHEMA_VERSION, Store, StoreVersionError

ARTICLE = """Harbour plans

The harbour board approved the new quay on Monday. Work starts in June.

Residents asked for a second public meeting before the vote.
"""


def v1_highlight(hid: str, article: str, note: str = "", when: str = "2024-03-01T10:00:00") -> Any:
    """A highlight record as a v1 reader wrote it (naive local times)."""
    return {
        "id": hid,
        "article_id": article,
        "start": 4,
        "end": 9,
        "exact": "words",
        "prefix": "",
        "suffix": "",
        "color": "yellow",
        "tags": [],
        "note": note,
        "created": when,
        "updated": when,
        "orphaned": False,
        "people": [],
    }


def v1_entry(article: str, title: str, added: str = "2024-03-01T09:00:00") -> Any:
    return {
        "article_id": article,
        "path": None,
        "title": title,
        "section": None,
        "published": None,
        "source_text": f"{title}\n\nwords",
        "is_markdown": False,
        "added": added,
        "opened": None,
    }


def write_v1(db: Path, highlights: list[Any], entries: list[Any]) -> bytes:
    data = {
        "meta": {"1": {"schema_version": 1}},
        "highlights": {str(i): h for i, h in enumerate(highlights, 1)},
        "articles": {str(i): e for i, e in enumerate(entries, 1)},
    }
    raw = json.dumps(data).encode()
    db.parent.mkdir(parents=True, exist_ok=True)
    db.write_bytes(raw)
    return raw


def new_highlight(article: str, hid: str, note: str = "") -> Highlight:
    return Highlight(
        id=hid, article_id=article, start=4, end=9, exact="words", prefix="", suffix="", note=note
    )


def tree(folder: Path) -> dict[str, bytes]:
    """Every file's bytes (but the empty lock file a writer may create)."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.suffix != ".lock"
    }


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "data" / "store.json"


def upgraded_then_old_copy_restored(db: Path) -> None:
    """v1 store upgraded; a highlight and an article added since; then the
    kept v1 file copied back over store.json (what the issue describes)."""
    write_v1(db, [v1_highlight("h-old", "art1", "from v1")], [v1_entry("art1", "First")])
    with Store.open(db) as store:
        assert "upgraded from schema version 1" in store.notices[0]
        store.upsert_article(
            LibraryEntry("art2", None, "Second", None, None, "Second\n\nwords", False)
        )
        store.add(new_highlight("art2", "h-new", "added after the upgrade"))
        store.add(new_highlight("art1", "h-new1", "also after"))
        store.upsert_article(LibraryEntry("art3", None, "Third", None, None, "Third", False))
    (kept,) = db.parent.glob("store.json.v1-*")
    shutil.copyfile(kept, db)


def test_restoring_the_kept_v1_file_loses_nothing(db: Path) -> None:
    upgraded_then_old_copy_restored(db)
    with Store.open(db) as store:
        assert "older copy" in store.notices[0] and "merged" in store.notices[0]
        ids = {h.id for h in store.highlights()}
        assert ids == {"h-old", "h-new", "h-new1"}
        titles = {e.article_id: e.title for e in store.articles()}
        # The library's last write moved the version before it to store.json.bak:
        # that version (with art2) is merged back; art3 was only ever in the file
        # the copy overwrote.
        assert titles["art1"] == "First" and titles["art2"] == "Second"
    with Store.open(db) as store:
        assert store.notices == []
        assert {h.id for h in store.highlights()} == {"h-old", "h-new", "h-new1"}


def test_restored_v1_file_seen_by_notes_list_shows_everything(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    upgraded_then_old_copy_restored(db)
    before = tree(db.parent)
    code = main(["--db", str(db), "notes", "list", "--json"])
    out, err = capsys.readouterr()
    assert code == 0
    assert {json.loads(line)["id"] for line in out.splitlines()} == {"h-old", "h-new", "h-new1"}
    assert "older format" in err
    assert tree(db.parent) == before  # a read-only command upgrades in memory only
    code = main(["--db", str(db), "notes", "rm", "h-old"])
    capsys.readouterr()
    assert code == 0
    with Store.open(db) as store:
        assert {h.id for h in store.highlights()} == {"h-new", "h-new1"}


def test_upgrade_keeps_a_backup_of_everything_it_replaces(db: Path) -> None:
    upgraded_then_old_copy_restored(db)
    # ...and an older reader added a highlight to it, so art1's file changes
    old = json.loads(db.read_text())
    old["highlights"]["9"] = v1_highlight("h-older-reader", "art1")
    db.write_text(json.dumps(old))
    shard = db.with_name("store.json.d") / "art1.json"
    shard_before = shard.read_bytes()
    newer_catalog = db.with_name("store.json.bak").read_bytes()
    old_file = db.read_bytes()
    with Store.open(db) as store:
        assert len(store.highlights()) == 4
    assert db.with_name("store.json.d").joinpath("art1.json.bak").read_bytes() == shard_before
    assert db.with_name("store.json.bak").read_bytes() == newer_catalog  # not replaced by v1
    assert [p.read_bytes() for p in db.parent.glob("store.json.v1-*")].count(old_file) >= 1


def test_a_record_in_both_keeps_its_later_version(db: Path) -> None:
    later_in_v1 = v1_highlight("edited-by-old-reader", "art1", "newer note", "2030-01-01T00:00:00")
    earlier_in_v1 = v1_highlight("edited-since", "art1", "stale note", "2024-01-01T00:00:00")
    db.parent.mkdir(parents=True)
    with Store.open(db) as store:
        for hid, note in (("edited-by-old-reader", "older note"), ("edited-since", "fresh note")):
            h = new_highlight("art1", hid, note)
            store.add(h)
            store.update(h)  # updated = now: between 2024 and 2030
    write_v1(db, [later_in_v1, earlier_in_v1], [v1_entry("art1", "First")])
    with Store.open(db) as store:
        notes = {h.id: h.note for h in store.highlights()}
    assert notes == {"edited-by-old-reader": "newer note", "edited-since": "fresh note"}


def test_undecidable_versions_are_refused_and_nothing_changes(db: Path) -> None:
    when = "2024-05-05T12:00:00+00:00"
    db.parent.mkdir(parents=True)
    shard_dir = db.with_name("store.json.d")
    shard_dir.mkdir()
    current = v1_highlight("same-id", "art1", "one note", when)
    (shard_dir / "art1.json").write_text(json.dumps({"highlights": {"1": current}}))
    write_v1(db, [v1_highlight("same-id", "art1", "another note", when)], [])
    before = tree(db.parent)
    for readonly in (False, True):
        with pytest.raises(StoreVersionError) as caught:
            Store.open(db, readonly=readonly)
        sentence = str(caught.value)
        assert "same-id" in sentence and "nothing was changed" in sentence
        assert "\n" not in sentence and sentence.endswith(".")
    assert tree(db.parent) == before


def test_undecidable_versions_are_one_sentence_at_the_cli(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    when = "2024-05-05T12:00:00"
    shard_dir = db.with_name("store.json.d")
    shard_dir.mkdir(parents=True)
    current = v1_highlight("same-id", "art1", "one note", when)
    (shard_dir / "art1.json").write_text(json.dumps({"highlights": {"1": current}}))
    write_v1(db, [v1_highlight("same-id", "art1", "another note", when)], [])
    assert main(["--db", str(db), "notes", "list"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("reader: ") and "Traceback" not in err


def test_library_of_a_later_catalog_is_merged(db: Path) -> None:
    with Store.open(db) as store:
        store.upsert_article(LibraryEntry("art1", None, "Renamed", None, None, "x", False))
        store.upsert_article(LibraryEntry("art2", None, "Only new", None, None, "y", False))
        store.upsert_article(LibraryEntry("art3", None, "Newest", None, None, "z", False))
    # a synced older copy of the store: one article, under its old title
    write_v1(db, [], [v1_entry("art1", "Old title", "2000-01-01T00:00:00")])
    with Store.open(db) as store:
        titles = {e.article_id: e.title for e in store.articles()}
    assert titles == {"art1": "Renamed", "art2": "Only new"}  # art3: only in the overwritten file


def test_older_reader_writing_highlights_into_a_current_catalog(db: Path) -> None:
    with Store.open(db) as store:
        store.upsert_article(LibraryEntry("art1", None, "First", None, None, "x", False))
        store.add(new_highlight("art1", "kept"))
    catalog = json.loads(db.read_text())
    # a reader without schema checks adds its table to the file it was given
    catalog["highlights"] = {"1": v1_highlight("from-old-reader", "art1")}
    db.write_text(json.dumps(catalog))
    with Store.open(db) as store:
        assert {h.id for h in store.highlights()} == {"kept", "from-old-reader"}
    assert "highlights" not in json.loads(db.read_text())


def test_a_store_from_a_newer_reader_under_an_old_copy_is_refused(db: Path) -> None:
    with Store.open(db) as store:
        store.upsert_article(LibraryEntry("art1", None, "First", None, None, "x", False))
    bak = db.with_name("store.json.bak")
    bak.write_text(json.dumps({"meta": {"1": {"schema_version": SCHEMA_VERSION + 1}}}))
    write_v1(db, [v1_highlight("h", "art1")], [])
    before = tree(db.parent)
    with pytest.raises(StoreVersionError, match="newer version of reader"):
        Store.open(db)
    assert tree(db.parent) == before


def test_interrupted_upgrade_runs_again_to_the_same_result(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.store import _core

    write_v1(db, [v1_highlight("a", "art1"), v1_highlight("b", "art2")], [v1_entry("art1", "T")])
    real = _core.atomic_write

    def fail_on_catalog(path: Path, data: bytes, **kw: Any) -> Any:
        if path == db:
            raise OSError(28, "No space left on device")
        return real(path, data, **kw)

    monkeypatch.setattr(_core, "atomic_write", fail_on_catalog)
    with pytest.raises(Exception, match="No space left"):
        Store.open(db)
    monkeypatch.undo()
    with Store.open(db) as store:
        assert {h.id for h in store.highlights()} == {"a", "b"}
        (h,) = store.highlights("art1")
        assert h.created == datetime(2024, 3, 1, 10).astimezone(UTC)
