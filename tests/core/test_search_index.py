"""Ranking and matching on a small hand-built corpus, and incremental upkeep."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from reader.model import Highlight, LibraryEntry
from reader.search import ArticleInfo, SearchIndex, SearchResult, parse_query

Build = Callable[..., SearchIndex]
T0 = datetime(2026, 1, 10, 9, 0)
XIAOMI = ArticleInfo("art-x", "Xiaomi takes the YU7 to America", "/news/x.md", datetime(2026, 1, 5))
STEEL = ArticleInfo("art-s", "Steel tariffs bite", "/news/s.md", datetime(2026, 3, 1))
PLAIN = ArticleInfo("art-p", "Clippings", None, None)


def hl(num: int, text: str, *, article: str = "art-p", days: float = 0, **kw: object) -> Highlight:
    created = T0 + timedelta(days=days)
    return Highlight(
        id=f"h{num}",
        article_id=article,
        start=0,
        end=len(text),
        exact=text,
        prefix="",
        suffix="",
        created=created,
        updated=created,
        **kw,  # type: ignore[arg-type]
    )


def ids(results: list[SearchResult]) -> list[str]:
    return [r.highlight.id for r in results]


@pytest.fixture
def build() -> Callable[..., SearchIndex]:
    def make(*highlights: Highlight) -> SearchIndex:
        index = SearchIndex()
        index.set_article(XIAOMI)
        index.set_article(STEEL)
        index.set_article(PLAIN)
        index.add_many(highlights)
        return index

    return make


def test_a_match_in_the_note_outranks_the_same_word_in_the_text(
    build: Build,
) -> None:
    index = build(
        hl(1, "Exports of rolled coil rose again in the quarter", days=2),
        hl(2, "Rolled coil exports rose in the quarter", note="check the exports figure"),
    )
    index.add(hl(3, "Nothing about it here", days=5))
    assert ids(index.search("exports")) == ["h2", "h1"]


def test_a_matching_tag_outranks_a_text_match(build: Build) -> None:
    index = build(
        hl(1, "Dumping claims were filed by the union", days=3),
        hl(2, "The union filed its claims", tags=("dumping",)),
    )
    assert ids(index.search("dumping")) == ["h2", "h1"]


def test_equal_scores_list_the_newer_first(build: Build) -> None:
    index = build(
        hl(1, "The ministry raised duties", days=1),
        hl(2, "The ministry raised duties", days=9),
        hl(3, "The ministry raised duties", days=4),
    )
    assert ids(index.search("duties")) == ["h2", "h3", "h1"]


def test_more_relevant_beats_newer(build: Build) -> None:
    index = build(
        hl(1, "Duties, duties and more duties on steel", days=0),
        hl(2, "A long passage that once mentions duties among many other words here", days=9),
    )
    assert ids(index.search("duties ")) == ["h1", "h2"]


def test_all_words_must_match_in_any_order(build: Build) -> None:
    index = build(hl(1, "Steel prices fell in March"), hl(2, "Steel output rose"))
    assert ids(index.search("march steel")) == ["h1"]
    assert index.search("steel copper") == []


def test_typos_are_forgiven_from_five_letters(build: Build) -> None:
    index = build(hl(1, "The tariffs on steel were doubled by the ministry"))
    assert ids(index.search("doubeld ")) == ["h1"]  # swapped letters count as one edit
    assert ids(index.search("tarrifs ")) == ["h1"]  # two edits from seven letters
    assert ids(index.search("tarifs ")) == ["h1"]  # one edit from six letters
    assert index.search("tarfs ") == []  # ...but not two
    assert index.search("stel ") == []  # four letters: exact only
    assert index.search("tarrrifffs ") == []  # too far


def test_exact_hits_rank_above_typo_matches(build: Build) -> None:
    index = build(
        hl(1, "the quota was cut", days=5),
        hl(2, "the quote was cut"),
    )
    # "quote" exists exactly, so it is not stretched to "quota"
    assert ids(index.search("quote ")) == ["h2"]
    index.remove("h2")
    assert ids(index.search("quote ")) == ["h1"]


def test_case_accents_and_punctuation_do_not_matter(build: Build) -> None:
    index = build(
        hl(1, "Premier Zhōu called it a win win outcome"),
        hl(2, "a WIN-WIN, said ZHOU", days=1),
    )
    assert ids(index.search("zhou ")) == ["h2", "h1"]
    assert ids(index.search("ZHŌU ")) == ["h2", "h1"]
    assert set(ids(index.search('"win-win"'))) == {"h1", "h2"}
    assert set(ids(index.search('"Win Win"'))) == {"h1", "h2"}


def test_prefix_on_the_last_word_only_while_typing(build: Build) -> None:
    index = build(hl(1, "Tariffs on steel"), hl(2, "Tarmac on the runway"))
    assert set(ids(index.search("tar"))) == {"h1", "h2"}
    assert index.search("tar ") == []
    assert index.search(parse_query("tar", prefix_last=False)) == []
    assert ids(index.search("tar steel")) == []  # only the last word is a prefix
    assert ids(index.search("steel tar")) == ["h1"]


def test_a_short_prefix_with_hundreds_of_completions(build: Build) -> None:
    filler = [hl(100 + i, f"tok{i}x word{i}", days=i / 100) for i in range(150)]
    index = build(
        *filler,
        hl(1, "steel talks resumed", days=5),
        hl(2, "steel output fell", days=6),
        hl(3, "the Tariff on steel", days=1, note="Tin too"),
    )
    assert set(ids(index.search("steel t"))) == {"h1", "h3"}
    (result,) = [r for r in index.search("steel t") if r.highlight.id == "h3"]
    text = result.highlight.exact
    assert [text[s:e] for s, e in result.spans] == ["the", "Tariff", "steel"]
    assert result.note_excerpt[slice(*result.note_spans[0])] == "Tin"
    assert ids(index.search("t", limit=3)) == ["h1", "h249", "h248"]  # newest with a t-word
    assert set(ids(index.search("steel -t"))) == {"h2", "h1", "h3"}  # -t is the word "t"


def test_an_exact_word_outranks_its_completions(build: Build) -> None:
    index = build(hl(1, "The tariffs rose", days=3), hl(2, "The tariff rose"))
    assert ids(index.search("tariff")) == ["h2", "h1"]


def test_phrases_need_the_words_in_order(build: Build) -> None:
    index = build(hl(1, "the trade war escalated"), hl(2, "war on trade", days=1))
    assert ids(index.search('"trade war"')) == ["h1"]
    assert set(ids(index.search("trade war "))) == {"h1", "h2"}
    assert ids(index.search('"trade wa')) == ["h1"]  # unclosed: a prefix on its last word


def test_or_and_exclusion(build: Build) -> None:
    index = build(
        hl(1, "steel tariffs"),
        hl(2, "steel quotas", days=1),
        hl(3, "copper quotas", days=2),
    )
    assert set(ids(index.search("tariffs OR quotas steel "))) == {"h1", "h2"}
    assert ids(index.search("quotas -copper ")) == ["h2"]
    assert ids(index.search('-"steel tariffs" quotas ')) == ["h3", "h2"]
    assert ids(index.search("-steel OR tariffs ")) == ["h1", "h3"]  # the scored match first


def test_field_filters(build: Build) -> None:
    index = build(
        hl(1, "Lei Jun unveiled the car", article="art-x", people=("Lei Jun", "Lei"), days=1),
        hl(2, "He priced it low", article="art-x", color="green", note="cheap?", days=2),
        hl(3, "Duties rose", tags=("Trade War", "eu"), orphaned=True, days=3),
        hl(4, "", tags=("eu",), note="whole article note", days=4),
    )
    assert ids(index.search("tag:trade-war")) == ["h3"]
    assert ids(index.search('#"trade war"')) == ["h3"]
    assert ids(index.search("#eu")) == ["h4", "h3"]
    assert ids(index.search("#tr")) == ["h3"]  # a tag being typed
    assert ids(index.search("article:xiaomi ")) == ["h2", "h1"]
    assert ids(index.search("article:america")) == ["h2", "h1"]
    assert ids(index.search('person:"lei jun"')) == ["h1"]
    assert ids(index.search("person:jun ")) == ["h1"]
    assert ids(index.search("color:green")) == ["h2"]
    assert ids(index.search("has:note")) == ["h4", "h2"]
    assert ids(index.search("has:tag")) == ["h4", "h3"]
    assert ids(index.search("has:person")) == ["h1"]
    assert ids(index.search("is:orphan")) == ["h3"]
    assert ids(index.search("is:article")) == ["h4"]
    assert ids(index.search("-is:orphan -is:article")) == ["h2", "h1"]


def test_dates(build: Build) -> None:
    index = build(
        hl(1, "in xiaomi article", article="art-x", days=0),  # saved 2026-01-10
        hl(2, "in steel article", article="art-s", days=30),  # saved 2026-02-09
    )
    assert ids(index.search("after:2026-01-10")) == ["h2", "h1"]
    assert ids(index.search("after:2026-01-11")) == ["h2"]
    assert ids(index.search("before:2026-01-11")) == ["h1"]
    assert ids(index.search("before:2026-02")) == ["h1"]
    assert ids(index.search("published-after:2026-02")) == ["h2"]
    assert ids(index.search("published-before:2026-02")) == ["h1"]


def test_title_words_count_for_free_text(build: Build) -> None:
    index = build(hl(1, "the car costs less", article="art-x"), hl(2, "the car rusts", days=1))
    assert ids(index.search("xiaomi car ")) == ["h1"]


def test_edits_and_deletes_show_in_the_next_search(build: Build) -> None:
    first = hl(1, "Steel prices", note="old thought", tags=("draft",))
    index = build(first)
    index.update(replace(first, note="new insight", tags=("final",)))
    assert index.search("thought ") == []
    assert ids(index.search("insight ")) == ["h1"]
    assert index.tag_counts() == [("final", 1)]
    assert index.remove("h1") and not index.remove("h1")
    assert index.search("steel ") == [] and index.tag_counts() == [] and len(index) == 0


def test_tag_counts_most_used_first(build: Build) -> None:
    index = build(
        hl(1, "a", tags=("EU", "trade")), hl(2, "b", tags=("trade",)), hl(3, "c", tags=("Asia",))
    )
    assert index.tag_counts() == [("trade", 2), ("Asia", 1), ("EU", 1)]


def test_recent_and_filter_only_queries_are_newest_first(build: Build) -> None:
    index = build(*(hl(i, f"passage {i}", days=i) for i in range(1, 8)))
    assert ids(index.recent(3)) == ["h7", "h6", "h5"]
    assert ids(index.search("", limit=2)) == ["h7", "h6"]
    assert len(index.search("passage ", limit=4)) == 4


def test_matched_words_are_marked_where_they_stand(build: Build) -> None:
    text = "Premier Zhōu met the tariff team; tariffs stay."
    index = build(hl(1, text))
    (result,) = index.search("zhou tariff")
    marked = [text[s:e] for s, e in result.spans]
    assert marked == ["Zhōu", "tariff", "tariffs"]


def test_note_excerpt_centres_on_the_match(build: Build) -> None:
    note = " ".join(["filler"] * 60) + " the crucial Dumping point\n" + " ".join(["tail"] * 40)
    index = build(hl(1, "steel", note=note))
    (result,) = index.search("dumping ")
    assert result.note_excerpt.startswith("…") and result.note_excerpt.endswith("…")
    assert "\n" not in result.note_excerpt and len(result.note_excerpt) <= 125
    ((s, e),) = result.note_spans
    assert result.note_excerpt[s:e] == "Dumping"
    (plain,) = index.search("steel ")
    assert plain.note_excerpt.startswith("filler filler") and plain.note_spans == ()


def test_unknown_article_still_indexes(build: Build) -> None:
    index = build(hl(1, "orphan article text", article="gone"))
    (result,) = index.search("orphan ")
    assert result.article.id == "gone"


def test_renaming_an_article_reindexes_its_title(build: Build) -> None:
    index = build(hl(1, "the car", article="art-x"))
    index.set_article(replace(XIAOMI, title="Electric sedan reviewed"))
    assert index.search("article:xiaomi ") == []
    assert ids(index.search("article:sedan ")) == ["h1"]


class FakeStore:
    """The slice of the store API the index uses, to test the subscription."""

    def __init__(self, highlights: list[Highlight]) -> None:
        self._highlights = highlights
        self.path = Path("unused")
        self.readonly = True
        self.listeners: list[Callable[[str, Highlight], None]] = []
        self.article_listeners: list[Callable[[str, LibraryEntry], None]] = []

    def highlights(self, article_id: str | None = None) -> list[Highlight]:
        return list(self._highlights)

    def articles(self) -> list[LibraryEntry]:
        return [self.get_article("art-s")]  # type: ignore[list-item]

    def get_article(self, article_id: str) -> LibraryEntry | None:
        titles = {"art-s": "Steel tariffs bite", "art-n": "New article"}
        if article_id not in titles:
            return None
        return LibraryEntry(article_id, None, titles[article_id], None, None, "", False)

    def subscribe(self, callback: Callable[[str, Highlight], None]) -> object:
        self.listeners.append(callback)
        return lambda: None

    def subscribe_articles(self, callback: Callable[[str, LibraryEntry], None]) -> object:
        self.article_listeners.append(callback)
        return lambda: None

    def emit(self, kind: str, h: Highlight) -> None:
        for listener in self.listeners:
            listener(kind, h)

    def emit_article(self, kind: str, entry: LibraryEntry) -> None:
        for listener in self.article_listeners:
            listener(kind, entry)


def test_from_store_follows_changes() -> None:
    store = FakeStore([hl(1, "steel mills")])
    index = SearchIndex.from_store(store, use_snapshot=False)
    assert ids(index.search("mills ")) == ["h1"]
    new_article = store.get_article("art-n")
    assert new_article is not None
    store.emit_article("article", new_article)  # the store tells of the article first
    store.emit("add", hl(2, "fresh passage", article="art-n"))
    (result,) = index.search("fresh ")
    assert result.article.title == "New article"
    store.emit("update", hl(2, "edited passage", article="art-n"))
    assert index.search("fresh ") == [] and ids(index.search("edited ")) == ["h2"]
    store.emit("delete", hl(1, "steel mills"))
    assert index.search("mills ") == []


def test_many_equal_scores_come_newest_first(build: Build) -> None:
    index = build(*(hl(i, "The ministry raised duties", days=(i * 7) % 300) for i in range(300)))
    got = index.search("duties ", limit=10)
    days = [r.highlight.created for r in got]
    assert days == sorted(days, reverse=True) and len(got) == 10
    assert days[0] == T0 + timedelta(days=299)


def test_stop_words_match_but_do_not_rank(build: Build) -> None:
    """In a large collection a word in most highlights filters but scores
    nothing: results follow the informative word, then recency."""
    common = [hl(1000 + i, f"the report number {i}", days=i / 1000) for i in range(1200)]
    index = build(
        *common,
        hl(1, "the rare rare rare mineral", days=0),
        hl(2, "the rare mineral", days=0.5),
        hl(3, "no article here, rare", days=3),
    )
    assert ids(index.search("the rare ")) == ["h1", "h2"]
    # "the" alone: nothing to rank by, so the newest highlights with it
    assert ids(index.search("the ", limit=3)) == ["h2199", "h2198", "h2197"]
    # scored matches of "rare" first (h2 is shorter than h3), then the newest of the rest
    assert ids(index.search("the OR rare ", limit=4)) == ["h1", "h2", "h3", "h2199"]
