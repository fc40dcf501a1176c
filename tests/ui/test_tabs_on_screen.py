"""A TAB never reaches the screen: Textual counts it as no cell while the
terminal moves the cursor, so text after it would be painted over the
sidebar (a spoofed attribution beside a quote)."""

from __future__ import annotations

from reader.ingest import parse
from reader.ui.widgets.article_view import ArticleView

from .helpers import make_app, running, sync

SPOOF = (
    "# Tabs in code\n\n"
    "A quote follows.\n\n"
    "```\n" + "\t" * 12 + "— said the Prime Minister\n" + "x\ty\tz\n```\n\n"
    "| a\tb | c |\n|---|---|\n| d | e |\n"
)


@sync
async def test_tabs_in_an_article_never_reach_the_screen() -> None:
    article = parse(SPOOF, source="tabs.md", markdown=True)
    app = make_app([article])
    async with running(app, size=(160, 40)) as pilot:
        await pilot.pause()
        view = app.query_one(ArticleView)
        assert view.article is article
        rows = list(app.screen._compositor.render_strips())
        assert any("said the Prime Minister" in row.text for row in rows)
        for y, row in enumerate(rows):
            for segment in row:
                assert "\t" not in segment.text, (y, segment.text)
        # The words stay inside the article pane, left of the sidebar.
        said = next(row.text for row in rows if "said the Prime Minister" in row.text)
        assert said.index("said") + len("said the Prime Minister") <= view.region.right
