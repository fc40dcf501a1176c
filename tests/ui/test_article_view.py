"""The article pane: literal text, mouse selection as offsets, big articles, layout."""

from __future__ import annotations

from textual.geometry import Offset
from textual.selection import Selection
from workcount import assert_linear

from reader.ingest import parse
from reader.model import Extraction, Quote, Span
from reader.ui.layout import DocumentLayout, wrap
from reader.ui.widgets.article_view import ArticleView

from .helpers import make_app, running, screen_text, sync

HOSTILE = (
    "[@click=app.quit]boom[/]\n\n"
    '"[@click=app.quit]boom[/] and [/ and [b]bold[/b]," said Ana Duarte.\n\n'
    "A paragraph with $var and a trailing backslash \\"
)


@sync
async def test_markup_in_titles_and_quotes_shows_literally_and_does_nothing():
    article = parse(HOSTILE)
    start = article.text.index("[@click=app.quit]boom[/] and")
    end = article.text.index(",", start)
    quote = Quote(article.text[start:end], "Ana Duarte", Span(start, end))
    app = make_app([article], extraction=Extraction(quotes=(quote,)))
    async with running(app, size=(120, 30)) as pilot:
        shown = screen_text(app)
        assert "[@click=app.quit]boom[/]" in shown  # header, pane and sidebar
        assert shown.count("[@click=app.quit]boom[/]") >= 3
        assert "[/ and [b]bold[/b]" in shown
        assert "trailing backslash \\" in shown
        assert app.title == "[@click=app.quit]boom[/]"
        view = app.query_one(ArticleView)
        for y, line in enumerate(view.layout_lines):
            if "boom" in line.plain(article.text):
                x = view.region.x + view._left + 3 + 4  # over the word "boom"
                await pilot.click(offset=(x, view.region.y + y))
                await pilot.pause()
        await pilot.press("1", "enter")
        await pilot.click("#quotes-list", offset=(4, 0))
        await pilot.pause()
        assert app.is_running and app.return_code is None


@sync
async def test_mouse_selection_becomes_offsets_into_the_article(seed, seed_extraction):
    app = make_app([seed], extraction=seed_extraction)
    async with running(app, size=(120, 40)) as pilot:
        view = app.query_one(ArticleView)
        lines = view.layout_lines
        first = next(y for y, line in enumerate(lines) if line.block == 5)
        line = lines[first]
        # From column 2 of the paragraph's first line to column 10 of its third.
        app.screen.selections = {view: Selection(Offset(2, first), Offset(10, first + 2))}
        await pilot.pause()
        expected = (line.start + 2, lines[first + 2].start + 10)
        assert view.selected_span == expected
        assert app.screen.get_selected_text() == seed.text[expected[0] : expected[1]]
        app.screen.clear_selection()
        await pilot.pause()
        assert view.selected_span is None


@sync
async def test_a_one_megabyte_article_renders_only_the_rows_it_shows(monkeypatch):
    """A 1 MB article: its first screen shows, and the first paint and each key
    render a few screens of rows at most, not the article's 30,000 lines.
    (benchmarks/bench_ui.py and bench_startup.py hold the time bars: first
    paint under 1 s, a key under 1 s.)"""
    paragraph = " ".join(["The harbour authority said the bridge would reopen soon."] * 40)
    body = "\n\n".join(paragraph for _ in range(450))
    single_line = "word " * 60_000
    article = parse("A very long article\n\n" + body + "\n\n" + single_line)
    assert len(article.text) > 1_000_000
    rendered: list[int] = []
    render_row = ArticleView._render_row

    def counted(view, row, is_cursor, width):
        rendered.append(row)
        return render_row(view, row, is_cursor, width)

    monkeypatch.setattr(ArticleView, "_render_row", counted)
    app = make_app([article], extraction=Extraction())
    height = 40
    async with running(app, size=(120, height), extracted=False) as pilot:
        view = app.query_one(ArticleView)
        assert "A very long article" in screen_text(app)
        assert len(view.layout_lines) > 20_000
        assert len(rendered) <= 10 * height, len(rendered)
        for key in ("G", "g", "space", "space", "b"):
            rendered.clear()
            await pilot.press(key)
            screen_text(app)
            assert len(rendered) <= 10 * height, (key, len(rendered))
        assert view.scroll_y > 0


def test_wrap_never_exceeds_the_width_and_keeps_every_word():
    text = "alpha beta  gamma " * 50 + "x" * 250 + " 漢字漢字漢字漢字漢字漢字 end"
    lines = wrap(text, 0, len(text), 30)
    from rich.cells import cell_len

    assert all(cell_len(text[a:b]) <= 30 for a, b in lines)
    assert "".join(text[a:b] for a, b in lines).replace(" ", "") == text.replace(" ", "")
    short = [w for a, b in lines for w in text[a:b].split() if "x" not in w]
    assert short == [w for w in text.split() if "x" not in w]  # words are never split


def test_wrap_is_linear_on_a_long_single_line():
    """Every line is full, and the work grows with the line, not its square
    (benchmarks/bench_ui.py times a megabyte line)."""

    def work_for(words: int):
        text = "word " * words
        return lambda: wrap(text, 0, len(text), 72)

    assert_linear(work_for, 2_000)
    text = "word " * 20_000
    lines = wrap(text, 0, len(text), 72)
    assert len(lines) >= len(text) // 72


def test_layout_maps_offsets_both_ways(feature):
    layout = DocumentLayout(feature, 60)
    text = feature.text
    for block in feature.blocks:
        y = layout.line_of_offset(block.span.start)
        line = layout.lines[y]
        assert line.block == feature.blocks.index(block)
        x = line.column_of(block.span.start)
        assert layout.offset_at(y, x) == block.span.start
    table = next(b for b in feature.blocks if b.kind == "table")
    rows = [
        layout.lines[y].plain(text)
        for y, ln in enumerate(layout.lines)
        if ln.block == feature.blocks.index(table)
    ]
    assert rows[0].split() == ["Year", "│", "Litres", "│", "Workers"]
    assert set(rows[1]) == {"─"}
