"""The journal: changes that could not be saved because the store stayed busy.

Why: a change the user made must outlive a store lock that another process
holds for too long (a reader quitting, a terminal closing). It is appended to
PATH.journal beside the store — one JSON object per line, `{"op", "record"}`,
fsynced before the append returns — without taking the store's lock, and the
next writer that gets the lock replays it and removes it.

Appends and the replay serialise on an flock of the journal file itself,
held only for an append or for one replay: an appender that opened the file
just before a replay removed it sees that the path no longer names its file
and appends to a new one instead, so no line is written where nobody will
read it. Lines are split on "\\n" only (a JSON string may hold U+2028); a
line that cannot be read (a torn last line after a crash) is reported, and
the journal is then kept aside rather than removed.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.files import fsync_dir, move_aside

try:  # Linux / macOS
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

SUFFIX = ".journal"
OPS = ("add", "update", "delete")
MAX_BYTES = 64 * 1024 * 1024
"""A journal larger than this is not read (it is never near it: a few lines per busy spell)."""

_FLAGS = os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)


@dataclass
class Entries:
    """What a replay read: the changes in order, and how many lines were unreadable."""

    changes: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    unreadable: int = 0


def journal_path(store_path: Path) -> Path:
    return store_path.with_name(store_path.name + SUFFIX)


def _open(path: Path, flags: int) -> int | None:
    """An flock-ed descriptor on the file at `path` (a regular file, not a
    link), or None when there is no file there."""
    while True:
        try:
            fd = os.open(path, flags | _FLAGS, 0o600)
        except FileNotFoundError:
            if flags & os.O_CREAT:
                raise  # no folder to create it in
            return None
        try:
            if fcntl is not None:
                fcntl.flock(fd, fcntl.LOCK_EX)
            mine = os.fstat(fd)
            if not stat.S_ISREG(mine.st_mode):
                raise OSError(f"{path} is not a regular file")
            try:
                now = os.stat(path, follow_symlinks=False)
            except FileNotFoundError:
                now = None
            if now is not None and (now.st_ino, now.st_dev) == (mine.st_ino, mine.st_dev):
                return fd
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)  # replayed and removed meanwhile: open the path again
        if not flags & os.O_CREAT:
            return None


def append(path: Path, op: str, record: dict[str, Any]) -> None:
    """Append one change and fsync it; raises OSError if it cannot be kept."""
    line = json.dumps({"op": op, "record": record}, ensure_ascii=False, separators=(",", ":"))
    data = line.encode("utf-8") + b"\n"
    fd = _open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT)
    assert fd is not None
    try:
        size = os.fstat(fd).st_size
        if size and os.pread(fd, 1, size - 1) != b"\n":
            data = b"\n" + data  # a torn line before ours stays a line of its own
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)
    if not size:
        fsync_dir(path.parent)


def count(path: Path) -> int:
    """How many changes wait in the journal (without replaying it)."""
    try:
        fd = os.open(path, os.O_RDONLY | _FLAGS)
    except OSError:
        return 0
    with os.fdopen(fd, "rb") as f:
        if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
            return 0
        return sum(1 for line in f.read(MAX_BYTES).split(b"\n") if line.strip())


def _parse(data: bytes) -> Entries:
    entries = Entries()
    for raw in data.split(b"\n"):
        if not raw.strip():
            continue
        try:
            obj = json.loads(raw)
        except (UnicodeDecodeError, ValueError, RecursionError):
            entries.unreadable += 1
            continue
        op = obj.get("op") if isinstance(obj, dict) else None
        record = obj.get("record") if isinstance(obj, dict) else None
        if op not in OPS or not isinstance(record, dict):
            entries.unreadable += 1
            continue
        entries.changes.append((op, record))
    return entries


@contextlib.contextmanager
def taken(path: Path) -> Iterator[tuple[Entries, list[Path]]]:
    """Read the journal for a replay (the caller holds the store's lock).
    When the block ends without an error, the journal is removed — or, if
    some lines could not be read, moved aside, and its new name is put in the
    yielded list. On an error it stays for the next replay."""
    fd = _open(path, os.O_RDWR)
    if fd is None:
        yield Entries(), []
        return
    kept: list[Path] = []
    try:
        with os.fdopen(os.dup(fd), "rb") as f:
            data = f.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise OSError(f"{path} is larger than {MAX_BYTES} bytes")
        entries = _parse(data)
        yield entries, kept
        if entries.unreadable:
            kept.append(move_aside(path, "unreadable"))
        else:
            os.unlink(path)
            fsync_dir(path.parent)
    finally:
        os.close(fd)
