"""Tags as typed in the tag editor: parsing, round trips and completion."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reader.text.tags import complete_tag, format_tags, parse_tags


def test_hash_tags_and_comma_separated_tags() -> None:
    assert parse_tags("#climate #energy") == ("climate", "energy")
    assert parse_tags("trade war, china ,  ev  makers") == ("trade war", "china", "ev makers")
    assert parse_tags("#a#b, long tag") == ("a", "b", "long tag")
    assert parse_tags("#trade war") == ("trade", "war")


def test_repeats_empty_parts_and_case() -> None:
    assert parse_tags("China, china, CHINA,, #") == ("China",)
    assert parse_tags("  ") == ()


def test_format_reads_back() -> None:
    tags = ("trade war", "china", "EV")
    assert parse_tags(format_tags(tags)) == tags


@given(st.text(alphabet="ab #,\t", max_size=30))
def test_parsed_tags_round_trip(value: str) -> None:
    tags = parse_tags(value)
    assert parse_tags(format_tags(tags)) == tags
    assert all(tag and "," not in tag and tag == tag.strip() for tag in tags)


KNOWN = ["trade", "tariffs", "trade war", "China", "climate"]


def test_completion_of_the_last_tag() -> None:
    assert complete_tag("tr", KNOWN) == "trade"
    assert complete_tag("#ch", KNOWN) == "#China"
    assert complete_tag("climate, ta", KNOWN) == "climate, tariffs"
    assert complete_tag("#climate #t", KNOWN) == "#climate #trade"


def test_completion_skips_tags_already_typed_and_exact_matches() -> None:
    assert complete_tag("trade, tr", KNOWN) == "trade, trade war"
    assert complete_tag("trade", KNOWN) == "trade war"
    assert complete_tag("climate", KNOWN) is None
    assert complete_tag("", KNOWN) is None
    assert complete_tag("#climate ", KNOWN) is None
    assert complete_tag("zz", KNOWN) is None


def test_tags_lose_terminal_escape_sequences() -> None:
    assert parse_tags("#x\x1b]0;pwned\x07 #ok") == ("x", "ok")
    assert parse_tags("red\x1b[31m alert, \x9b2Jclear") == ("red alert", "clear")
