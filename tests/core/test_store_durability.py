"""Durability: kills mid-write, failing syscalls, leftovers, two writers."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from reader.model import Highlight
from reader.store import Store, StoreWriteError

WRITER = """
import sys, uuid
from pathlib import Path
from reader.model import Highlight
from reader.store import Store

path, count, tag = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[4]
articles = sys.argv[3].split(",")
with Store.open(path) as store:
    i = 0
    while count < 0 or i < count:
        h = Highlight(
            id=str(uuid.uuid4()), article_id=articles[i % len(articles)], start=i, end=i + 5,
            exact=f"words {i}", prefix="before ", suffix=" after", note=f"{tag} {i}",
        )
        store.add(h)
        print(h.id, flush=True)  # only after add() has returned
        i += 1
"""


@pytest.fixture
def writer(tmp_path: Path) -> Path:
    script = tmp_path / "writer.py"
    script.write_text(WRITER, encoding="utf-8")
    return script


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


def store_files(db: Path) -> dict[str, bytes]:
    """Every file that makes up the store's state (catalog + shards)."""
    files = {db.name: db.read_bytes()} if db.exists() else {}
    shard_dir = db.with_name(db.name + ".d")
    if shard_dir.is_dir():
        files.update({p.name: p.read_bytes() for p in shard_dir.glob("*.json")})
    return files


def ids_in_files(db: Path) -> set[str]:
    """The highlight ids on disk, read as plain JSON (must all parse)."""
    ids: set[str] = set()
    for name, raw in store_files(db).items():
        data = json.loads(raw)
        if name != db.name:
            ids.update(rec["id"] for rec in data["highlights"].values())
    return ids


def _kill_trials(writer: Path, folder: Path, trials: int, seed: int) -> int:
    """Kill a writer `trials` times; returns how many kills hit mid-write."""
    rng = random.Random(seed)
    mid_write = 0
    acknowledged: set[str] = set()
    db = folder / "store.json"
    for trial in range(trials):
        if trial % 25 == 0:  # keep the store small: a fresh one now and then
            db = folder / f"store{trial}" / "store.json"
            acknowledged = set()
        before = ids_in_files(db) if db.exists() else set()
        child = subprocess.Popen(
            [sys.executable, str(writer), str(db), "-1", "a1,a2", f"t{trial}"],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert child.stdout is not None
        first = child.stdout.readline()  # it is writing now
        time.sleep(rng.uniform(0, 0.03))
        child.send_signal(signal.SIGKILL)
        rest = child.stdout.read()
        child.wait()
        printed = {line for line in (first + rest).split() if line}
        if [p for p in db.parent.rglob(".*") if p.name.endswith(".tmp")]:
            mid_write += 1  # it died between writing a temp file and renaming it
        acknowledged |= printed
        on_disk = ids_in_files(db)  # every file parses as JSON
        assert before <= on_disk
        assert acknowledged <= on_disk, "an acknowledged add was lost"
        extra = on_disk - acknowledged
        assert len(extra) <= 1, "more than the one in-flight add appeared"
        acknowledged |= extra
        with Store.open(db) as store:
            assert {h.id for h in store.highlights()} == on_disk
            assert store.notices == []
        leftovers = [p for p in db.parent.rglob(".*") if p.name.endswith(".tmp")]
        assert leftovers == [], "open() should clear a killed writer's temp files"
    return mid_write


@pytest.mark.slow
def test_sigkill_loop_never_loses_or_corrupts(writer: Path, tmp_path: Path) -> None:
    workers = 4
    with ThreadPoolExecutor(workers) as pool:
        futures = [
            pool.submit(_kill_trials, writer, tmp_path / f"w{i}", 50, seed=i)
            for i in range(workers)
        ]
        mid_write = sum(f.result() for f in futures)
    # The loop means something only if kills land inside writes (about 80%
    # of them do: most of a writer's time is spent in fsync).
    assert mid_write >= 20


@pytest.mark.slow
def test_two_processes_adding_500_each(writer: Path, tmp_path: Path) -> None:
    db = tmp_path / "store.json"
    children = [
        subprocess.Popen(
            [sys.executable, str(writer), str(db), "500", f"shared,own{n}", f"p{n}"],
            stdout=subprocess.PIPE,
            text=True,
        )
        for n in range(2)
    ]
    outputs = [c.communicate(timeout=120)[0] for c in children]
    assert [c.returncode for c in children] == [0, 0]
    printed = {line for out in outputs for line in out.split()}
    assert len(printed) == 1000
    assert ids_in_files(db) == printed
    with Store.open(db) as store:
        assert len(store.highlights()) == 1000
        assert len(store.highlights("shared")) == 500
        assert store.notices == []


# -- fault injection ---------------------------------------------------------


@pytest.fixture
def seeded(tmp_path: Path) -> tuple[Path, list[Highlight]]:
    db = tmp_path / "store.json"
    hs = [make(), make("a2")]
    with Store.open(db) as store:
        store.add_many(hs)
    return db, hs


def _fail(*args: object, **kwargs: object) -> None:
    raise OSError(5, "Input/output error")


@pytest.mark.parametrize("target", ["fsync", "replace"])
def test_failing_syscall_leaves_previous_store_intact(
    seeded: tuple[Path, list[Highlight]], monkeypatch: pytest.MonkeyPatch, target: str
) -> None:
    db, hs = seeded
    before = store_files(db)
    with Store.open(db) as store:
        monkeypatch.setattr(os, target, _fail)
        with pytest.raises(StoreWriteError, match="could not be saved"):
            store.add(make())
        with pytest.raises(StoreWriteError):
            store.delete(hs[0].id)
        monkeypatch.undo()
        assert store_files(db) == before
        assert sorted(h.id for h in store.highlights()) == sorted(h.id for h in hs)
        store.add(make())  # works again once the disk does
        assert len(store.highlights()) == 3
    assert not [p for p in db.parent.rglob("*.tmp")]


def test_failing_write_midway_leaves_previous_store_intact(
    seeded: tuple[Path, list[Highlight]], monkeypatch: pytest.MonkeyPatch
) -> None:
    db, hs = seeded
    before = store_files(db)
    real_fdopen = os.fdopen

    class HalfWriter:
        def __init__(self, fd: int, mode: str) -> None:
            self._f = real_fdopen(fd, mode)

        def __enter__(self) -> HalfWriter:
            return self

        def __exit__(self, *exc: object) -> None:
            self._f.close()

        def write(self, data: bytes) -> int:
            self._f.write(data[: len(data) // 2])
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fdopen", HalfWriter)
    with Store.open(db) as store, pytest.raises(StoreWriteError, match="No space left"):
        store.add(make())
    monkeypatch.undo()
    assert store_files(db) == before
    with Store.open(db) as store:
        assert len(store.highlights()) == len(hs)


def test_half_written_temp_files_are_ignored_and_cleared(
    seeded: tuple[Path, list[Highlight]],
) -> None:
    db, hs = seeded
    before = store_files(db)
    shard_dir = db.with_name("store.json.d")
    junk = [
        shard_dir / ".a1.json.k3j4h5.tmp",
        db.parent / ".store.json.x9y8z7.tmp",
    ]
    for p in junk:
        p.write_bytes(b'{"highlights": {"1": {"id": "half')
    with Store.open(db) as store:
        assert sorted(h.id for h in store.highlights()) == sorted(h.id for h in hs)
        assert store.notices == []
    assert store_files(db) == before
    assert not any(p.exists() for p in junk)


def test_read_only_open_leaves_temp_files_alone(seeded: tuple[Path, list[Highlight]]) -> None:
    db, _ = seeded
    junk = db.with_name("store.json.d") / ".a1.json.abc.tmp"
    junk.write_bytes(b"{")
    with Store.open(db, readonly=True) as store:
        assert len(store.highlights()) == 2
    assert junk.exists()


def test_backup_holds_the_previous_version(seeded: tuple[Path, list[Highlight]]) -> None:
    db, _ = seeded
    shard = db.with_name("store.json.d") / "a1.json"
    previous = shard.read_bytes()
    with Store.open(db) as store:
        store.add(make())
    assert shard.with_name("a1.json.bak").read_bytes() == previous


def _full_disk_on_shard(monkeypatch: pytest.MonkeyPatch, db: Path, nth: int) -> None:
    """The `nth` highlights file written from now on fails with ENOSPC."""
    import errno

    from reader.store import _core

    real = _core.atomic_write
    shard_writes = 0

    def atomic_write(path: Path, data: bytes, **kw: bool) -> object:
        nonlocal shard_writes
        if path.parent == db.with_name(db.name + ".d"):
            shard_writes += 1
            if shard_writes == nth:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(path, data, **kw)

    monkeypatch.setattr(_core, "atomic_write", atomic_write)


def test_a_save_over_several_articles_says_what_was_saved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Disk full on the second article's file: the first article's
    highlights are saved and the message says so (not "nothing was changed")."""
    db = tmp_path / "store.json"
    first, second = make("a1"), make("a2")
    with Store.open(db) as store:
        added: list[str] = []
        store.subscribe(lambda kind, h: added.append(h.id))
        _full_disk_on_shard(monkeypatch, db, 2)
        with pytest.raises(StoreWriteError) as caught:
            store.add_many([first, second])
        monkeypatch.undo()
        message = str(caught.value)
        assert "nothing was changed" not in message
        assert "No space left on device" in message
        assert "1 of 2 highlights were saved and 1 was not" in message
        assert [h.id for h in caught.value.saved] == [first.id]
        assert added == [first.id]  # what was saved is announced
    with Store.open(db) as store:
        assert [h.id for h in store.highlights()] == [first.id]


def test_a_failed_single_file_save_still_says_nothing_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "store.json"
    with Store.open(db) as store:
        _full_disk_on_shard(monkeypatch, db, 1)
        with pytest.raises(StoreWriteError, match="nothing was changed") as caught:
            store.add_many([make("a1"), make("a1")])
        assert caught.value.saved == []


def test_removing_an_article_says_when_only_the_library_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.model import LibraryEntry
    from reader.store import _core

    db = tmp_path / "store.json"
    with Store.open(db) as store:
        store.upsert_article(LibraryEntry("a1", "/a1.txt", "A1", None, None, "A1\n\nText.", False))
        kept = store.add(make("a1"))

        def full(path: Path) -> None:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(_core, "remove_with_backup", full)
        with pytest.raises(StoreWriteError) as caught:
            store.remove_article("a1", delete_highlights=True)
        assert str(caught.value) == (
            "The article was removed from the library, but its highlights could not be "
            "deleted (No space left on device)."
        )
        assert store.articles() == []
        assert [h.id for h in store.highlights()] == [kept.id]
