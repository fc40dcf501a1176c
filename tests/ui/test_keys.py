"""Every key of the reading UI, driven through Textual's pilot."""

from __future__ import annotations

import json
from pathlib import Path

from textual.command import CommandPalette
from textual.widgets import Input, OptionList

from reader.model import Article, Extraction
from reader.ui.app import ReaderApp
from reader.ui.compat import notifications
from reader.ui.screens.dialogs import ConfirmScreen, OpenFileScreen
from reader.ui.screens.help import HelpScreen
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.library import LibraryPanel
from reader.ui.widgets.sidebar import Sidebar

from .helpers import make_app, running, screen_text, settle, sync, wait_for


def _view(app: ReaderApp) -> ArticleView:
    return app.query_one(ArticleView)


@sync
async def test_j_k_and_arrows_move_the_cursor_line(seed: Article, seed_extraction: Extraction):
    app = make_app([seed], extraction=seed_extraction)
    async with running(app) as pilot:
        view = _view(app)
        assert view.cursor_line == 0
        await pilot.press("j")
        after_j = view.cursor_line
        assert after_j > 0 and view.layout_lines[after_j].runs
        await pilot.press("down")
        assert view.cursor_line > after_j
        await pilot.press("k")
        assert view.cursor_line == after_j
        await pilot.press("up")
        assert view.cursor_line == 0
        assert view.cursor_offset == seed.blocks[0].span.start


@sync
async def test_space_and_b_page_through_the_article(seed: Article, seed_extraction: Extraction):
    app = make_app([seed], extraction=seed_extraction)
    async with running(app, size=(100, 24)) as pilot:
        view = _view(app)
        await pilot.press("space")
        assert view.scroll_y >= view.scrollable_content_region.height - 3
        top = view.scroll_y
        assert view.cursor_line >= top
        await pilot.press("space")
        assert view.scroll_y > top
        await pilot.press("b")
        assert view.scroll_y == top
        await pilot.press("b")
        assert view.scroll_y == 0


@sync
async def test_g_and_capital_g_go_to_the_ends(seed: Article, seed_extraction: Extraction):
    app = make_app([seed], extraction=seed_extraction)
    async with running(app, size=(100, 24)) as pilot:
        view = _view(app)
        await pilot.press("G")
        assert view.scroll_y == view.max_scroll_y > 0
        last_block = seed.blocks[-1]
        assert last_block.span.start <= view.cursor_offset <= last_block.span.end
        await pilot.press("g")
        assert view.scroll_y == 0
        assert view.cursor_line == 0


@sync
async def test_brackets_move_by_paragraph(seed: Article, seed_extraction: Extraction):
    app = make_app([seed], extraction=seed_extraction)
    async with running(app) as pilot:
        view = _view(app)
        await pilot.press("right_square_bracket")
        assert view.cursor_offset == seed.blocks[1].span.start
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert view.cursor_offset == seed.blocks[3].span.start
        await pilot.press("left_square_bracket")
        assert view.cursor_offset == seed.blocks[2].span.start


@sync
async def test_braces_move_by_quote_and_flash_it(seed: Article, seed_extraction: Extraction):
    app = make_app([seed], extraction=seed_extraction)
    quotes = seed_extraction.quotes
    async with running(app) as pilot:
        view = _view(app)
        await pilot.press("right_curly_bracket")
        assert view.cursor_offset == quotes[0].span.start
        await pilot.press("right_curly_bracket")
        assert view.cursor_offset == quotes[1].span.start
        assert view.flashing == (quotes[1].span.start, quotes[1].span.end)
        await pilot.press("left_curly_bracket")
        assert view.cursor_offset == quotes[0].span.start


@sync
async def test_enter_on_a_quote_jumps_to_its_sidebar_entry(
    seed: Article, seed_extraction: Extraction
):
    app = make_app([seed], extraction=seed_extraction)
    async with running(app) as pilot:
        await pilot.press("right_curly_bracket", "right_curly_bracket", "right_curly_bracket")
        await pilot.press("enter")
        await pilot.pause()
        quotes = app.query_one("#quotes-list", OptionList)
        assert app.query_one(Sidebar).active_tab == "quotes"
        assert quotes.has_focus
        assert quotes.highlighted == 2  # "Let China come in."


@sync
async def test_number_keys_switch_sidebar_tabs(seed: Article, seed_extraction: Extraction):
    app = make_app([seed], extraction=seed_extraction)
    async with running(app) as pilot:
        sidebar = app.query_one(Sidebar)
        for key, name in (("2", "people"), ("3", "figures"), ("4", "notes"), ("1", "quotes")):
            await pilot.press(key)
            await pilot.pause()
            assert sidebar.active_tab == name
            shown = [pane.id for pane in sidebar.children[1:] if pane.display]
            assert shown == [f"{name}-list" if name != "notes" else "notes-tab"]


@sync
async def test_tab_and_shift_tab_move_between_regions(seed: Article, seed_extraction: Extraction):
    app = make_app([seed], extraction=seed_extraction)
    async with running(app, size=(200, 50)) as pilot:
        assert isinstance(app.focused, ArticleView)
        await pilot.press("tab")
        assert app.focused is app.query_one("#quotes-list")
        await pilot.press("tab")
        assert app.focused is app.query_one("#library-list")
        await pilot.press("shift+tab")
        assert app.focused is app.query_one("#quotes-list")
        await pilot.press("shift+tab")
        assert isinstance(app.focused, ArticleView)


@sync
async def test_choosing_a_quote_scrolls_to_it_and_flashes(
    seed: Article, seed_extraction: Extraction
):
    app = make_app([seed], extraction=seed_extraction)
    last = seed_extraction.quotes[-1]
    async with running(app, size=(100, 24)) as pilot:
        view = _view(app)
        await pilot.press("1", "end", "enter")
        assert view.flashing == (last.span.start, last.span.end)
        line = view.cursor_line
        assert view.scroll_y <= line < view.scroll_y + view.scrollable_content_region.height
        shown = view.layout_lines[line]
        assert shown.start <= last.span.start < shown.end
        assert view.cursor_offset == last.span.start


@sync
async def test_clicking_a_figure_jumps_and_dates_are_not_listed(
    seed: Article, seed_extraction: Extraction
):
    app = make_app([seed], extraction=seed_extraction)
    async with running(app, size=(100, 24)) as pilot:
        await pilot.press("3")
        figures = app.query_one("#figures-list", OptionList)
        assert figures.option_count == 2  # the date is not a figure
        await pilot.click("#figures-list", offset=(3, 3))  # the second entry
        await pilot.pause()
        target = seed_extraction.figures[1].span
        assert _view(app).flashing == (target.start, target.end)


@sync
async def test_enter_on_a_person_cycles_through_mentions(
    seed: Article, seed_extraction: Extraction
):
    app = make_app([seed], extraction=seed_extraction)
    lei = seed_extraction.people[0]
    async with running(app, size=(120, 30)) as pilot:
        view = _view(app)
        await pilot.press("2", "enter")
        assert view.cursor_offset == lei.spans[0].start
        assert "1/3" in screen_text(app)
        await pilot.press("enter")
        assert view.cursor_offset == lei.spans[1].start
        assert "2/3" in screen_text(app)
        await pilot.press("enter", "enter")
        assert view.cursor_offset == lei.spans[0].start  # wrapped round
        assert "1/3" in screen_text(app)
        await pilot.press("down", "enter")  # another person starts at 1 again
        assert view.cursor_offset == seed_extraction.people[1].spans[0].start
        assert "1/2" in screen_text(app)


@sync
async def test_question_mark_lists_every_binding(seed: Article, seed_extraction: Extraction):
    app = make_app([seed], extraction=seed_extraction)
    async with running(app, size=(120, 60)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        shown = screen_text(app)
        for cls in (ReaderApp, ArticleView, LibraryPanel):
            for binding in cls.BINDINGS:
                what = binding.tooltip or binding.description
                assert what in shown, what
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


def test_every_binding_has_an_id_and_a_description() -> None:
    from reader.ui.screens.dialogs import ConfirmScreen, OpenFileScreen

    for cls in (ReaderApp, ArticleView, LibraryPanel, HelpScreen, ConfirmScreen, OpenFileScreen):
        for binding in cls.BINDINGS:
            assert binding.id, (cls.__name__, binding.key)
            assert binding.description, (cls.__name__, binding.key)


@sync
async def test_ctrl_p_palette_offers_reader_commands(seed: Article, seed_extraction: Extraction):
    app = make_app([seed], extraction=seed_extraction)
    async with running(app) as pilot:
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"next quote")
        await settle(pilot)  # the palette searches in a worker
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, CommandPalette)
        assert _view(app).cursor_offset == seed_extraction.quotes[0].span.start


@sync
async def test_o_opens_a_file_by_path_with_completion(
    seed: Article, seed_extraction: Extraction, feature: Article
):
    app = make_app([seed], extraction=seed_extraction)
    folder = Path(feature.meta.source or "").parent
    async with running(app) as pilot:
        await pilot.press("o")
        assert isinstance(app.screen, OpenFileScreen)
        # The folder filled in at once (typed key by key it takes seconds), the name typed.
        app.screen.query_one("#open-path", Input).value = str(folder) + "/"
        await pilot.press(*"feat")
        await settle(pilot)  # the completion is worked out in a worker
        await pilot.press("tab")
        field = app.screen.query_one("#open-path")
        assert field.value == str(folder / "feature.md")  # type: ignore[attr-defined]
        await pilot.press("enter")
        await wait_for(
            pilot, lambda: _view(app).article is not None and _view(app).article.id == feature.id
        )  # type: ignore[union-attr]
        assert app.title == feature.meta.title


@sync
async def test_o_with_a_bad_path_says_so_and_keeps_the_article(
    seed: Article, seed_extraction: Extraction, tmp_path: Path
):
    app = make_app([seed], extraction=seed_extraction)
    async with running(app) as pilot:
        await pilot.press("o")
        assert isinstance(app.screen, OpenFileScreen)
        # Typing is test_o_opens_a_file_by_path_with_completion's; here the path
        # is filled in at once (a long temp path typed key by key takes seconds).
        app.screen.query_one("#open-path", Input).value = str(tmp_path / "nope.txt")
        await pilot.press("enter")
        await wait_for(pilot, lambda: bool(notifications(app)))
        messages = [n.message for n in notifications(app)]
        assert any("no such file" in m for m in messages)
        assert _view(app).article is seed


@sync
async def test_q_quits(seed: Article, seed_extraction: Extraction):
    app = make_app([seed], extraction=seed_extraction)
    async with running(app) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert app.return_code == 0
        assert not app.is_running


@sync
async def test_l_and_i_toggle_library_and_sidebar(seed: Article, seed_extraction: Extraction):
    app = make_app([seed], extraction=seed_extraction)
    async with running(app, size=(120, 40)) as pilot:
        library = app.query_one(LibraryPanel)
        sidebar = app.query_one(Sidebar)
        assert not library.display  # 120 columns: hidden until asked
        await pilot.press("l")
        assert library.display and library.region.width > 0
        await pilot.press("l")
        assert not library.display
        width = _view(app).region.width
        await pilot.press("i")
        assert not sidebar.display
        await pilot.pause()
        assert _view(app).region.width > width
        await pilot.press("i")
        assert sidebar.display


@sync
async def test_m_toggles_quote_marks_and_plus_minus_change_width(
    seed: Article, seed_extraction: Extraction, tmp_path: Path
):
    config_file = tmp_path / "config.json"
    app = make_app([seed], extraction=seed_extraction, config_file=config_file)
    async with running(app, size=(200, 40)) as pilot:
        view = _view(app)
        assert "┃" in screen_text(app)  # the headline quote is marked in the gutter
        await pilot.press("m")
        assert not view.show_marks
        assert "┃" not in screen_text(app)
        before = view.text_width
        await pilot.press("plus")
        assert view.text_width == before + 4
        await pilot.press("minus", "minus")
        assert view.text_width == before - 4
        await wait_for(
            pilot,
            lambda: (
                config_file.exists()
                and json.loads(config_file.read_text())["reading_width"] == before - 4
            ),
        )
    saved = json.loads(config_file.read_text())
    assert saved["show_quote_marks"] is False


@sync
async def test_capital_l_opens_links_only_after_showing_the_url(feature: Article, monkeypatch):
    opened: list[str] = []
    monkeypatch.setattr("webbrowser.open", lambda url, new=0: opened.append(url))
    app = make_app([feature], extraction=Extraction())
    async with running(app) as pilot:
        view = _view(app)
        link = next(s for s in feature.styles if s.href)
        view.move_cursor(link.span.start)
        await pilot.press("L")
        assert isinstance(app.screen, ConfirmScreen)
        assert "https://example.org/report" in screen_text(app)
        assert opened == []
        await pilot.click("#open")
        await wait_for(pilot, lambda: opened == ["https://example.org/report"])


@sync
async def test_d_removes_from_the_library_after_asking(seed: Article, store, tmp_path: Path):
    from reader.model import Highlight

    from .conftest import fixed_extraction

    app = make_app([seed], store=store, extraction=fixed_extraction(seed))
    async with running(app, size=(200, 50)) as pilot:
        await wait_for(pilot, lambda: bool(store.articles()))
        store.add(Highlight("h1", seed.id, 317, 330, seed.text[317:330], "", ""))
        app.reading._load_library(open_first=False)
        await wait_for(
            pilot,
            lambda: app.reading.library_items and app.reading.library_items[0].highlights == 1,
        )
        await pilot.press("d")
        assert isinstance(app.screen, ConfirmScreen)
        assert "highlights are kept" in screen_text(app)
        await pilot.press("escape")
        assert store.articles()
        await pilot.press("d")
        await pilot.click("#keep-notes")
        await wait_for(pilot, lambda: not store.articles())
        assert [h.id for h in store.highlights(seed.id)] == ["h1"]
        assert app.reading.library_items == []


@sync
async def test_at_80_columns_library_and_sidebar_take_turns(
    seed: Article, seed_extraction: Extraction
):
    app = make_app([seed], extraction=seed_extraction)
    async with running(app, size=(80, 24)) as pilot:
        library = app.query_one(LibraryPanel)
        sidebar = app.query_one(Sidebar)
        assert not library.display and sidebar.display
        await pilot.press("l")
        assert library.display and not sidebar.display
        assert _view(app).text_width >= 40
        await pilot.press("2")
        assert sidebar.display and not library.display
        assert "Notes" in screen_text(app)  # all four tab names fit
