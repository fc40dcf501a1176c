"""Markdown cost bombs below the per-chunk guard are budgeted for the whole
document: markdown-it-py is handed a bounded amount of work (weighted
openers, table cells), however many chunks the attack repeats, and the
rest of the document is shown as plain text with every word kept.

Work is counted, not timed: a spy records what markdown-it-py parses and
the tokens it builds. (benchmarks/bench_markdown.py times N against 2N.)
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

from reader.ingest import parse
from reader.ingest.md_budget import (
    CHUNK_OPENERS,
    OPENER_BUDGET,
    TABLE_CELL_BUDGET,
    defuse,
    fenced_blocks,
    opener_cost,
    table_cells,
)
from reader.model import Article, BlockKind, StyleKind

PLACEHOLDER = "readerdefusedchunk"


class Spy:
    """What markdown-it-py was asked to parse, and what it built."""

    def __init__(self) -> None:
        self.texts: list[str] = []
        self.tokens: list[Token] = []

    def cells(self) -> int:
        return sum(1 for t in self.tokens if t.type in ("td_open", "th_open"))


@pytest.fixture
def spy(monkeypatch: pytest.MonkeyPatch) -> Iterator[Spy]:
    found = Spy()
    real = MarkdownIt.parse

    def parse_and_record(self: MarkdownIt, src: str, env: object = None) -> list[Token]:
        tokens = real(self, src, env)  # type: ignore[arg-type]
        found.texts.append(src)
        found.tokens.extend(tokens)
        return tokens

    monkeypatch.setattr(MarkdownIt, "parse", parse_and_record)
    yield found


def md(text: str) -> Article:
    return parse(text, source="bomb.md", markdown=True)


def image_bomb(chunks: int) -> str:
    """The attack: many chunks of 999 `![`, each under the per-chunk guard."""
    return "# Bomb\n\n" + "\n\n".join(["![" * 999] * chunks) + "\n\nThe end.\n"


@pytest.mark.parametrize("chunks", [100, 200])
def test_repeated_chunks_under_the_guard_cost_a_bounded_parse(spy: Spy, chunks: int) -> None:
    article = md(image_bomb(chunks))
    [parsed] = spy.texts
    assert opener_cost(parsed) <= OPENER_BUDGET  # the same bound for N and 2N chunks
    assert article.text.count("![" * 999) == chunks  # every chunk is still there, as text
    assert article.text.endswith("The end.")
    assert PLACEHOLDER not in article.text


def test_a_wide_table_costs_a_bounded_number_of_cells(spy: Spy) -> None:
    columns = 100_000
    row = "|" + "a|" * columns
    article = md("# Wide\n\n" + row + "\n|" + "-|" * columns + "\n" + row + "\n\nAfter.\n")
    assert spy.cells() <= TABLE_CELL_BUDGET
    assert not [b for b in article.blocks if b.kind is BlockKind.TABLE]
    shown = [article.slice(b.span) for b in article.blocks]
    assert any(text.count("\n") == 2 and text.startswith("|a|a|") for text in shown), "rows kept"
    assert article.text.endswith("After.")


def test_a_header_padded_into_many_rows_is_counted(spy: Spy) -> None:
    """Rows are padded to the header's width: 2,000 columns x 200 short rows."""
    article = md("|" + "h|" * 2000 + "\n|" + "-|" * 2000 + "\n" + "x\n" * 200)
    assert spy.cells() <= TABLE_CELL_BUDGET
    assert article.text.count("x") >= 200


def test_tables_within_the_budget_stay_tables(spy: Spy) -> None:
    head = "| " + " | ".join(f"h{c}" for c in range(50)) + " |"
    rule = "|" + "---|" * 50
    body = ["| " + " | ".join(f"r{r}c{c}" for c in range(50)) + " |" for r in range(200)]
    article = md("\n".join([head, rule, *body]))
    [table] = [b for b in article.blocks if b.kind is BlockKind.TABLE]
    assert "r199c49" in article.slice(table.span)


def test_budget_is_spent_in_reading_order(spy: Spy) -> None:
    """Formatting is kept until the budget is spent, then the chunks are plain text."""
    links_per_chunk = 1000
    chunk = " ".join(f"[w{i}](https://example.com/{i})" for i in range(links_per_chunk))
    article = md("# Links\n\n" + "\n\n".join([chunk] * 20))
    paragraphs = [b for b in article.blocks if b.kind is BlockKind.PARAGRAPH]
    linked = [
        any(
            s.kind is StyleKind.LINK and b.span.start <= s.span.start < b.span.end
            for s in article.styles
        )
        for b in paragraphs
    ]
    assert linked[0] and not linked[-1]
    assert linked == sorted(linked, reverse=True)  # a run of formatted, then plain
    assert all(article.slice(b.span).count("w999") == 1 for b in paragraphs[linked.index(False) :])


def test_fenced_code_is_never_swapped(spy: Spy) -> None:
    code = "```json\n" + "[" * (CHUNK_OPENERS + 10) + "\n\n" + "{[]}" * 3000 + "\n```\n"
    article = md(image_bomb(60) + "\n\n" + code + "\nAfter the code.\n")
    [block] = [b for b in article.blocks if b.kind is BlockKind.CODE]
    assert article.slice(block.span).startswith("[" * (CHUNK_OPENERS + 10))
    assert PLACEHOLDER not in article.text
    assert article.text.endswith("After the code.")


def test_a_chunk_next_to_a_fence_keeps_the_fence_intact() -> None:
    text = "[" * (CHUNK_OPENERS + 1) + "\n```\ncode\n```\n" + "]" * (CHUNK_OPENERS + 1) + "\n"
    defused, kept = defuse(text)
    assert len(kept) == 2
    assert "\n```\ncode\n```\n" in defused
    article = md(text)
    assert [article.slice(b.span) for b in article.blocks if b.kind is BlockKind.CODE] == ["code"]


def test_ordinary_documents_are_untouched() -> None:
    text = "# T\n\nSome *emphasis*, a [link](https://e.com) and `code`.\n\n| a | b |\n|---|---|\n"
    assert defuse(text) == (text, {})


def test_table_cells_estimate() -> None:
    assert table_cells("no table here") == 0
    # An upper bound: rows x (pipes + 1) of the delimiter row (4 for 2 real columns).
    assert table_cells("| a | b |\n|---|---|\n| c | d |") == 3 * 4
    assert table_cells("> | a |\n> |:-:|\n> | b |") == 3 * 3
    assert table_cells("a - b | c") == 0  # no delimiter row


def test_fenced_blocks() -> None:
    text = "a\n```py\nx\n\ny\n```\nb\n~~~~\nopen to the end"
    blocks = fenced_blocks(text)
    assert [text[s:e] for s, e in blocks] == ["```py\nx\n\ny\n```\n", "~~~~\nopen to the end"]
    assert fenced_blocks("``` not `a fence`\ntext") == []
