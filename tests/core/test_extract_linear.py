"""The extraction entry points (people, quotes, figures, and the whole of
`extract`, which `reader extract` runs) do work linear in the article, on
adversarial text as on news.

Work is counted as Python function calls, C functions included
(sys.setprofile), so the count is the same on any machine. One regex call
is one call here whatever it costs inside; that cost is what
test_regex_linear counts. Articles of 1, 2 and 4 units of size: linear work
adds the same amount for each doubling step twice over (growth ~2),
quadratic work four times as much.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

import pytest
from conftest import SEEDS

from reader.extract import extract
from reader.extract.figures.find import find_figures
from reader.extract.people.find import find_people
from reader.extract.quotes.find import find_quotes
from reader.ingest import parse
from reader.model import Article

SIZE = 2_000

SHAPES = {
    "hyphen runs": "A-",
    "apostrophe runs": "A'",
    "curly apostrophe runs": "A’",
    "hyphenated given names": "Jean-",
    "hyphenated place tag": "Port-Alder-North-",
    "capitalised words": "Ana Duarte ",
    "initials": "A. ",
    "name particles": "de ",
    "titles": "Mr. Ana ",
    "transcript labels": "ANA: ",
    "straight quote marks": '"',
    "curly quote marks": "“",
    "single quote marks": "'",
    "unclosed quotes": '"a ',
    "unclosed curly quotes": "Ana said “a ",
    "attributed quotes": "“A b c,” said Ana Duarte. ",
    "speech verbs": "said ",
    "role then name": "said her lawyer, AAAA ",
    "digits with commas": "1,",
    "digits with points": "1.",
    "numbers": "1 ",
    "score lines": "1-2-3-4 ",
    "money": "$1 million ",
    "appositives": "Ana, a b, said: ",
    "brackets": "(Ana) ",
}

ENTRY_POINTS = ("people", "quotes", "figures", "extract")


def _work(entry: str, article: Article) -> Callable[[], object]:
    if entry == "quotes":
        people = find_people(article)  # found beforehand, outside the count
        return lambda: find_quotes(article, people)
    run = {"people": find_people, "figures": find_figures, "extract": extract}[entry]
    return lambda: run(article)


def _news(size: int) -> str:
    corpus = "\n\n".join(p.read_text(encoding="utf-8").strip() for p in sorted(SEEDS.glob("*.txt")))
    text = (corpus + "\n\n") * (size // len(corpus) + 1)
    return text[: text.rfind("\n\n", 0, size)]


def _calls(work: Callable[[], object]) -> int:
    count = 0

    def profile(frame: object, event: str, arg: object) -> None:
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    sys.setprofile(profile)
    try:
        work()
    finally:
        sys.setprofile(None)
    return count


def _growth(entry: str, articles: list[Article]) -> float:
    steps = [_calls(_work(entry, article)) for article in articles]
    first, second = steps[1] - steps[0], steps[2] - steps[1]
    if second <= 50:
        return 0.0  # no more work for more text: constant
    return second / max(first, 1)


@pytest.fixture(scope="module", autouse=True)
def _warm() -> None:
    """Name lists and patterns load on first use: not work that grows."""
    extract(parse("Warm\n\n“The bridge will reopen,” said Ana Duarte. It cost $5 million."))


@pytest.mark.parametrize("entry", ENTRY_POINTS)
@pytest.mark.parametrize("shape", list(SHAPES))
def test_adversarial_text_costs_linear_work(shape: str, entry: str) -> None:
    unit = SHAPES[shape]
    articles = [parse("Title\n\n" + unit * (SIZE * k // len(unit))) for k in (1, 2, 4)]
    growth = _growth(entry, articles)
    assert growth < 2.6, f"{entry} on {shape}: work grows {growth:.1f}x per doubling"


@pytest.mark.parametrize("entry", ENTRY_POINTS)
def test_news_costs_linear_work(entry: str) -> None:
    articles = [parse(_news(10 * SIZE * k)) for k in (1, 2, 4)]
    growth = _growth(entry, articles)
    assert growth < 2.6, f"{entry} on news: work grows {growth:.1f}x per doubling"
