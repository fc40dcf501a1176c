"""Figures: every number form a news story uses, and the digits that are not quantities."""

from __future__ import annotations

import tracemalloc
from collections.abc import Callable

import pytest
from workcount import assert_linear

from reader.extract.figures.find import find_figures
from reader.ingest import parse
from reader.model import NON_FIGURE_KINDS, Figure


def figures(body: str) -> list[Figure]:
    article = parse("Headline\n\n" + body)
    found = find_figures(article)
    for figure in found:
        assert article.text[figure.span.start : figure.span.end] == figure.text
    return found


def quantities(body: str) -> list[Figure]:
    return [f for f in figures(body) if f.kind not in NON_FIGURE_KINDS]


def values(body: str) -> list[float | None]:
    return [f.value for f in quantities(body)]


def one(body: str) -> Figure:
    found = quantities(body)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("body", "value"),
    [
        ("The port handled 412,903 containers.", 412903.0),
        ("Output fell by 2.75 points.", 2.75),
        ("The index moved -1.3 on the day.", -1.3),
        ("The team finished with a .625 record.", 0.625),
        ("Some 1,250,000 voters turned out.", 1250000.0),
    ],
)
def test_digits_with_separators_decimals_and_signs(body: str, value: float) -> None:
    assert values(body) == [value]


@pytest.mark.parametrize(
    ("body", "value"),
    [
        ("Nine ministers resigned.", 9.0),
        ("They hired twenty-five engineers.", 25.0),
        ("The firm bought two dozen trucks.", 24.0),
        ("A dozen schools closed.", 12.0),
        ("Two hundred thousand people marched.", 200000.0),
        ("A third of the budget went on roads.", 1 / 3),
        ("Nearly half of the staff left.", 0.5),
        ("Two-thirds of voters agreed.", 2 / 3),
        ("One in five adults smokes.", 0.2),
        ("The land sold for half a million pounds.", 500000.0),
    ],
)
def test_number_words_and_fractions(body: str, value: float) -> None:
    assert values(body) == [pytest.approx(value)]


@pytest.mark.parametrize(
    ("body", "number"),
    [
        ("Thousands of fans waited outside.", "Thousands"),
        ("The repairs cost tens of thousands of dollars.", "tens of thousands"),
        ("Dozens of shops shut.", "Dozens"),
        ("It reached millions of homes.", "millions"),
    ],
)
def test_vague_amounts_have_no_value(body: str, number: str) -> None:
    figure = one(body)
    assert figure.value is None
    assert number in figure.text


def test_vague_amount_of_money_is_money() -> None:
    assert one("The repairs cost tens of thousands of dollars.").kind == "money"


@pytest.mark.parametrize(
    ("body", "value", "kind"),
    [
        ("The fund raised $4.2bn last year.", 4.2e9, "money"),
        ("The club paid 1.2 billion euros.", 1.2e9, "money"),
        ("The app has 25k users.", 25000.0, "count"),
        ("Debt stands at $3 trillion.", 3e12, "money"),
        ("The budget is €5m.", 5e6, "money"),
        ("The town has 3.4 million residents.", 3.4e6, "count"),
    ],
)
def test_scale_words(body: str, value: float, kind: str) -> None:
    figure = one(body)
    assert figure.value == pytest.approx(value)
    assert figure.kind == kind


@pytest.mark.parametrize(
    "body",
    [
        "Prices rose 4.5% in a year.",
        "Prices rose 4.5 percent in a year.",
        "Prices rose 4.5 per cent in a year.",
        "Prices rose 4.5 percentage points in a year.",
        "Prices rose 4.5pc in a year.",
    ],
)
def test_percentages(body: str) -> None:
    figure = one(body)
    assert (figure.value, figure.kind) == (4.5, "percent")


@pytest.mark.parametrize(
    ("body", "value", "unit"),
    [
        ("Tickets cost $45 each.", 45.0, "$"),
        ("Tickets cost US$45 each.", 45.0, "US$"),
        ("Tickets cost €45 each.", 45.0, "€"),
        ("Tickets cost £45 each.", 45.0, "£"),
        ("Tickets cost ¥4500 each.", 4500.0, "¥"),
        ("Tickets cost 300 yuan each.", 300.0, "yuan"),
        ("Tickets cost Rs 450 each.", 450.0, "Rs"),
        ("Tickets cost 45 dollars each.", 45.0, "dollars"),
    ],
)
def test_money(body: str, value: float, unit: str) -> None:
    figure = one(body)
    assert (figure.value, figure.kind, figure.unit) == (value, "money", unit)


def test_currency_with_a_nationality_is_money() -> None:
    figure = one("The fine was 9 million Norwegian kroner.")
    assert figure.kind == "money"
    assert figure.value == 9e6


@pytest.mark.parametrize(
    ("body", "value", "unit"),
    [
        ("The route is 42 km long.", 42.0, "km"),
        ("The route is 42km long.", 42.0, "km"),
        ("The storm moved at 70 mph.", 70.0, "mph"),
        ("The train reached 300 km/h.", 300.0, "km/h"),
        ("The plant makes 2.5 GW of power.", 2.5, "GW"),
        ("The farm sold 80 tonnes of grain.", 80.0, "tonnes"),
        ("The parcel weighed 12kg.", 12.0, "kg"),
        ("The march lasted six hours.", 6.0, "hours"),
        ("It was 38 degrees Celsius at noon.", 38.0, "°C"),
        ("The queue stretched 3 miles.", 3.0, "miles"),
    ],
)
def test_measures(body: str, value: float, unit: str) -> None:
    figure = one(body)
    assert (figure.value, figure.kind, figure.unit) == (value, "measure", unit)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Wages will rise between 3 and 4 percent.", [3.0, 4.0]),
        ("The drone carries 2-4kg loads.", [2.0, 4.0]),
        ("Fares went from $2,150 to $1,980 overnight.", [2150.0, 1980.0]),
        ("The bill is 5 to 7 billion dollars.", [5e9, 7e9]),
        ("Lunch costs six or seven euros.", [6.0, 7.0]),
    ],
)
def test_ranges_give_one_figure_per_end_sharing_the_unit(body: str, expected: list[float]) -> None:
    found = quantities(body)
    assert [f.value for f in found] == expected
    assert len({f.kind for f in found}) == 1


@pytest.mark.parametrize(
    ("body", "text"),
    [
        ("Officials counted about 900 boats.", "about 900"),
        ("More than 40 flights were cancelled.", "More than 40"),
        ("The fire burned nearly 3,000 acres.", "nearly 3,000 acres"),
    ],
)
def test_approximations_stay_in_the_text_not_the_value(body: str, text: str) -> None:
    figure = one(body)
    assert figure.text == text
    assert figure.value == float(text.split()[-1 if figure.unit is None else -2].replace(",", ""))


@pytest.mark.parametrize(
    "body",
    [
        "The XR9 model and the Z4 went on sale.",
        "Under Section 230 of the law, platforms are shielded.",
        "Article 5 was invoked.",
        "Call 555-0199 or +44 20 7946 0958 for details.",
        "The ISBN 978-3-16-148410-0 is printed inside.",
        "COVID-19 spread quickly.",
        "Leaders met at the G7 summit.",
        "The F-35 flew over the base.",
        "Windows 11 and the iPhone 15 were discussed.",
        "The S&P 500 closed higher.",
        "He lives at 10 Downing Street.",
        "The service runs 24/7.",
        "She finished 3rd in the race.",
        "On the one hand, it is cheap.",
    ],
)
def test_identifiers_are_not_figures(body: str) -> None:
    assert quantities(body) == []


def test_dates_times_and_years_are_reported_but_not_as_quantities() -> None:
    found = figures("On December 10, 2025 at 11:37 AM the vote began. It was set in 2019.")
    kinds = {f.text: f.kind for f in found}
    assert kinds == {"December 10, 2025": "date", "11:37 AM": "time", "2019": "year"}


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        ("The talks started on 3 March 2024.", "date"),
        ("Polls close at 8pm.", "time"),
        ("The law dates from the 1990s.", "year"),
        ("Output was flat between 1850 and 1870.", "year"),
    ],
)
def test_more_date_forms(body: str, kind: str) -> None:
    found = figures(body)
    assert found
    assert {f.kind for f in found} == {kind}


def test_a_count_of_a_four_digit_number_is_not_a_year() -> None:
    assert one("The company employs more than 1800 people.").kind == "count"
    assert one("The plant employs 2000 workers.").kind == "count"


def test_count_context_is_the_noun_phrase_after_it() -> None:
    figure = one("Tesla delivered 18,000 electric trucks in Norway last month.")
    assert figure.context is not None
    assert figure.context.startswith("electric trucks")
    assert "Tesla" in figure.context


def test_percent_context_says_what_changed() -> None:
    figure = one("Coffee exports from Brazil jumped 12% in May.")
    assert figure.context is not None
    assert "Coffee exports" in figure.context
    assert "jumped" in figure.context


def test_a_score_gives_two_counts() -> None:
    assert values("They won 3-1 at home.") == [3.0, 1.0]


@pytest.mark.parametrize("unit", ["7", "1 2 3 ", "1,2,3,", "12.34.", "-1-2-3", "$1$2", "one two "])
def test_long_runs_of_number_like_text_are_linear(unit: str) -> None:
    """A line of digits or number-like text: the figures found read back from
    the text (the `figures` helper checks), and the work grows with the line,
    not its square (benchmarks/bench_extract.py times the long versions)."""

    def work_for(size: int) -> Callable[[], object]:
        article = parse("Headline\n\n" + unit * (size // len(unit)))
        return lambda: find_figures(article)

    assert_linear(work_for, 1_000)
    figures(unit * (30_000 // len(unit)))


@pytest.mark.parametrize(
    ("body", "value", "unit"),
    [
        ("Exports grew two and a half times.", 2.5, "times"),
        ("It was minus 12 degrees overnight.", -12.0, "degrees"),
        ("Highs of 31C were forecast.", 31.0, "°C"),
        ("The bank trimmed rates by 25 bps.", 25.0, "basis points"),
        ("The state raised Rs 300 crore.", 3e9, "Rs"),
    ],
)
def test_less_common_forms(body: str, value: float, unit: str) -> None:
    figure = one(body)
    assert (figure.value, figure.unit) == (pytest.approx(value), unit)


@pytest.mark.parametrize(
    ("body", "text"),
    [
        ("Prices peaked in the 1970s.", "1970s"),
        ("It was the 2021-22 season.", "2021-22"),
        ("Play ran from March 4-7.", "March 4-7"),
    ],
)
def test_decades_seasons_and_day_ranges_are_one_timeline_item(body: str, text: str) -> None:
    assert quantities(body) == []
    assert [f.text for f in figures(body)] == [text]


def test_names_with_numbers_are_not_figures() -> None:
    assert quantities("She bought milk at a 7-Eleven shop.") == []
    assert quantities("Route 66 and Interstate 95 were closed.") == []


def test_hundreds_written_with_digits_are_vague() -> None:
    figure = one("Fans bought 1,000s of tickets.")
    assert figure.value is None


def test_title_case_lines_do_not_hide_counts() -> None:
    assert values("Carmaker Hires 300 Workers For Its New Plant") == [300.0]


def test_possessive_before_a_number_is_not_a_label() -> None:
    assert values("Arsenal's 3 goals came late.") == [3.0]


def test_vulgar_fraction_adds_to_the_number() -> None:
    assert values("The queue was 2½ miles long.") == [2.5]


def test_short_unit_letters_need_to_be_glued() -> None:
    assert [f.kind for f in figures("They moved in 1998 in the spring.")] == ["year"]
    assert one("The board is 2in thick.").unit == "inches"
    assert one("Water boils at 100 C here.").unit is None


def test_clock_times_in_words_and_versions_after_names() -> None:
    assert [f.kind for f in figures("They met at nine o'clock.")] == ["time"]
    assert quantities("Brexit 2.0 and Windows 3.1 were discussed.") == []


@pytest.mark.parametrize(
    "body",
    [
        "One could argue the point.",
        "They helped one another.",
        "She wanted a new one.",
        "No one came.",
        "The S P 500 and the S&P/ASX 200 rose.",
    ],
)
def test_one_as_a_pronoun_and_index_names_are_not_counts(body: str) -> None:
    assert quantities(body) == []


def test_one_as_a_number_is_a_count() -> None:
    assert values("Only one player scored. One of the six plans failed.") == [1.0, 1.0, 6.0]


def test_timestamps_with_zones_and_iso_dates_are_timeline_items() -> None:
    found = figures("Updated 10.00 GMT on 2025-12-10T09:30:00Z.")
    assert [(f.text, f.kind) for f in found] == [
        ("10.00 GMT", "time"),
        ("2025-12-10T09:30:00Z", "date"),
    ]


def test_a_plural_noun_after_a_name_and_number_makes_it_a_count() -> None:
    assert values("Rival Apple 300 stores closed.") == [300.0]
    assert quantities("The Model 3 sedans and the Ligue 1 clubs.") == []


def test_capitalised_number_words_inside_a_sentence_are_names() -> None:
    assert quantities("Leaders of the Group of Seven met. He flew on Air Force One.") == []
    assert values("Seven people died.") == [7.0]
    assert values("Carmaker Hires Seven New Executives For Its Plant") == [7.0]


def test_wire_times_without_a_colon() -> None:
    assert [f.kind for f in figures("Brent was at $85 a barrel by 1030 GMT.")] == ["money", "time"]


def test_one_after_an_article_and_adjective_is_a_pronoun() -> None:
    assert quantities("The plan became an open-ended one.") == []
    assert values("Rates rose a mere one percent.") == [1.0]


def test_slashes_and_times_signs() -> None:
    assert values("The plan costs $5.99/month.") == [5.99]
    assert values("Sales rose 3x, and 1/2 of them left.") == [3.0, 0.5]
    assert quantities("A 4x4 truck with a 1920x1080 screen.") == []


def test_identifier_tails_and_hyphen_prefixes() -> None:
    assert quantities("The Boeing 737-800 and the A320/321 flew.") == []
    assert values("A top-10 finish for the under-21 side.") == [10.0, 21.0]


def test_number_words_are_found_without_copying_the_text() -> None:
    # the finder lower-cased a copy of the whole text and prepended a newline
    # to it (a second copy): two more copies of a 64 MiB article at once
    article = parse("Title\n\n" + "Words with no numerals in them " * 40_000 + "\n\nTWENTY came.")
    tracemalloc.start()
    try:
        found = find_figures(article)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [f.text for f in found] == ["TWENTY"]
    assert peak < len(article.text) // 4
