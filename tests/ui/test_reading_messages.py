"""The reading widgets are leaves: they post intent messages and need no
Highlighter (or any sibling) to exist; the UI's workers report with messages."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from textual import on
from textual.app import App, ComposeResult
from textual.message import Message

from reader.annotations import new_highlight
from reader.ingest import parse
from reader.model import Article
from reader.ui import intents
from reader.ui.widgets.annotated_view import AnnotatedArticleView

from .helpers import settle, sync

UI = Path(__file__).resolve().parents[2] / "reader" / "ui"

TEXT = (
    "Bridge plan approved\n\n"
    "The council approved the bridge on Monday. Critics disagreed.\n\n"
    "Work starts in May."
)


class Bare(App[None]):
    """Only the article pane: no Highlighter, no screen to route anything."""

    def __init__(self, article: Article) -> None:
        super().__init__()
        self.article = article
        self.posted: list[Message] = []

    def compose(self) -> ComposeResult:
        yield AnnotatedArticleView(id="article")

    def on_mount(self) -> None:
        view = self.query_one(AnnotatedArticleView)
        view.load(self.article)
        view.focus()

    @on(intents.HighlightRequested)
    @on(intents.DeleteRequested)
    @on(intents.TagsRequested)
    @on(intents.UndoRequested)
    def _posted(self, event: Message) -> None:
        self.posted.append(event)


@sync
async def test_the_article_pane_asks_with_messages(tmp_path: Path) -> None:
    article = parse(TEXT, source=None, markdown=False)
    app = Bare(article)
    async with app.run_test(size=(80, 20)) as pilot:
        view = app.query_one(AnnotatedArticleView)
        await settle(pilot)
        await pilot.press("v", "h")  # select the sentence at the cursor, highlight it
        await settle(pilot)
        (asked,) = app.posted
        assert isinstance(asked, intents.HighlightRequested)
        assert article.text[asked.start : asked.end] == "Bridge plan approved"
        assert asked.color is None

        start = article.text.index("Bridge")
        mine = new_highlight(article, start, start + len("Bridge plan"))
        view.set_highlights([mine])  # what the screen gives the pane
        app.posted.clear()
        await pilot.press("t", "x", "u")
        await settle(pilot)
        kinds: list[Any] = [type(m) for m in app.posted]
        assert kinds == [intents.TagsRequested, intents.DeleteRequested, intents.UndoRequested]
        tags, delete = app.posted[0], app.posted[1]
        assert isinstance(tags, intents.TagsRequested) and tags.highlight_id == mine.id
        assert isinstance(delete, intents.DeleteRequested) and delete.highlight_id == mine.id


def test_no_widget_reaches_for_the_highlighter() -> None:
    for path in sorted((UI / "widgets").glob("*.py")):
        source = path.read_text(encoding="utf-8")
        assert "Highlighter" not in re.sub(r'""".*?"""', "", source, flags=re.S), path.name
        assert "getattr(" not in source, path.name


def test_workers_report_with_messages_only() -> None:
    for path in sorted(UI.rglob("*.py")):
        assert "call_from_thread" not in path.read_text(encoding="utf-8"), path.name
