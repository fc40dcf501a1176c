"""Keyboard selection units: sentences, words, paragraphs and the v/w/s/p moves."""

from __future__ import annotations

from collections.abc import Callable

from hypothesis import given, settings
from hypothesis import strategies as st
from workcount import assert_linear

from reader.ingest import parse
from reader.model import Article, ArticleMeta
from reader.text.units import Selection, TextUnits, Unit, sentence_spans

TEXT = (
    "A headline for the test\n\n"
    "Dr. Jane Q. Smith arrived at 9 a.m. on Monday. She said the U.S. plan cost $3.5 "
    'billion! "Is that enough?" asked Mr. Lee.\n\n'
    "Second paragraph starts here. It has two sentences.\n\n"
    "Third paragraph, one sentence only."
)


def article(text: str = TEXT) -> Article:
    return parse(text, source=None, markdown=False)


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text, 0, len(text))]


def selected(a: Article, sel: Selection) -> str:
    return a.text[sel.start : sel.end]


def test_sentences_respect_abbreviations_initials_and_decimals() -> None:
    text = (
        "Dr. Jane Q. Smith arrived at 9 a.m. on Monday. She said the U.S. plan cost $3.5 "
        'billion! "Is that enough?" asked Mr. Lee.'
    )
    assert sentences(text) == [
        "Dr. Jane Q. Smith arrived at 9 a.m. on Monday.",
        "She said the U.S. plan cost $3.5 billion!",
        '"Is that enough?" asked Mr. Lee.',
    ]


def test_sentences_end_at_closing_quotes_and_line_breaks() -> None:
    assert sentences('He said "It is done." Then he left...\nRow two\tcell') == [
        'He said "It is done."',
        "Then he left...",
        "Row two\tcell",
    ]


def test_text_without_a_full_stop_is_one_sentence() -> None:
    assert sentences("  no punctuation at all  ") == ["no punctuation at all"]
    assert sentences("   ") == []


def test_v_starts_at_the_sentence_under_the_cursor() -> None:
    a = article()
    units = TextUnits(a)
    inside_second = a.text.index("U.S. plan")
    sel = units.start_selection(inside_second)
    assert sel is not None
    assert selected(a, sel) == "She said the U.S. plan cost $3.5 billion!"


def test_v_between_blocks_takes_the_next_sentence() -> None:
    a = article()
    units = TextUnits(a)
    gap = a.blocks[1].span.end  # the blank line after the first paragraph
    sel = units.start_selection(gap)
    assert sel is not None
    assert selected(a, sel) == "Second paragraph starts here."


def test_extend_by_sentence_word_and_paragraph() -> None:
    a = article()
    units = TextUnits(a)
    sel = units.start_selection(a.text.index("Jane"))
    assert sel is not None
    sel = units.extend(sel, Unit.SENTENCE)
    assert selected(a, sel).endswith("$3.5 billion!")
    sel = units.extend(sel, Unit.WORD)
    assert selected(a, sel).endswith('billion! "Is')
    sel = units.extend(sel, Unit.SENTENCE)  # finishes the sentence it is inside
    assert selected(a, sel).endswith("asked Mr. Lee.")
    sel = units.extend(sel, Unit.PARAGRAPH)  # already at a paragraph end: the next one
    assert selected(a, sel).endswith("It has two sentences.")
    assert selected(a, sel).startswith("Dr. Jane")


def test_extending_crosses_into_the_next_block_and_stops_at_the_end() -> None:
    a = article()
    units = TextUnits(a)
    sel = units.start_selection(a.text.index("It has two"))
    assert sel is not None
    sel = units.extend(sel, Unit.SENTENCE)
    assert selected(a, sel) == "It has two sentences.\n\nThird paragraph, one sentence only."
    assert units.extend(sel, Unit.SENTENCE) == sel
    assert units.extend(sel, Unit.WORD) == sel


def test_shrink_undoes_extend_but_never_empties_the_selection() -> None:
    a = article()
    units = TextUnits(a)
    first = units.start_selection(a.text.index("Second paragraph"))
    assert first is not None
    grown = units.extend(units.extend(first, Unit.SENTENCE), Unit.WORD)
    assert selected(a, grown).endswith("sentences.\n\nThird")
    back = units.shrink(grown, Unit.WORD)
    assert selected(a, back) == "Second paragraph starts here. It has two sentences."
    back = units.shrink(back, Unit.SENTENCE)
    assert back == first
    assert units.shrink(back, Unit.SENTENCE) == first  # one sentence is the minimum
    words = units.shrink(first, Unit.WORD)
    assert selected(a, words) == "Second paragraph starts"
    assert selected(a, units.shrink(units.shrink(words, Unit.WORD), Unit.WORD)) == "Second"


def test_shrink_by_paragraph_drops_whole_paragraphs() -> None:
    a = article()
    units = TextUnits(a)
    sel = units.start_selection(a.text.index("Dr. Jane"))
    assert sel is not None
    sel = units.extend(units.extend(sel, Unit.PARAGRAPH), Unit.PARAGRAPH)
    assert selected(a, sel).endswith("It has two sentences.")
    sel = units.shrink(sel, Unit.PARAGRAPH)
    assert selected(a, sel).endswith("asked Mr. Lee.")
    assert "Second" not in selected(a, sel)


def test_swapped_edge_moves_the_start() -> None:
    a = article()
    units = TextUnits(a)
    sel = units.start_selection(a.text.index("It has two"))
    assert sel is not None
    sel = units.extend(sel.swapped(), Unit.SENTENCE)
    assert selected(a, sel) == "Second paragraph starts here. It has two sentences."
    sel = units.shrink(sel, Unit.WORD)
    assert selected(a, sel) == "paragraph starts here. It has two sentences."
    sel = units.extend(sel, Unit.WORD)
    assert selected(a, sel).startswith("Second paragraph")


def test_any_sentence_range_in_a_few_keys() -> None:
    """From v on sentence i, n-1 presses of s select sentences i..i+n-1 exactly."""
    a = article()
    units = TextUnits(a)
    all_sentences = [
        span for i in range(len(a.blocks)) for span in units.units_in_block(Unit.SENTENCE, i)
    ]
    for i, first in enumerate(all_sentences):
        sel = units.start_selection(first.start)
        assert sel is not None
        for last in all_sentences[i:]:
            assert (sel.start, sel.end) == (first.start, last.end)
            sel = units.extend(sel, Unit.SENTENCE)


def test_article_without_blocks() -> None:
    a = Article(id="x", text="", blocks=(), meta=ArticleMeta(title=""))
    units = TextUnits(a)
    assert units.start_selection(0) is None


def test_a_long_paragraph_costs_work_linear_in_its_length() -> None:
    """Selecting in one long paragraph: the selection stays on sentence and word
    edges, and the work grows with the paragraph, not its square
    (benchmarks/bench_ui.py times a megabyte paragraph)."""

    def paragraph(copies: int) -> tuple[Article, str]:
        text = "Title\n\n" + "Word after word makes a long sentence. " * copies
        return article(text), text

    def select(a: Article, text: str) -> Selection:
        units = TextUnits(a)
        sel = units.start_selection(len(text) // 2)
        assert sel is not None
        for _ in range(50):
            sel = units.extend(sel, Unit.SENTENCE)
            sel = units.shrink(sel, Unit.WORD)
        return sel

    def work_for(copies: int) -> Callable[[], object]:
        a, text = paragraph(copies)
        return lambda: select(a, text)

    assert_linear(work_for, 500)
    a, text = paragraph(4_000)
    assert selected(a, select(a, text)).startswith("Word after word")


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet="ab .!?\n\"'A", max_size=80),
    st.lists(st.sampled_from(["w", "s", "p", "W", "S", "P", "o"]), max_size=12),
    st.integers(min_value=0, max_value=200),
)
def test_selection_always_stays_a_nonempty_range_in_the_text(
    raw: str, keys: list[str], cursor: int
) -> None:
    a = parse("Title\n\n" + raw, source=None, markdown=False)
    units = TextUnits(a)
    sel = units.start_selection(min(cursor, len(a.text)))
    if sel is None:
        return
    for key in keys:
        if key == "o":
            sel = sel.swapped()
        elif key.islower():
            sel = units.extend(sel, Unit({"w": "word", "s": "sentence", "p": "paragraph"}[key]))
        else:
            sel = units.shrink(sel, Unit({"W": "word", "S": "sentence", "P": "paragraph"}[key]))
        assert 0 <= sel.start < sel.end <= len(a.text)
        assert not a.text[sel.start].isspace()
        assert not a.text[sel.end - 1].isspace()
