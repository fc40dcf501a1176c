"""Highlights as the user makes them: the one home of the rules both faces use.

`reader notes add` and the TUI's `h` must make the same record for the same
passage, so everything that decides what a new highlight holds lives here:
where quoted words are in an article (`find_quote`, `pick_span`), the
passage's edges (`trim_span`), who is in it (`people_in`), its colour
(`check_color`), its tags and note as saved, and the order highlights are
listed in (`reading_order`). Plain Python: no Textual, no store, no I/O.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence

from reader.clock import utc_now
from reader.errors import BadInputError
from reader.model import COLORS, Article, Extraction, Highlight, Person, Span
from reader.text.sanitize import sanitize
from reader.text.tags import parse_tags, unique_tags

# -- finding quoted words -----------------------------------------------------------

_QUOTE_FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u00a0": " ",
    }
)

Folded = tuple[str, list[int]]


def fold_for_quotes(text: str) -> Folded:
    """`text` with quotes straightened and each whitespace run made one space,
    plus the offset in `text` of every character of the result."""
    out: list[str] = []
    where: list[int] = []
    in_space = False
    for i, ch in enumerate(text.translate(_QUOTE_FOLD)):
        if ch.isspace():
            if in_space:
                continue
            in_space = True
            ch = " "
        else:
            in_space = False
        out.append(ch)
        where.append(i)
    return "".join(out), where


def find_quote(text: str, quote: str, folded: Folded | None = None) -> list[Span]:
    """Every place the quoted words appear in `text`, ignoring differences in
    whitespace and in quote marks (curly or straight). `folded` is
    fold_for_quotes(text) when the caller already has it."""
    needle, _ = fold_for_quotes(quote.strip())
    if not needle:
        return []
    hay, where = folded if folded is not None else fold_for_quotes(text)
    spans: list[Span] = []
    i = hay.find(needle)
    while i != -1:
        spans.append(Span(where[i], where[i + len(needle) - 1] + 1))
        i = hay.find(needle, i + 1)
    return spans


def pick_span(spans: Sequence[Span], quote: str, where: str, nth: int | None) -> Span:
    """The one occurrence meant, or a BadInputError that says how to pick one."""
    shown = quote if len(quote) <= 60 else quote[:57] + "..."
    if not spans:
        raise BadInputError(f"The words {shown!r} are not in {where}.")
    if nth is not None:
        if not 1 <= nth <= len(spans):
            times = "once" if len(spans) == 1 else f"{len(spans)} times"
            raise BadInputError(
                f"--nth {nth} is out of range: {shown!r} appears {times} in {where}."
            )
        return spans[nth - 1]
    if len(spans) > 1:
        raise BadInputError(
            f"The words {shown!r} appear {len(spans)} times in {where}; "
            f"pick one with --nth 1 to --nth {len(spans)}."
        )
    return spans[0]


def trim_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """[start, end) without white space at either edge; None if nothing is left."""
    start, end = max(0, start), min(len(text), end)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


# -- what a highlight holds ---------------------------------------------------------


def check_color(color: str | None) -> str:
    """A colour as typed (any case), or the default; BadInputError if unknown."""
    if color is None:
        return COLORS[0]
    folded = color.strip().lower()
    if folded not in COLORS:
        raise BadInputError(f"Unknown colour {color!r}; use one of {', '.join(COLORS)}.")
    return folded


def clean_note(note: str) -> str:
    """A note as saved: terminal controls removed (it is shown in a terminal)."""
    return sanitize(note)


def clean_tags(tags: Sequence[str]) -> tuple[str, ...]:
    """Tags as given on a command line or in an import file: each value may
    hold several (`#a #b` or `a, b`), read by the same rules as the tag box."""
    return unique_tags(tag for raw in tags for tag in parse_tags(raw))


def people_in(extraction: Extraction | None, start: int, end: int) -> tuple[str, ...]:
    """Names and aliases of the people mentioned, or quoted, in [start, end).

    A quote's speaker may be written by an alias ("Gao" of "Gao Lingyun"):
    the person's full name comes first, then every alias, so a search for
    either finds the passage."""
    if extraction is None or end <= start:
        return ()
    passage = Span(start, end)
    names: list[str] = []
    lookup: dict[str, Person] = {}
    for person in extraction.people:
        lookup.setdefault(person.name, person)
        for alias in person.aliases:
            lookup.setdefault(alias, person)
        if any(span.overlaps(passage) for span in person.spans):
            names.extend([person.name, *person.aliases])
    for quote in extraction.quotes:
        if quote.speaker and quote.span.overlaps(passage):
            speaker = lookup.get(quote.speaker)
            names.extend([speaker.name, *speaker.aliases] if speaker else [quote.speaker])
    return tuple(dict.fromkeys(n for n in names if n))


def new_highlight(
    article: Article,
    start: int,
    end: int,
    *,
    color: str = COLORS[0],
    tags: Sequence[str] = (),
    note: str = "",
    extraction: Extraction | None = None,
) -> Highlight:
    """A highlight of article.text[start:end] with its W3C selectors."""
    # Imported here: anchoring brings rapidfuzz (~10 ms), which the TUI's
    # first paint does not need.
    from reader.anchor import make_selector

    exact, prefix, suffix = make_selector(article.text, start, end)
    now = utc_now()
    return Highlight(
        id=str(uuid.uuid4()),
        article_id=article.id,
        start=start,
        end=end,
        exact=exact,
        prefix=prefix,
        suffix=suffix,
        color=color if color in COLORS else COLORS[0],
        tags=unique_tags(tags),
        note=clean_note(note),
        created=now,
        updated=now,
        people=people_in(extraction, start, end),
    )


def article_note(article: Article, note: str, color: str = COLORS[0]) -> Highlight:
    """A note on the whole article (an empty passage at 0)."""
    now = utc_now()
    return Highlight(
        id=str(uuid.uuid4()),
        article_id=article.id,
        start=0,
        end=0,
        exact="",
        prefix="",
        suffix="",
        color=color if color in COLORS else COLORS[0],
        note=clean_note(note),
        created=now,
        updated=now,
    )


def reading_order(highlights: Iterable[Highlight]) -> list[Highlight]:
    """Whole-article notes first, then passages by position, orphans last."""
    return sorted(
        highlights,
        key=lambda h: (h.orphaned, not h.whole_article, h.start, h.end, h.created, h.id),
    )


def overlapping(highlights: Iterable[Highlight], start: int, end: int) -> list[Highlight]:
    """Placed highlights that touch [start, end), innermost (shortest) first."""
    end = max(end, start + 1)
    found = [
        h
        for h in highlights
        if not h.orphaned and not h.whole_article and h.start < end and h.end > start
    ]
    return sorted(found, key=lambda h: (h.end - h.start, h.start))
