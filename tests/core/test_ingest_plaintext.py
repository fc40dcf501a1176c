"""Plain-text news: headers, captions, datelines, bylines and the canonical text."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone

import pytest
from conftest import SEEDS

from reader.ingest import load_path, parse
from reader.model import Article, BlockKind

WORD = re.compile(r"\w+")


def kinds(article: Article) -> list[str]:
    return [str(b.kind) for b in article.blocks]


def texts(article: Article, kind: BlockKind) -> list[str]:
    return [article.slice(b.span) for b in article.blocks if b.kind is kind]


def assert_canonical(article: Article) -> None:
    """Blocks in order, separated by exactly a blank line, spans exact."""
    pieces = [article.slice(b.span) for b in article.blocks]
    assert "\n\n".join(pieces) == article.text
    for piece in pieces:
        assert piece and piece == piece.strip()


def test_seed_header_fields() -> None:
    article = load_path(SEEDS / "xiaomi-yu7-us-market.txt")
    meta = article.meta
    assert meta.title == (
        "Xiaomi founder Lei Jun denies US market plans after YU7 sighting in California, "
        "saying 'likely a comparison vehicle bought by US peer'"
    )
    assert meta.section == "ECONOMY"
    assert meta.published == datetime(2026, 2, 10, 11, 37)
    assert meta.published.tzinfo is None
    assert meta.credits == ("Tao Mingyang",)
    assert kinds(article)[:5] == ["kicker", "title", "dateline", "caption", "credit"]
    assert texts(article, BlockKind.KICKER) == ["SOURCE / ECONOMY"]
    assert texts(article, BlockKind.CREDIT) == ["Photo: Tao Mingyang/GT"]
    # The seed repeats its caption; the reader shows it once.
    captions = texts(article, BlockKind.CAPTION)
    assert captions == [
        "A foreign visitor inspects a Xiaomi YU7 EV at the Xiaomi EV Hyperfactory "
        "showroom on December 10, 2025."
    ]
    assert article.text.count("A foreign visitor inspects") == 1
    assert_canonical(article)


def test_seed_body_keeps_every_word_in_order() -> None:
    raw = (SEEDS / "xiaomi-yu7-us-market.txt").read_text(encoding="utf-8")
    article = load_path(SEEDS / "xiaomi-yu7-us-market.txt")
    body_start = raw.index("A Xiaomi SUV spotted")
    assert WORD.findall(raw[body_start:]) == WORD.findall(
        article.text[article.text.index("A Xiaomi SUV spotted") :]
    )
    paragraphs = texts(article, BlockKind.PARAGRAPH)
    assert len(paragraphs) == 12
    # Trailing non-breaking spaces are gone; nothing else changed.
    assert all(p == p.strip() for p in paragraphs)
    assert "\u00a0" not in article.text


def test_plain_text_without_headers_uses_first_line_as_title() -> None:
    article = parse("Just a headline\nwith a second line\n\nThen a paragraph.\n", source="m")
    assert article.meta.title == "Just a headline"
    assert kinds(article) == ["title", "paragraph", "paragraph"]
    assert texts(article, BlockKind.PARAGRAPH) == ["with a second line", "Then a paragraph."]
    assert article.meta.section is None and article.meta.published is None


def test_single_line_article() -> None:
    article = parse("Only one line here.", source="m")
    assert article.text == "Only one line here."
    assert article.meta.title == "Only one line here."
    assert kinds(article) == ["title"]


def test_all_caps_headline_is_not_a_kicker() -> None:
    article = parse("CRICKET - COUNTY TAKES OVER AT TOP.\n\nLONDON 1996-08-30\n\nBody text.")
    assert kinds(article) == ["title", "dateline", "paragraph"]
    assert article.meta.published == datetime(1996, 8, 30)
    assert article.meta.section is None


@pytest.mark.parametrize(
    ("kicker", "section"),
    [
        ("SOURCE / ECONOMY", "ECONOMY"),
        ("NEWS | WORLD | ASIA", "ASIA"),
        ("BUSINESS", "BUSINESS"),
        ("Opinion / Columnists", "Columnists"),
    ],
)
def test_kicker_gives_the_section(kicker: str, section: str) -> None:
    article = parse(f"{kicker}\nThe headline of the story\n\nBody.")
    assert texts(article, BlockKind.KICKER) == [kicker]
    assert article.meta.section == section
    assert article.meta.title == "The headline of the story"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Published: Feb 10, 2026 11:37 AM", datetime(2026, 2, 10, 11, 37)),
        ("Published: February 10, 2026 11:37 PM", datetime(2026, 2, 10, 23, 37)),
        (
            "Published: Feb 10, 2026 11:37 AM (GMT+8)",
            datetime(2026, 2, 10, 11, 37, tzinfo=timezone(timedelta(hours=8))),
        ),
        (
            "Posted: Tuesday, Feb. 10, 2026 at 9:05 a.m. EST",
            datetime(2026, 2, 10, 9, 5, tzinfo=timezone(timedelta(hours=-5))),
        ),
        ("Published: 10 February 2026 12:00 UTC", datetime(2026, 2, 10, 12, tzinfo=UTC)),
        ("Published: 2026-02-10", datetime(2026, 2, 10)),
        ("Published: sometime last week", None),
    ],
)
def test_published_line(line: str, expected: datetime | None) -> None:
    article = parse(f"Headline\n{line}\n\nBody text.")
    assert article.meta.published == expected
    assert texts(article, BlockKind.DATELINE) == [line]


def test_updated_line_is_separate_from_published() -> None:
    article = parse(
        "Headline\nPublished: Mar 3, 2026 7:45 PM\nUpdated: Mar 4, 2026 9:10 AM\n\nBody."
    )
    assert article.meta.published == datetime(2026, 3, 3, 19, 45)
    assert article.meta.updated == datetime(2026, 3, 4, 9, 10)
    assert len(texts(article, BlockKind.DATELINE)) == 2


@pytest.mark.parametrize(
    ("byline", "authors"),
    [
        ("By Jane Doe", ("Jane Doe",)),
        ("By Jane Doe and John Roe", ("Jane Doe", "John Roe")),
        ("By Jane Doe, John Roe and Ann Poe", ("Jane Doe", "John Roe", "Ann Poe")),
        ("By JANE DOE, Reuters", ("JANE DOE",)),
        ("By Jane Doe | Staff Writer", ("Jane Doe",)),
    ],
)
def test_byline(byline: str, authors: tuple[str, ...]) -> None:
    for layout in (f"Headline\n{byline}\n\nBody.", f"Headline\n\n{byline}\n\nBody."):
        article = parse(layout)
        assert texts(article, BlockKind.BYLINE) == [byline]
        assert article.meta.byline == byline
        assert article.meta.authors == authors


def test_by_in_body_is_not_a_byline() -> None:
    article = parse("Headline\n\nFirst paragraph of the body.\n\nBy the way, this is prose.")
    assert texts(article, BlockKind.BYLINE) == []
    assert article.meta.byline is None


def test_captions_and_credits_anywhere() -> None:
    text = (
        "Headline\n\nFirst paragraph.\n\n"
        "A ferry leaves the quay at dawn. Photo: Sam Whitfield/Alder Courier\n\n"
        "Second paragraph.\n\n"
        "Protesters outside the hall. (Photo: Ana Ruiz)\n\n"
        "A ferry leaves the quay at dawn. Photo: Sam Whitfield/Alder Courier\n\n"
        "Last paragraph."
    )
    article = parse(text)
    assert texts(article, BlockKind.CAPTION) == [
        "A ferry leaves the quay at dawn.",
        "Protesters outside the hall.",
    ]
    assert texts(article, BlockKind.CREDIT) == [
        "Photo: Sam Whitfield/Alder Courier",
        "(Photo: Ana Ruiz)",
    ]
    assert article.meta.credits == ("Sam Whitfield", "Ana Ruiz")
    assert texts(article, BlockKind.PARAGRAPH) == [
        "First paragraph.",
        "Second paragraph.",
        "Last paragraph.",
    ]


def test_wire_dateline_stays_in_its_paragraph() -> None:
    lead = "WASHINGTON (Reuters) - U.S. senators on Thursday pressed regulators."
    article = parse(f"Senators press regulators\n\nBy Jane Doe\n\n{lead}\n\nMore text.")
    assert texts(article, BlockKind.PARAGRAPH)[0] == lead
    assert article.meta.authors == ("Jane Doe",)
    assert_canonical(article)


def test_crossheads_become_headings() -> None:
    body = "A long paragraph of body text that goes on for a while. " * 3
    article = parse(
        f"Headline\n\n{body}\n\nHow the money works\n\n{body}\n\nNational League\n\n{body}"
    )
    assert texts(article, BlockKind.HEADING) == ["How the money works"]
    assert "National League" in texts(article, BlockKind.PARAGRAPH)


def test_whitespace_is_normalised_without_losing_words() -> None:
    raw = (
        "\ufeffHead\u00a0line\r\n\r\n"
        "Tabs\there and\u2009thin\u202fspaces.  \r\nNext line\rOld Mac.\r\n"
    )
    article = parse(raw)
    assert article.meta.title == "Head line"
    assert "\t" not in article.text and "\r" not in article.text and "\ufeff" not in article.text
    assert texts(article, BlockKind.PARAGRAPH) == [
        "Tabs here and thin spaces.\nNext line\nOld Mac."
    ]


def test_single_newlines_inside_a_paragraph_are_kept() -> None:
    table = "Pohang 3 Ulsan 2\nPuchon 2 Chonbuk 1"
    article = parse(f"SOCCER - RESULTS.\n\nSEOUL 1996-08-30\n\nResults:\n\n{table}")
    assert texts(article, BlockKind.PARAGRAPH)[-1] == table


def test_many_paragraphs_keep_every_word_in_order() -> None:
    paragraphs = [
        f'Paragraph {i} says "quote {i}," said Person{i}, adding 3.{i}% and $' + str(i * 7)
        for i in range(200)
    ]
    raw = "A plain headline\n\n" + "\n\n\n".join(paragraphs) + "\n"
    article = parse(raw)
    assert WORD.findall(article.text) == WORD.findall(raw)
    assert_canonical(article)
    assert article.id == parse(raw.replace("\n", "\r\n")).id


def test_a_huge_first_line_is_kept_whole_but_the_title_is_clipped() -> None:
    line = "word " * 100_000
    article = parse(line + "\n\nBody.")
    assert article.slice(article.blocks[0].span) == line.strip()
    assert len(article.meta.title) <= 300
    assert article.meta.title.endswith("word\u2026")


def test_one_paragraph_per_line_without_blank_lines() -> None:
    first = "The council voted on Tuesday to approve the bridge after a debate that ran late. " * 2
    second = "Opponents said they would start collecting signatures for a referendum soon. " * 2
    article = parse(f"Headline\n{first.strip()}\n{second.strip()}\n")
    assert texts(article, BlockKind.PARAGRAPH) == [first.strip(), second.strip()]
    # Hard-wrapped prose and short table lines stay one paragraph.
    wrapped = "A hard-wrapped paragraph goes on\nand on over several short\nlines of text."
    article = parse(f"Headline\n\n{wrapped}")
    assert texts(article, BlockKind.PARAGRAPH) == [wrapped]
