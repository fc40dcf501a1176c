"""No TAB reaches the canonical text, except as a table's cell separator.

A terminal moves the cursor on a TAB and Textual counts it as no cell, so a
tab in an article could paint its text over the sidebar (a spoofed
attribution). Ingest expands tabs in code to spaces (tab stops every
TAB_STOP columns) and makes them one space in prose; the only TAB left in
Article.text separates the cells of a TABLE block, which is never painted.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile.payloads import corpus, write_corpus

from reader.errors import BadInputError
from reader.ingest import load_path, parse
from reader.ingest.normalize import TAB_STOP, normalize
from reader.model import Article, BlockKind

TABBED_MARKDOWN = (
    "---\ntitle: Tabs\tin\tthe title\nauthor: A\tB\n---\n\n"
    "# Heading\twith a tab\n\n"
    "Prose\twith\ttabs.\n\n"
    "- item\tone\n- item\ttwo\n\n"
    "> quoted\ttext\n\n"
    "| a\tb | c |\n|---|---|\n| d\te | f |\n\n"
    "```\n\tif x:\n\t\treturn 1\nname\tvalue\n```\n\n"
    "\tindented\tcode\n\n"
    "<div>html\tblock</div>\n\n"
    "A `code\tspan` and [a\tlink](https://example.com/a\tb).\n"
)
TABBED_PLAIN = "Title\twith tab\n\nA paragraph\twith a tab.\n\n\tIndented\tline.\n"


def tabs_outside_tables(article: Article) -> list[int]:
    tables = [b.span for b in article.blocks if b.kind is BlockKind.TABLE]
    return [
        i
        for i, ch in enumerate(article.text)
        if ch == "\t" and not any(s.start <= i < s.end for s in tables)
    ]


def test_code_tabs_expand_to_tab_stops() -> None:
    article = parse(TABBED_MARKDOWN, source="t.md", markdown=True)
    [fenced, indented] = [article.slice(b.span) for b in article.blocks if b.kind is BlockKind.CODE]
    stop = " " * TAB_STOP
    assert fenced == f"{stop}if x:\n{stop}{stop}return 1\nname    value"
    assert indented == "indented        code"


def test_prose_tabs_become_one_space() -> None:
    article = parse(TABBED_PLAIN, source="t.txt")
    assert article.meta.title == "Title with tab"
    assert "A paragraph with a tab." in article.text
    assert normalize("a\tb") == "a b"


@pytest.mark.parametrize(
    ("text", "markdown"), [(TABBED_MARKDOWN, True), (TABBED_PLAIN, False)], ids=["md", "txt"]
)
def test_no_tab_outside_a_table(text: str, markdown: bool) -> None:
    article = parse(text, source="t.md" if markdown else "t.txt", markdown=markdown)
    assert tabs_outside_tables(article) == []
    meta = article.meta
    for shown in (meta.title, meta.section, meta.byline, *meta.authors):
        assert "\t" not in (shown or "")


def test_no_tab_outside_a_table_in_the_hostile_corpus(tmp_path: Path) -> None:
    written = write_corpus(tmp_path, [p for p in corpus(big=False) if not p.refused])
    for path in written.values():
        try:
            article = load_path(path)
        except BadInputError:
            continue
        assert tabs_outside_tables(article) == [], path.name


def test_a_table_keeps_its_cell_separators() -> None:
    article = parse("| a | b |\n|---|---|\n| c | d |\n", source="t.md", markdown=True)
    [table] = [b for b in article.blocks if b.kind is BlockKind.TABLE]
    assert article.slice(table.span) == "a\tb\nc\td"


def test_articles_without_tabs_in_code_keep_their_ids() -> None:
    """Only code with tabs reads differently now: every other article keeps
    the id (hash of the canonical text) its highlights are saved under."""
    text = "# T\n\nProse\twith a tab.\n\n```\ncode without tabs\n```\n"
    article = parse(text, source="t.md", markdown=True)
    assert article.text == "T\n\nProse with a tab.\n\ncode without tabs"
