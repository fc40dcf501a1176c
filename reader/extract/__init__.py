"""Extraction: quotes, people and figures as spans into Article.text.

Pure functions over an Article: no I/O, no Textual. People are found first
because quote attribution resolves speakers ("he", "Gao") to full names.
"""

from __future__ import annotations

from reader.extract.figures import find_figures
from reader.extract.people import find_people
from reader.extract.quotes import find_quotes
from reader.model import Article, Extraction


def extract(article: Article) -> Extraction:
    people = find_people(article)
    quotes = find_quotes(article, people)
    figures = find_figures(article)
    return Extraction(quotes=tuple(quotes), people=tuple(people), figures=tuple(figures))
