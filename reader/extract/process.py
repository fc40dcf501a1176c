"""Extraction in a separate process, so it never holds up the interface.

Why a process and not a thread: extraction is pure-Python CPU work, so a
thread competes with the UI for the GIL, and Textual waits for running
thread workers when it exits (quitting during a 1 MB extraction would hang
until it finished). A child process runs on another core, starts importing
the extractors while the UI is still starting, and is simply killed when
the reader quits or when its answer is no longer wanted.

The protocol is length-prefixed pickles of plain tuples (pack_article,
pack_extraction) over the child's stdin/stdout, between this process and a
child it started itself. This module imports no Textual, so the child
starts fast.

The child imports only what the reader itself imports: it is started with
`-P` (no current folder or script folder on sys.path) and given the
parent's sys.path, so a `reader.py` or `reader/` beside the articles (the
reader's current folder) is never run. It also dies with the reader, even
one killed outright: see `main`.
"""

from __future__ import annotations

import contextlib
import json
import os
import pickle
import queue
import signal
import struct
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
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


# Articles and extractions cross the pipe as plain tuples, not as pickled
# dataclasses: pickle stores each frozen dataclass through Python-level
# __getstate__/__setstate__ calls, and a 64 MiB article has 275,000 blocks
# (2 s to pickle, in the reader's main thread before its first paint), its
# extraction half a million figures (7 s to unpickle in the reader).


def pack_article(article: Article) -> tuple[Any, ...]:
    blocks = [
        (b.kind, b.span.start, b.span.end, b.level, b.ordinal, b.header_rows)
        for b in article.blocks
    ]
    styles = [(s.kind, s.span.start, s.span.end, s.href) for s in article.styles]
    return (article.id, article.text, blocks, article.meta, styles, article.warnings)


def unpack_article(packed: tuple[Any, ...]) -> Article:
    from reader.model import Article, Block, Span, StyleSpan

    article_id, text, blocks, meta, styles, warnings = packed
    return Article(
        article_id,
        text,
        tuple(Block(k, Span(a, b), level, n, rows) for k, a, b, level, n, rows in blocks),
        meta,
        tuple(StyleSpan(k, Span(a, b), href) for k, a, b, href in styles),
        warnings,
    )


def pack_extraction(extraction: Extraction) -> tuple[Any, ...]:
    quotes = [(q.text, q.speaker, q.span.start, q.span.end) for q in extraction.quotes]
    people = [
        (p.name, p.aliases, p.role, [(s.start, s.end) for s in p.spans]) for p in extraction.people
    ]
    figures = [
        (f.text, f.value, f.unit, f.kind, f.context, f.span.start, f.span.end)
        for f in extraction.figures
    ]
    return (quotes, people, figures)


def unpack_extraction(packed: tuple[Any, ...]) -> Extraction:
    from reader.model import Extraction, Figure, Person, Quote, Span

    quotes, people, figures = packed
    return Extraction(
        tuple(Quote(text, speaker, Span(a, b)) for text, speaker, a, b in quotes),
        tuple(
            Person(name, aliases, role, tuple(Span(a, b) for a, b in spans))
            for name, aliases, role, spans in people
        ),
        tuple(
            Figure(text, value, unit, kind, context, Span(a, b))
            for text, value, unit, kind, context, a, b in figures
        ),
    )


WARM_UP = (
    "Warm-up\n\n"
    "“The bridge will reopen in spring,” said Ana Duarte, the mayor of Lisbon, on Monday. "
    "It cost $5 million, 12% more than planned."
)
"""A tiny article extracted while the child waits for its first real one: the
first extraction loads the name lists and builds the patterns (~80 ms)."""


def serve(stdin: IO[bytes], stdout: IO[bytes]) -> None:
    """The child: answer each article with ("ok", id, packed Extraction) or
    ("error", id, text).

    Requests are read on a thread of their own, so the end of the pipe is
    seen even in the middle of an extraction: the parent closed it, quit or
    died, nobody wants the answer, and the child exits at once instead of
    finishing on a core of its own."""
    requests: queue.SimpleQueue[Article] = queue.SimpleQueue()
    threading.Thread(
        target=_read_requests, args=(stdin, requests), name="requests", daemon=True
    ).start()

    from reader.extract import extract
    from reader.ingest import parse

    with contextlib.suppress(Exception):  # only a warm-up: a failure here changes nothing
        extract(parse(WARM_UP))

    while True:
        article = requests.get()
        try:
            answer: tuple[str, str, object] = ("ok", article.id, pack_extraction(extract(article)))
        except Exception as exc:
            answer = ("error", article.id, f"{type(exc).__name__}: {exc}")
        try:
            _write(stdout, answer)
        except OSError:
            os._exit(0)  # the parent is gone


def _read_requests(stdin: IO[bytes], requests: queue.SimpleQueue[Article]) -> None:
    while True:
        try:
            requests.put(unpack_article(_read(stdin)))
        except Exception:  # the end of the pipe (or a broken one): the parent is gone
            os._exit(0)


PR_SET_PDEATHSIG = 1
"""prctl(2) option: a signal the kernel sends when the parent goes."""


def _set_parent_death_signal() -> bool:
    """Ask Linux to SIGKILL this process when its parent goes; False where
    there is no such thing (the end of the pipe still ends it, see serve)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        return bool(libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0)
    except (OSError, AttributeError):
        return False


def main(parent: int) -> None:
    """The child's entry point: serve `parent` (its pid) until it goes.

    Two ways of noticing the parent is gone, because one is not enough: the
    kernel's parent-death signal (Linux) kills the child even while a long
    regex or C call holds the GIL; the end of the request pipe (serve) works
    everywhere. If the parent died before the signal was armed, the child is
    already someone else's: it leaves at once."""
    _set_parent_death_signal()
    if os.getppid() != parent:
        return
    serve(sys.stdin.buffer, sys.stdout.buffer)


_BOOTSTRAP = "\n".join(
    (
        "import json, sys",
        "sys.path[:] = json.loads(sys.argv[1])",
        "from reader.extract.process import main",
        "main(int(sys.argv[2]))",
    )
)


def child_command() -> list[str]:
    """The command that starts the child.

    `-m` would put the current folder (where the articles are) first on
    sys.path, and a `reader.py` there would be imported and run. With `-P`
    nothing is put there, and the child is given the parent's own sys.path
    instead: it imports exactly the reader that is running (installed,
    editable, or from a checkout) and its libraries. Entries that stand for
    the current folder ("", relative paths) are left out; the folder the
    running reader was imported from is added (last) if it is missing."""
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    path = [entry for entry in sys.path if entry and os.path.isabs(entry)]
    if root not in path:
        path.append(root)
    return [sys.executable, "-P", "-c", _BOOTSTRAP, json.dumps(path), str(os.getpid())]


class ExtractionFailed(Exception):
    """The extractors raised on this article (the message says how)."""


class ExtractionProcess:
    """The parent's handle: submit an article early, collect its extraction later.

    One request is in flight at a time. Asking for a different article while
    an old one is still being extracted restarts the child, so a stale big
    article never delays the one on screen. A child that died on its own is
    started again by the next request.

    Every child is started from one long-lived thread (the launcher): Linux
    sends the parent-death signal when the *thread* that started the child
    ends, and requests come from Textual worker threads that end after each
    extraction.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._process: subprocess.Popen[bytes] | None = None
        self._pending: str | None = None
        self._closed = False
        self._launcher: ThreadPoolExecutor | None = None

    @property
    def closed(self) -> bool:
        """True once close() was called: no extraction will come any more."""
        return self._closed

    @property
    def pid(self) -> int | None:
        """The running child's process id, if there is one."""
        process = self._process
        return None if process is None else process.pid

    def start(self) -> None:
        """Start the child now (it loads the extractors while it waits)."""
        with self._lock:
            if self._process is None and not self._closed:
                self._process = self._spawn()

    def _spawn(self) -> subprocess.Popen[bytes]:
        if self._launcher is None:
            self._launcher = ThreadPoolExecutor(1, thread_name_prefix="extraction-launcher")
        return self._launcher.submit(
            subprocess.Popen,
            child_command(),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        ).result()

    def submit(self, article: Article) -> None:
        """Start extracting `article` now (returns at once).

        Raises EOFError when closed or when no child can be started or
        reached (it died since its last answer)."""
        with self._lock:
            if self._closed:
                raise EOFError("the extraction process is closed")
            if self._pending == article.id:
                return
            if (
                self._pending is not None
                or self._process is None
                or self._process.poll() is not None
            ):
                self._stop()
                try:
                    self._process = self._spawn()
                except OSError as exc:
                    raise EOFError(f"the extraction process could not start: {exc}") from exc
            assert self._process.stdin is not None
            try:
                _write(self._process.stdin, pack_article(article))
            except OSError as exc:
                self._stop()
                raise EOFError("the extraction process stopped") from exc
            self._pending = article.id

    def extract(self, article: Article) -> Extraction:
        """The extraction of `article`; blocks (call it from a worker thread).

        Raises ExtractionFailed if the extractors raised, EOFError if the
        child went away (closed, restarted for another article, or crashed:
        then the next request starts a new one).
        """
        self.submit(article)
        with self._lock:
            process = self._process
        if process is None or process.stdout is None:
            raise EOFError("the extraction process stopped")
        try:
            status, article_id, payload = _read(process.stdout)
        except (EOFError, OSError, ValueError) as exc:  # died, or closed under us
            with self._lock:
                if self._process is process:  # not replaced or closed: it died
                    self._stop()
            raise EOFError("the extraction process stopped") from exc
        with self._lock:
            if self._process is process and self._pending == article_id:
                self._pending = None
        if article_id != article.id:
            raise EOFError("an answer for another article")
        if status != "ok":
            raise ExtractionFailed(str(payload))
        try:
            return unpack_extraction(payload)
        except (TypeError, ValueError) as exc:
            raise ExtractionFailed("the extraction process sent something unexpected") from exc

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
        """Stop the child for good: a thread waiting in extract() gets
        EOFError at once, and `closed` tells it not to try anything else."""
        with self._lock:
            self._closed = True
            self._stop()
            launcher, self._launcher = self._launcher, None
        if launcher is not None:
            launcher.shutdown(wait=False)
