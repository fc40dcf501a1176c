"""How highlights look: the seed with highlights in all five colours (one
with a note, one with tags, one whole-article note, one orphan) and the
Notes tab open. Fixed ids, times and extraction, so the picture moves only
when the UI does. Update with --snapshot-update after looking at it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from textual.pilot import Pilot

from reader.anchor import make_selector
from reader.model import COLORS, Article, Extraction, Highlight
from reader.store import Store
from reader.ui.highlights import Highlighter

from .helpers import make_app, settle, wait_for

PASSAGES = (
    ("The speculation was quickly addressed by Lei Jun", (), ""),
    ("Lei said the vehicle, identified as the YU7 model", ("xiaomi",), ""),
    ("tariff barriers and ongoing policy uncertainty", ("tariffs", "trade war"), ""),
    ("In early January, the US administration", (), "Check the Reuters report."),
    ("four US-based subsidiaries of Chinese automaker BYD", (), ""),
)


WHEN = datetime(2026, 2, 11, 9, 30)


def _fixed(
    hid: str, article: Article, start: int, end: int, exact: str, **fields: Any
) -> Highlight:
    """A highlight with a fixed id and time; no prefix or suffix unless given."""
    fields = {"prefix": "", "suffix": "", **fields}
    return Highlight(
        id=hid,
        article_id=article.id,
        start=start,
        end=end,
        exact=exact,
        created=WHEN,
        updated=WHEN,
        **fields,
    )


def fixed_highlights(article: Article) -> list[Highlight]:
    found: list[Highlight] = []
    for i, (words, tags, note) in enumerate(PASSAGES):
        start = article.text.index(words)
        exact, prefix, suffix = make_selector(article.text, start, start + len(words))
        found.append(
            _fixed(
                f"fixed-{i}",
                article,
                start,
                start + len(words),
                exact,
                prefix=prefix,
                suffix=suffix,
                color=COLORS[i],
                tags=tags,
                note=note,
            )
        )
    found.append(
        _fixed("fixed-article", article, 0, 0, "", note="Follow up when Xiaomi reports US sales.")
    )
    found.append(
        _fixed("fixed-orphan", article, 40, 70, "a sentence the editors removed", color="pink")
    )
    return found


def test_article_with_highlights_and_the_notes_tab(
    snap_compare: Any, seed: Article, seed_extraction: Extraction, store: Store
) -> None:
    store.add_many(fixed_highlights(seed))
    app = make_app([seed], store=store, extraction=seed_extraction)

    async def prepare(pilot: Pilot[Any]) -> None:
        hl = app.query_one(Highlighter)
        await wait_for(pilot, lambda: len(hl.highlights) == 7)
        await pilot.press("4")
        await settle(pilot)
        app.article_view.focus()
        app.article_view.scroll_to(y=8, animate=False)
        await settle(pilot)

    assert snap_compare(app, terminal_size=(130, 42), run_before=prepare)
