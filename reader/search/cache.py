"""The index snapshot on disk: so opening the store does not re-tokenise
every highlight.

Tokenising and inverting 50,000 highlights costs more than loading them, so
the index keeps a snapshot beside the store (PATH.search). It is derived
data only: checked with a CRC and a format number, compared highlight by
highlight with the store on load (anything changed is indexed afresh), and
rebuilt from the store whenever it is missing, stale or damaged. It is
written with marshal (plain containers only: loading it runs no code), to
a temp file in the same folder and then os.replace()d, so a crash leaves
the old snapshot or the new one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reader.datafile import SNAPSHOT_LIMIT
from reader.files import read_blob, write_blob

MAGIC = b"reader-search-index\n"
FORMAT = 5


def cache_path(store_path: Path) -> Path:
    """Where the snapshot of the index over the store at `store_path` lives."""
    return store_path.with_name(store_path.name + ".search")


def read_snapshot(path: Path) -> dict[str, Any] | None:
    """The snapshot at `path`, or None if it is absent, not a regular file,
    over SNAPSHOT_LIMIT, damaged or of another format."""
    data = read_blob(path, MAGIC, SNAPSHOT_LIMIT)
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return None
    return data


def write_snapshot(path: Path, data: dict[str, Any]) -> bool:
    """Save `data` atomically; False (and nothing changed) if it cannot be written."""
    try:
        write_blob(path, MAGIC, {**data, "format": FORMAT})
    except OSError:
        return False
    return True
