"""The Store: highlights and library entries in crash-safe TinyDB files.

See the package docstring (reader/store/__init__.py) for the API and the
on-disk layout; this module holds the implementation.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import hashlib
import logging
import os
import re
import threading
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from operator import attrgetter
from pathlib import Path
from types import TracebackType
from typing import Any, ParamSpec, TypeVar

from tinydb import Query, TinyDB
from tinydb.storages import Storage

from reader.clock import local, utc_now
from reader.datafile import STORE_FILE_LIMIT, DataFileError, check_regular, read_regular
from reader.errors import StoreError
from reader.files import (
    CorruptFileError,
    ProcessLock,
    Signature,
    atomic_write,
    backup_path,
    dump_json,
    fsync_dir,
    move_aside,
    read_json,
    remove_with_backup,
    signature,
    stale_temp_files,
)
from reader.gc_pause import gc_paused
from reader.model import COLORS, Highlight, LibraryEntry
from reader.store import _journal, _migrate, _snapshot
from reader.store._records import (
    Record,
    entry_to_record,
    highlight_to_record,
    highlight_to_tuple,
    record_to_entry,
    record_to_highlight,
    safe_id,
    tuple_to_highlight,
)
from reader.text.sanitize import sanitize
from reader.text.tags import tag_key, unique_tags

log = logging.getLogger(__name__)

HIGHLIGHTS = "highlights"
ARTICLES = "articles"
Listener = Callable[[str, Highlight], None]
Event = tuple[str, Highlight]
ArticleListener = Callable[[str, LibraryEntry], None]
"""Called with ("article", entry as stored) or ("article-removed", entry as it was)."""
ArticleEvent = tuple[str, LibraryEntry]

TEXTS_SUFFIX = ".texts"
"""Articles' source texts live in PATH.texts/, one gzip file per article."""

TEXT_HASH = "text_hash"
"""The library record's fingerprint of the article's kept text."""

TEXT_FILE_LIMIT = 64 * 1024 * 1024
"""A kept text is at most the largest article reader opens (64 MiB), compressed."""

SNAPSHOT_MIN_SHARDS = 32
"""Use / refresh the load snapshot only when this many shards would be parsed."""

_SAFE_KEY = re.compile(r"[0-9A-Za-z_-]{1,64}")
_KEPT_STAMP = re.compile(r"\.bak-\d{8}T\d{6}Z?(?:-\d+)?")
"""The suffix of a backup kept for restore_backup() (see _offer_backup)."""


class StoreWriteError(StoreError):
    """A save failed (disk full, permissions...). The message says what was
    and was not saved: a save of one file leaves it unchanged; a save that
    spans files (add_many over several articles) lists in `saved` the
    highlights that were written before it failed. `reason` is the system's
    own words (e.g. "No space left on device")."""

    def __init__(self, message: str, *, reason: str = "", saved: Sequence[Highlight] = ()) -> None:
        super().__init__(message)
        self.reason = reason
        self.saved = list(saved)


class StoreReadOnlyError(StoreError):
    """A write was attempted on a store opened read-only."""


class StoreVersionError(StoreError):
    """The store was written by a newer reader, or is not a reader store."""


class HighlightNotFoundError(StoreError):
    """No highlight has the given id."""


class InvalidHighlightError(StoreError):
    """A highlight the store refuses to save (bad colour, span or id)."""


class _JsonFile:
    """One store file and its parsed contents as of signature `sig`."""

    __slots__ = ("data", "key", "loaded", "path", "sig", "unparsed")

    def __init__(self, path: Path, key: str = "") -> None:
        self.path = path
        self.key = key
        self.data: dict[str, Any] | None = None
        self.sig: Signature | None = None
        self.loaded = False
        self.unparsed = False
        """Models came from the snapshot; `data` is read only when writing."""


class _FileStorage(Storage):
    """TinyDB storage over a _JsonFile: reads the cached parse, writes atomically."""

    def __init__(self, store: Store, file: _JsonFile) -> None:
        self._store = store
        self._file = file

    def read(self) -> dict[str, dict[str, Any]] | None:
        return self._file.data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        self._store._save(self._file, data)


P = ParamSpec("P")
R = TypeVar("R")


def _os_errors(method: Callable[P, R]) -> Callable[P, R]:
    """Turn an OSError (no permission, a file where a folder should be...)
    into a StoreError with one sentence, as every store error is."""

    @functools.wraps(method)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(*args, **kwargs)
        except OSError as exc:
            where = getattr(args[0], "path", "")
            reason = exc.strerror or str(exc)
            if isinstance(exc, DataFileError) and exc.path == where:
                reason = f"it {exc.reason}"
            raise StoreError(f"The notes store {where} cannot be used ({reason}).") from exc

    return wrapper


def _shard_key(article_id: str) -> str:
    if _SAFE_KEY.fullmatch(article_id):
        return article_id
    return "x" + hashlib.sha256(article_id.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def _text_hash(text: str) -> str:
    """What the library records of a kept text, to know when it changed."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def _order_in_article(h: Highlight) -> tuple[int, int, datetime, str]:
    return (h.start, h.end, h.created, h.id)


_order_all = attrgetter("created", "id")


class Store:
    """Highlights and the library, persisted crash-safely; thread-safe."""

    def __init__(
        self, path: Path, *, readonly: bool = False, restore_command: str | None = None
    ) -> None:
        self.path = path
        self.shard_dir = path.with_name(path.name + ".d")
        self.journal_path = _journal.journal_path(path)
        self.readonly = readonly
        self.notices: list[str] = []
        self.damaged: list[Path] = []
        """Files found damaged (or missing) this session, whose contents are
        therefore not shown: what a caller reports as data known missing."""
        self.restore_command = restore_command
        """How the user restores a backup, named in notices (e.g. a CLI command)."""
        self._lock = threading.RLock()
        self._plock = ProcessLock(path.with_name(path.name + ".lock"))
        self._catalog = _JsonFile(path)
        self._shards: dict[str, _JsonFile] = {}
        self._models: dict[str, dict[str, Highlight]] = {}
        self._model_sig: dict[str, Signature | None] = {}
        self._entries: dict[str, LibraryEntry] = {}
        self._entries_sig: Signature | None = None
        self._entries_loaded = False
        self._listeners: list[Listener] = []
        self._pending: list[Event] = []
        self._article_listeners: list[ArticleListener] = []
        self._pending_articles: list[ArticleEvent] = []
        self._snap_sigs: dict[str, Signature] = {}
        """Shard signatures as in the snapshot on disk (as far as we know)."""
        self._restorable: list[tuple[Path, Path]] = []
        self._quarantined: set[Path] = set()
        self._closed = False
        self._on_wait: Callable[[], None] | None = None

    # -- opening and closing ------------------------------------------------

    @classmethod
    def open(
        cls,
        path: Path | None = None,
        *,
        readonly: bool = False,
        on_wait: Callable[[], None] | None = None,
        restore_command: str | None = None,
    ) -> Store:
        """Open (or start) the store at `path` (default: reader.paths.db_path()).

        Opening reads without the write lock, so it never waits for another
        process's write, except to upgrade an older store or move a damaged
        library aside: then `on_wait` is called first if the lock is busy
        (before the TUI starts, the terminal would otherwise stay blank).
        `restore_command`: how the user restores a backup, for the notices."""
        if path is None:
            from reader.paths import db_path

            path = db_path()
        store = cls(Path(path), readonly=readonly, restore_command=restore_command)
        store._on_wait = on_wait
        try:
            store._open()
        finally:
            store._on_wait = None
        return store

    def close(self) -> None:
        with self._lock:
            self._closed = True
            self._shards.clear()
            self._models.clear()
            self._model_sig.clear()
            self._entries.clear()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @_os_errors
    def _open(self) -> None:
        if self.path.is_dir():
            raise StoreError(f"The notes store {self.path} is a folder, not a file.")
        # A device or FIFO given as the store (`--db /dev/null`) is refused
        # before anything (a lock file) is made beside it.
        check_regular(self.path)
        with self._lock:
            if not self.readonly and self.path.parent.is_dir() and self._lock_if_free():
                try:
                    self._remove_stale_temp_files()
                    self._load_catalog_checked()
                    self._replay_at_open()
                finally:
                    self._plock.release()
            else:
                # Read-only (never locks or writes), or another process is
                # writing now: files are replaced atomically, so reading needs
                # no lock, and stale temp files wait for the next open. An
                # upgrade or a damaged library takes the lock when needed.
                self._load_catalog_checked()
                self._note_waiting_journal()

    def _lock_if_free(self) -> bool:
        try:
            return self._plock.try_acquire()
        except OSError:  # no lock file can be made here (a read-only folder)
            return False

    @contextlib.contextmanager
    def _exclusive(self) -> Iterator[None]:
        """The process lock; if it is busy, `on_wait` hears so before we wait."""
        if not self._plock.try_acquire():
            if self._on_wait is not None:
                self._on_wait()
            self._plock.acquire()
        try:
            yield
        finally:
            self._plock.release()

    def _remove_stale_temp_files(self) -> None:
        """Temp files of writers that were killed; we hold the lock, so no
        writer is active and none of these can become the store."""
        for folder in (self.path.parent, self.shard_dir):
            for tmp in stale_temp_files(folder):
                if tmp.name.startswith(f".{self.path.name}.") or folder == self.shard_dir:
                    with contextlib.suppress(OSError):
                        tmp.unlink()

    def _load_catalog_checked(self) -> None:
        self._reload(self._catalog)
        data = self._catalog.data
        if data is None:
            if (
                self.path not in self._quarantined
                and backup_path(self.path).exists()
                and self._has_shards()
            ):
                self.damaged.append(self.path)
                self._offer_backup(self.path, "was missing")
            return
        version = _migrate.schema_version(data)
        if version > _migrate.SCHEMA_VERSION:
            raise StoreVersionError(
                f"The notes store {self.path} was written by a newer version of reader "
                f"(schema {version}); upgrade reader to open it."
            )
        if self._needs_upgrade(data, version):
            if self.readonly:
                self._upgrade(data, version)
                return
            with self._exclusive():
                # Another process may have upgraded it while we waited.
                self._catalog.loaded = False
                self._reload(self._catalog)
                data = self._catalog.data
                if data is not None:
                    version = _migrate.schema_version(data)
                    if self._needs_upgrade(data, version):
                        self._upgrade(data, version)
            return
        if version == _migrate.SCHEMA_VERSION:
            return
        unknown = [k for k, v in data.items() if k not in ("meta", ARTICLES) and v]
        if unknown:
            raise StoreVersionError(
                f"{self.path} is not a reader notes store (it has tables {', '.join(unknown)})."
            )
        if not data.get(ARTICLES) and self._has_shards():
            self._quarantine(self._catalog, "is unexpectedly empty", force=True)

    def _has_shards(self) -> bool:
        try:
            return any(n.endswith(".json") for n in (p.name for p in self.shard_dir.iterdir()))
        except OSError:
            return False

    @staticmethod
    def _needs_upgrade(data: dict[str, Any], version: int) -> bool:
        """An older single file, a v2+ catalog of an older schema, or a current
        catalog an older reader wrote highlights into. (An older catalog
        without highlights, like "{}", is checked as it is, below.)"""
        if _migrate.is_single_file_layout(data):
            return version < _migrate.SCHEMA_VERSION or bool(data.get(HIGHLIGHTS))
        return 2 <= version < _migrate.SCHEMA_VERSION

    def _upgrade(self, data: dict[str, Any], version: int) -> None:
        """Bring an older store to the current schema, merging it with the
        newer highlights and library it may have been copied over (see
        _migrate). Writable: every file it replaces keeps its backup (shards
        as KEY.json.bak, the old file as PATH.vN-TIMESTAMP, a later catalog
        in PATH.bak stays there), and the catalog is written last, so an
        interrupted upgrade simply runs again. Read-only: the result is only
        held in memory. Refuses with StoreVersionError, changing nothing,
        when it cannot tell which of two versions is newer."""
        newer = self._newer_catalog(version)
        catalog, incoming = _migrate.upgrade(data, version)
        if newer is not None:
            catalog[ARTICLES] = _migrate.merge_articles(
                newer.get(ARTICLES) or {}, catalog[ARTICLES]
            )
        by_key: dict[str, list[Record]] = {}
        for article_id, records in incoming.items():
            by_key.setdefault(_shard_key(article_id), []).extend(records)
        on_disk = set()
        with contextlib.suppress(OSError):
            on_disk = {
                n[:-5]
                for n in (e.name for e in self.shard_dir.iterdir())
                if n.endswith(".json") and not n.startswith(".")
            }
        changes: dict[str, tuple[_JsonFile, dict[str, Any]]] = {}
        total = 0
        over_newer = newer is not None
        for key in sorted(on_disk | set(by_key)):
            f = _JsonFile(self.shard_dir / f"{key}.json", key)
            self._reload(f)
            table = (f.data or {}).get(HIGHLIGHTS)
            current = [
                _migrate.utc_times(r, _migrate.HIGHLIGHT_TIMES)
                for r in (table.values() if isinstance(table, dict) else ())
            ]
            over_newer = over_newer or bool(current and by_key.get(key))
            try:
                merged = _migrate.merge_highlights(current, by_key.get(key, ()))
            except _migrate.MergeConflict as exc:
                raise StoreVersionError(
                    f"The notes store {self.path} is an older copy (schema {version}) of the "
                    f"highlights in {self.shard_dir}, and highlight {exc.ident[:40]} was changed "
                    "in both with nothing to tell which is newer; nothing was changed, so move "
                    "one of them aside to choose."
                ) from None
            total += len(merged)
            new = {**(f.data or {}), HIGHLIGHTS: {str(i): r for i, r in enumerate(merged, 1)}}
            if new != f.data:
                changes[key] = (f, new)
        if self.readonly:
            self._catalog.data = catalog
            for key, (f, new) in changes.items():
                f.data = new
                self._shards[key] = f
                self._sync_models(key, f)
            self.notices.append(
                f"The notes store {self.path} uses an older format (schema {version}); it is "
                "shown upgraded, and upgraded on disk when it is next opened for writing."
            )
            return
        if changes:
            self._ensure_shard_dir()
        for f, new in changes.values():
            atomic_write(f.path, dump_json(new))
        kept = self._keep_old_file(version)
        atomic_write(self.path, dump_json(catalog), keep_backup=newer is None)
        self._catalog.loaded = False
        self._reload(self._catalog)
        if over_newer:
            self.notices.append(
                f"The notes store {self.path} was an older copy (schema {version}) over newer "
                "highlights or a newer library; they were merged and nothing newer was "
                f"replaced ({total} highlights); the old file is kept at {kept}."
            )
            return
        self.notices.append(
            f"The notes store was upgraded from schema version {version} to "
            f"{_migrate.SCHEMA_VERSION} ({total} highlights); the old file is kept at {kept}."
        )

    def _newer_catalog(self, version: int) -> dict[str, Any] | None:
        """PATH.bak when it is a catalog of a later schema than the file being
        upgraded: the store that file was copied over, whose library is
        merged. One written by a newer reader than this one is refused."""
        bak = backup_path(self.path)
        try:
            result = read_json(bak)
            bak_version = _migrate.schema_version(result[0]) if result is not None else -1
        except (CorruptFileError, StoreError):
            return None
        if result is None or _migrate.is_single_file_layout(result[0]):
            return None
        if bak_version > _migrate.SCHEMA_VERSION:
            raise StoreVersionError(
                f"The notes store {self.path} is an older copy (schema {version}) of a store "
                f"written by a newer version of reader (schema {bak_version}, see {bak}); "
                "nothing was changed: upgrade reader to merge them."
            )
        return result[0] if bak_version > version else None

    def _keep_old_file(self, version: int) -> Path:
        """Keep the file being upgraded as PATH.vN-TIMESTAMP[-N] (a hard link:
        the upgrade then replaces PATH with a new file)."""
        stamp = f"{local(utc_now()):%Y%m%dT%H%M%S}"
        kept = self.path.with_name(f"{self.path.name}.v{version}-{stamp}")
        n = 0
        while kept.exists():
            n += 1
            kept = self.path.with_name(f"{self.path.name}.v{version}-{stamp}-{n}")
        try:
            os.link(self.path, kept)
        except OSError:  # no hard links here: copy, reading no more than a store file may hold
            copied = read_regular(self.path, STORE_FILE_LIMIT)
            if copied is not None:
                kept.write_bytes(copied[0])
        fsync_dir(self.path.parent)
        return kept

    # -- the journal: changes kept while the store was busy ---------------------

    @property
    def lock_wait(self) -> float:
        """Seconds a change waits for another process to let go of the store
        before StoreBusyError (15 by default). Lowering it also shortens waits
        already under way: a closing app does, and journals what it cannot save."""
        return self._plock.timeout

    @lock_wait.setter
    def lock_wait(self, seconds: float) -> None:
        self._plock.timeout = max(0.0, seconds)

    @_os_errors
    def journal(self, kind: str, h: Highlight) -> Path:
        """Keep a change that could not be saved now (the store stayed busy)
        in the journal beside the store, fsynced before this returns; the
        next open, or replay_journal(), saves it. Takes no lock, so it works
        while another process holds the store. Returns the journal's path."""
        self._check_writable()
        if kind not in _journal.OPS:
            raise ValueError(f"unknown change {kind!r}")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        _journal.append(self.journal_path, kind, highlight_to_record(self._validate(h)))
        return self.journal_path

    @_os_errors
    def replay_journal(self) -> int:
        """Save the changes kept in the journal, then remove it; returns how
        many were applied. Raises StoreBusyError if the store stays busy."""
        self._check_writable()
        if not os.path.lexists(self.journal_path):
            return 0
        with self._lock, self._plock:
            applied = self._replay_journal()
        self._emit()
        return applied

    def _replay_at_open(self) -> None:
        """Save what an earlier session had to journal; a failure leaves the
        journal for next time and says so (the store still opens)."""
        if not os.path.lexists(self.journal_path):
            return
        waiting = _journal.count(self.journal_path)
        try:
            applied = self._replay_journal()
            self._pending.clear()  # nobody is subscribed yet: loads see these changes
        except (OSError, StoreError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            self.notices.append(
                f"{_changes(waiting)} kept in {self.journal_path} while the store was busy "
                f"could not be saved yet ({reason.rstrip('.')}); they stay there for next time."
            )
            return
        if applied:
            self.notices.append(
                f"{_changes(applied)} kept in {self.journal_path} while the store was busy "
                f"{'were' if applied != 1 else 'was'} saved now."
            )

    def _note_waiting_journal(self) -> None:
        """Read-only: the journal cannot be replayed, but it is not hidden."""
        waiting = _journal.count(self.journal_path)
        if waiting:
            self.notices.append(
                f"{_changes(waiting)} kept in {self.journal_path} while the store was busy "
                f"{'are' if waiting != 1 else 'is'} not shown; reader saves "
                f"{'them' if waiting != 1 else 'it'} the next time it opens the store for writing."
            )

    def _replay_journal(self) -> int:
        """Apply the journal (the caller holds both locks), then remove it.
        Idempotent: an add already saved, or an update or delete of a
        highlight that is not there, is skipped; a crash midway replays the
        whole journal again next time."""
        applied = 0
        with _journal.taken(self.journal_path) as (entries, kept):
            by_key: dict[str, list[tuple[str, Highlight]]] = {}
            for op, record in entries.changes:
                try:
                    h = self._validate(record_to_highlight(record))
                except (KeyError, TypeError, ValueError, AttributeError, StoreError):
                    entries.unreadable += 1
                    continue
                by_key.setdefault(_shard_key(h.article_id), []).append((op, h))
            if by_key:
                self._ensure_catalog()
                self._ensure_shard_dir()
            for key, changes in by_key.items():
                applied += self._apply_journaled(key, changes)
        if kept:
            self.notices.append(
                f"{_plural(entries.unreadable, 'line')} of the notes journal could not be "
                f"read; it was kept as {kept[0]}."
            )
        return applied

    def _apply_journaled(self, key: str, changes: list[tuple[str, Highlight]]) -> int:
        """One write of a shard for all its journaled changes, in their order."""
        f = self._shard(key)
        if f.unparsed:  # from the snapshot: read the file itself before changing it
            f.loaded = False
            self._reload(f)
            self._sync_models(key, f)
        data = dict(f.data or {})
        table: dict[str, Any] = dict(data.get(HIGHLIGHTS) or {})
        doc_of = {rec.get("id"): doc for doc, rec in table.items() if isinstance(rec, dict)}
        next_id = max((int(k) for k in table if k.isdigit()), default=0) + 1
        applied = 0
        for op, h in changes:
            doc = doc_of.get(h.id)
            if op == "add":
                if doc is not None:
                    continue
                doc = doc_of[h.id] = str(next_id)
                next_id += 1
                table[doc] = highlight_to_record(h)
            elif doc is None:
                continue
            elif op == "update":
                record = highlight_to_record(h)
                record["created"] = table[doc].get("created", record["created"])
                table[doc] = record
            else:
                del table[doc]
                del doc_of[h.id]
            applied += 1
        if applied:
            data[HIGHLIGHTS] = table
            self._save(f, data)
            self._sync_models(key, f)
        return applied

    # -- file plumbing ----------------------------------------------------------

    def _reload(self, f: _JsonFile) -> bool:
        """Re-read `f` if it changed on disk; True if it was re-read."""
        sig = signature(f.path)
        if f.loaded and sig == f.sig:
            return False
        try:
            result = read_json(f.path, follow_symlinks=f is self._catalog)
        except CorruptFileError as exc:
            self._quarantine(f, exc.reason)
            return True
        f.data, f.sig = result if result is not None else (None, None)
        f.loaded = True
        f.unparsed = False
        return True

    def _quarantine(self, f: _JsonFile, reason: str, *, force: bool = False) -> None:
        """Move a damaged file aside (never overwriting anything), note it, and
        carry on with that part of the store empty. `force`: the file parses
        but must go aside anyway (an unexpectedly empty library)."""
        what = "library" if f is self._catalog else "highlights file"
        if self.readonly:
            f.data, f.sig, f.loaded = None, signature(f.path), True
            self.damaged.append(f.path)
            how = ""
            if self.restore_command and backup_path(f.path).exists():
                how = f"; `{self.restore_command}` sets it aside and brings back its backup"
            self.notices.append(
                f"The notes {what} {f.path} {reason}; the store is open read-only, "
                f"so it was left as it is and its contents are not shown{how}."
            )
            return
        with self._exclusive():
            # Another process may have dealt with it while we waited.
            aside: Path | None = None
            try:
                result = read_json(f.path, follow_symlinks=f is self._catalog)
            except CorruptFileError:
                result = None
            if force and result is not None:
                result = None
            if result is None and f.path.exists():
                aside = move_aside(f.path, "corrupt" if not force else "empty")
            if result is not None:
                f.data, f.sig = result
                f.loaded = True
                return
            f.data, f.sig, f.loaded = None, None, True
        if aside is None:
            return
        self._quarantined.add(f.path)
        self.damaged.append(f.path)
        message = (
            f"The notes {what} {f.path} {reason}, so it was moved to {aside} and "
            "an empty one started"
        )
        self.notices.append(message + self._offer_backup(f.path, None) + ".")

    def _offer_backup(self, path: Path, reason: str | None) -> str:
        """Keep a copy of PATH.bak that later writes cannot replace, and remember
        it for restore_backup(). Returns the clause to add to the notice."""
        bak = backup_path(path)
        if not bak.exists():
            return "; there is no backup to restore"
        stamp = local(datetime.fromtimestamp(bak.stat().st_mtime, UTC))
        if self.readonly:  # writes nothing: the backup is only pointed at
            clause = f"; a backup from {stamp:%Y-%m-%d %H:%M} is at {bak}"
            if reason is not None:
                self.notices.append(f"The notes library {path} {reason}{clause}.")
            return clause
        now = f"{local(utc_now()):%Y%m%dT%H%M%S}"
        keep = bak.with_name(f"{bak.name}-{now}")
        n = 0
        while keep.exists():
            n += 1
            keep = keep.with_name(f"{bak.name}-{now}-{n}")
        try:
            keep.hardlink_to(bak)
        except OSError:
            copied = read_regular(bak, STORE_FILE_LIMIT, follow_symlinks=False)
            if copied is None:
                return "; there is no backup to restore"
            keep.write_bytes(copied[0])
        self._restorable.append((path, keep))
        clause = f"; a backup from {stamp:%Y-%m-%d %H:%M} can be restored"
        if self.restore_command:
            clause += f" with `{self.restore_command}`"
        if reason is not None:
            self.notices.append(f"The notes library {path} {reason}{clause}.")
        return clause

    def _save(self, f: _JsonFile, data: dict[str, Any]) -> None:
        """Write `data` to `f` atomically (called by TinyDB under our locks)."""
        if self.readonly:
            raise StoreReadOnlyError("The notes store is open read-only; nothing was saved.")
        try:
            f.sig = atomic_write(f.path, dump_json(data))
        except OSError as exc:
            f.loaded = False  # the in-memory copy may be half-changed: re-read next time
            f.sig = None
            reason = exc.strerror or str(exc)
            raise StoreWriteError(
                f"The notes store could not be saved ({reason}); nothing was changed.",
                reason=reason,
            ) from exc
        f.data = data
        f.loaded = True

    def _ensure_shard_dir(self) -> None:
        if not self.shard_dir.is_dir():
            self.shard_dir.mkdir(parents=True, exist_ok=True)
            fsync_dir(self.shard_dir.parent)

    def _ensure_catalog(self) -> None:
        """The first write of a new store records its schema version."""
        self._reload(self._catalog)
        if self._catalog.data is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._save(self._catalog, {"meta": _migrate.meta_table(), ARTICLES: {}})
        elif _migrate.schema_version(self._catalog.data) != _migrate.SCHEMA_VERSION:
            data = dict(self._catalog.data)
            data["meta"] = _migrate.meta_table()
            self._save(self._catalog, data)

    def _table(self, f: _JsonFile, name: str) -> Any:
        # A fresh TinyDB per operation: TinyDB caches the next document id per
        # Table, which goes stale when another process writes the file.
        if f.unparsed:
            # Loaded from the snapshot: read the file itself before changing it.
            f.loaded = False
            self._reload(f)
            self._sync_models(f.key, f)
        return TinyDB(self, f, storage=_FileStorage).table(name, cache_size=0)

    def _check_open(self) -> None:
        if self._closed:
            raise StoreError("The notes store is closed.")

    def _check_writable(self) -> None:
        self._check_open()
        if self.readonly:
            raise StoreReadOnlyError("The notes store is open read-only; nothing was saved.")

    # -- highlight shards -------------------------------------------------------

    def _shard(self, key: str) -> _JsonFile:
        f = self._shards.get(key)
        if f is None:
            f = self._shards[key] = _JsonFile(self.shard_dir / f"{key}.json", key)
        self._reload(f)
        self._sync_models(key, f)
        return f

    def _sync_models(self, key: str, f: _JsonFile) -> None:
        """Rebuild the models of a shard whose file changed, queueing change
        events for what another process added, edited or deleted."""
        if key in self._models and self._model_sig.get(key) == f.sig and f.sig is not None:
            return
        table = (f.data or {}).get(HIGHLIGHTS) or {}
        new: dict[str, Highlight] = {}
        for rec in table.values():
            try:
                h = record_to_highlight(rec)
            except (KeyError, TypeError, ValueError):
                log.warning("skipping an unreadable highlight record in %s", f.path)
                continue
            new[h.id] = h
        old = self._models.get(key)
        if old is not None:
            for hid, h in new.items():
                before = old.get(hid)
                if before is None:
                    self._pending.append(("add", h))
                elif before != h:
                    self._pending.append(("update", h))
            self._pending.extend(("delete", h) for hid, h in old.items() if hid not in new)
        self._models[key] = new
        self._model_sig[key] = f.sig

    def _refresh_all(self) -> None:
        keys = set(self._shards)
        try:
            names = [e.name for e in self.shard_dir.iterdir()]
        except OSError:
            names = []
        keys.update(n[:-5] for n in names if n.endswith(".json") and not n.startswith("."))
        unseen = [k for k in keys if k not in self._models]
        cached = self._snapshot_load() if len(unseen) >= SNAPSHOT_MIN_SHARDS else {}
        with gc_paused():
            for key in sorted(keys):
                if key in cached and key not in self._models and self._from_snapshot(key, cached):
                    continue
                self._shard(key)
        if not self.readonly:
            stale = sum(
                1 for key, sig in self._model_sig.items() if sig != self._snap_sigs.get(key)
            )
            if stale >= SNAPSHOT_MIN_SHARDS:
                self._snapshot_save()

    def _snapshot_load(self) -> _snapshot.Shards:
        cached = _snapshot.load(self.shard_dir / _snapshot.NAME, _migrate.SCHEMA_VERSION)
        self._snap_sigs = {}
        for key, entry in cached.items():
            with contextlib.suppress(TypeError, ValueError, IndexError):
                self._snap_sigs[key] = (entry[0][0], entry[0][1], entry[0][2])
        return cached

    def _from_snapshot(self, key: str, cached: _snapshot.Shards) -> bool:
        """Take a shard's models from the snapshot if its file is unchanged."""
        f = self._shards.get(key)
        if f is None:
            f = self._shards[key] = _JsonFile(self.shard_dir / f"{key}.json", key)
        sig, records = cached[key]
        if sig is None or tuple(sig) != signature(f.path):
            return False
        try:
            models = {h.id: h for h in map(tuple_to_highlight, records)}
        except (TypeError, ValueError, IndexError):
            return False
        f.data, f.sig, f.loaded, f.unparsed = None, (sig[0], sig[1], sig[2]), True, True
        self._models[key] = models
        self._model_sig[key] = f.sig
        return True

    def _snapshot_save(self) -> None:
        shards: _snapshot.Shards = {}
        for key, models in self._models.items():
            sig = self._model_sig.get(key)
            if sig is not None:
                shards[key] = (sig, [highlight_to_tuple(h) for h in models.values()])
        try:
            _snapshot.save(self.shard_dir / _snapshot.NAME, _migrate.SCHEMA_VERSION, shards)
        except OSError:  # only a cache: the next open parses the JSON files again
            log.warning("could not write the store snapshot in %s", self.shard_dir)
            return
        self._snap_sigs = {key: entry[0] for key, entry in shards.items()}

    def _commit(
        self, key: str, f: _JsonFile, changed: Iterable[Highlight], gone: Iterable[str]
    ) -> None:
        models = self._models.setdefault(key, {})
        for h in changed:
            models[h.id] = h
        for hid in gone:
            models.pop(hid, None)
        self._model_sig[key] = f.sig

    def _find_loaded(self, highlight_id: str) -> str | None:
        for key, models in self._models.items():
            if highlight_id in models:
                return key
        return None

    def _locate(self, highlight_id: str) -> str | None:
        """The shard holding a highlight: a lookup per loaded shard (no index
        to build on load), re-checked on disk; else load every shard."""
        key = self._find_loaded(highlight_id)
        if key is not None:
            self._shard(key)
            if highlight_id in self._models.get(key, {}):
                return key
        self._refresh_all()
        return self._find_loaded(highlight_id)

    # -- events -----------------------------------------------------------------

    def subscribe(self, callback: Listener) -> Callable[[], None]:
        """Call `callback(kind, highlight)` after each committed change ("add",
        "update", "delete"), including changes another process made that this
        store has since read. Returns a function that unsubscribes."""
        with self._lock:
            self._listeners.append(callback)

        def unsubscribe() -> None:
            with self._lock, contextlib.suppress(ValueError):
                self._listeners.remove(callback)

        return unsubscribe

    def subscribe_articles(self, callback: ArticleListener) -> Callable[[], None]:
        """Call `callback(kind, entry)` after each change to the library:
        ("article", the entry as stored) when one is added or changed,
        ("article-removed", the entry as it was) when one is removed —
        including changes another process made that this store has since
        read. Returns a function that unsubscribes."""
        with self._lock:
            self._article_listeners.append(callback)

        def unsubscribe() -> None:
            with self._lock, contextlib.suppress(ValueError):
                self._article_listeners.remove(callback)

        return unsubscribe

    def _emit(self, events: list[Event] | None = None) -> None:
        """Deliver queued events outside the lock, so a listener may call the store."""
        with self._lock:
            batch = self._pending + (events or [])
            self._pending = []
            listeners = list(self._listeners)
            article_batch, self._pending_articles = self._pending_articles, []
            article_listeners = list(self._article_listeners)
        for kind, entry in article_batch:
            for article_callback in article_listeners:
                try:
                    article_callback(kind, entry)
                except Exception:
                    log.exception("a store listener failed on %s %s", kind, entry.article_id)
        for kind, h in batch:
            for callback in listeners:
                try:
                    callback(kind, h)
                except Exception:
                    log.exception("a store listener failed on %s %s", kind, h.id)

    # -- highlights API ----------------------------------------------------------

    @staticmethod
    def _validate(h: Highlight) -> Highlight:
        if not isinstance(h.id, str) or not h.id.strip():
            raise InvalidHighlightError("A highlight needs a non-empty id.")
        if not isinstance(h.article_id, str) or not h.article_id:
            raise InvalidHighlightError("A highlight needs the id of its article.")
        if not (safe_id(h.id) and safe_id(h.article_id)):
            raise InvalidHighlightError("An id cannot hold white space or control characters.")
        if h.color not in COLORS:
            raise InvalidHighlightError(
                f"Unknown colour {h.color!r}; use one of {', '.join(COLORS)}."
            )
        if not 0 <= h.start <= h.end:
            raise InvalidHighlightError(f"A highlight cannot span {h.start}..{h.end}.")
        # Tags and notes are shown in the terminal: whoever wrote them (an
        # import file, a script), they are stored without controls or escapes.
        h = replace(h, tags=unique_tags(h.tags), note=sanitize(h.note))
        return record_to_highlight(highlight_to_record(h))

    def add(self, h: Highlight) -> Highlight:
        """Save a new highlight; returns it as stored."""
        return self.add_many([h])[0]

    @_os_errors
    def add_many(self, highlights: Iterable[Highlight]) -> list[Highlight]:
        """Save several new highlights with one write per article (all are
        checked before anything is written)."""
        self._check_writable()
        items = [self._validate(h) for h in highlights]
        seen: set[str] = set()
        for h in items:
            if h.id in seen:
                raise InvalidHighlightError(f"The highlight id {h.id} appears twice.")
            seen.add(h.id)
        groups: dict[str, list[Highlight]] = {}
        for h in items:
            groups.setdefault(_shard_key(h.article_id), []).append(h)
        saved: list[Highlight] = []
        try:
            with self._lock, self._plock:
                shards = {key: self._shard(key) for key in groups}
                for key, group in groups.items():
                    for h in group:
                        if h.id in self._models[key]:
                            raise InvalidHighlightError(
                                f"A highlight with id {h.id} already exists."
                            )
                self._ensure_catalog()
                self._ensure_shard_dir()
                for key, group in groups.items():
                    f = shards[key]
                    records = [highlight_to_record(h) for h in group]
                    self._table(f, HIGHLIGHTS).insert_multiple(records)
                    self._commit(key, f, group, ())
                    saved.extend(group)
        except StoreWriteError as exc:
            if not saved:
                raise
            # One file per article: those written before the failure stay saved.
            rest = len(items) - len(saved)
            were = "was" if rest == 1 else "were"
            raise StoreWriteError(
                f"The notes store could not be saved ({exc.reason}): {len(saved)} of "
                f"{len(items)} highlights were saved and {rest} {were} not.",
                reason=exc.reason,
                saved=saved,
            ) from exc
        finally:
            self._emit([("add", h) for h in saved])
        return items

    @_os_errors
    def update(self, h: Highlight) -> Highlight:
        """Save changes to a highlight (found by id in its article); stamps
        `updated` and keeps the original `created`. Returns it as stored."""
        self._check_writable()
        h = self._validate(h)
        key = _shard_key(h.article_id)
        with self._lock, self._plock:
            f = self._shard(key)
            old = self._models[key].get(h.id)
            if old is None:
                raise HighlightNotFoundError(f"No highlight with id {h.id} in that article.")
            h = replace(h, created=old.created, updated=utc_now())
            self._table(f, HIGHLIGHTS).update(highlight_to_record(h), Query().id == h.id)
            self._commit(key, f, [h], ())
        self._emit([("update", h)])
        return h

    @_os_errors
    def delete(self, highlight_id: str) -> Highlight | None:
        """Delete a highlight; returns what was deleted, or None if it was not there."""
        self._check_writable()
        with self._lock, self._plock:
            key = self._locate(highlight_id)
            if key is None:
                gone = None
            else:
                f = self._shard(key)
                gone = self._models[key].get(highlight_id)
                if gone is not None:
                    self._table(f, HIGHLIGHTS).remove(Query().id == highlight_id)
                    self._commit(key, f, (), [highlight_id])
        self._emit([("delete", gone)] if gone is not None else None)
        return gone

    @_os_errors
    def get(self, highlight_id: str) -> Highlight | None:
        self._check_open()
        with self._lock:
            key = self._locate(highlight_id)
            found = self._models.get(key, {}).get(highlight_id) if key else None
        self._emit()
        return found

    def find_prefix(self, id_prefix: str) -> list[Highlight]:
        """Highlights whose id starts with `id_prefix` (case-insensitive)."""
        prefix = id_prefix.strip().lower()
        return [h for h in self.highlights() if h.id.lower().startswith(prefix)] if prefix else []

    @_os_errors
    def highlights(self, article_id: str | None = None) -> list[Highlight]:
        """One article's highlights in reading order, or all of them oldest first."""
        self._check_open()
        with self._lock:
            if article_id is not None:
                key = _shard_key(article_id)
                self._shard(key)
                found = [h for h in self._models[key].values() if h.article_id == article_id]
                found.sort(key=_order_in_article)
            else:
                self._refresh_all()
                found = [h for models in self._models.values() for h in models.values()]
                found.sort(key=_order_all)
        self._emit()
        return found

    def all_tags(self) -> dict[str, int]:
        """Every tag with the number of highlights carrying it, most used first.

        Tags that are one tag by tag_key ("Zhōu", "zhou") count together,
        under the spelling used most."""
        counts: Counter[str] = Counter()
        spellings: dict[str, Counter[str]] = {}
        for h in self.highlights():
            for tag in h.tags:
                key = tag_key(tag)
                counts[key] += 1
                spellings.setdefault(key, Counter())[tag] += 1
        named = {spellings[key].most_common(1)[0][0]: n for key, n in counts.items()}
        return dict(sorted(named.items(), key=lambda kv: (-kv[1], kv[0])))

    def highlight_counts(self) -> dict[str, int]:
        """Number of highlights per article id (articles without any are absent)."""
        counts = Counter(h.article_id for h in self.highlights())
        return dict(counts)

    # -- library API ---------------------------------------------------------------

    def _sync_entries(self) -> None:
        self._reload(self._catalog)
        if self._entries_loaded and self._entries_sig == self._catalog.sig:
            return
        entries: dict[str, LibraryEntry] = {}
        for rec in ((self._catalog.data or {}).get(ARTICLES) or {}).values():
            try:
                entry = record_to_entry(rec)
            except (KeyError, TypeError, ValueError):
                log.warning("skipping an unreadable library record in %s", self.path)
                continue
            entries[entry.article_id] = entry
        if self._entries_loaded and self._article_listeners:
            # Another process changed the library: tell the subscribers.
            old = self._entries
            self._pending_articles.extend(
                ("article", e) for k, e in entries.items() if old.get(k) != e
            )
            self._pending_articles.extend(
                ("article-removed", e) for k, e in old.items() if k not in entries
            )
        self._entries = entries
        self._entries_sig = self._catalog.sig
        self._entries_loaded = True

    def upsert_article(self, entry: LibraryEntry) -> LibraryEntry:
        """Add an article to the library or update it. The first `added` time
        is kept; `opened` is kept when the new entry has none."""
        return self.upsert_articles([entry])[0]

    @_os_errors
    def upsert_articles(self, entries: Iterable[LibraryEntry]) -> list[LibraryEntry]:
        """upsert_article for many entries with a single write of the library.

        An entry's source text is kept in its own compressed file (see
        article_text), written once: the library file holds only what lists
        and searches need, so adding an article rewrites a small file whatever
        the size of the articles already in the library."""
        self._check_writable()
        # As stored (times in UTC), so an unchanged entry compares equal.
        batch = [record_to_entry(entry_to_record(e)) for e in entries]
        with self._lock, self._plock:
            self._ensure_catalog()
            self._sync_entries()
            assert self._catalog.data is not None
            data = dict(self._catalog.data)
            table = dict(data.get(ARTICLES) or {})
            changed = self._move_texts_out(table)
            doc_of = {rec.get("article_id"): doc_id for doc_id, rec in table.items()}
            next_id = max((int(k) for k in table if k.isdigit()), default=0) + 1
            stored: list[LibraryEntry] = []
            announced: list[LibraryEntry] = []
            for entry in batch:
                doc_id = doc_of.get(entry.article_id)
                kept_hash = table[doc_id].get(TEXT_HASH) if doc_id is not None else None
                text_hash = kept_hash
                if entry.source_text:
                    text_hash = _text_hash(entry.source_text)
                    if text_hash != kept_hash:
                        self._save_text(entry.article_id, entry.source_text)
                    entry = replace(entry, source_text="")
                old = self._entries.get(entry.article_id)
                if old is not None:
                    old = replace(old, source_text="")
                    entry = replace(entry, added=old.added, opened=entry.opened or old.opened)
                    if entry == old and text_hash == kept_hash:  # nothing new: no rewrite
                        stored.append(old)
                        continue
                changed = True
                if doc_id is None:
                    doc_id = doc_of[entry.article_id] = str(next_id)
                    next_id += 1
                table[doc_id] = {**entry_to_record(entry), TEXT_HASH: text_hash}
                stored.append(record_to_entry(table[doc_id]))
                announced.append(stored[-1])
            if not changed:
                return stored
            data[ARTICLES] = table
            self._save(self._catalog, data)
            for article_id, known in list(self._entries.items()):
                if known.source_text:  # moved out by _move_texts_out
                    self._entries[article_id] = replace(known, source_text="")
            for entry in stored:
                self._entries[entry.article_id] = entry
            self._entries_sig = self._catalog.sig
            self._pending_articles.extend(("article", entry) for entry in announced)
        self._emit()
        return stored

    # -- article texts: one compressed file each, beside the library ----------------

    @property
    def texts_dir(self) -> Path:
        """Where articles' source texts are kept (PATH.texts/)."""
        return self.path.with_name(self.path.name + TEXTS_SUFFIX)

    def _text_path(self, article_id: str) -> Path:
        return self.texts_dir / f"{_shard_key(article_id)}.txt.gz"

    def _save_text(self, article_id: str, text: str) -> None:
        """Keep an article's source text (replacing the one kept before)."""
        path = self._text_path(article_id)
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(
            path, gzip.compress(text.encode("utf-8", "surrogatepass"), 6), keep_backup=False
        )

    def _move_texts_out(self, table: dict[str, Any]) -> bool:
        """Library records written before texts had their own files: move
        their texts out (in `table`, which the caller then saves)."""
        moved = False
        for doc_id, record in table.items():
            text = record.get("source_text") if isinstance(record, dict) else None
            if text and isinstance(text, str) and isinstance(record.get("article_id"), str):
                self._save_text(record["article_id"], text)
                table[doc_id] = {**record, "source_text": "", TEXT_HASH: _text_hash(text)}
                moved = True
        return moved

    @_os_errors
    def article_text(self, article_id: str) -> str:
        """The source text kept for an article ("" if none): what the library
        re-parses when the article's file is gone. Read only when asked."""
        self._check_open()
        with self._lock:
            self._sync_entries()
            entry = self._entries.get(article_id)
        if entry is not None and entry.source_text:  # a library not rewritten since
            return entry.source_text
        try:
            found = read_regular(self._text_path(article_id), TEXT_FILE_LIMIT)
        except DataFileError:
            return ""
        if found is None:
            return ""
        try:
            return gzip.decompress(found[0]).decode("utf-8", "surrogatepass")
        except (OSError, EOFError, UnicodeDecodeError, zlib.error):
            log.warning("the kept text of %s is damaged", article_id)
            return ""

    @_os_errors
    def articles(self) -> list[LibraryEntry]:
        """The library, most recently added first."""
        self._check_open()
        with self._lock:
            self._sync_entries()
            found = sorted(self._entries.values(), key=lambda e: (e.added, e.article_id))
        self._emit()  # what another process changed, read just now
        found.reverse()
        return found

    @_os_errors
    def get_article(self, article_id: str) -> LibraryEntry | None:
        self._check_open()
        with self._lock:
            self._sync_entries()
            found = self._entries.get(article_id)
        self._emit()  # what another process changed, read just now
        return found

    @_os_errors
    def remove_article(self, article_id: str, *, delete_highlights: bool = False) -> None:
        """Drop an article from the library; its highlights stay unless asked
        (then its highlights file is removed, its last version kept as .bak)."""
        self._check_writable()
        events: list[Event] = []
        with self._lock, self._plock:
            self._sync_entries()
            removed = self._entries.get(article_id)
            unlisted = removed is not None
            if removed is not None:
                self._table(self._catalog, ARTICLES).remove(Query().article_id == article_id)
                self._entries_loaded = False
                self._pending_articles.append(("article-removed", removed))
                with contextlib.suppress(FileNotFoundError):
                    self._text_path(article_id).unlink()
            if delete_highlights:
                key = _shard_key(article_id)
                f = self._shard(key)
                gone = [h for h in self._models[key].values() if h.article_id == article_id]
                try:
                    if gone and len(gone) == len(self._models[key]):
                        remove_with_backup(f.path)
                        f.data, f.sig, f.loaded = None, None, True
                        self._commit(key, f, (), [h.id for h in gone])
                    elif gone:
                        ids = {h.id for h in gone}
                        self._table(f, HIGHLIGHTS).remove(Query().id.one_of(list(ids)))
                        self._commit(key, f, (), ids)
                except (OSError, StoreWriteError) as exc:
                    if not unlisted:
                        raise
                    # The library was written already: "nothing was changed" would be false.
                    reason = getattr(exc, "reason", "") or getattr(exc, "strerror", "") or exc
                    raise StoreWriteError(
                        "The article was removed from the library, but its highlights "
                        f"could not be deleted ({reason}).",
                        reason=str(reason),
                    ) from exc
                events = [("delete", h) for h in gone]
        self._emit(events)

    # -- backups --------------------------------------------------------------------

    @property
    def backup_available(self) -> bool:
        """True when a damaged file was moved aside this session and a backup
        of it can be restored with restore_backup()."""
        with self._lock:
            return bool(self._restorable)

    def _kept_backups(self) -> list[tuple[Path, Path]]:
        """(file, kept backup) pairs that _offer_backup left, this session or
        an earlier one, and no restore has used yet (see restore_backup)."""
        found: list[tuple[Path, Path]] = []
        for folder in (self.path.parent, self.shard_dir):
            try:
                names = os.listdir(folder)
            except OSError:
                continue
            for name in names:
                stamp = _KEPT_STAMP.search(name)
                if stamp is None or stamp.end() != len(name):
                    continue
                target = folder / name[: stamp.start()]
                if target == self.path or (folder == self.shard_dir and target.suffix == ".json"):
                    found.append((target, folder / name))
        return found

    @_os_errors
    def restore_backup(self) -> int:
        """Bring back the backups of damaged files moved aside (this session,
        or an earlier one that was not restored), merged with anything saved
        since (nothing is dropped); the newest backup of a file goes first, so
        it wins over older ones. A backup used is renamed NAME.restored-STAMP.
        Returns how many files were restored."""
        self._check_writable()
        with self._lock, self._plock:
            pending = list(dict.fromkeys([*self._restorable, *self._kept_backups()]))
            if not pending:
                raise StoreError("There is no backup of the notes store to restore.")
            pending.sort(key=lambda pair: pair[1].name, reverse=True)
            restored = 0
            for target, source in pending:
                if (target, source) in self._restorable:
                    self._restorable.remove((target, source))
                try:
                    result = read_json(source)
                except CorruptFileError as exc:
                    self.notices.append(f"The backup {source} is damaged too ({exc.reason}).")
                    continue
                if result is None:
                    continue
                backup, _ = result
                current = read_json(target, follow_symlinks=target == self.path)
                merged = _merge(backup, current[0] if current else {})
                target.parent.mkdir(parents=True, exist_ok=True)
                atomic_write(target, dump_json(merged))
                used = source.name[len(target.name) :].replace(".bak-", ".restored-", 1)
                with contextlib.suppress(OSError):  # used again next time: merging is idempotent
                    source.rename(source.with_name(target.name + used))
                restored += 1
            for f in [self._catalog, *self._shards.values()]:
                f.loaded = False
            self._entries_loaded = False
            self._load_catalog_checked()
            self._refresh_all()
        self._emit()
        return restored


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


def _changes(n: int) -> str:
    return _plural(n, "highlight change")


def _merge(backup: dict[str, Any], current: dict[str, Any]) -> dict[str, Any]:
    """Union of two TinyDB files by record id ("id" or "article_id"); the
    current version of a record wins. Tables are renumbered."""
    out: dict[str, Any] = dict(backup)
    for name in set(backup) | set(current):
        if name == "meta":
            out[name] = current.get(name) or backup.get(name)
            continue
        by_key: dict[str, Record] = {}
        for table in (backup.get(name) or {}, current.get(name) or {}):
            for doc_id, rec in table.items():
                ident = rec.get("id") or rec.get("article_id") or f"doc-{doc_id}"
                by_key[str(ident)] = rec
        out[name] = {str(i): rec for i, rec in enumerate(by_key.values(), 1)}
    return out
