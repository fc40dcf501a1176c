"""The sidebar's tab bar: names fit narrow sidebars, clicks switch tabs."""

from __future__ import annotations

from itertools import pairwise

import pytest

from reader.model import Article, Extraction
from reader.ui.widgets.sidebar import LABELS, TABS, Sidebar
from reader.ui.widgets.tab_bar import TabBar

from .helpers import reading, screen_text, sync


@pytest.mark.parametrize("width", [28, 29, 37, 47])
def test_every_name_fits_the_bar(width: int) -> None:
    bar = TabBar([(name, LABELS[name]) for name in TABS], "quotes")
    slots = bar.slots(width)
    assert [name for name, _, _ in slots] == list(TABS)
    assert slots[-1][2] <= width
    for name, start, stop in slots:
        assert stop - start >= len(LABELS[name])
    assert all(a[2] == b[1] for a, b in pairwise(slots))  # no overlap


@sync
async def test_clicking_a_tab_name_shows_that_tab(
    seed: Article, seed_extraction: Extraction
) -> None:
    async with reading([seed], seed_extraction) as (app, pilot):
        sidebar = app.query_one(Sidebar)
        bar = sidebar.query_one(TabBar)
        for name, start, stop in bar.slots(bar.size.width)[::-1]:
            await pilot.click(TabBar, offset=((start + stop) // 2, 0))
            await pilot.pause()
            assert sidebar.active_tab == name
        assert "Lei Jun" in screen_text(app)  # back on Quotes, its entries shown
