"""Closing the reader never loses a highlight: `q`, SIGTERM and SIGHUP (the
terminal window closed) finish the queued saves, and a store that another
process keeps busy gets the change in its journal, saved by the next start.

The real reader runs in tmux (`exec`, so the pane's process is the reader
and can be signalled); the test holds the store's lock itself, the way a
second reader stuck mid-write would. Every wait is on an event (the screen
showing the highlight, the process gone, a file holding the record), with
a generous deadline only as a safety net.
"""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from reader.files import ProcessLock
from reader.store import Store

pytestmark = [
    pytest.mark.tmux,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]

DEADLINE = 60.0
ARTICLE = "Harbour reopens\n\nThe harbour reopened on Monday after a week of storms.\n"
SHOWN = "▌ Harbour reopens"
"""The Notes tab's entry for the highlight: the change is made (and queued)."""


def wait_until(condition: Callable[[], object], what: str) -> None:
    deadline = time.monotonic() + DEADLINE
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


class Reader:
    """`reader ARTICLE` in a tmux pane of its own."""

    def __init__(self, home: Path, article: Path, *, then: str = "") -> None:
        self.name = f"reader-quit-{uuid.uuid4().hex[:8]}"
        command = " ".join(
            [
                "env",
                f"READER_HOME={shlex.quote(str(home))}",
                "TERM=xterm-256color",
                shlex.quote(sys.executable),
                "-m",
                "reader",
                shlex.quote(str(article)),
            ]
        )
        # With `then`, a shell stays to show what the reader said on exit;
        # without, the reader is the pane's own process (its pid is known).
        command = f"{command}; {then}" if then else f"exec {command}"
        new = ["tmux", "new-session", "-d", "-s", self.name, "-x", "140", "-y", "40", command]
        for attempt in range(5):
            # A tmux server that is just shutting down refuses new sessions: retry.
            if subprocess.run(new, capture_output=True).returncode == 0:
                break
            time.sleep(0.3 * (attempt + 1))
        else:
            raise AssertionError("tmux could not start a session")
        self.pid = int(self.tmux("display-message", "-p", "-t", self.name, "#{pane_pid}"))

    def tmux(self, *args: str) -> str:
        return subprocess.run(
            ["tmux", *args], check=True, capture_output=True, text=True
        ).stdout.strip()

    def screen(self) -> str:
        try:
            return self.tmux("capture-pane", "-p", "-J", "-t", self.name)
        except subprocess.CalledProcessError:
            return ""

    def press(self, *keys: str) -> None:
        for key in keys:
            self.tmux("send-keys", "-t", self.name, key)

    def wait_for(self, text: str) -> None:
        wait_until(lambda: text in self.screen(), repr(text))

    def alive(self) -> bool:
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return False
        state = Path(f"/proc/{self.pid}/stat")
        try:  # a zombie has exited: tmux reaps it soon
            return state.read_text().split(") ")[1][0] != "Z"
        except (OSError, IndexError):
            return True

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True)


@pytest.fixture
def setup(tmp_path: Path) -> Iterator[Callable[..., tuple[Reader, Path]]]:
    started: list[Reader] = []

    def start(then: str = "") -> tuple[Reader, Path]:
        article = tmp_path / "harbour.txt"
        article.write_text(ARTICLE, encoding="utf-8")
        home = tmp_path / "home"
        reader = Reader(home, article, then=then)
        started.append(reader)
        reader.wait_for("The harbour reopened")
        return reader, home / "store.json"

    yield start
    for reader in started:
        reader.close()


def highlight_while_busy(reader: Reader, db: Path) -> ProcessLock:
    """Hold the store's lock, then highlight: the save is queued, not done."""
    wait_until(db.exists, "the library to be saved")
    lock = ProcessLock(db.with_name(db.name + ".lock"), timeout=DEADLINE)
    lock.acquire()
    reader.press("v", "h", "4")
    reader.wait_for(SHOWN)
    return lock


def saved_exacts(db: Path) -> list[str]:
    with Store.open(db) as store:  # a writable open replays the journal
        return [h.exact for h in store.highlights()]


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_a_signal_right_after_h_saves_the_highlight(
    setup: Callable[..., tuple[Reader, Path]], sig: signal.Signals
) -> None:
    reader, db = setup()
    lock = highlight_while_busy(reader, db)
    os.kill(reader.pid, sig)
    lock.release()  # the store is free again: the closing reader saves
    wait_until(lambda: not reader.alive(), "the reader to exit")
    assert saved_exacts(db) == ["Harbour reopens"]


def test_the_window_closing_on_a_busy_store_keeps_the_change_in_the_journal(
    setup: Callable[..., tuple[Reader, Path]],
) -> None:
    reader, db = setup()
    journal = db.with_name("store.json.journal")
    lock = highlight_while_busy(reader, db)
    try:
        reader.close()  # tmux closes the terminal: SIGHUP
        wait_until(lambda: not reader.alive(), "the reader to exit")
        assert b"Harbour reopens" in journal.read_bytes()
        with Store.open(db, readonly=True) as store:
            assert store.highlights() == []
    finally:
        lock.release()
    assert saved_exacts(db) == ["Harbour reopens"]
    assert not journal.exists()


def test_q_on_a_busy_store_says_where_the_change_is_kept(
    setup: Callable[..., tuple[Reader, Path]],
) -> None:
    reader, db = setup(then="echo READER-EXITED $?; sleep 60")
    lock = highlight_while_busy(reader, db)
    try:
        reader.press("q")
        reader.wait_for("READER-EXITED")
        shown = reader.screen()
    finally:
        lock.release()
    assert "READER-EXITED 0" in shown
    assert (
        "reader: 1 highlight change could not be saved now (the notes store is busy); "
        f"it is kept in {db.with_name('store.json.journal')} and will be saved the next "
        "time reader opens the store."
    ) in shown.replace("\n", "")
    assert saved_exacts(db) == ["Harbour reopens"]
