"""The model's reprs stay short whatever the article's size: Textual names
every worker by the repr of its arguments, and an article's text used to be
copied into that name (seconds and hundreds of MB for a big article)."""

from __future__ import annotations

from reader.ingest import parse
from reader.model import LibraryEntry


def test_an_article_repr_names_it_without_its_text() -> None:
    article = parse("Big story\n\n" + "\n\n".join("A paragraph of words." for _ in range(50_000)))
    shown = repr(article)
    assert len(shown) < 200
    assert article.id in shown and "Big story" in shown
    assert f"{len(article.text)} chars" in shown and f"{len(article.blocks)} blocks" in shown


def test_a_library_entry_repr_leaves_out_its_source_text() -> None:
    entry = LibraryEntry("abc", "/tmp/story.txt", "Story", None, None, "x" * 1_000_000, False)
    shown = repr(entry)
    assert len(shown) < 200
    assert "abc" in shown and "1000000 chars" in shown
