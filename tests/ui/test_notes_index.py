"""The app's search helpers: an index over the store, a pick's passage found again."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from reader.ingest import parse
from reader.model import Highlight
from reader.store import Store
from reader.ui.notes_index import open_index, passage_span

from .notes_search_fixtures import EV_TEXT, fill


def _highlight(text: str, needle: str) -> Highlight:
    start = text.index(needle)
    return Highlight(
        id="x",
        article_id="a",
        start=start,
        end=start + len(needle),
        exact=needle,
        prefix=text[max(0, start - 32) : start],
        suffix=text[start + len(needle) : start + len(needle) + 32],
    )


def test_passage_found_at_its_offsets_or_again_after_the_text_changed() -> None:
    article = parse(EV_TEXT)
    h = _highlight(article.text, "the tariff wall")
    assert passage_span(article, h) == (h.start, h.end)

    edited = parse("Update: a line added at the top.\n\n" + EV_TEXT)
    start, end = passage_span(edited, h) or (0, 0)
    assert edited.text[start:end] == "the tariff wall"
    assert start > h.start


def test_no_passage_for_a_whole_article_note_or_words_that_are_gone() -> None:
    article = parse(EV_TEXT)
    note = Highlight(id="n", article_id="a", start=0, end=0, exact="", prefix="", suffix="")
    assert passage_span(article, note) is None
    gone = replace(_highlight(article.text, "the tariff wall"), exact="a sentence not there")
    assert passage_span(article, gone) is None


def test_index_follows_the_store(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.json") as store:
        fill(store)
        index = open_index(store)
        assert [r.highlight.id for r in index.search("steel")] == ["h3"]
        store.delete("h3")
        assert index.search("steel") == []
    assert open_index(None).recent() == []
