"""Reading a file from the data folder without trusting what is there.

Why: the data folder (and a `--db` path) can hold anything — a synced
copy, a file someone else put there, a mistake on the command line. A FIFO
blocks a plain open() forever, a symlink to /dev/zero reads without end,
and a huge file exhausts memory. Every reader of a data file goes through
`read_regular()` (or `open_regular()` for the lock file): it opens without
blocking (O_NONBLOCK, so a FIFO cannot stall the open), optionally without
following a symlink (O_NOFOLLOW, for files reader itself creates and never
links), checks with fstat on the same descriptor that it is a regular file,
and reads at most the limit for that kind of file.

Limits (a larger file is refused as damaged, never read):

    STORE_FILE_LIMIT   512 MiB  the store's catalog (the library, with each
                                article's text; an article is at most 64 MiB),
                                each article's highlights file, their backups
    SNAPSHOT_LIMIT     512 MiB  load caches: the store snapshot PATH.d/.snapshot
                                and the search index snapshot PATH.search
    CONFIG_LIMIT         1 MiB  config.json (a dozen settings)
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

MIB = 1024 * 1024
STORE_FILE_LIMIT = 512 * MIB
SNAPSHOT_LIMIT = 512 * MIB
CONFIG_LIMIT = 1 * MIB

_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_BINARY = getattr(os, "O_BINARY", 0)


class DataFileError(OSError):
    """A data file that must not be read (str() / strerror say why)."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(errno.EINVAL, f"{path} {reason}", str(path))
        self.path = path
        self.reason = reason


class NotRegularFileError(DataFileError):
    """The path is a FIFO, socket, device, folder, or a symlink where none is followed."""


class FileTooLargeError(DataFileError):
    """The file is larger than the limit for its kind."""


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def check_regular(path: Path) -> None:
    """Raise NotRegularFileError if `path` (followed if a symlink) exists and
    is not a regular file: to refuse it before making anything beside it."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return
    if not stat.S_ISREG(mode):
        raise NotRegularFileError(path, f"is {_kind(mode)}, not a regular file")


def open_regular(
    path: Path, flags: int = os.O_RDONLY, *, follow_symlinks: bool = True, mode: int = 0o600
) -> int:
    """Open `path` and return the descriptor, but only if it is a regular
    file: raises NotRegularFileError (nothing is left open) for anything
    else, FileNotFoundError if it is missing. `flags` may add O_CREAT etc."""
    flags |= _NONBLOCK | _CLOEXEC | _BINARY
    if not follow_symlinks:
        flags |= _NOFOLLOW
    try:
        fd = os.open(path, flags, mode)
    except OSError as exc:
        if exc.errno == errno.ELOOP and not follow_symlinks:
            raise NotRegularFileError(path, "is a symbolic link, which is not followed") from None
        if exc.errno in (errno.EISDIR, errno.ENXIO):  # a folder; a socket or a FIFO for writing
            raise NotRegularFileError(path, "is not a regular file") from None
        raise
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise NotRegularFileError(path, f"is {_kind(st.st_mode)}, not a regular file")
    except BaseException:
        os.close(fd)
        raise
    return fd


def read_regular(
    path: Path, limit: int, *, follow_symlinks: bool = True
) -> tuple[bytes, os.stat_result] | None:
    """The bytes of the regular file at `path` (at most `limit`) with the
    fstat of exactly the file read, or None if there is no such file.
    Raises NotRegularFileError, FileTooLargeError or another OSError."""
    try:
        fd = open_regular(path, follow_symlinks=follow_symlinks)
    except FileNotFoundError:
        return None
    with open(fd, "rb") as handle:
        st = os.fstat(fd)
        if st.st_size > limit:
            raise FileTooLargeError(path, _too_large(limit))
        # Ask for what fstat promised (no limit-sized buffer for a small file),
        # then, if the file grew meanwhile, for the rest up to the limit.
        want = st.st_size + 1
        data = handle.read(want)
        if len(data) == want and want <= limit:
            data += handle.read(limit + 1 - want)
    if len(data) > limit:
        raise FileTooLargeError(path, _too_large(limit))
    return data, st


def _too_large(limit: int) -> str:
    return f"is larger than the {limit // MIB} MiB limit for this kind of file"
