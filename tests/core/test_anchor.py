"""Re-anchoring highlights on edited copies of a seed article."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from reader.anchor import CONTEXT, locate, make_selector, reanchor
from reader.model import Highlight

SEED = (Path(__file__).resolve().parents[2] / "seeds" / "xiaomi-yu7-us-market.txt").read_text(
    encoding="utf-8"
)


def highlight_of(text: str, words: str, nth: int = 0) -> Highlight:
    start = -1
    for _ in range(nth + 1):
        start = text.index(words, start + 1)
    exact, prefix, suffix = make_selector(text, start, start + len(words))
    return Highlight(
        id="h", article_id="a", start=start, end=start + len(words), exact=exact,
        prefix=prefix, suffix=suffix,
    )  # fmt: skip


def attached_words(text: str, h: Highlight) -> str:
    assert not h.orphaned
    return text[h.start : h.end]


LEI = "the company currently has no plans to enter the US market"
TARIFF = "tariff barriers and ongoing policy uncertainty"


def test_selector_has_32_characters_of_context() -> None:
    start = SEED.index(LEI)
    exact, prefix, suffix = make_selector(SEED, start, start + len(LEI))
    assert exact == LEI
    assert len(prefix) == len(suffix) == CONTEXT
    assert SEED[start - CONTEXT : start] == prefix
    assert make_selector("abc", 0, 1) == ("a", "", "bc")
    with pytest.raises(ValueError):
        make_selector("abc", 2, 9)


def test_unchanged_text_keeps_offsets() -> None:
    h = highlight_of(SEED, LEI)
    assert reanchor(SEED, h) is h


def test_insertion_before_shifts_the_highlight() -> None:
    h = highlight_of(SEED, LEI)
    edited = "EDITOR'S NOTE: this story was updated on Feb 11.\n\n" + SEED
    moved = reanchor(edited, h)
    assert attached_words(edited, moved) == LEI
    assert moved.start == h.start + 50


def test_deletion_around_and_edit_of_the_context() -> None:
    h = highlight_of(SEED, TARIFF)
    start = SEED.index(TARIFF)
    # Drop the paragraphs before and reword the words right before the passage.
    tail = SEED[start - 200 : start].replace("In the US,", "In America,") + SEED[start:]
    moved = reanchor(tail, h)
    assert attached_words(tail, moved) == TARIFF


def test_small_edit_inside_the_passage_still_attaches() -> None:
    h = highlight_of(SEED, LEI)
    edited = SEED.replace(LEI, "the company currently has no plan to enter the U.S. market")
    moved = reanchor(edited, h)
    assert (
        attached_words(edited, moved)
        == "the company currently has no plan to enter the U.S. market"
    )


def test_small_edit_inside_with_context_also_changed() -> None:
    h = highlight_of(SEED, LEI)
    start = SEED.index(LEI)
    edited = (
        "Intro added.\n\n"
        + SEED[: start - 10].replace("Chinese social media", "Weibo")
        + "he said that the company currently has no plans to enter the USA market"
        + SEED[start + len(LEI) :]
    )
    moved = reanchor(edited, h)
    assert attached_words(edited, moved).endswith("currently has no plans to enter the USA market")


def test_rewritten_passage_is_orphaned_not_attached_elsewhere() -> None:
    h = highlight_of(SEED, LEI)
    edited = SEED.replace(LEI, "Xiaomi will begin selling cars in America next year")
    result = reanchor(edited, h)
    assert result.orphaned
    assert (result.start, result.end, result.exact) == (h.start, h.end, LEI)


def test_deleted_passage_is_orphaned() -> None:
    h = highlight_of(SEED, TARIFF)
    paragraph_start = SEED.rindex("\n\n", 0, SEED.index(TARIFF))
    paragraph_end = SEED.index("\n\n", SEED.index(TARIFF))
    edited = SEED[:paragraph_start] + SEED[paragraph_end:]
    assert reanchor(edited, h).orphaned


def test_duplicate_passage_is_told_apart_by_context() -> None:
    # The seed repeats its photo caption; the first copy follows the dateline.
    caption = "A foreign visitor inspects a Xiaomi YU7 EV"
    assert SEED.count(caption) == 2
    second = highlight_of(SEED, caption, nth=1)
    first = highlight_of(SEED, caption, nth=0)
    edited = "Breaking.\n\n" + SEED
    assert reanchor(edited, second).start == second.start + len("Breaking.\n\n")
    assert reanchor(edited, first).start == first.start + len("Breaking.\n\n")


def test_duplicate_with_identical_context_is_orphaned_rather_than_guessed() -> None:
    caption = "Xiaomi EV Hyperfactory showroom"
    assert SEED.count(caption) == 2
    start = SEED.index(caption)
    second = SEED.index(caption, start + 1)
    assert SEED[start - CONTEXT : start] == SEED[second - CONTEXT : second]
    h = highlight_of(SEED, caption, nth=1)
    edited = "Breaking.\n\n" + SEED
    assert reanchor(edited, h).orphaned


def test_short_words_found_once_with_new_context_are_orphaned() -> None:
    text = "The price is high.\n\nNothing else."
    h = highlight_of(text, "high")
    edited = "A completely different story with words that are high up in the hills."
    assert reanchor(edited, h).orphaned


def test_orphan_comes_back_when_the_text_returns() -> None:
    h = highlight_of(SEED, LEI)
    orphan = reanchor(SEED.replace(LEI, "nothing"), h)
    assert orphan.orphaned
    assert not reanchor(SEED, orphan).orphaned


def test_whole_article_note_always_attaches() -> None:
    h = Highlight(id="n", article_id="a", start=0, end=0, exact="", prefix="", suffix="")
    assert locate("anything", h) == (0, 0)
    assert not reanchor("", h).orphaned


# The seed repeats its photo caption near the top. A passage there that is
# edited heavily while its intact twin keeps the same 32 characters of
# context is indistinguishable by the quote selector (it re-attaches to the
# twin: the same words), so the property below starts after the captions.
AFTER_CAPTIONS = SEED.index("A Xiaomi SUV spotted")
EDGE = 6
"""How far a fuzzy match's edge may stray where the text was edited (it can
take in a few letters of a neighbouring word that match the cut ones)."""


@settings(max_examples=60, deadline=None)
@given(
    start=st.integers(AFTER_CAPTIONS, len(SEED) - 80),
    length=st.integers(20, 70),
    insert_at=st.integers(0, len(SEED)),
    inserted=st.text(alphabet="xyz \n", min_size=1, max_size=40),
)
def test_an_insertion_anywhere_never_attaches_to_other_words(
    start: int, length: int, insert_at: int, inserted: str
) -> None:
    end = start + length
    exact, prefix, suffix = make_selector(SEED, start, end)
    h = Highlight(
        id="h", article_id="a", start=start, end=end, exact=exact, prefix=prefix, suffix=suffix
    )
    edited = SEED[:insert_at] + inserted + SEED[insert_at:]
    result = reanchor(edited, h)
    if result.orphaned:
        return
    got = edited[result.start : result.end]
    if not start < insert_at < end:
        # The passage itself is intact: it must be found exactly.
        assert got == exact
    else:
        # Edited inside: only ever (most of) the edited passage, nowhere else.
        assert start - EDGE <= result.start and result.end <= end + len(inserted) + EDGE
        assert len(got) >= 0.75 * len(exact)


@settings(max_examples=60, deadline=None)
@given(
    start=st.integers(AFTER_CAPTIONS, len(SEED) - 80),
    length=st.integers(20, 70),
    cut_at=st.integers(0, len(SEED) - 1),
    cut_len=st.integers(1, 30),
)
def test_a_deletion_anywhere_never_attaches_to_other_words(
    start: int, length: int, cut_at: int, cut_len: int
) -> None:
    end = start + length
    cut_end = min(len(SEED), cut_at + cut_len)
    exact, prefix, suffix = make_selector(SEED, start, end)
    h = Highlight(
        id="h", article_id="a", start=start, end=end, exact=exact, prefix=prefix, suffix=suffix
    )
    edited = SEED[:cut_at] + SEED[cut_end:]
    result = reanchor(edited, h)
    if result.orphaned:
        return
    got = edited[result.start : result.end]
    if cut_end <= start or cut_at >= end:
        assert got == exact
    else:
        # Cut into the passage: what is left of it, in the same place (the
        # edges may take in a few matching letters next to the cut).
        left_start = min(start, cut_at)
        left_end = end - (cut_end - cut_at) if cut_end <= end else cut_at
        assert (left_start - EDGE <= result.start and result.end <= left_end + EDGE) or (
            fuzz.ratio(got, exact) >= 80
            and left_start - length <= result.start
            and result.end <= left_end + length
        )
