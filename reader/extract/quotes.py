"""Direct quotations and who said them."""

from __future__ import annotations

from collections.abc import Sequence

from reader.model import Article, Person, Quote


def find_quotes(article: Article, people: Sequence[Person]) -> list[Quote]:
    return []
