"""Extraction in a child process: same answers as in-process, restart on a new
article, closing never leaves a waiting thread behind, no code from the
current folder, no orphan when the reader dies, and quitting starts no work."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

import pytest

import reader.extract
import reader.extract.process as extract_worker
from reader.extract import extract
from reader.extract.process import ExtractionProcess
from reader.ingest import parse
from reader.model import Article, Extraction

from .helpers import make_app, sync, wait_for

DEADLINE = 30.0
"""How long a process is given to do what it should (start, or die): the
tests wait for the event, never for a time, and this only bounds a failure."""


def _eventually(condition: Callable[[], bool]) -> bool:
    """Whether `condition` becomes true before DEADLINE (polled)."""
    deadline = time.monotonic() + DEADLINE
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def _running(pid: int) -> bool:
    """Whether process `pid` still runs (a zombie has exited: it only waits
    for init to collect it)."""
    stat = Path(f"/proc/{pid}/stat")
    if Path("/proc/self/stat").exists():
        try:
            return stat.read_text().rsplit(")", 1)[1].split()[0] != "Z"
        except (FileNotFoundError, ProcessLookupError):
            return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.fixture
def process() -> Iterator[ExtractionProcess]:
    started = ExtractionProcess()
    yield started
    started.close()


def test_the_child_answers_like_the_extractors(
    process: ExtractionProcess, seed: Article, feature: Article
) -> None:
    process.start()
    assert process.extract(seed) == extract(seed)
    assert process.extract(feature) == extract(feature)


def test_articles_and_extractions_cross_the_pipe_unchanged(seed: Article, feature: Article) -> None:
    for article in (seed, feature):
        assert extract_worker.unpack_article(extract_worker.pack_article(article)) == article
        extraction = extract(article)
        packed = extract_worker.pack_extraction(extraction)
        assert extract_worker.unpack_extraction(packed) == extraction
    assert feature.styles  # the Markdown fixture has inline styles to carry


def test_a_new_article_restarts_a_busy_child_and_close_unblocks(
    process: ExtractionProcess, seed: Article, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = parse(
        "Big\n\n" + "\n\n".join('"Quoted words here," said Ana Duarte.' for _ in range(40_000))
    )
    reading = threading.Event()
    real_read = extract_worker._read

    def read(stream: IO[bytes]) -> Any:
        reading.set()  # the waiter holds the busy child's pipe from here on
        return real_read(stream)

    monkeypatch.setattr(extract_worker, "_read", read)
    outcome: list[object] = []
    reading = threading.Event()
    read = extract_worker._read

    def read_and_tell(stream: IO[bytes]) -> object:
        if threading.current_thread() is waiter:
            reading.set()  # the waiter is blocked on the big article's answer
        return read(stream)

    monkeypatch.setattr(extract_worker, "_read", read_and_tell)

    def wait_for_big() -> None:
        try:
            outcome.append(process.extract(big))
        except EOFError as exc:
            outcome.append(exc)

    waiter = threading.Thread(target=wait_for_big, daemon=True)
    waiter.start()
    assert reading.wait(DEADLINE)
    assert process.extract(seed) == extract(seed)  # not queued behind the big one
    waiter.join(DEADLINE)
    assert not waiter.is_alive()
    assert isinstance(outcome[0], EOFError)
    process.close()
    assert process.closed
    with pytest.raises(EOFError):
        process.extract(seed)


def test_a_child_that_died_is_started_again(process: ExtractionProcess, seed: Article) -> None:
    process.start()
    first = process.pid
    assert first is not None
    os.kill(first, signal.SIGKILL)
    assert _eventually(lambda: not _running(first))
    assert process.extract(seed) == extract(seed)
    assert process.pid not in (None, first)


def test_a_child_outlives_the_thread_that_asked_for_it(
    process: ExtractionProcess, seed: Article, feature: Article
) -> None:
    # Linux's parent-death signal fires when the *thread* that started the
    # child ends, and Textual worker threads end after each extraction
    asker = threading.Thread(target=process.extract, args=(seed,))
    asker.start()
    asker.join()
    pid = process.pid
    assert process.extract(feature) == extract(feature)
    assert process.pid == pid


# ------------------------------------------------- code from the current folder


@pytest.mark.parametrize("planted", ["reader.py", "reader/__init__.py"])
def test_no_code_from_the_current_folder_runs(
    process: ExtractionProcess,
    seed: Article,
    planted: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = tmp_path / "articles"
    marker = tmp_path / "PWNED"
    (folder / planted).parent.mkdir(parents=True, exist_ok=True)
    (folder / planted).write_text(f"open({str(marker)!r}, 'w').write('ran')\n", encoding="utf-8")
    monkeypatch.chdir(folder)
    assert process.extract(seed) == extract(seed)
    assert not marker.exists()


def test_the_child_is_started_without_the_current_folder_on_its_path(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sys, "path", ["", "relative", *sys.path])
    command = extract_worker.child_command()
    assert command[:3] == [sys.executable, "-P", "-c"]
    path = json_path(command)
    assert "" not in path and "relative" not in path
    assert all(os.path.isabs(entry) for entry in path)


def json_path(command: list[str]) -> list[str]:
    import json

    loaded = json.loads(command[4])
    assert isinstance(loaded, list)
    return [str(entry) for entry in loaded]


# ---------------------------------------------------- dying with the reader

_PARENT = """
import subprocess, sys, time
from reader.extract import process as extract_worker
command = extract_worker.child_command()
command[3] = sys.argv[1]
child = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
print(child.pid, flush=True)
time.sleep(3600)
"""
"""A reader stand-in: starts a child as ExtractionProcess does (with the
child's code given), says its pid, and waits to be killed."""

_CHILD = """
import json, os, re, sys
sys.path[:] = json.loads(sys.argv[1])
import reader.extract
import reader.extract.process as worker

def busy(article):
    open(os.environ["READER_TEST_BUSY"], "w").close()
    {busy}

reader.extract.extract = busy
{patch}
worker.main(int(sys.argv[2]))
"""
"""The real child, with extraction replaced by endless work."""

_PYTHON_WORK = "while True: pass"
_C_WORK = 're.match(r"(?:a|a)*b", "a" * 200)  # holds the GIL for ages'


def _orphan_dies(tmp_path: Path, busy: str, patch: str = "") -> bool:
    """Start a reader stand-in whose child is busy, SIGKILL the stand-in,
    and tell whether the child is gone before DEADLINE."""
    flag = tmp_path / "busy"
    parent = subprocess.Popen(
        [sys.executable, "-c", _PARENT, _CHILD.format(busy=busy, patch=patch)],
        stdout=subprocess.PIPE,
        env={**os.environ, "READER_TEST_BUSY": str(flag)},
    )
    child: int | None = None
    try:
        assert parent.stdout is not None
        child = int(parent.stdout.readline())
        assert _eventually(flag.exists), "the child never got to work"
        parent.kill()
        parent.wait()
        return _eventually(lambda: not _running(child))
    finally:
        if parent.poll() is None:
            parent.kill()
            parent.wait()
        if child is not None and _running(child):
            os.kill(child, signal.SIGKILL)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="prctl is Linux-only")
def test_a_busy_child_dies_with_its_parent(tmp_path: Path) -> None:
    assert _orphan_dies(tmp_path, _PYTHON_WORK)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="prctl is Linux-only")
def test_a_child_busy_in_c_dies_with_its_parent(tmp_path: Path) -> None:
    # a regex holds the GIL: only the kernel's parent-death signal gets through
    assert _orphan_dies(tmp_path, _C_WORK)


def test_without_a_death_signal_the_closed_pipe_ends_a_busy_child(tmp_path: Path) -> None:
    # what other systems get: the request pipe's end, seen by the child
    no_signal = "worker._set_parent_death_signal = lambda: False"
    assert _orphan_dies(tmp_path, _PYTHON_WORK, no_signal)


# --------------------------------------------------------------- quitting


class _WaitingExtractor(ExtractionProcess):
    """An extraction process whose answer never comes: extract() waits, like
    a child busy with a big article, until close()."""

    def __init__(self) -> None:
        super().__init__()
        self.waiting = threading.Event()
        self._closing = threading.Event()

    def start(self) -> None:
        pass

    def extract(self, article: Article) -> Extraction:
        self.waiting.set()
        self._closing.wait(DEADLINE)
        raise EOFError("the extraction process is closed")

    def close(self) -> None:
        super().close()
        self._closing.set()


@sync
async def test_quitting_during_an_extraction_starts_no_extraction(
    seed: Article, monkeypatch: pytest.MonkeyPatch
) -> None:
    extracted_here = threading.Event()

    def extract_here(article: Article) -> Extraction:
        extracted_here.set()
        return Extraction()

    monkeypatch.setattr(reader.extract, "extract", extract_here)
    extractor = _WaitingExtractor()
    app = make_app([seed])
    app.extractor = extractor
    async with app.run_test() as pilot:
        await wait_for(pilot, extractor.waiting.is_set)
        await pilot.press("q")
    assert extractor.closed
    assert not extracted_here.is_set()
    assert seed.id not in app.extractions


@sync
async def test_extraction_workers_are_named_without_copying_the_article(seed: Article) -> None:
    app = make_app([seed])
    async with app.run_test() as pilot:
        worker = app.reading._extract(seed)
        assert len(worker.description) < 500  # a title of at most 300 characters
        assert seed.text[-200:] not in worker.description
        await wait_for(pilot, lambda: seed.id in app.extractions)
