"""The article model: one canonical text, everything else a span into it.

Every positional field in this module is a pair of character offsets into
`Article.text` (Python string indices, end exclusive). Ingest builds the
text and its blocks; extraction and highlights only ever point into it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from reader.clock import utc_now


class BlockKind(StrEnum):
    """What a block of the article is; the UI styles each kind differently."""

    TITLE = "title"
    KICKER = "kicker"
    DATELINE = "dateline"
    BYLINE = "byline"
    CAPTION = "caption"
    CREDIT = "credit"
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    QUOTE = "quote"
    LIST_ITEM = "list_item"
    CODE = "code"
    TABLE = "table"


class StyleKind(StrEnum):
    """Inline styles carried over from Markdown."""

    EMPHASIS = "emphasis"
    STRONG = "strong"
    CODE = "code"
    LINK = "link"


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open range [start, end) of character offsets into Article.text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}..{self.end}")

    def __len__(self) -> int:
        return self.end - self.start

    def contains(self, offset: int) -> bool:
        return self.start <= offset < self.end

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True, slots=True)
class Block:
    """One block of the article.

    `level` is the heading level (1-6), the list nesting depth (1 = top) or
    the block-quote depth; `ordinal` is the number of an ordered-list item.
    A TABLE block's text holds rows separated by "\\n" and cells by "\\t";
    `header_rows` says how many leading rows are header rows.
    """

    kind: BlockKind
    span: Span
    level: int = 0
    ordinal: int | None = None
    header_rows: int = 0


@dataclass(frozen=True, slots=True)
class StyleSpan:
    """Inline emphasis, strong, code or a link (with its href)."""

    kind: StyleKind
    span: Span
    href: str | None = None


@dataclass(frozen=True, slots=True)
class ArticleMeta:
    """What the article says about itself, read at ingest."""

    title: str
    section: str | None = None
    published: datetime | None = None
    updated: datetime | None = None
    byline: str | None = None
    authors: tuple[str, ...] = ()
    source: str | None = None
    url: str | None = None
    credits: tuple[str, ...] = ()


def article_id(text: str) -> str:
    """A stable id: the first 16 hex digits of SHA-256 of the canonical text."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Article:
    """An ingested article. `text` is the one canonical string.

    Blocks appear in reading order and are separated in `text` by a blank
    line ("\\n\\n"). `warnings` holds notices for the user (e.g. a decoding
    fallback) that do not stop the article from opening.
    """

    id: str
    text: str
    blocks: tuple[Block, ...]
    meta: ArticleMeta
    styles: tuple[StyleSpan, ...] = ()
    warnings: tuple[str, ...] = ()

    def __repr__(self) -> str:
        # Short whatever the size: Textual names each worker by the repr of
        # its arguments, and the dataclass repr copied the whole text and
        # every block (2.9 s of a 16 MiB article's first paint).
        return (
            f"Article(id={self.id!r}, title={self.meta.title!r}, {len(self.text)} chars, "
            f"{len(self.blocks)} blocks)"
        )

    def slice(self, span: Span) -> str:
        return self.text[span.start : span.end]

    def block_at(self, offset: int) -> Block | None:
        """The block containing `offset`, or None between blocks."""
        lo, hi = 0, len(self.blocks)
        while lo < hi:
            mid = (lo + hi) // 2
            block = self.blocks[mid]
            if offset < block.span.start:
                hi = mid
            elif offset >= block.span.end:
                lo = mid + 1
            else:
                return block
        return None


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quotation: `span` covers the quoted words (marks excluded)."""

    text: str
    speaker: str | None
    span: Span


@dataclass(frozen=True, slots=True)
class Person:
    """A person named in the article, under the fullest form of their name."""

    name: str
    aliases: tuple[str, ...]
    role: str | None
    spans: tuple[Span, ...]

    @property
    def mentions(self) -> int:
        return len(self.spans)


@dataclass(frozen=True, slots=True)
class Figure:
    """A number in the text and what it measures.

    `kind` is one of: count, percent, money, measure, other, and for
    non-figures that feed a timeline: date, time, year.
    """

    text: str
    value: float | None
    unit: str | None
    kind: str
    context: str | None
    span: Span


NON_FIGURE_KINDS = frozenset({"date", "time", "year", "ordinal", "duration-date"})


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything extracted from one article; all spans into its text."""

    quotes: tuple[Quote, ...] = ()
    people: tuple[Person, ...] = ()
    figures: tuple[Figure, ...] = ()


COLORS: tuple[str, ...] = ("yellow", "green", "blue", "pink", "purple")


@dataclass(frozen=True, slots=True)
class Highlight:
    """A user's highlight, anchored by W3C TextQuote + TextPosition selectors.

    `start`/`end` are offsets into the article text as it was when saved;
    `exact`, `prefix` (32 chars before) and `suffix` (32 chars after) let it
    re-attach after the text changes. A whole-article note has
    start == end == 0 and exact == "". `orphaned` is set when re-anchoring
    could not find the passage any more.
    """

    id: str
    article_id: str
    start: int
    end: int
    exact: str
    prefix: str
    suffix: str
    color: str = COLORS[0]
    tags: tuple[str, ...] = ()
    note: str = ""
    created: datetime = field(default_factory=utc_now)
    updated: datetime = field(default_factory=utc_now)
    orphaned: bool = False
    people: tuple[str, ...] = ()
    """Names (with aliases) of the people quoted or mentioned in the passage,
    filled when the highlight is made so search can answer `person:`."""

    @property
    def whole_article(self) -> bool:
        return self.exact == "" and self.start == self.end == 0


@dataclass(frozen=True, slots=True)
class LibraryEntry:
    """An article the library has seen: enough to list it and to reopen it
    (from `source_text`) even after its file is gone."""

    article_id: str
    path: str | None
    title: str
    section: str | None
    published: datetime | None
    source_text: str
    is_markdown: bool
    added: datetime = field(default_factory=utc_now)
    opened: datetime | None = None

    def __repr__(self) -> str:
        # Short whatever the size, as Article's: it holds the whole source text.
        return (
            f"LibraryEntry(article_id={self.article_id!r}, path={self.path!r}, "
            f"title={self.title!r}, {len(self.source_text)} chars of source)"
        )
