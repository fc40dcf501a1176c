"""A load cache: every shard's highlights in one marshal file.

Why: opening a store of 50k highlights means parsing 2,000 JSON files and
building 50k models; JSON parsing alone costs as much as json.load of the
whole data. The snapshot holds each shard's records as tuples with the
signature (inode, mtime, size) of the file they came from, so an unchanged
shard loads from one marshal blob instead. It is only a cache: a shard whose
file has changed since is read from its JSON file; a missing, damaged or
outdated snapshot is ignored and rewritten. Nothing is ever saved only here.

Layout: b"RSNP" + CRC-32 of the body (4 bytes, big-endian) + marshal body
(format, schema_version, {shard key: (signature, [record tuple, ...])}).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reader.datafile import SNAPSHOT_LIMIT
from reader.files import Signature, read_blob, write_blob

NAME = ".snapshot"
MAGIC = b"RSNP"
FORMAT = 1

Shards = dict[str, tuple[Signature, list[tuple[Any, ...]]]]


def load(path: Path, schema_version: int) -> Shards:
    """The cached shards, or {} if there is no usable snapshot (missing,
    not a regular file, over SNAPSHOT_LIMIT, damaged or outdated)."""
    data = read_blob(path, MAGIC, SNAPSHOT_LIMIT)
    if not isinstance(data, tuple) or len(data) != 3:
        return {}
    fmt, version, shards = data
    if fmt != FORMAT or version != schema_version or not isinstance(shards, dict):
        return {}
    return shards


def save(path: Path, schema_version: int, shards: Shards) -> None:
    write_blob(path, MAGIC, (FORMAT, schema_version, shards))
