"""Every pattern the extractors, the parsers, the search query and the text
units run costs work linear in its input, on adversarial shapes.

The work is counted, not timed: tests/regex_work.py re-runs each pattern on
a model of the backtracking engine and counts its steps, so the answer is the
same on a busy machine. Each pattern is measured the way the code runs it:
searched through the text (finditer, search, sub, split: every start
position is tried), or matched at one position only. Inputs of 1, 2 and 4
units of size: linear work adds the same amount for each doubling step twice
over (growth ~2), quadratic work four times as much.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from regex_work import Engine, TooMuchWork, real_spans

import reader.extract
import reader.ingest

MODULES = [
    *(
        m.name
        for m in pkgutil.walk_packages(reader.extract.__path__, prefix="reader.extract.")
        if not m.ispkg
    ),
    *(f"reader.ingest.{m.name}" for m in pkgutil.iter_modules(reader.ingest.__path__)),
    "reader.search.query",
    "reader.text.words",
    "reader.text.units",
]

ANCHORED = {
    # Only ever matched at one position (.match / .fullmatch), never searched.
    *(
        f"reader.extract.quotes.attribution_words.{n}"
        for n in (
            "CAP_AFTER_RE",
            "COMMA_NAME_RE",
            "DASH_RE",
            "FINITE_START_RE",
            "GROUP_PP_RE",
            "LEAD_RE",
            "SHORT_NAME_RE",
            "SUBORDINATE_RE",
            "THAT_THE_RE",
            "PARTY_RE",
            "LABEL_RE",
        )
    ),
    "reader.extract.quotes.attribution_names._NAME_CHARS_RE",
    "reader.extract.figures.dates.AT_DIGITS_RE",
    "reader.extract.figures.dates.PHONE_RE",
    "reader.extract.figures.dates.AFTER_MONTH_RE",
    "reader.extract.figures.labels._NEXT_TOKEN_RE",
    *(
        f"reader.extract.figures.units.{n}"
        for n in (
            "GLUED_UNIT_RE",
            "SPACED_UNIT_RE",
            "ADJECTIVE_CURRENCY_RE",
            "SCALE_WORD_RE",
            "SCALE_GLUED_RE",
        )
    ),
    *(
        f"reader.extract.figures.find.{n}"
        for n in (
            "_NEXT_WORD_RE",
            "_OF_VAGUE_RE",
            "_FRACTION_OF_RE",
            "_SLASH_FRACTION_RE",
            "_ORDINAL_RE",
            "_DECADE_RE",
            "_HYPHEN_WORD_RE",
            "_NUMBER_NEXT_RE",
            "_OCLOCK_RE",
            "_SEASON_RE",
            "_AND_A_HALF_RE",
            "_OF_CURRENCY_RE",
            "_ADDRESS_RE",
            "_HALF_SCALE_RE",
            "_RANGE_GAP_RE",
        )
    ),
    "reader.extract.people.names_build.WORD",
    *(
        f"reader.extract.people.find.{n}"
        for n in (
            "_PINYIN",
            "_PINYIN_ONE",
            "_PINYIN_TWO",
            "_KOREAN_GIVEN",
            "_AGE_AFTER",
            "_MINUTE_AFTER",
            "_BRACKET_AFTER",
            "_DATE_AFTER",
            "_WHO_AFTER",
            "_LIST_GAP",
            "_LINE_AFTER",
            "_BOWLING",
            "_NAME_SHAPE",
            "_LIST_AFTER",
        )
    ),
    "reader.extract.people.roles._APPOSITIVE",
    "reader.extract.people.tokens._SHORT_DOTTED",
    "reader.extract.quotes.find._DASH_START_RE",
    "reader.ingest.dates._PATTERNS",
    "reader.ingest.frontmatter._KEY",
    "reader.ingest.frontmatter._ITEM",
    "reader.ingest.markdown._MARKERS",  # "^…" without MULTILINE, one line at a time
    "reader.ingest.plaintext._DATELINE",
    "reader.ingest.plaintext._BYLINE",
    "reader.ingest.plaintext._DATE_LINE_ONLY",
    "reader.search.query._FIELD_RE",
    "reader.search.query._DATE_RE",
    "reader.text.units._STARTS_LOWER",
}
"""Patterns the code runs at one position only: measured the same way."""

WINDOWED = {
    "reader.extract.people.roles._OF_BEFORE": 60,
    "reader.text.units._TOKEN_BEFORE": 24,
    "reader.ingest.plaintext._KICKER_SEPARATORS": 60,  # kicker lines only
    "reader.ingest.plaintext._CREDIT": 160,  # the tail of one line
}
"""Patterns searched only inside a window of at most this many characters,
whatever the text's size: a search there is bounded by the window, so each
attempt is measured (as if anchored) and must be linear."""

ENDING = {"reader.ingest.markdown._BLOCK_TAGS": ">"}
"""Patterns the code runs only on text cut right after a given character
(html_text cuts at the last ">"): the inputs end with it."""

UNITS = [
    "A-",
    "A'",
    "A’",
    "Jean-",
    "Port-Alder-North-",
    "Ana ",
    "AB ",
    "A",
    "A.",
    "a",
    "1",
    "1,",
    "1.",
    "1 ",
    '"',
    "“",
    "”",
    "'",
    "’",
    "said ",
    '"a ',
    "“a ",
    " ",
    "\t",
    "\n",
    "-",
    ".",
    "<",
    "<p ",
    "<!--",
    ", A",
    "de ",
    "—",
]
"""Shapes repeated to make each input: hyphenated and apostrophe runs,
capitalised words, digits with separators, quote marks and unclosed quotes,
speech verbs, spaces, markup."""

LEADS = ["", ", ", "said ", "(", "<", "$", "1 ", "A "]
"""What comes first when a pattern is matched at one position: most anchored
patterns only get going after a comma, a verb, a bracket or a number."""

SIZE = 40


def _patterns() -> Iterator[tuple[str, re.Pattern[str]]]:
    """Each compiled pattern once, under the name of the module defining it."""
    seen: dict[int, str] = {}
    found: list[tuple[str, re.Pattern[str]]] = []
    for module_name in MODULES:
        module = importlib.import_module(module_name)
        source = Path(module.__file__ or "").read_text(encoding="utf-8")
        for name, value in vars(module).items():
            values = value if isinstance(value, tuple) else (value,)
            for pattern in values:
                if not isinstance(pattern, re.Pattern) or not isinstance(pattern.pattern, str):
                    continue
                if f"{name} = " not in source:
                    continue  # imported from the module that defines it
                if id(pattern) not in seen:
                    seen[id(pattern)] = f"{module_name}.{name}"
                    found.append((seen[id(pattern)], pattern))
    return iter(found)


PATTERNS = list(_patterns())


def _growth(engine: Engine, make: list[str], mode: str) -> float:
    """How the work grows from 2x to 4x the size, relative to 1x to 2x."""
    steps = [engine.run(text, mode) for text in make]
    first, second = steps[1] - steps[0], steps[2] - steps[1]
    if second <= 8:
        return 0.0  # no more work for more text: constant
    return second / max(first, 1)


def _inputs(lead: str, unit: str, end: str) -> list[str]:
    repeats = max(1, SIZE // len(unit))
    return [lead + unit * (repeats * k) + end for k in (1, 2, 4)]


def test_every_pattern_is_classified_once() -> None:
    names = {name for name, _ in PATTERNS}
    assert len(PATTERNS) > 100
    assert names >= ANCHORED | set(WINDOWED) | set(ENDING)
    assert not ANCHORED & set(WINDOWED)


@pytest.mark.parametrize(("name", "pattern"), PATTERNS, ids=[n for n, _ in PATTERNS])
def test_work_grows_linearly(name: str, pattern: re.Pattern[str]) -> None:
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 20_000))
    engine = Engine(pattern, budget=2_000_000)
    anchored = name in ANCHORED or name in WINDOWED
    mode = "match" if anchored else "search"
    for lead in LEADS if anchored else [""]:
        for unit in UNITS:
            texts = _inputs(lead, unit, ENDING.get(name, "!"))
            try:
                growth = _growth(engine, texts, mode)
            except TooMuchWork:
                growth = float("inf")
            assert growth < 2.8, f"{name} on {lead!r} + {unit!r} * n: work grows {growth:.1f}x"
            assert engine.spans(texts[0], mode) == real_spans(pattern, texts[0], mode)
