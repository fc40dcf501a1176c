"""The real reader in a real terminal: tmux runs `reader`, we press keys and
read the screen back with capture-pane."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from ui.conftest import SEED

pytestmark = [
    pytest.mark.tmux,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]

PEOPLE = ("Lei Jun", "Tao Mingyang", "Gao Lingyun", "Donald Trump", "Zhou Mi")


class Terminal:
    """One tmux session on its own tmux server (`-L socket`): tests running in
    parallel never share a server, so one shutting down cannot refuse another."""

    def __init__(self, name: str, socket: str) -> None:
        self.name = name
        self.socket = socket

    def tmux(self, *args: str) -> list[str]:
        return ["tmux", "-L", self.socket, *args]

    def keys(self, *keys: str) -> None:
        """Type `keys` in order (the terminal delivers them in order, and the
        reader handles each before the next)."""
        for key in keys:
            subprocess.run(self.tmux("send-keys", "-t", self.name, key), check=True)

    def screen(self) -> str:
        return subprocess.run(
            self.tmux("capture-pane", "-p", "-t", self.name),
            check=True,
            capture_output=True,
            text=True,
        ).stdout

    def wait_for(self, condition: Callable[[str], bool], timeout: float = 60.0) -> str:
        """The screen once `condition` holds; polls until a generous deadline."""
        deadline = time.monotonic() + timeout
        shown = ""
        while time.monotonic() < deadline:
            shown = self.screen()
            if condition(shown):
                return shown
            time.sleep(0.2)
        raise AssertionError("the screen never showed what was expected:\n" + shown)

    def exited(self) -> bool:
        return "READER-EXITED 0" in self.screen()


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Callable[..., Terminal]]:
    terminals: list[Terminal] = []

    def start(*args: str, width: int = 120, height: int = 40) -> Terminal:
        name = f"reader-test-{uuid.uuid4().hex[:8]}"
        term = Terminal(name, socket=name)
        home = tmp_path / "home"
        reader = " ".join(
            [
                "env",
                f"READER_HOME={shlex.quote(str(home))}",
                "TERM=xterm-256color",
                shlex.quote(sys.executable),
                "-m",
                "reader",
                *(shlex.quote(a) for a in args),
            ]
        )
        # After the reader exits, say so and keep the pane for capture-pane.
        command = f"{reader}; echo READER-EXITED $?; sleep 60"
        new = term.tmux("new-session", "-d", "-s", name, "-x", str(width), "-y", str(height))
        started = subprocess.run([*new, command], capture_output=True, text=True)
        assert started.returncode == 0, f"tmux could not start a session: {started.stderr}"
        terminals.append(term)
        subprocess.run(
            term.tmux("resize-window", "-t", name, "-x", str(width), "-y", str(height)),
            check=True,
        )
        return term

    yield start
    for term in terminals:
        subprocess.run(term.tmux("kill-server"), capture_output=True)


def _article_lines(screen: str, width: int = 120) -> list[str]:
    """The article pane: everything left of the sidebar border."""
    return [line.split("▏")[0] for line in screen.splitlines()[1:-1]]


def test_reader_on_the_seed_shows_people_and_jumps(terminal: Callable[..., Terminal]) -> None:
    term = terminal(str(SEED))
    term.wait_for(lambda s: "Xiaomi founder Lei Jun denies US market plans" in s)
    term.wait_for(lambda s: "— Lei Jun" in s)  # extraction has filled the sidebar
    term.keys("2")
    people = term.wait_for(lambda s: all(name in s for name in PEOPLE))
    for name in PEOPLE:
        assert name in people

    # Jump to Zhou Mi's mention: the article scrolls to his paragraph, with the
    # cursor on the line that names him.
    term.keys("End", "Enter")

    def cursor_lines(screen: str) -> list[str]:
        return [line for line in _article_lines(screen) if line.lstrip().startswith("›")]

    # The sidebar's "1/1" and the pane's scroll may reach the screen in turn:
    # wait for both.
    jumped = term.wait_for(
        lambda s: "Zhou Mi  1/1" in s and any("Zhou Mi" in line for line in cursor_lines(s))
    )
    pane = _article_lines(jumped)
    cursor = cursor_lines(jumped)
    assert len(cursor) == 1, jumped
    assert "Zhou Mi" in cursor[0]
    assert not any("SOURCE / ECONOMY" in line for line in pane)

    # From the article, Enter on a quote goes to its entry in the Quotes tab.
    term.keys("Tab", "g", "}", "}", "Enter")
    quotes = term.wait_for(lambda s: "Quotes" in s and "“If they want to come in" in s)
    assert "— Donald Trump" in quotes

    term.keys("q")
    term.wait_for(lambda s: "READER-EXITED 0" in s)


def test_reader_alone_opens_the_seeded_library(terminal: Callable[..., Terminal]) -> None:
    term = terminal()
    shown = term.wait_for(lambda s: "Library" in s and "Xiaomi founder" in s)
    assert "by date" in shown
    term.keys("q")
    term.wait_for(lambda s: "READER-EXITED 0" in s)


def test_a_bad_path_is_one_sentence_and_no_tui(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "reader", str(tmp_path / "missing.txt")],
        capture_output=True,
        text=True,
        timeout=60,
        env={"READER_HOME": str(tmp_path / "home"), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode != 0
    assert result.stdout == ""
    assert result.stderr.strip().count("\n") == 0
    assert "no such file" in result.stderr
