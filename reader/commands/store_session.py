"""The notes store as a CLI command uses it: opened, and what it found said.

Why: the store finds a damaged highlights file only when it first reads it,
which is after the command opened the store (while listing, searching...).
So notices are printed when the store opens and again when the command is
done with it: one found midway is never lost. A damaged file is named with
the command that restores its backup, and `store.damaged` tells the
command that its output is missing what that file held.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager

from reader.commands import say_waiting
from reader.output import warn
from reader.paths import db_path
from reader.store import Store

RESTORE_COMMAND = "reader notes restore"


@contextmanager
def opened_store(
    args: argparse.Namespace,
    *,
    readonly: bool = False,
    restore_command: str | None = RESTORE_COMMAND,
) -> Iterator[Store]:
    """The store named by --db / READER_DB; its notices go to stderr as they
    come (at open, and at the end for those found meanwhile); closed after."""
    store = Store.open(
        db_path(getattr(args, "db", None)),
        readonly=readonly,
        on_wait=say_waiting,
        restore_command=restore_command,
    )
    told = _tell(store, 0)
    try:
        yield store
    finally:
        _tell(store, told)
        store.close()


def _tell(store: Store, start: int) -> int:
    for notice in store.notices[start:]:
        warn(notice)
    return len(store.notices)


def incomplete(store: Store) -> bool:
    """True when a damaged file kept highlights (or library entries) out of
    what the command read: its output is known to miss data."""
    return bool(store.damaged)
