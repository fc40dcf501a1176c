"""Notes-tab entries: colour bar, words, tags, note excerpt, orphans; literal text."""

from __future__ import annotations

from typing import Any

from reader.model import Highlight
from reader.text.snippets import first_line_excerpt
from reader.ui.highlight_prompts import NOTE_CHARS, ORPHAN_LABEL, highlight_prompt


def note_excerpt(note: str) -> str:
    return first_line_excerpt(note, NOTE_CHARS)


def make(**changes: Any) -> Highlight:
    values: dict[str, Any] = {
        "id": "h",
        "article_id": "a",
        "start": 5,
        "end": 20,
        "exact": "the [b]exact[/b] words",
        "prefix": "",
        "suffix": "",
    }
    values.update(changes)
    return Highlight(**values)


def test_words_tags_and_note_show_literally() -> None:
    text = highlight_prompt(make(tags=("trade war", "[red]x"), note="[@click=app.quit]hi")).plain
    lines = text.splitlines()
    assert lines[0] == "▌ the [b]exact[/b] words"
    assert lines[1] == "▌ #trade war #[red]x"
    assert lines[2] == "▌ ✎ [@click=app.quit]hi"


def test_long_passages_and_notes_are_cut_with_an_ellipsis() -> None:
    prompt = highlight_prompt(make(exact="word " * 100, note="first line\nsecond line"))
    first, second = prompt.plain.splitlines()
    assert first.endswith("…") and len(first) < 170
    assert second == "▌ ✎ first line …"
    assert note_excerpt("   \n  ") == ""


def test_orphans_say_so_and_article_notes_are_named() -> None:
    orphan = highlight_prompt(make(orphaned=True)).plain.splitlines()
    assert orphan == ["▌ " + ORPHAN_LABEL, "▌ the [b]exact[/b] words"]
    whole = make(start=0, end=0, exact="", note="Follow up")
    assert highlight_prompt(whole).plain.splitlines() == [
        "▌ Note on the whole article",
        "▌ ✎ Follow up",
    ]


def test_escape_sequences_saved_before_cleaning_never_reach_the_screen() -> None:
    prompt = highlight_prompt(
        make(tags=("harbour\x1b]0;pwned\x07",), note="n \x1b]52;c;UFdORUQ=\x07end")
    )
    assert "\x1b" not in prompt.plain and "\x07" not in prompt.plain
    assert prompt.plain.splitlines()[1:] == ["▌ #harbour", "▌ ✎ n end"]
