"""The notes store: highlights and the library in crash-safe TinyDB files.

API (models from reader.model in and out; every method is thread-safe)::

    store = Store.open(path=None, readonly=False, on_wait=None, restore_command=None)
                                  # default reader.paths.db_path(); on_wait is called
                                  # before waiting on a busy lock; restore_command
                                  # names how the user restores, in notices
    with Store.open(p) as store: ...                 # close() on exit
    store.notices: list[str]      # one-sentence notices for the user (damaged
                                  # file moved aside, upgrade done, ...); a damaged
                                  # highlights file is found when first read, so
                                  # check again after loading highlights
    store.damaged: list[Path]     # files found damaged this session (contents not shown)
    store.backup_available -> bool;  store.restore_backup() -> int
                                  # restores kept backups of this or an earlier session

    store.journal(kind, h) -> Path    # keep a change the busy store could not take;
    store.replay_journal() -> int     # saved by the next open (or this call)
    store.lock_wait: float            # seconds a change waits for the lock (15)

    add(h) -> Highlight           add_many(hs) -> list[Highlight]   (one write per article)
    update(h) -> Highlight        (stamps `updated`, keeps `created`)
    delete(id) -> Highlight | None
    get(id) -> Highlight | None   find_prefix(prefix) -> list[Highlight]
    highlights(article_id=None)   # one article in reading order, or all oldest first
    all_tags() -> dict[str, int]  highlight_counts() -> dict[article_id, int]

    upsert_article(entry) -> LibraryEntry   (keeps the first `added`; no write if unchanged)
    upsert_articles(entries) -> list[LibraryEntry]   (one write)
    articles() -> list[LibraryEntry]        (most recently added first)
    get_article(id) -> LibraryEntry | None
    remove_article(id, *, delete_highlights=False)

    subscribe(callback(kind, highlight)) -> unsubscribe
        kind is "add" | "update" | "delete"; called after the change is on disk,
        outside the store's lock, in the calling thread. Changes made by another
        process are delivered too, when this store next reads that file.
    subscribe_articles(callback(kind, entry)) -> unsubscribe
        the same for the library: "article" (added or changed; the entry as
        stored) and "article-removed" (the entry as it was).

What the rest of the program uses of a Store is reader.store_api.StoreAPI.

Errors are StoreError subclasses whose str() is one sentence for the user:
StoreWriteError (disk full...; says what was saved, `.saved` for add_many
over several articles), StoreReadOnlyError, StoreVersionError (newer schema /
not a reader store / an older copy that cannot be merged),
HighlightNotFoundError, InvalidHighlightError; a lock busy for over
`lock_wait` seconds raises StoreBusyError. A PATH that is not a regular file
(a device, a FIFO) is refused before anything is made beside it.

Every time in the models is timezone-aware, in UTC (see reader.clock).

Layout on disk (schema version 3), for PATH (default store.json):

    PATH              catalog, a TinyDB file: tables "meta" (schema_version)
                      and "articles" (library entries incl. their source text)
    PATH.d/ID.json    one TinyDB file per article id: table "highlights"
    PATH.d/.snapshot  a load cache only (see _snapshot.py): every shard's
                      records with the signature of the file they came from
    *.bak             the previous version of each file (rolling backup)
    PATH.lock         lock file for writers in other processes
    PATH.journal      changes that could not be saved while another process
                      held the lock too long (JSON Lines {op, record}, each
                      fsynced); every writable open replays and removes it

Files are created 0600 (private notes). Shards load lazily: the library and
one article's highlights need only their own files; highlights() without an
article loads every shard (from the snapshot where unchanged, ~json.load
time at 50k highlights).

Why sharded: TinyDB rewrites a whole file per write (~250 ms at 50k
highlights); one file per article keeps an add to a few KB. Each file is
written to a temp file in the same folder, fsynced, os.replace()d over the
old one, and the folder fsynced, so a crash leaves the old or the new
version, never a mix. Every read-modify-write runs under an exclusive lock
on PATH.lock and first re-reads the file if its (inode, mtime, size)
changed, so two processes never lose each other's writes. Reading needs no
lock: opening takes it only if it is free (to clear a killed writer's temp
files), and a read-only store never locks or writes anything. Files are read
through reader.datafile: regular files only, never blocking, within a size
limit. A damaged or unexpectedly empty file is moved aside as
NAME.corrupt-TIMESTAMP (never overwritten; never by a read-only store), a
notice says so, its backup is offered, and the store carries on. Older
layouts (v0/v1: one single TinyDB file; v2: naive local times) are upgraded
on open by merging with whatever newer data is beside them (see _migrate),
keeping the old file as PATH.vN-TIMESTAMP; read-only, only in memory.
"""

from reader.errors import StoreBusyError
from reader.store._core import (
    ArticleListener,
    HighlightNotFoundError,
    InvalidHighlightError,
    Listener,
    Store,
    StoreReadOnlyError,
    StoreVersionError,
    StoreWriteError,
)
from reader.store._migrate import SCHEMA_VERSION

__all__ = [
    "SCHEMA_VERSION",
    "ArticleListener",
    "HighlightNotFoundError",
    "InvalidHighlightError",
    "Listener",
    "Store",
    "StoreBusyError",
    "StoreReadOnlyError",
    "StoreVersionError",
    "StoreWriteError",
]
