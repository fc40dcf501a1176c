"""The query language: every operator, and malformed input answered with a hint."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from reader.search import QUERY_HELP, Atom, ParsedQuery, parse_query


def kinds(q: ParsedQuery) -> list[list[str]]:
    return [[a.kind for a in clause] for clause in q.clauses]


def only(q: ParsedQuery) -> Atom:
    assert len(q.clauses) == 1 and len(q.clauses[0]) == 1, q.clauses
    return q.clauses[0][0]


def test_words_all_required_and_folded() -> None:
    q = parse_query("Trade ZHŌU")
    assert kinds(q) == [["word"], ["word"]]
    assert [c[0].tokens for c in q.clauses] == [("trade",), ("zhou",)]
    assert not q.warnings and q.hint is None


def test_only_the_last_word_is_a_prefix_while_typing() -> None:
    q = parse_query("trade chi")
    assert [c[0].prefix for c in q.clauses] == [False, True]
    assert parse_query("trade chi ").clauses[-1][0].prefix is False
    assert parse_query("trade chi", prefix_last=False).clauses[-1][0].prefix is False
    assert parse_query("trade -chi").clauses[-1][0].prefix is False  # never when excluding


def test_quoted_phrase_and_hyphenated_word() -> None:
    phrase = only(parse_query('"Win-win deal"'))
    assert phrase.kind == "phrase" and phrase.tokens == ("win", "win", "deal")
    assert phrase.prefix is False  # a closed quote is a finished phrase
    hyphen = only(parse_query("win-win "))
    assert hyphen.kind == "phrase" and hyphen.tokens == ("win", "win")


def test_or_binds_tighter_than_and() -> None:
    q = parse_query("tariff OR duty steel")
    assert [[a.tokens[0] for a in c] for c in q.clauses] == [["tariff", "duty"], ["steel"]]
    assert kinds(parse_query("tariff or duty")) == [["word"], ["word"], ["word"]]


def test_dangling_or_is_ignored_with_a_hint() -> None:
    q = parse_query("OR tariff OR")
    assert kinds(q) == [["word"]]
    assert q.hint is not None and "OR" in q.hint


def test_exclusion_of_words_phrases_and_fields() -> None:
    q = parse_query('-tariff -"trade war" -tag:china -#draft steel')
    negated = [c[0] for c in q.clauses if c[0].negated]
    assert [(a.kind, a.tokens) for a in negated] == [
        ("word", ("tariff",)),
        ("phrase", ("trade", "war")),
        ("tag", ("china",)),
        ("tag", ("draft",)),
    ]
    assert not q.clauses[-1][0].negated
    assert kinds(parse_query("a - b")) == [["word"], ["word"]]


def test_tag_forms_normalise_alike() -> None:
    assert only(parse_query("tag:trade ")).tokens == ("trade",)
    assert only(parse_query("#Trade ")).tokens == ("trade",)
    assert only(parse_query('tag:"Trade War"')).tokens == ("trade-war",)
    assert only(parse_query("tags:trade_war ")).tokens == ("trade-war",)


def test_article_person_and_colour_fields() -> None:
    assert only(parse_query("article:Xiaomi ")).tokens == ("xiaomi",)
    person = only(parse_query('person:"Lei Jun"'))
    assert (person.kind, person.tokens) == ("person", ("lei", "jun"))
    assert only(parse_query("colour:Yellow ")).tokens == ("yellow",)


def test_unknown_colour_is_dropped_with_a_hint_but_a_typed_prefix_is_fine() -> None:
    bad = parse_query("color:blurple steel")
    assert kinds(bad) == [["word"]]
    assert bad.hint is not None and "blurple" in bad.hint and "yellow" in bad.hint
    typing = parse_query("color:yel")
    assert only(typing).prefix and not typing.warnings


def test_has_and_is() -> None:
    assert only(parse_query("has:note")).tokens == ("note",)
    assert only(parse_query("has:tags")).tokens == ("tag",)
    assert only(parse_query("is:orphaned")).tokens == ("orphan",)
    bad = parse_query("has:wings")
    assert bad.is_empty and bad.hint is not None and "has:wings" in bad.hint


def test_dates_full_and_partial() -> None:
    assert only(parse_query("after:2026-01-15")).day == date(2026, 1, 15)
    assert only(parse_query("before:2026-02")).day == date(2026, 2, 1)
    assert only(parse_query("after:2025")).day == date(2025, 1, 1)
    published = only(parse_query("published-after:2026/03/04"))
    assert published.kind == "published-after" and published.day == date(2026, 3, 4)


def test_bad_dates_are_dropped_with_a_hint() -> None:
    for text in ("after:2026-13-01", "before:yesterday"):
        q = parse_query(text)
        assert q.is_empty
        assert q.hint is not None and "not a date" in q.hint


def test_unknown_field_searches_the_words_and_says_so() -> None:
    q = parse_query("foo:bar steel")
    assert [c[0].tokens[0] for c in q.clauses] == ["foo", "bar", "steel"]
    assert q.hint is not None
    assert q.hint.startswith("understood foo, bar, steel")
    assert "unknown field 'foo:'" in q.hint


def test_unclosed_quote_reads_to_the_end() -> None:
    q = parse_query('steel "trade wa')
    phrase = q.clauses[-1][0]
    assert (phrase.kind, phrase.tokens, phrase.prefix) == ("phrase", ("trade", "wa"), True)
    assert q.hint is not None and "unclosed quote" in q.hint


def test_empty_field_value_and_punctuation_only() -> None:
    q = parse_query("tag: ... !!")
    assert q.is_empty
    assert q.hint is not None and "tag:" in q.hint
    assert parse_query("   ").is_empty and parse_query("").hint is None


def test_description_says_what_was_understood() -> None:
    q = parse_query('tariff OR duty "win win" -tag:draft after:2026-01-01 ')
    assert q.description == (
        'tariff or duty, "win win", not tag draft, saved on or after 2026-01-01'
    )


def test_words_excludes_negated_and_fields() -> None:
    q = parse_query('steel "trade war" -tariff tag:china')
    assert q.words == {"steel", "trade", "war"}


def test_help_mentions_every_field() -> None:
    for field in ("tag:", "#", "article:", "person:", "color:", "has:note", "is:orphan"):
        assert field in QUERY_HELP
    for op in ('"exact phrase"', "OR", "-word", "after:", "before:", "published-after:"):
        assert op in QUERY_HELP


@given(st.text(alphabet=st.sampled_from('ab -:"#OR()\\tĀ_.,'), max_size=40) | st.text(max_size=40))
def test_never_raises(text: str) -> None:
    q = parse_query(text)
    assert isinstance(q.description, str)
    for clause in q.clauses:
        assert clause, "no empty clause"
        for atom in clause:
            assert atom.tokens or atom.day is not None
