"""The seed articles: the shared seed untouched, and our own samples doing their job."""

from __future__ import annotations

import re

import pytest
from conftest import SEEDS, SHARED

from reader.ingest import load_path
from reader.model import BlockKind, StyleKind
from reader.paths import seeds_dir

SEED = "xiaomi-yu7-us-market.txt"


def test_seeds_dir_is_the_top_level_seeds_folder() -> None:
    assert seeds_dir().resolve() == SEEDS.resolve()


@pytest.mark.skipif(
    not (SHARED / "seeds" / SEED).is_file(), reason=f"../shared/seeds/{SEED} absent"
)
def test_shared_seed_is_byte_for_byte() -> None:
    original = SHARED / "seeds" / SEED
    assert (SEEDS / SEED).read_bytes() == original.read_bytes()


def test_there_are_at_least_three_own_samples_and_all_ingest() -> None:
    files = sorted(p for p in SEEDS.iterdir() if p.suffix in (".txt", ".md"))
    own = [p for p in files if p.name != SEED]
    assert len(own) >= 3
    for path in files:
        article = load_path(path)
        assert article.meta.title, path
        assert article.warnings == (), path


def test_markdown_feature_exercises_every_markdown_block() -> None:
    [path] = [p for p in SEEDS.iterdir() if p.suffix == ".md"]
    article = load_path(path)
    kinds = {b.kind for b in article.blocks}
    assert {
        BlockKind.TITLE,
        BlockKind.HEADING,
        BlockKind.LIST_ITEM,
        BlockKind.QUOTE,
        BlockKind.TABLE,
    } <= kinds
    assert any(b.kind is BlockKind.LIST_ITEM and b.ordinal for b in article.blocks)
    assert any(b.kind is BlockKind.LIST_ITEM and b.level == 2 for b in article.blocks)
    assert {StyleKind.EMPHASIS, StyleKind.STRONG, StyleKind.LINK} <= {
        s.kind for s in article.styles
    }


def test_long_story_is_long_with_speakers_and_figures() -> None:
    article = load_path(SEEDS / "port-alder-harbour-bridge.txt")
    words = article.text.split()
    assert len(words) >= 3000
    # Several speakers, quoted in the usual shapes.
    speakers = set(
        re.findall(r"\b(?:said|says|told|added|asked)\s+([A-Z][a-z]+ [A-Z][a-z]+)", article.text)
    )
    speakers |= set(re.findall(r"([A-Z][a-z]+ [A-Z][a-z]+) (?:said|says|told)\b", article.text))
    assert len(speakers) >= 6, speakers
    numbers = re.findall(r"\$?\d[\d,.]*(?: (?:million|billion|percent))?", article.text)
    assert len(numbers) >= 100
    meta = article.meta
    assert meta.section == "TRANSPORT"
    assert meta.authors == ("Marta Lindqvist", "Owen Achebe")
    assert meta.published is not None and meta.updated is not None
    assert meta.credits == ("Sam Whitfield",)
    assert sum(1 for b in article.blocks if b.kind is BlockKind.HEADING) >= 5


def test_wire_item_has_dateline_byline_and_curly_quotes() -> None:
    article = load_path(SEEDS / "wire-grid-outages-hearing.txt")
    paragraphs = [article.slice(b.span) for b in article.blocks if b.kind is BlockKind.PARAGRAPH]
    assert re.match(r"^[A-Z]+ \([A-Z][\w ]+\) - ", paragraphs[0])
    assert article.meta.authors == ("Jane Doe", "John Roe")
    assert "\u201c" in article.text and "\u201d" in article.text
    assert "\u2018" in article.text and "\u2019" in article.text
