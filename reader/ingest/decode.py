"""Read an article file safely and turn its bytes into text.

Checks happen before the file is opened (a FIFO or a device would block or
never end), the size is capped, binary data is refused, and text that is
not valid UTF-8 falls back to Windows-1252, then Latin-1, with a warning.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from reader.errors import BadInputError

MAX_BYTES = 64 * 1024 * 1024
"""Largest article file we open (64 MiB). Anything bigger is refused."""

_MAGIC = (
    b"\x89PNG",
    b"PK\x03\x04",
    b"PK\x05\x06",
    b"%PDF-",
    b"\xff\xd8\xff",  # JPEG
    b"GIF87a",
    b"GIF89a",
    b"\x1f\x8b",  # gzip
    b"\x7fELF",
    b"BZh",
    b"7z\xbc\xaf\x27\x1c",
    b"\xfd7zXZ\x00",
    b"Rar!\x1a\x07",
    b"\x00asm",
    b"SQLite format 3\x00",
    b"OggS",
    b"fLaC",
    b"ID3",
    b"RIFF",
    b"\xd0\xcf\x11\xe0",  # old MS Office
    b"MZ\x90\x00",
)
_SAMPLE = 64 * 1024
_CONTROL_SHARE = 0.08
"""Refuse non-UTF-8 data where more than this share of a sample is control
bytes or bytes undefined in Windows-1252."""
_SUSPICIOUS = (frozenset(range(0x20)) - {0x09, 0x0A, 0x0C, 0x0D, 0x1B}) | {
    0x7F,
    0x81,
    0x8D,
    0x8F,
    0x90,
    0x9D,
}


_UNICODE_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
"""Text saved as UTF-16 or UTF-32 (e.g. Notepad's "Unicode") always starts
with a byte-order mark; without one, NUL bytes mean binary."""


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    warnings: tuple[str, ...] = ()


def read_bytes(path: Path, max_bytes: int | None = None, *, kind: str = "an article file") -> bytes:
    """The bytes of a regular file, or BadInputError with one sentence.

    `kind` names what the file should be, for the sentence about a folder.
    """
    limit = MAX_BYTES if max_bytes is None else max_bytes
    try:
        info = path.stat()
    except FileNotFoundError:
        raise BadInputError(f"{path}: no such file or folder.") from None
    except OSError as exc:
        raise BadInputError(f"{path}: cannot be read ({exc.strerror or exc}).") from None
    if stat.S_ISDIR(info.st_mode):
        raise BadInputError(f"{path}: is a folder, not {kind}.")
    if not stat.S_ISREG(info.st_mode):
        raise BadInputError(f"{path}: is not a regular file (a pipe, socket or device).")
    if info.st_size > limit:
        raise BadInputError(
            f"{path}: is too large ({_size(info.st_size)}; the limit is {_size(limit)})."
        )
    try:
        # Non-blocking open and a second check on the open file: if the path
        # was swapped for a FIFO after the stat above, we still never block.
        with open(path, "rb", opener=_open_nonblocking) as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise BadInputError(f"{path}: is not a regular file (a pipe, socket or device).")
            data = handle.read(limit + 1)
    except OSError as exc:
        raise BadInputError(f"{path}: cannot be read ({exc.strerror or exc}).") from None
    if len(data) > limit:
        raise BadInputError(f"{path}: is too large (the limit is {_size(limit)}).")
    return data


def _open_nonblocking(path: str, flags: int) -> int:
    return os.open(path, flags | getattr(os, "O_NONBLOCK", 0))


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.0f} MB"
    if n >= 1024:
        return f"{n / 1024:.0f} KB"
    return f"{n} bytes"


def has_binary_signature(data: bytes) -> bool:
    """A known binary file signature or a NUL byte (UTF-16, which we do not
    read, has NUL bytes too)."""
    return data.startswith(_MAGIC) or b"\x00" in data


def control_share(data: bytes) -> float:
    """Share of a sample that is control bytes or bytes Windows-1252 leaves
    undefined: about 13% for random data, next to nothing for text."""
    sample = data[:_SAMPLE]
    if not sample:
        return 0.0
    return sum(1 for byte in sample if byte in _SUSPICIOUS) / len(sample)


def decode(data: bytes, name: str = "input") -> Decoded:
    """Decode article bytes: UTF-8 (with or without BOM), UTF-16/32 when a
    BOM says so, else Windows-1252, else Latin-1, with a warning for the
    fallbacks. Binary data raises BadInputError."""
    for bom, codec in _UNICODE_BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                break
            if "\x00" in text:
                break
            return Decoded(text)
    if has_binary_signature(data):
        raise BadInputError(f"{name}: looks like a binary file, not an article.")
    try:
        return Decoded(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        pass
    if control_share(data) > _CONTROL_SHARE:
        raise BadInputError(f"{name}: looks like a binary file, not an article.")
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return Decoded(
            data.decode("latin-1"), ("not valid UTF-8; decoded as Latin-1 (ISO-8859-1).",)
        )
    return Decoded(text, ("not valid UTF-8; decoded as Windows-1252.",))
