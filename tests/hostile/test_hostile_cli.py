"""Bad input at the command line: one sentence on stderr, a non-zero exit,
never a traceback and never a hang.

Runs `reader extract` (the command that never loads Textual) as a real
process for each bad path, and in-process where a condition has to be
simulated (an over-size limit, an unreadable file: root reads through
chmod 000).
"""

from __future__ import annotations

import builtins
import io
import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import reader.commands.extract as extract_command
import reader.ingest.decode as decode_module
from hostile.payloads import CLIPBOARD_B64, PNG_1X1, TITLE_SECRET, article
from reader.cli import main

TIMEOUT = 30


def run_reader(*args: str) -> subprocess.CompletedProcess[str]:
    """Run `python -m reader` with a timeout so a blocking read fails the test
    instead of hanging it."""
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        stdin=subprocess.DEVNULL,
    )


def assert_one_sentence(stderr: str, returncode: int) -> str:
    assert returncode != 0
    assert "Traceback" not in stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    line = lines[0]
    assert line.startswith("reader: ")
    assert line.rstrip().endswith((".", ")")), line
    assert "\x1b" not in line
    return line


def _missing(tmp: Path) -> str:
    return str(tmp / "no-such-article.txt")


def _empty_dir(tmp: Path) -> str:
    folder = tmp / "nothing-here"
    folder.mkdir()
    (folder / "photo.png").write_bytes(PNG_1X1)
    return str(folder)


def _empty_file(tmp: Path) -> str:
    path = tmp / "empty.txt"
    path.write_bytes(b"")
    return str(path)


def _blank_file(tmp: Path) -> str:
    path = tmp / "blank.md"
    path.write_bytes(b"\n \n\t\r\n")
    return str(path)


def _png(tmp: Path) -> str:
    path = tmp / "story.txt"
    path.write_bytes(PNG_1X1 * 8)
    return str(path)


def _random_bytes(tmp: Path) -> str:
    path = tmp / "noise.md"
    path.write_bytes(bytes((i * 7919) % 251 for i in range(20_000)))
    return str(path)


def _fifo(tmp: Path) -> str:
    path = tmp / "feed.txt"
    os.mkfifo(path)
    return str(path)


BAD_PATHS: dict[str, tuple[Callable[[Path], str], str]] = {
    "missing path": (_missing, "no such file"),
    "folder without articles": (_empty_dir, "nothing-here"),
    "empty file": (_empty_file, "empty"),
    "blank file": (_blank_file, "empty"),
    "PNG renamed .txt": (_png, "binary"),
    "random bytes": (_random_bytes, "binary"),
    "FIFO": (_fifo, "feed.txt"),
}


@pytest.mark.parametrize("case", list(BAD_PATHS))
def test_bad_path_is_one_sentence(tmp_path: Path, case: str) -> None:
    make, expected = BAD_PATHS[case]
    path = make(tmp_path)
    result = run_reader("extract", "--json", path)
    line = assert_one_sentence(result.stderr, result.returncode)
    assert expected in line
    assert result.stdout == ""


def test_fifo_given_to_the_reading_ui_does_not_hang(tmp_path: Path) -> None:
    """`reader FIFO` (the TUI path) reads paths before the UI starts: it must
    refuse the pipe in one sentence instead of blocking on it."""
    result = run_reader(_fifo(tmp_path))
    line = assert_one_sentence(result.stderr, result.returncode)
    assert "feed.txt" in line


def test_bad_path_among_good_ones_still_prints_the_good(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(article("Markets opened calmly."), encoding="utf-8")
    result = run_reader("extract", "--json", _fifo(tmp_path), str(good), _png(tmp_path))
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 2
    assert len(result.stdout.splitlines()) == 1
    assert '"Markets opened calmly."' not in result.stderr


def test_escape_sequences_in_a_file_name_do_not_reach_the_terminal(tmp_path: Path) -> None:
    """The error sentence quotes the path; a hostile name must not smuggle an
    OSC title (or any escape) onto the user's terminal through stderr."""
    name = f"\x1b]0;{TITLE_SECRET}\x07evil\x9b2J.txt"
    (tmp_path / name).write_bytes(b"")
    result = run_reader("extract", str(tmp_path / name))
    assert_one_sentence(result.stderr, result.returncode)
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "\x9b" not in result.stderr


def test_over_size_file_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert decode_module.MAX_BYTES >= 20 * 1024 * 1024, "at least 20 MB must open"
    monkeypatch.setattr(decode_module, "MAX_BYTES", 4096)
    path = tmp_path / "long.txt"
    path.write_text(article("Markets opened calmly. " * 400), encoding="utf-8")
    status = main(["extract", "--json", str(path)])
    captured = capsys.readouterr()
    line = assert_one_sentence(captured.err, status)
    assert "too large" in line and "long.txt" in line
    assert captured.out == ""


@pytest.fixture
def unreadable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A file whose every open() fails with EACCES, as chmod 000 would for a
    user who is not root."""
    path = tmp_path / "secret.txt"
    path.write_text(article("Markets opened calmly."), encoding="utf-8")
    path.chmod(0)
    real_open = builtins.open

    def guarded(file: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(file, str | os.PathLike) and Path(file) == path:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded)
    monkeypatch.setattr(io, "open", guarded)
    yield path
    path.chmod(0o600)


def test_unreadable_file_in_process(unreadable: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["extract", str(unreadable)])
    line = assert_one_sentence(capsys.readouterr().err, status)
    assert "secret.txt" in line and "ermission denied" in line


def test_unexpected_error_is_logged_and_the_user_told_where(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    isolated_home: Path,
) -> None:
    path = tmp_path / "ok.txt"
    path.write_text(article("Markets opened calmly."), encoding="utf-8")

    def broken(_: object) -> object:
        raise RuntimeError(f"extractor blew up on \x1b]0;{TITLE_SECRET}\x07")

    monkeypatch.setattr(extract_command, "extract", broken)
    status = main(["extract", "--json", str(path)])
    err = capsys.readouterr().err
    line = assert_one_sentence(err, status)
    log = isolated_home / "reader.log"
    assert str(log) in line
    assert TITLE_SECRET not in err
    logged = log.read_text(encoding="utf-8")
    assert "Traceback" in logged and "RuntimeError" in logged


def test_imported_notes_cannot_reach_the_terminal(tmp_path: Path) -> None:
    """A notes file from someone else is hostile too: tags and notes with
    escape sequences must not come back out of `notes list`, `tags` or
    `notes search` as escapes."""
    story = tmp_path / "story.txt"
    story.write_text(article("Markets opened calmly."), encoding="utf-8")
    osc0 = f"\x1b]0;{TITLE_SECRET}\x07"
    record = {
        "path": str(story),
        "quote": "Markets opened calmly.",
        "tags": [f"harbour{osc0}", "[@click=app.quit]t[/]", "c1\x9b2J"],
        "note": f"see \x1b]52;c;{CLIPBOARD_B64}\x07 and {osc0} [/b] end",
    }
    notes = tmp_path / "notes.jsonl"
    notes.write_text(json.dumps(record) + "\n", encoding="utf-8")
    imported = run_reader("notes", "import", str(notes))
    assert imported.returncode == 0, imported.stderr
    for command in (["notes", "list"], ["tags"], ["notes", "search", "harbour"]):
        result = run_reader(*command)
        assert result.returncode == 0, result.stderr
        shown = result.stdout + result.stderr
        assert "harbour" in shown, command
        for bad in ("\x1b", "\x07", "\x9b", CLIPBOARD_B64, f"]0;{TITLE_SECRET}"):
            assert bad not in shown, f"{bad!r} printed by reader {' '.join(command)}"
