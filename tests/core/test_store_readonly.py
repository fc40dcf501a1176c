"""Commands that only read take no lock and write nothing; opening never
waits silently for another process's write.

`notes list` used to take the write lock: a read-only data folder made it
fail, and a writer holding the lock made it wait 15 s and fail. The TUI
opened the store under the lock too, so a busy lock left a blank terminal
for 15 s. Tests run as root, where permission bits do not stop writes, so
the read-only folder is checked by what matters: a read-only command never
creates or writes anything (the lock file included) and works while
another process holds the lock; the chmod variant runs only when not root.
"""

from __future__ import annotations

import fcntl
import json
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.cli import main
from reader.model import Highlight, LibraryEntry
from reader.store import Store

READ_COMMANDS = [
    ["notes", "list"],
    ["notes", "list", "--json"],
    ["tags"],
    ["notes", "search", "harbour"],
]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "data" / "store.json"
    with Store.open(path) as store:
        store.upsert_article(LibraryEntry("art1", None, "Harbour plans", None, None, "x", False))
        store.add(
            Highlight(id="h1", article_id="art1", start=4, end=11, exact="harbour",
                      prefix="The ", suffix=" board", tags=("port",))
        )  # fmt: skip
    return path


def state(folder: Path) -> dict[str, tuple[int, int, int]]:
    """Every entry under `folder` with its inode, size and mtime."""
    out = {}
    for p in sorted(folder.rglob("*")):
        st = p.lstat()
        out[str(p.relative_to(folder))] = (st.st_ino, st.st_size, st.st_mtime_ns)
    return out


@pytest.fixture
def held_lock(db: Path) -> Iterator[int]:
    """Another writer holds the store's lock (flock is per open file, so a
    second descriptor in this process conflicts like another process)."""
    fd = os.open(db.with_name("store.json.lock"), os.O_RDWR | os.O_CREAT, 0o644)
    fcntl.flock(fd, fcntl.LOCK_EX)
    yield fd
    fcntl.flock(fd, fcntl.LOCK_UN)
    os.close(fd)


@pytest.mark.parametrize("command", READ_COMMANDS)
def test_read_only_commands_create_and_write_nothing(
    db: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    db.with_name("store.json.lock").unlink()
    db.with_name("store.json.search").unlink(missing_ok=True)
    before = state(db.parent)
    assert main(["--db", str(db), *command]) == 0
    assert "harbour" in capsys.readouterr().out or command == ["tags"]
    assert state(db.parent) == before


@pytest.mark.parametrize("command", READ_COMMANDS)
def test_read_only_commands_work_while_a_writer_holds_the_lock(
    db: Path, held_lock: int, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    assert main(["--db", str(db), *command]) == 0
    _, err = capsys.readouterr()
    assert "busy" not in err


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through permission bits")
def test_read_only_commands_work_in_a_read_only_folder(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folders = [db.parent, db.with_name("store.json.d")]
    for folder in folders:
        folder.chmod(0o555)
    try:
        for command in READ_COMMANDS:
            assert main(["--db", str(db), *command]) == 0, capsys.readouterr().err
    finally:
        for folder in folders:
            folder.chmod(0o755)


def test_opening_for_writing_does_not_wait_for_a_busy_lock(db: Path, held_lock: int) -> None:
    """What the TUI does at start: the library shows at once; only a write
    waits for the lock (in a worker thread, with the interface running)."""
    with Store.open(db) as store:
        assert [e.title for e in store.articles()] == ["Harbour plans"]
        assert [h.id for h in store.highlights()] == ["h1"]


def test_an_upgrade_that_must_wait_says_so_first(db: Path, held_lock: int) -> None:
    catalog = json.loads(db.read_text())
    catalog["meta"] = {"1": {"schema_version": 2}}
    db.write_text(json.dumps(catalog))
    db.with_name("store.json.bak").unlink()  # (a v3 catalog: this v2 one is made up)
    told = threading.Event()
    opened: list[Store] = []

    def open_store() -> None:
        opened.append(Store.open(db, on_wait=told.set))

    opener = threading.Thread(target=open_store)
    opener.start()
    assert told.wait(60)  # the hint comes before the wait, not after it
    fcntl.flock(held_lock, fcntl.LOCK_UN)
    opener.join(60)
    (store,) = opened
    assert "upgraded from schema version 2" in store.notices[0]
    store.close()


def test_the_waiting_line_is_printed_before_the_tui_starts(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from reader.commands import say_waiting

    say_waiting()
    err = capsys.readouterr().err
    assert err.startswith("reader: waiting for another reader") and err.count("\n") == 1


def test_read_only_open_of_a_missing_library_writes_no_backup_copy(db: Path) -> None:
    with Store.open(db) as store:  # a second library write: store.json.bak exists
        store.upsert_article(LibraryEntry("art2", None, "Second", None, None, "y", False))
    db.unlink()
    before = state(db.parent)
    with Store.open(db, readonly=True) as store:
        assert "was missing" in store.notices[0] and "store.json.bak" in store.notices[0]
    assert state(db.parent) == before
