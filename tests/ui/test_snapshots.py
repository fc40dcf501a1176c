"""How the reader looks: SVG snapshots (pytest-textual-snapshot).

A fixed article (the seed) with a fixed, hand-made extraction, so the
pictures change only when the UI does. Update with --snapshot-update after
looking at the new pictures.
"""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot

from reader.model import Article, Extraction

from .helpers import make_app, settle


async def _settle(pilot: Pilot[Any]) -> None:
    await settle(pilot)


def test_main_screen_120x40(snap_compare: Any, seed: Article, seed_extraction: Extraction):
    app = make_app([seed], extraction=seed_extraction)
    assert snap_compare(app, terminal_size=(120, 40), run_before=_settle)


def test_main_screen_80x24(snap_compare: Any, seed: Article, seed_extraction: Extraction):
    app = make_app([seed], extraction=seed_extraction)
    assert snap_compare(app, terminal_size=(80, 24), run_before=_settle)


def test_people_tab_after_a_jump_200x60(
    snap_compare: Any, seed: Article, seed_extraction: Extraction
):
    app = make_app([seed], extraction=seed_extraction)
    assert snap_compare(
        app, terminal_size=(200, 60), press=["2", "down", "enter", "enter"], run_before=_settle
    )


def test_markdown_feature_article(snap_compare: Any, feature: Article):
    app = make_app([feature], extraction=Extraction())
    assert snap_compare(app, terminal_size=(100, 45), run_before=_settle)


def test_help_screen(snap_compare: Any, seed: Article, seed_extraction: Extraction):
    app = make_app([seed], extraction=seed_extraction)
    assert snap_compare(app, terminal_size=(120, 50), press=["question_mark"], run_before=_settle)


def test_command_palette(snap_compare: Any, seed: Article, seed_extraction: Extraction):
    app = make_app([seed], extraction=seed_extraction)

    async def open_palette(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"quote")
        await settle(pilot)  # the palette searches in a worker

    assert snap_compare(app, terminal_size=(120, 40), run_before=open_palette)
