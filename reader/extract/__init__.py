"""Extraction: quotes, people and figures as spans into Article.text.

Pure functions over an Article: no I/O, no Textual. People are found first
because quote attribution resolves speakers ("he", "Gao") to full names.

Three sub-packages, one per kind of entry: `quotes/` (quote marks,
attribution rules), `people/` (names, roles, the name lists), `figures/`
(numbers, units, what they measure). `process` runs extraction in a child
process for the TUI. This package imports none of them until `extract()` is
called, so a caller (the TUI starting the child process) pays nothing for
the name lists and patterns before it needs them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.model import Article, Extraction


def extract(article: Article) -> Extraction:
    """Every quote, person and figure in `article`."""
    from reader.extract.figures.find import find_figures
    from reader.extract.people.find import find_people
    from reader.extract.quotes.find import find_quotes
    from reader.model import Extraction

    people = find_people(article)
    quotes = find_quotes(article, people)
    figures = find_figures(article)
    return Extraction(quotes=tuple(quotes), people=tuple(people), figures=tuple(figures))
