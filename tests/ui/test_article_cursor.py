"""ArticleView's cursor (a clamped reactive that repaints only the lines it
leaves and reaches) and its strip cache (bounded, least recently used first)."""

from __future__ import annotations

from typing import Any

from textual.geometry import Region

from reader.ingest import parse
from reader.model import Article, Extraction
from reader.ui.widgets.article_view import STRIP_CACHE_SIZE, ArticleView

from .helpers import make_app, running, sync


def _spy_refreshes(view: ArticleView) -> list[tuple[Region, ...]]:
    """Record the regions of every refresh the view asks for from now on."""
    calls: list[tuple[Region, ...]] = []
    original = view.refresh

    def spy(*regions: Region, **kwargs: Any) -> Any:
        calls.append(regions)
        return original(*regions, **kwargs)

    view.refresh = spy  # type: ignore[method-assign]
    return calls


def _row_region(view: ArticleView, line: int) -> Region:
    return Region(0, line - int(view.scroll_y), view.size.width, 1)


@sync
async def test_moving_the_cursor_repaints_only_the_old_and_the_new_line(
    seed: Article, seed_extraction: Extraction
) -> None:
    app = make_app([seed], extraction=seed_extraction)
    async with running(app) as pilot:
        view = app.query_one(ArticleView)
        await pilot.press("j")
        old = view.cursor_line
        calls = _spy_refreshes(view)
        await pilot.press("j")
        new = view.cursor_line
        assert new > old and view.scroll_y == 0
        assert calls, "the cursor move repainted nothing"
        assert all(regions for regions in calls), "a cursor move repainted the whole pane"
        painted = {region for regions in calls for region in regions}
        assert painted == {_row_region(view, old), _row_region(view, new)}


@sync
async def test_after_scrolling_the_repainted_lines_are_where_the_cursor_is_shown(
    seed: Article, seed_extraction: Extraction
) -> None:
    app = make_app([seed], extraction=seed_extraction)
    async with running(app, size=(100, 24)) as pilot:
        view = app.query_one(ArticleView)
        await pilot.press("space")
        assert view.scroll_y > 0
        old = view.cursor_line
        calls = _spy_refreshes(view)
        await pilot.press("j")
        new = view.cursor_line
        assert new > old and view.scroll_y > 0
        painted = {region for regions in calls for region in regions}
        assert all(regions for regions in calls)
        assert painted == {_row_region(view, old), _row_region(view, new)}


@sync
async def test_the_cursor_stays_inside_the_text(seed: Article, seed_extraction: Extraction) -> None:
    app = make_app([seed], extraction=seed_extraction)
    async with running(app) as pilot:
        view = app.query_one(ArticleView)
        view.cursor_offset = -5
        assert view.cursor_offset == 0
        view.cursor_offset = 10**9
        assert view.cursor_offset == len(seed.text)
        await pilot.press("k")
        assert 0 <= view.cursor_line < len(view.layout_lines)
        view.load(None)
        view.cursor_offset = 12
        assert view.cursor_offset == 0


@sync
async def test_each_cursor_move_is_announced_once(
    seed: Article, seed_extraction: Extraction
) -> None:
    app = make_app([seed], extraction=seed_extraction)
    moves: list[int] = []
    async with running(app) as pilot:
        view = app.query_one(ArticleView)
        original = view.post_message

        def spy(message: Any) -> bool:
            if isinstance(message, ArticleView.CursorMoved):
                moves.append(message.offset)
            return original(message)

        view.post_message = spy  # type: ignore[method-assign]
        await pilot.press("right_square_bracket")
        view.move_cursor(seed.blocks[4].span.start + 3)
        view.move_cursor(seed.blocks[4].span.start + 3)  # no move: no message
        assert moves == [seed.blocks[1].span.start, seed.blocks[4].span.start + 3]


@sync
async def test_the_strip_cache_stays_within_its_bound_over_a_long_article() -> None:
    paragraph = " ".join(["The harbour authority said the bridge would reopen soon."] * 12)
    article = parse("A long article\n\n" + "\n\n".join(paragraph for _ in range(400)))
    app = make_app([article], extraction=Extraction())
    async with running(app, size=(120, 100), extracted=False) as pilot:
        view = app.query_one(ArticleView)
        assert len(view.layout_lines) > 2 * STRIP_CACHE_SIZE
        largest = 0
        while view.scroll_y < view.max_scroll_y:
            await pilot.press("space")
            await pilot.pause()
            largest = max(largest, len(view._cache))
        assert largest == STRIP_CACHE_SIZE  # full, and never past its bound
        top = int(view.scroll_y)
        shown = range(top, min(top + view.scrollable_content_region.height, len(view.layout_lines)))
        assert all((row, row == view.cursor_line) in view._cache for row in shown)
