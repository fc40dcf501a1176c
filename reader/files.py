"""Crash-safe file primitives: atomic replace, rolling backup, a process lock.

Why: TinyDB's JSONStorage rewrites its file in place, so a kill mid-write
corrupts it. Here every write goes to a temp file in the same folder, is
fsynced, then `os.replace`d over the target, and the folder is fsynced, so
the file on disk is always either the old or the new version. The previous
version is kept as `NAME.bak` (a hard link to the old inode, so it costs no
copy). A lock file serialises read-modify-write cycles between processes.
"""

from __future__ import annotations

import contextlib
import json
import logging
import marshal
import os
import stat
import tempfile
import time
import zlib
from pathlib import Path
from types import TracebackType
from typing import Any

from reader.datafile import (
    STORE_FILE_LIMIT,
    FileTooLargeError,
    NotRegularFileError,
    open_regular,
    read_regular,
)
from reader.errors import StoreBusyError

try:  # Linux / macOS
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger(__name__)

Signature = tuple[int, int, int]
"""(inode, mtime_ns, size): changes whenever a file is replaced."""

TEMP_SUFFIX = ".tmp"
BACKUP_SUFFIX = ".bak"


class CorruptFileError(Exception):
    """A store file that is not a JSON object (invalid, truncated or empty)."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


def signature(path: Path) -> Signature | None:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_size)


def read_json(
    path: Path, *, follow_symlinks: bool = False
) -> tuple[dict[str, Any], Signature] | None:
    """Parse a JSON object file and return it with the signature of exactly
    the bytes read (fstat on the same descriptor), or None if it is missing.

    Only a regular file is read (NotRegularFileError, an OSError, for a FIFO,
    device or, unless `follow_symlinks`, a symlink: never something to move
    aside), and at most STORE_FILE_LIMIT bytes. Anything that does not parse
    as a JSON object (too large, not UTF-8, nested too deep...) is damage:
    CorruptFileError."""
    try:
        result = read_regular(path, STORE_FILE_LIMIT, follow_symlinks=follow_symlinks)
    except FileTooLargeError as exc:
        raise CorruptFileError(path, exc.reason) from exc
    if result is None:
        return None
    raw, st = result
    sig = (st.st_ino, st.st_mtime_ns, st.st_size)
    if not raw.strip():
        raise CorruptFileError(path, "the file is empty")
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError, MemoryError) as exc:  # incl. UnicodeDecodeError
        reason = "nested too deep" if isinstance(exc, RecursionError) else str(exc)[:200]
        raise CorruptFileError(path, f"not valid JSON ({reason or type(exc).__name__})") from exc
    if not isinstance(data, dict):
        raise CorruptFileError(path, "not a JSON object")
    return data, sig


def dump_json(data: dict[str, Any]) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def fsync_dir(folder: Path) -> None:
    """Make a rename or unlink in `folder` durable (no-op where unsupported)."""
    if os.name == "nt":  # pragma: no cover
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + BACKUP_SUFFIX)


def _refresh_backup(path: Path) -> None:
    """Point NAME.bak at the current version of `path` (before it is replaced)."""
    bak = backup_path(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.bak-tmp")
    with contextlib.suppress(FileNotFoundError):
        os.unlink(tmp)
    try:
        os.link(path, tmp)
    except FileNotFoundError:
        return
    except OSError:  # no hard links on this filesystem: copy instead
        copied = read_regular(path, STORE_FILE_LIMIT)
        if copied is None:
            return
        with open(tmp, "wb") as dst:
            dst.write(copied[0])
            dst.flush()
            os.fsync(dst.fileno())
    os.replace(tmp, bak)


def atomic_write(path: Path, data: bytes, *, keep_backup: bool = True) -> Signature:
    """Replace `path` with `data` so a crash leaves either the old or the new
    file, never a mix. Raises OSError and leaves the old file untouched if any
    step fails (the temp file is removed)."""
    folder = path.parent
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=folder)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if keep_backup:
            _refresh_backup(path)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    try:
        fsync_dir(folder)
    except OSError:  # the new file is in place; only the rename's durability is unsure
        log.warning("could not fsync the folder %s after replacing %s", folder, path.name)
    sig = signature(path)
    assert sig is not None
    return sig


def remove_with_backup(path: Path) -> None:
    """Delete `path`, keeping its last version as NAME.bak."""
    _refresh_backup(path)
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)
    fsync_dir(path.parent)


def stale_temp_files(folder: Path) -> list[Path]:
    """Temp files a killed writer left behind (only safe to delete under the lock)."""
    try:
        names = os.listdir(folder)
    except FileNotFoundError:
        return []
    return [
        folder / n
        for n in names
        if n.startswith(".") and (n.endswith(TEMP_SUFFIX) or n.endswith(".bak-tmp"))
    ]


def move_aside(path: Path, label: str) -> Path:
    """Rename `path` to NAME.LABEL-YYYYmmddTHHMMSS[-N] without overwriting anything.
    Only a regular file (or a symlink, which moves alone) is ever moved: a
    device or FIFO is not ours to rename (`--db /dev/null` as root)."""
    mode = os.lstat(path).st_mode
    if not (stat.S_ISREG(mode) or stat.S_ISLNK(mode)):
        raise NotRegularFileError(path, "is not a regular file")
    stamp = time.strftime("%Y%m%dT%H%M%S")
    n = 0
    while True:
        suffix = f".{label}-{stamp}" + (f"-{n}" if n else "")
        target = path.with_name(path.name + suffix)
        if not target.exists():
            break
        n += 1
    # os.link + unlink never overwrites, unlike os.replace / os.rename on POSIX.
    try:
        os.link(path, target)
        os.unlink(path)
    except OSError:
        os.rename(path, target)
    fsync_dir(path.parent)
    return target


class ProcessLock:
    """An exclusive advisory lock on a lock file (flock), re-entrant per
    instance, with a timeout so a hung process gives a clear error.
    `timeout` is read on every try, so lowering it also cuts short a wait
    already under way (a closing app does, to journal its changes instead)."""

    def __init__(self, path: Path, timeout: float = 15.0) -> None:
        self.path = path
        self.timeout = timeout
        self._fd: int | None = None
        self._depth = 0

    def acquire(self) -> None:
        if self._depth:
            self._depth += 1
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = self._open_file()
        if fcntl is not None:
            started = time.monotonic()
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    waited = time.monotonic() - started
                    if waited > self.timeout:
                        os.close(fd)
                        n = max(1, round(waited))
                        raise StoreBusyError(
                            f"The store is busy: another process has held {self.path} "
                            f"for over {n} second{'s' if n != 1 else ''}."
                        ) from None
                    time.sleep(0.002)
        self._fd = fd
        self._depth = 1

    def _open_file(self) -> int:
        """The lock file, created if needed: only ever a regular file (a FIFO
        or symlink put there is refused, not opened or followed)."""
        return open_regular(self.path, os.O_RDWR | os.O_CREAT, follow_symlinks=False, mode=0o644)

    def try_acquire(self) -> bool:
        """Take the lock only if that needs no waiting: False when another
        process holds it or the lock file cannot be made (a read-only folder)."""
        if self._depth:
            self._depth += 1
            return True
        try:
            fd = self._open_file()
        except OSError:
            return False
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                os.close(fd)
                return False
        self._fd = fd
        self._depth = 1
        return True

    def release(self) -> None:
        self._depth -= 1
        if self._depth:
            return
        fd, self._fd = self._fd, None
        if fd is not None:
            if fcntl is not None:
                fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)

    def __enter__(self) -> ProcessLock:
        self.acquire()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()


def write_blob(path: Path, magic: bytes, value: Any) -> None:
    """Save `value` (plain containers only) as a checksummed marshal file:
    `magic`, the CRC-32 of the payload (4 bytes, big-endian), the payload.
    For derived data (caches, snapshots) that is rebuilt when unusable;
    written atomically with no backup. Raises OSError."""
    payload = marshal.dumps(value)
    blob = magic + zlib.crc32(payload).to_bytes(4, "big") + payload
    atomic_write(path, blob, keep_backup=False)


def read_blob(path: Path, magic: bytes, limit: int) -> Any | None:
    """What write_blob saved at `path`, or None if it is absent, not a regular
    file (never followed through a link), over `limit` bytes, of another kind
    or damaged. Loading marshal data runs no code."""
    try:
        result = read_regular(path, limit, follow_symlinks=False)
    except OSError:
        return None
    if result is None:
        return None
    raw = result[0]
    head = len(magic)
    if not raw.startswith(magic) or len(raw) < head + 4:
        return None
    payload = memoryview(raw)[head + 4 :]
    if zlib.crc32(payload) != int.from_bytes(raw[head : head + 4], "big"):
        return None
    try:
        return marshal.loads(payload)
    except (EOFError, ValueError, TypeError, MemoryError):
        return None
