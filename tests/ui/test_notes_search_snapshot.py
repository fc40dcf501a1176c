"""How the Notes screen looks with results (pytest-textual-snapshot).

Fixed highlights with fixed dates in a temp store, so the picture changes
only when the screen does. Update with --snapshot-update after looking.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from .helpers import wait_for
from .notes_search_fixtures import Host, filled_store, index_of


def _typed(text: str) -> Any:
    async def run_before(pilot: Pilot[Any]) -> None:
        app = pilot.app
        assert isinstance(app, Host)
        await pilot.press(*text)
        await pilot.pause(0.05)
        await wait_for(pilot, lambda: app.notes.up_to_date)
        await pilot.pause(0.1)

    return run_before


def test_notes_screen_with_results(snap_compare: Any, tmp_path: Path) -> None:
    store = filled_store(tmp_path)
    try:
        app = Host(index_of(store))
        assert snap_compare(app, terminal_size=(110, 32), run_before=_typed("tariff"))
    finally:
        store.close()


def test_notes_screen_with_a_malformed_query(snap_compare: Any, tmp_path: Path) -> None:
    store = filled_store(tmp_path)
    try:
        app = Host(index_of(store))
        assert snap_compare(app, terminal_size=(90, 24), run_before=_typed('cars "elec'))
    finally:
        store.close()
