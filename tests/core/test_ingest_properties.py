"""Property tests: whatever the input, ingest keeps its promises or says why not."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.errors import BadInputError
from reader.ingest import parse
from reader.ingest.normalize import normalize
from reader.model import Article, BlockKind
from reader.text.sanitize import sanitize

WORD = re.compile(r"\w+")
FORBIDDEN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")

pieces = st.sampled_from(
    [
        "\n",
        "\n\n",
        "\r\n",
        " ",
        "\t",
        "\u00a0",
        "# ",
        "> ",
        "- ",
        "1. ",
        "*",
        "_",
        "`",
        "```",
        "[a](http://x)",
        "|",
        "---",
        "<b>",
        "</b>",
        "&amp;",
        "\x1b[31m",
        "\x1b]0;t\x07",
        "\x9b",
        "\u202e",
        "\ud800",
        "Photo: Ann Lee/AP",
        "By Jane Doe",
        "Published: Feb 10, 2026 11:37 AM",
        "SOURCE / NEWS",
        '"Quote," said Ann.',
    ]
)
texts = st.lists(st.one_of(pieces, st.text(max_size=12)), max_size=40).map("".join)


def check(article: Article) -> None:
    parts = [article.slice(b.span) for b in article.blocks]
    assert "\n\n".join(parts) == article.text
    for block, part in zip(article.blocks, parts, strict=True):
        assert part
        if block.kind not in (BlockKind.CODE, BlockKind.TABLE):
            assert part == part.strip()
    for style in article.styles:
        block = article.block_at(style.span.start)
        assert block is not None and style.span.end <= block.span.end
    assert FORBIDDEN.search(article.text) is None
    assert FORBIDDEN.search(article.meta.title) is None


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts, st.booleans())
def test_any_text_parses_or_is_refused_as_empty(text: str, markdown: bool) -> None:
    try:
        article = parse(text, source="prop", markdown=markdown)
    except BadInputError as error:
        assert not normalize(sanitize(text)).strip()
        assert str(error) == "prop: the article is empty."
        return
    check(article)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_plain_text_keeps_every_word_in_order(text: str) -> None:
    try:
        article = parse(text, source="prop")
    except BadInputError:
        return
    if any(b.kind is BlockKind.CREDIT for b in article.blocks):
        return  # a repeated caption is shown once, by design
    assert WORD.findall(article.text) == WORD.findall(normalize(sanitize(text)))
