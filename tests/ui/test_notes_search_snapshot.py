"""How the Notes screen looks with results (pytest-textual-snapshot).

Fixed highlights with fixed dates in a temp store, so the picture changes
only when the screen does. Update with --snapshot-update after looking.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from reader.model import Article, Extraction
from reader.ui.screens.notes_search import NotesSearch

from .conftest import SEED
from .helpers import make_app, settle, wait_for
from .notes_search_fixtures import Host, answered, filled_store, index_of, reader_library


def _typed(text: str) -> Any:
    async def run_before(pilot: Pilot[Any]) -> None:
        app = pilot.app
        assert isinstance(app, Host)
        await pilot.press(*text)
        await wait_for(pilot, lambda: answered(app.notes))
        await settle(pilot)

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


def test_notes_screen_in_the_reader(
    snap_compare: Any, tmp_path: Path, seed: Article, seed_extraction: Extraction
) -> None:
    """`/` over the reader, a query typed: the Notes screen with a result."""
    store, _ = reader_library(tmp_path / "store.json", seed, SEED.read_text(encoding="utf-8"))

    async def search(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("slash")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, NotesSearch))
        screen = pilot.app.screen
        assert isinstance(screen, NotesSearch)
        await pilot.press(*"tariffs OR china")
        await wait_for(pilot, lambda: screen.index is not None and answered(screen))
        await settle(pilot)

    try:
        app = make_app([seed], store=store, extraction=seed_extraction)
        assert snap_compare(app, terminal_size=(100, 30), run_before=search)
    finally:
        store.close()
