"""Property tests over the whole extractor: any text, however odd, gives an
Extraction whose every span lies inside the article and reads back as what
the extractor reports (a figure's text, a person's name or alias, a quote's
words)."""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from workcount import assert_linear

from reader.errors import BadInputError
from reader.extract import extract
from reader.ingest import parse
from reader.model import Article, Extraction, Span

MARKS = "\"“”„«»‘’'`"

WORDS = [
    "Lei Jun",
    "Mr. Lei",
    "Gao",
    "said",
    "told",
    "he said",
    "according to",
    "Reuters",
    "Zhou Mi, a researcher at the Academy,",
    "US President Donald Trump",
    "the",
    "four",
    "thousands of",
    "two dozen",
    "a third of",
    "half",
    "$4.2bn",
    "US$ 5",
    "€3m",
    "25k",
    "187,657",
    "268.6 percent",
    "-1.3",
    "5-10W",
    "between 5 and 7",
    "from $36,040 to $34,935",
    "12 km",
    "3 mph",
    "11:37 AM",
    "December 10, 2025",
    "2025",
    "YU7",
    "Section 427",
    "COVID-19",
    "No. 1",
    "3-1",
    "+44 20 7946 0958",
    "1/16",
    "1990s",
]
pieces = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(list("[]\\/@=$:'\"(){}.,;%-")),
    st.sampled_from(list(MARKS)),
    st.sampled_from([" ", " ", "\n", "\n\n", "\t"]),
    st.from_regex(r"[A-Z][a-z]{1,8}", fullmatch=True),
    st.from_regex(r"[0-9][0-9,.]{0,8}", fullmatch=True),
    st.characters(blacklist_categories=["Cs"]),
    st.text(min_size=1, max_size=6),
)
articles_text = st.lists(pieces, min_size=1, max_size=80).map(" ".join)


def build(text: str) -> Article:
    try:
        return parse(text)
    except BadInputError:
        assume(False)
        raise


def inside(span: Span, article: Article) -> bool:
    return 0 <= span.start <= span.end <= len(article.text)


def without_marks(text: str) -> str:
    return " ".join(text.translate({ord(m): " " for m in MARKS}).split())


def run(text: str) -> tuple[Article, Extraction]:
    article = build(text)
    return article, extract(article)


SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(articles_text)
@example('"Let China come in," Trump said.\n\nFour US firms sued; 187,657 cars.')
@example("\u201c" * 50 + "$" * 20 + "1" * 40)
def test_extraction_never_raises_and_spans_lie_inside(text: str) -> None:
    article, extraction = run(text)
    for quote in extraction.quotes:
        assert inside(quote.span, article)
    for person in extraction.people:
        assert person.spans
        for span in person.spans:
            assert inside(span, article)
    for figure in extraction.figures:
        assert inside(figure.span, article)


@SETTINGS
@given(articles_text)
@example("On 5 March 10 people and 3-1-2 and +44 20 7946 0958 and 2019-20 and 7½ miles.")
def test_figure_spans_read_back_as_their_text(text: str) -> None:
    article, extraction = run(text)
    for figure in extraction.figures:
        assert article.slice(figure.span) == figure.text
        assert figure.text.strip() == figure.text != ""
        assert figure.value is None or figure.value == figure.value  # never NaN
    spans = [f.span for f in extraction.figures]
    assert all(a.end <= b.start for a, b in pairwise(spans)), "figures overlap"


@SETTINGS
@given(articles_text)
@example("Lei Jun spoke. Mr. Lei said Lei would go.")
def test_person_spans_read_back_as_name_or_alias(text: str) -> None:
    # Compared with runs of spaces collapsed: the people finder reports
    # "Lei  Jun" (two spaces in the text) as the name "Lei Jun".
    article, extraction = run(text)
    for person in extraction.people:
        forms = {" ".join(form.split()) for form in (person.name, *person.aliases)}
        for span in person.spans:
            assert " ".join(article.slice(span).split()) in forms


@SETTINGS
@given(articles_text)
@example('"One two three," he said. \u201cFour five six\n\n\u201cseven eight nine,\u201d she said.')
def test_quote_text_is_its_span_with_spacing_collapsed(text: str) -> None:
    article, extraction = run(text)
    for quote in extraction.quotes:
        assert without_marks(quote.text) == without_marks(article.slice(quote.span))


@pytest.mark.parametrize(
    "unit", ['"', "Capitalised ", "9"], ids=["quote-marks", "capitalised-words", "digits"]
)
def test_adversarial_lines_finish_in_linear_work(unit: str) -> None:
    """A line of quote marks, capitalised words or digits: extraction finishes
    with every span inside the text, and its work grows with the line, not its
    square (benchmarks/bench_extract.py times the megabyte lines)."""

    def work_for(size: int) -> Callable[[], object]:
        article = build("Title\n\n" + unit * (size // len(unit)))
        return lambda: extract(article)

    assert_linear(work_for, 20_000)
    article, extraction = run("Title\n\n" + unit * (100_000 // len(unit)))
    spans = [q.span for q in extraction.quotes] + [f.span for f in extraction.figures]
    spans += [s for p in extraction.people for s in p.spans]
    assert all(inside(span, article) for span in spans)
