"""Note search in the real reader in a real terminal (tmux): a highlight saved
with the CLI is found with `/` and Enter opens its article at the passage."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from ui.conftest import SEED
from ui.notes_search_fixtures import TRADE_PASSAGE, TRADE_TEXT

from .test_tmux import Terminal, pytestmark, terminal  # noqa: F401 (the fixture)

assert pytestmark  # the same marks: tmux, skipped without tmux


def _add_note(home: Path, path: Path, quote: str, *extra: str) -> None:
    env = {**os.environ, "READER_HOME": str(home)}
    subprocess.run(
        [sys.executable, "-m", "reader", "notes", "add", str(path), "--quote", quote, *extra],
        check=True,
        capture_output=True,
        env=env,
        timeout=60,
    )


@pytest.mark.tmux
def test_slash_finds_a_saved_highlight_and_enter_opens_it(
    terminal: Callable[..., Terminal],  # noqa: F811
    tmp_path: Path,
) -> None:
    trade = tmp_path / "ports.txt"
    trade.write_text(TRADE_TEXT, encoding="utf-8")
    _add_note(tmp_path / "home", trade, TRADE_PASSAGE, "--tag", "trade", "--note", "steel again")

    term = terminal(str(SEED), width=110, height=32)
    term.wait_for(lambda s: "Xiaomi founder Lei Jun denies US market plans" in s)
    term.keys("/")
    term.wait_for(lambda s: "Notes — search every highlight" in s)
    term.keys("steel")
    found = term.wait_for(lambda s: "1 highlight for steel" in s)
    assert "Ports brace for a new tariff round" in found
    assert "#trade" in found and "steel again" in found

    term.keys("Enter")

    def cursor_lines(screen: str) -> list[str]:
        pane = [line.split("▏")[0] for line in screen.splitlines()[1:-1]]
        return [line for line in pane if line.lstrip().startswith("▸")]

    opened = term.wait_for(
        lambda s: (
            "Ports brace for a new tariff round" in s.splitlines()[0]
            and any("a fresh round of" in line for line in cursor_lines(s))
        )
    )
    assert len(cursor_lines(opened)) == 1

    # Esc on a second search leaves the article as it is.
    term.keys("/")
    term.wait_for(lambda s: "Notes — search every highlight" in s)
    term.keys("Escape")
    back = term.wait_for(lambda s: "Notes — search" not in s)
    assert back.splitlines()[0] == opened.splitlines()[0]

    term.keys("q")
    term.wait_for(lambda s: "READER-EXITED 0" in s)
