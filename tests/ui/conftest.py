"""Fixtures for the UI tests: fixed articles, a temp store, no blinking cursors."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Input

from reader.ingest import load_path
from reader.model import Article, Extraction, Figure, Person, Quote, Span
from reader.store import Store
from reader.ui.compat import INPUT_BLINK_STEP

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
SEED = REPO / "seeds" / "xiaomi-yu7-us-market.txt"
FEATURE = HERE / "fixtures" / "feature.md"


@pytest.fixture(autouse=True)
def no_cursor_blink(monkeypatch: pytest.MonkeyPatch) -> None:
    """Snapshots must not depend on when the input cursor blinked."""
    monkeypatch.setattr(Input, INPUT_BLINK_STEP, lambda self: None)


@pytest.fixture
def seed() -> Article:
    return load_path(SEED)


@pytest.fixture
def feature() -> Article:
    return load_path(FEATURE)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store.open(tmp_path / "store.json")
    yield opened
    opened.close()


def _span(text: str, needle: str, nth: int = 1) -> Span:
    start = -1
    for _ in range(nth):
        start = text.index(needle, start + 1)
    return Span(start, start + len(needle))


def fixed_extraction(article: Article) -> Extraction:
    """A hand-made extraction of the seed, so UI tests do not move when the
    extractors improve."""
    text = article.text
    trump_quote = "If they want to come in and build a plant"
    quotes = (
        Quote(
            "likely a comparison vehicle bought by US peer",
            "Lei Jun",
            _span(text, "likely a comparison vehicle bought by US peer"),
        ),
        Quote(trump_quote, "Donald Trump", _span(text, trump_quote)),
        Quote("Let China come in.", "Donald Trump", _span(text, "Let China come in.")),
        Quote(
            "On the one hand, there is genuine demand",
            "Gao Lingyun",
            _span(text, "On the one hand, there is genuine demand"),
        ),
    )
    people = (
        Person(
            "Lei Jun",
            ("Lei",),
            "founder and chairman of Xiaomi",
            (_span(text, "Lei Jun"), _span(text, "Lei Jun", 2), _span(text, "Lei said")),
        ),
        Person(
            "Gao Lingyun",
            ("Gao",),
            "researcher",
            (_span(text, "Gao Lingyun"), _span(text, "Gao told")),
        ),
        Person("Zhou Mi", (), "senior research fellow", (_span(text, "Zhou Mi"),)),
    )
    figures = (
        Figure(
            "187,657",
            187657.0,
            None,
            "count",
            "new vehicles registered by BYD",
            _span(text, "187,657"),
        ),
        Figure(
            "268.6 percent",
            268.6,
            "percent",
            "percent",
            "year-on-year growth",
            _span(text, "268.6 percent"),
        ),
        Figure("January 27", None, None, "date", None, _span(text, "January 27")),
    )
    return Extraction(quotes=quotes, people=people, figures=figures)


@pytest.fixture
def seed_extraction(seed: Article) -> Extraction:
    return fixed_extraction(seed)
