"""Markdown ingest: block kinds, levels, tables, inline styles, front matter, limits."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import pytest
from conftest import SEEDS
from workcount import assert_linear

import reader.ingest.markdown as markdown_ingest
from reader.ingest import load_path, parse
from reader.model import Article, BlockKind, StyleKind


def blocks(article: Article) -> list[tuple[str, int, int | None, str]]:
    return [(str(b.kind), b.level, b.ordinal, article.slice(b.span)) for b in article.blocks]


def styles(article: Article) -> list[tuple[str, str, str | None]]:
    return [(str(s.kind), article.slice(s.span), s.href) for s in article.styles]


def assert_canonical(article: Article) -> None:
    assert "\n\n".join(article.slice(b.span) for b in article.blocks) == article.text


def md(text: str) -> Article:
    return parse(text, source="test.md", markdown=True)


def test_headings_paragraphs_and_title() -> None:
    article = md("Intro line.\n\n# Main title\n\nText.\n\n## Section\n\nMore.\n\n### Sub\n")
    assert blocks(article) == [
        ("paragraph", 0, None, "Intro line."),
        ("title", 0, None, "Main title"),
        ("paragraph", 0, None, "Text."),
        ("heading", 2, None, "Section"),
        ("paragraph", 0, None, "More."),
        ("heading", 3, None, "Sub"),
    ]
    assert article.meta.title == "Main title"


def test_without_heading_the_title_is_the_first_line() -> None:
    article = md("First paragraph line\nsoft wrapped.\n\nSecond.")
    assert article.meta.title == "First paragraph line soft wrapped."
    assert [b.kind for b in article.blocks] == [BlockKind.PARAGRAPH, BlockKind.PARAGRAPH]


def test_lists_one_block_per_item_with_depth_and_ordinal() -> None:
    article = md(
        "# T\n\n"
        "3. three\n4. four\n   - nested a\n   - nested b\n\n     nested b, second para\n"
        "5. five\n\n"
        "* bullet\n"
    )
    assert blocks(article)[1:] == [
        ("list_item", 1, 3, "three"),
        ("list_item", 1, 4, "four"),
        ("list_item", 2, None, "nested a"),
        ("list_item", 2, None, "nested b"),
        ("paragraph", 2, None, "nested b, second para"),
        ("list_item", 1, 5, "five"),
        ("list_item", 1, None, "bullet"),
    ]


def test_block_quotes_are_quote_blocks_with_depth() -> None:
    article = md("# T\n\n> outer one\n>\n> > inner\n>\n> outer two\n\nafter\n")
    assert blocks(article)[1:] == [
        ("quote", 1, None, "outer one"),
        ("quote", 2, None, "inner"),
        ("quote", 1, None, "outer two"),
        ("paragraph", 0, None, "after"),
    ]


def test_code_blocks_keep_their_text() -> None:
    article = md(
        "# T\n\n```python\ndef f():\n\treturn  1\n\n\nx = 2\n```\n\n    indented\n      code\n"
    )
    assert blocks(article)[1:] == [
        ("code", 0, None, "def f():\n        return  1\n\n\nx = 2"),  # tab stops of 8
        ("code", 0, None, "indented\n  code"),
    ]
    assert_canonical(article)


def test_table_rows_cells_and_header() -> None:
    article = md("# T\n\n| Name | Share |\n|---|---:|\n| *Storage* | 45% |\n|  | 5% |\n")
    [table] = [b for b in article.blocks if b.kind is BlockKind.TABLE]
    assert article.slice(table.span) == "Name\tShare\nStorage\t45%\n\t5%"
    assert table.header_rows == 1
    assert ("emphasis", "Storage", None) in styles(article)


def test_inline_styles_point_into_the_text() -> None:
    article = md(
        '# T\n\nSome *emph*, **strong**, `code`, [a link](https://example.org/x "t"), '
        "and <https://auto.example>.\nA soft break."
    )
    assert styles(article) == [
        ("emphasis", "emph", None),
        ("strong", "strong", None),
        ("code", "code", None),
        ("link", "a link", "https://example.org/x"),
        ("link", "https://auto.example", "https://auto.example"),
    ]
    paragraph = blocks(article)[1][3]
    assert paragraph.endswith("and https://auto.example. A soft break.")


def test_styles_in_headings_and_nested_styles() -> None:
    article = md("# The *big* **[story](https://x.example)**\n")
    assert article.meta.title == "The big story"
    assert sorted(styles(article)) == [
        ("emphasis", "big", None),
        ("link", "story", "https://x.example"),
        ("strong", "story", None),
    ]


def test_html_keeps_its_visible_text_and_images_their_alt() -> None:
    article = md(
        "# T\n\n<div class='x'>\n<p>Raw <b>html</b> words</p>\n</div>\n\n"
        "Inline <span>kept</span> text &amp; entity.\n\n![An *alt* text](pic.png)\n"
    )
    text = article.text
    assert "Raw html words" in text
    assert "Inline kept text & entity." in text
    assert "An alt text" in text
    assert "<" not in text


class _CountingText(str):
    """A str that counts the characters its find() calls read."""

    read = 0

    def find(self, sub: str, start: int | None = None, end: int | None = None) -> int:  # type: ignore[override]
        begin = 0 if start is None else start
        found = super().find(sub, begin, len(self) if end is None else end)
        _CountingText.read += (len(self) if found < 0 else found + len(sub)) - begin
        return found


@pytest.mark.parametrize("unit", ["<", "<!--", "<p ", "<!--a>", "<a>x", "<!-- c -->y"])
def test_tags_are_stripped_in_one_pass(unit: str) -> None:
    # 2,000 unclosed "<" before a long tail: a regex tried every "<" and read
    # the whole tail from each; the scan reads each character a few times
    for tail in (10_000, 20_000):
        _CountingText.read = 0
        text = _CountingText(unit * 2_000 + "x" * tail)
        markdown_ingest._strip_tags(text)
        assert _CountingText.read <= 3 * len(text)


def test_html_text_of_unclosed_tags_and_comments() -> None:
    assert markdown_ingest.html_text("a <!-- gone --> b <!-- open") == "a  b <!-- open"
    assert markdown_ingest.html_text("a <p class=x>b</p> <i>c</i> <b") == "a \nb\n c <b"
    assert markdown_ingest.html_text("<!--x<p>-->y &amp; <") == "y & <"


def test_front_matter_fields() -> None:
    article = md(
        '---\ntitle: "Front title"\ndate: 2026-01-22 08:00\nauthors:\n  - Noor Halvorsen\n'
        "  - Ada Park\nurl: https://example.org/a\nsection: Features\n---\n\n# Heading\n\nBody.\n"
    )
    meta = article.meta
    assert meta.title == "Front title"
    assert meta.published == datetime(2026, 1, 22, 8, 0)
    assert meta.authors == ("Noor Halvorsen", "Ada Park")
    assert meta.url == "https://example.org/a"
    assert meta.section == "Features"
    assert blocks(article)[:2] == [
        ("title", 0, None, "Front title"),
        ("heading", 1, None, "Heading"),
    ]


def test_a_rule_that_looks_like_front_matter_keeps_its_words() -> None:
    article = md("---\nThis is prose after a rule, not metadata.\n\nMore prose.\n")
    assert "This is prose after a rule, not metadata." in article.text
    assert "More prose." in article.text


def test_nbsp_and_tabs_in_prose_become_spaces() -> None:
    article = md("# T\n\nnon\u00a0breaking&nbsp;space and\ttab\n")
    assert blocks(article)[1][3] == "non breaking space and tab"


def test_markdown_seed() -> None:
    article = load_path(SEEDS / "second-life-ev-batteries.md")
    kinds = {b.kind for b in article.blocks}
    assert {
        BlockKind.TITLE,
        BlockKind.HEADING,
        BlockKind.LIST_ITEM,
        BlockKind.QUOTE,
        BlockKind.TABLE,
        BlockKind.PARAGRAPH,
    } <= kinds
    assert article.meta.title == "The second life of electric-car batteries"
    assert article.meta.published == datetime(2026, 1, 22, 8, 0)
    assert {s.kind for s in article.styles} == set(StyleKind)
    assert all(s.href and s.href.startswith("https://") for s in article.styles if s.kind == "link")
    assert_canonical(article)


@pytest.mark.parametrize(
    "source",
    [
        "> " * 10_000 + "deepest words\n",
        "".join("> " * i + f"line{i}\n" for i in range(1, 400)) + "\n> last words\n",
        "".join("  " * i + f"- item{i}\n" for i in range(1_500)),
        "- " * 10_000 + "deepest item\n",
        "1. " * 5_000 + "deepest number\n",
        "*" * 10_000 + "stars" + "*" * 10_000,
        "[" * 10_000 + "brackets" + "]" * 10_000,
    ],
    ids=["quotes-one-line", "quotes-stair", "list-stair", "bullets", "numbers", "stars", "links"],
)
def test_deep_nesting_never_recurses_and_keeps_the_words(source: str) -> None:
    article = md(source)
    assert_canonical(article)
    last = source.strip().rsplit(None, 1)[-1].strip("*[]")
    assert last.split()[-1] in article.text


def test_punctuation_bomb_is_parsed_in_linear_work() -> None:
    """Unclosed brackets and emphasis openers stay literal text, and the work
    grows with them, not their square (benchmarks/bench_ingest.py times the
    200,000-bracket version)."""

    def bomb(n: int) -> str:
        return "# T\n\n" + "[" * (2 * n) + "\n\n" + "*a_" * n + "\n\nEnd."

    def work_for(n: int) -> Callable[[], object]:
        source = bomb(n)
        return lambda: md(source)

    assert_linear(work_for, 2_000)
    article = md(bomb(20_000))
    assert "[" * 40_000 in article.text
    assert article.text.endswith("End.")
