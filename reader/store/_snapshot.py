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

import marshal
import zlib
from pathlib import Path
from typing import Any

from reader.datafile import SNAPSHOT_LIMIT, read_regular
from reader.files import Signature, atomic_write

NAME = ".snapshot"
MAGIC = b"RSNP"
FORMAT = 1

Shards = dict[str, tuple[Signature, list[tuple[Any, ...]]]]


def load(path: Path, schema_version: int) -> Shards:
    """The cached shards, or {} if there is no usable snapshot (missing,
    not a regular file, over SNAPSHOT_LIMIT, damaged or outdated)."""
    try:
        result = read_regular(path, SNAPSHOT_LIMIT, follow_symlinks=False)
    except OSError:
        return {}
    if result is None:
        return {}
    raw = result[0]
    if len(raw) < 8 or raw[:4] != MAGIC:
        return {}
    body = raw[8:]
    if zlib.crc32(body) != int.from_bytes(raw[4:8], "big"):
        return {}
    try:
        fmt, version, shards = marshal.loads(body)
    except (EOFError, ValueError, TypeError, MemoryError):
        return {}
    if fmt != FORMAT or version != schema_version or not isinstance(shards, dict):
        return {}
    return shards


def save(path: Path, schema_version: int, shards: Shards) -> None:
    body = marshal.dumps((FORMAT, schema_version, shards))
    blob = MAGIC + zlib.crc32(body).to_bytes(4, "big") + body
    atomic_write(path, blob, keep_backup=False)
