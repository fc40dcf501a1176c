"""Extraction in a separate process, so it never holds up the interface.

Why a process and not a thread: extraction is pure-Python CPU work, so a
thread competes with the UI for the GIL, and Textual waits for running
thread workers when it exits (quitting during a 1 MB extraction would hang
until it finished). A child process runs on another core, starts importing
the extractors while the UI is still starting, and is simply killed when
the reader quits or when its answer is no longer wanted.

The protocol is length-prefixed pickles over the child's stdin/stdout,
between this process and a child it started itself. This module imports no
Textual, so the child starts fast:

    python -m reader.extract.process
"""

from __future__ import annotations

import contextlib
import pickle
import struct
import subprocess
import sys
import threading
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:  # the parent starts the child before it needs the model (~12 ms of imports)
    from reader.model import Article, Extraction

_HEADER = struct.Struct(">Q")


def _write(stream: IO[bytes], payload: object) -> None:
    data = pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(data)) + data)
    stream.flush()


def _read(stream: IO[bytes]) -> Any:
    header = stream.read(_HEADER.size)
    if len(header) < _HEADER.size:
        raise EOFError("the extraction process stopped")
    (size,) = _HEADER.unpack(header)
    data = stream.read(size)
    if len(data) < size:
        raise EOFError("the extraction process stopped")
    return pickle.loads(data)


WARM_UP = (
    "Warm-up\n\n"
    "“The bridge will reopen in spring,” said Ana Duarte, the mayor of Lisbon, on Monday. "
    "It cost $5 million, 12% more than planned."
)
"""A tiny article extracted while the child waits for its first real one: the
first extraction loads the name lists and builds the patterns (~80 ms)."""


def serve(stdin: IO[bytes], stdout: IO[bytes]) -> None:
    """The child: answer each article with ("ok", id, Extraction) or ("error", id, text)."""
    from reader.extract import extract
    from reader.ingest import parse

    with contextlib.suppress(Exception):  # only a warm-up: a failure here changes nothing
        extract(parse(WARM_UP))

    while True:
        try:
            article = _read(stdin)
        except EOFError:
            return
        try:
            _write(stdout, ("ok", article.id, extract(article)))
        except Exception as exc:
            _write(stdout, ("error", article.id, f"{type(exc).__name__}: {exc}"))


class ExtractionFailed(Exception):
    """The extractors raised on this article (the message says how)."""


class ExtractionProcess:
    """The parent's handle: submit an article early, collect its extraction later.

    One request is in flight at a time. Asking for a different article while
    an old one is still being extracted restarts the child, so a stale big
    article never delays the one on screen.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._process: subprocess.Popen[bytes] | None = None
        self._pending: str | None = None
        self._closed = False

    def start(self) -> None:
        """Start the child now (it loads the extractors while it waits)."""
        with self._lock:
            if self._process is None and not self._closed:
                self._process = self._spawn()

    def _spawn(self) -> subprocess.Popen[bytes]:
        return subprocess.Popen(
            [sys.executable, "-m", "reader.extract.process"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )

    def submit(self, article: Article) -> None:
        """Start extracting `article` now (returns at once)."""
        with self._lock:
            if self._closed:
                raise EOFError("the extraction process is closed")
            if self._pending == article.id:
                return
            if self._pending is not None or self._process is None:
                self._stop()
                self._process = self._spawn()
            assert self._process.stdin is not None
            _write(self._process.stdin, article)
            self._pending = article.id

    def extract(self, article: Article) -> Extraction:
        """The extraction of `article`; blocks (call it from a worker thread).

        Raises ExtractionFailed if the extractors raised, EOFError if the
        child went away (closed, restarted for another article, or crashed).
        """
        self.submit(article)
        with self._lock:
            process = self._process
        if process is None or process.stdout is None:
            raise EOFError("the extraction process stopped")
        try:
            status, article_id, payload = _read(process.stdout)
        except (OSError, ValueError) as exc:  # the pipe was closed under us
            raise EOFError("the extraction process stopped") from exc
        with self._lock:
            if self._process is process and self._pending == article_id:
                self._pending = None
        if article_id != article.id:
            raise EOFError("an answer for another article")
        if status != "ok":
            raise ExtractionFailed(str(payload))
        from reader.model import Extraction

        if not isinstance(payload, Extraction):
            raise ExtractionFailed("the extraction process sent something unexpected")
        return payload

    def _stop(self) -> None:
        process, self._process, self._pending = self._process, None, None
        if process is not None:
            with contextlib.suppress(OSError):
                process.kill()
            with contextlib.suppress(OSError, subprocess.TimeoutExpired):
                process.wait(timeout=2)
            for stream in (process.stdin, process.stdout):
                if stream is not None:
                    with contextlib.suppress(OSError):
                        stream.close()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            self._stop()


if __name__ == "__main__":
    serve(sys.stdin.buffer, sys.stdout.buffer)
