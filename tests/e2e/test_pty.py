"""The reader in a real pseudo-terminal: no article byte reaches the terminal.

Runs `python -m reader PATH` on articles full of escape sequences (OSC 52
clipboard writes, OSC 0 window titles, DCS, CSI, 8-bit C1 forms) in a pty of
a fixed size, lets it paint, presses `q`, and checks every byte the reader
wrote. Textual writes its own CSI sequences, so the checks look for the
payloads' own markers (the clipboard text's base64, "ESC ] 0 ; pwned", the
DCS request, C1 bytes in UTF-8 form, NUL), and for OSC 8 hyperlinks to
non-web URLs.
"""

from __future__ import annotations

import fcntl
import os
import re
import select
import signal
import struct
import sys
import termios
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from hostile.payloads import (
    CLIPBOARD_B64,
    HOSTILE_HREFS,
    TERMINAL_MARKERS,
    TITLE_SECRET,
    Payload,
    corpus,
    escape_article,
    write_corpus,
)

COLS, ROWS = 120, 40
PAINT_TIMEOUT = 60.0
"""Generous deadlines: they turn a hang into a failure, they are not budgets
(benchmarks/bench_startup.py times the first paint)."""
EXIT_TIMEOUT = 30.0
PAINTED = re.compile(rb"Harbour")
SIDEBAR_FILLED = re.compile(rb"\xe2\x80\x94 (?:\x1b\[[0-9;]*m)*Jane Holloway")
"""The sidebar's entry for the stories' quote, "— Jane Holloway" (styles may
come between the dash and the name): extraction has answered and the sidebar
is painted."""


@dataclass
class Session:
    output: bytes
    first_paint: float | None
    shown: bool
    status: int | None


def _read_some(fd: int, timeout: float) -> bytes | None:
    """Bytes available within `timeout`, b"" if none, None at end of output."""
    ready, _, _ = select.select([fd], [], [], timeout)
    if not ready:
        return b""
    try:
        data = os.read(fd, 65536)
    except OSError:  # EIO: the child closed the terminal
        return None
    return data or None


def run_in_pty(
    args: list[str],
    home: Path,
    until: re.Pattern[bytes] = SIDEBAR_FILLED,
    command: list[str] | None = None,
    cwd: Path | None = None,
) -> Session:
    """Run the reader in a pty, wait for its first paint and then for `until`
    to show (from the first paint on), press q, collect every byte. The child
    is always reaped, killed if it does not exit. `command` replaces
    `python -m reader`; `cwd` is the folder it runs in."""
    argv = command if command is not None else [sys.executable, "-m", "reader"]
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "TERM": "xterm-256color",
        "COLORTERM": "truecolor",
        "LANG": "C.UTF-8",
        "READER_HOME": str(home),
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    pid, fd = os.forkpty() if hasattr(os, "forkpty") else _fork()
    if pid == 0:  # the child: size the terminal, then become the reader
        try:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
            if cwd is not None:
                os.chdir(cwd)
            os.execve(argv[0], [*argv, *args], env)
        finally:
            os._exit(127)
    started = time.monotonic()
    chunks: list[bytes] = []
    first_paint: float | None = None
    painted_at = 0
    shown = False
    status: int | None = None
    try:
        deadline = started + PAINT_TIMEOUT
        while time.monotonic() < deadline:
            data = _read_some(fd, 0.1)
            if data is None:
                break
            chunks.append(data)
            output = b"".join(chunks)
            if first_paint is None and (painted := PAINTED.search(output)):
                first_paint = time.monotonic() - started
                painted_at = painted.start()
            if first_paint is not None and until.search(output, painted_at):
                shown = True
                break
        os.write(fd, b"q")
        deadline = time.monotonic() + EXIT_TIMEOUT
        while time.monotonic() < deadline:
            data = _read_some(fd, 0.1)
            if data:
                chunks.append(data)
            done, raw = os.waitpid(pid, os.WNOHANG)
            if done:
                status = os.waitstatus_to_exitcode(raw)
                break
        while (data := _read_some(fd, 0.05)) is not None and data:
            chunks.append(data)
    finally:
        if status is None:
            done, raw = os.waitpid(pid, os.WNOHANG)
            if done:
                status = os.waitstatus_to_exitcode(raw)
            else:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
        os.close(fd)
    return Session(b"".join(chunks), first_paint, shown, status)


def _fork() -> tuple[int, int]:
    import pty

    return pty.fork()


OSC8 = re.compile(rb"\x1b\]8;[^;\x07\x1b]*;([^\x07\x1b]*)")


def assert_nothing_from_the_article(output: bytes) -> None:
    for marker in TERMINAL_MARKERS:
        at = output.find(marker)
        assert at < 0, f"{marker!r} reached the terminal: {output[max(0, at - 40) : at + 60]!r}"
    for href in OSC8.findall(output):
        assert href == b"" or href.startswith((b"http://", b"https://")), href
    for href in HOSTILE_HREFS:
        assert href.encode() not in output or b"\x1b]8;" not in output


def _check(session: Session, status: int = 0) -> None:
    assert session.first_paint is not None, (
        f"no first paint within {PAINT_TIMEOUT} s: {session.output[-400:]!r}"
    )
    assert session.shown, f"painted, but not what was waited for: {session.output[-400:]!r}"
    assert session.status == status, f"exit status {session.status} after q"
    tail = session.output[session.output.rfind(b"\x1b[?1049l") :]
    assert b"Traceback" not in session.output and b"Error" not in tail, (
        f"the reader crashed: {tail[-600:]!r}"
    )
    assert_nothing_from_the_article(session.output)
    print(f"\npty first paint {session.first_paint:.2f} s, {len(session.output)} bytes")


@pytest.mark.parametrize("markdown", [False, True], ids=["txt", "md"])
def test_escape_sequences_never_reach_the_terminal(tmp_path: Path, markdown: bool) -> None:
    payload = escape_article(markdown=markdown)
    path = write_corpus(tmp_path / "in", [payload])[payload.id]
    session = run_in_pty([str(path)], tmp_path / "home")
    _check(session)


def test_a_folder_of_escape_payloads_never_reaches_the_terminal(tmp_path: Path) -> None:
    """Every escape payload at once: the first is read, the rest are listed
    in the library by title."""
    payloads: list[Payload] = [
        # A line of its own per file: many payloads sanitise to the same text.
        Payload(p.name, p.data + f"\n\nFile {i}.\n".encode(), p.suffix)
        for i, p in enumerate(corpus(big=False))
        if p.family == "escape"
    ]
    folder = tmp_path / "in"
    write_corpus(folder, payloads)
    first = escape_article(markdown=True)
    write_corpus(folder, [Payload("0-" + first.name, first.data, first.suffix)])
    session = run_in_pty([str(folder)], tmp_path / "home")
    _check(session)


def test_code_beside_the_articles_never_runs(tmp_path: Path) -> None:
    """`reader story.txt` in a folder that also holds a reader.py, then q:
    neither the reader nor its extraction process imports it."""
    script = Path(sys.executable).parent / "reader"
    if not script.exists():
        pytest.skip("the reader's console script is not installed")
    folder = tmp_path / "in"
    folder.mkdir()
    marker = tmp_path / "PWNED"
    (folder / "reader.py").write_text(f"open({str(marker)!r}, 'w').write('ran')\n")
    (folder / "story.txt").write_text(
        "Harbour works\n\n“The harbour will reopen in spring,” said Ana Duarte, the mayor.\n",
        encoding="utf-8",
    )
    said_by = re.compile(rb"\xe2\x80\x94 (?:\x1b\[[0-9;]*m)*Ana Duarte")  # extraction answered
    session = run_in_pty(
        ["story.txt"], tmp_path / "home", until=said_by, command=[str(script)], cwd=folder
    )
    _check(session)
    assert not marker.exists()


def test_the_check_sees_a_payload_in_real_output() -> None:
    """The marker check can fail: raw payload bytes are caught."""
    seq = escape_article(markdown=False).data
    with pytest.raises(AssertionError):
        assert_nothing_from_the_article(b"\x1b[?1049h" + seq)
    with pytest.raises(AssertionError):
        assert_nothing_from_the_article(b"\x1b]8;;smb://evil.example/share\x1b\\x")


BIG = ["big-1mb-line.txt", "big-1mb-line.md", "table-200x50.md", "table-2x5000.md", "nest-mixed.md"]


@pytest.mark.parametrize("name", BIG)
def test_big_articles_paint_in_a_real_terminal(tmp_path: Path, name: str) -> None:
    """`python -m reader PATH` on a big or deeply nested article paints its
    first screen in a real terminal, cleanly, and quits on q (how fast is
    benchmarks/bench_startup.py's bar: 2 s)."""
    [payload] = [p for p in corpus() if p.id == name]
    path = write_corpus(tmp_path / "in", [payload])[payload.id]
    _check(run_in_pty([str(path)], tmp_path / "home", until=PAINTED))


def test_two_copies_of_one_hostile_story_open_in_a_real_terminal(tmp_path: Path) -> None:
    """Files that sanitise to the same article (here: two different escape
    sequences around the same words) are one library entry, not a crash."""
    folder = tmp_path / "in"
    same = [p for p in corpus(big=False) if p.name in ("esc-ris", "esc-charset")]
    assert len(same) == 4
    write_corpus(folder, same)
    _check(run_in_pty([str(folder)], tmp_path / "home"))


def test_a_hostile_file_name_in_the_notices_never_reaches_the_terminal(tmp_path: Path) -> None:
    """A file that cannot be read is named on stderr and in a notification in
    the reader; its name carries an OSC title and an OSC 52 clipboard write."""
    folder = tmp_path / "in"
    good = escape_article(markdown=False)
    write_corpus(folder, [good])
    bad = folder / f"empty\x1b]0;{TITLE_SECRET}\x07\x1b]52;c;{CLIPBOARD_B64}\x07.txt"
    bad.write_bytes(b"")
    session = run_in_pty(
        [str(folder / good.filename), str(bad)], tmp_path / "home", until=re.compile(b"empty")
    )
    _check(session, status=1)  # the reader opens the good file, then reports the failure
