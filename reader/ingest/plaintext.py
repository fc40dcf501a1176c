"""Plain-text news: kicker, headline, dateline, byline, captions, paragraphs.

The layout this reads (the seed article is the model):

    SOURCE / ECONOMY                  kicker (section = the part after "/")
    Headline of the story             title
    Published: Feb 10, 2026 11:37 AM  dateline (also "Updated:", "Posted:")
    By Jane Doe and John Roe          byline
    A caption. Photo: Tao Mingyang/GT caption + credit (a repeat is shown once)

    Paragraphs split on blank lines...

Text with none of that still works: its first line is the title. Body text
is never dropped or reordered: every word of the file (except a repeated
caption) is in Article.text. Single newlines inside a paragraph are kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime

from reader.ingest.builder import TextBuilder
from reader.ingest.dates import parse_date
from reader.model import ArticleMeta, BlockKind

_KICKER_SEPARATORS = re.compile(r"\s+(?:/|\||»|›|>)\s+")
_DATELINE = re.compile(
    r"^(?P<label>published|posted|updated|last updated|modified|date|first published)"
    r"(?:\s+on)?(?P<colon>\s*:)?\s+(?P<value>\S.*)$",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"^by\s+(?P<names>[A-Z\u00c0-\u024f].{1,150})$", re.IGNORECASE)
_CREDIT = re.compile(
    r"(?P<credit>[\(\[]?\b(?:Photos?|Photograph|Image|Picture|Photo credit|Credit)\s*:\s*"
    r"(?P<name>[^/()\[\]\n:]{2,60}?)(?:\s*/\s*(?P<outlet>[^/()\[\]\n]{1,40}?))?[\)\]]?)\s*$"
)
_CREDIT_TAIL = 160
_DATE_LINE_ONLY = re.compile(r"^[A-Z][A-Z .,'\-]{1,40}\s+\d{4}-\d{2}-\d{2}$")
_OUTLET_WORDS = frozenset(
    [
        "reuters",
        "ap",
        "afp",
        "associated",
        "press",
        "bloomberg",
        "staff",
        "writer",
        "writers",
        "reporter",
        "reporters",
        "correspondent",
        "correspondents",
        "editor",
        "editors",
        "contributor",
        "the",
        "times",
        "post",
        "journal",
        "news",
        "global",
        "agency",
        "bureau",
    ]
)


@dataclass
class _Header:
    """What the top of the article says about itself."""

    title: str | None = None
    section: str | None = None
    published: datetime | None = None
    updated: datetime | None = None
    byline: str | None = None
    authors: tuple[str, ...] = ()
    credits: list[str] = field(default_factory=list)
    captions: set[str] = field(default_factory=set)


def paragraphs(text: str) -> Iterator[list[str]]:
    """Split on blank lines; each paragraph is its lines with trailing space removed."""
    current: list[str] = []
    for raw in text.split("\n"):
        line = raw.rstrip()
        if line.strip():
            current.append(line)
        elif current:
            yield current
            current = []
    if current:
        yield current


def kicker_section(line: str) -> str | None:
    """The section a kicker names: the part after the last separator
    ("SOURCE / ECONOMY" -> "ECONOMY"), or the whole kicker."""
    parts = [p.strip() for p in _KICKER_SEPARATORS.split(line.strip()) if p.strip()]
    return parts[-1] if parts else None


def _is_kicker(line: str, next_line: str | None) -> bool:
    """A short label above the headline: needs a headline after it in the
    same paragraph, no sentence punctuation, and a separator or all caps."""
    stripped = line.strip()
    if next_line is None or len(stripped) > 60 or len(stripped.split()) > 6:
        return False
    if stripped[-1] in ".!?:;,\"'\u201d\u2019":
        return False
    if _KICKER_SEPARATORS.search(stripped):
        return True
    letters = [c for c in stripped if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and len(stripped.split()) <= 4


def byline_authors(byline: str) -> tuple[str, ...]:
    """Names in a byline: "By Jane Doe and John Roe, Reuters" -> (Jane Doe, John Roe)."""
    body = re.sub(r"^by\s+", "", byline.strip(), flags=re.IGNORECASE)
    body = re.split(r"\s+[|\u2014\u2013-]\s+", body)[0]
    names: list[str] = []
    for part in re.split(r",\s*|\s+and\s+|\s*&\s*", body):
        name = part.strip().strip(".")
        words = name.split()
        if not 1 <= len(words) <= 4:
            continue
        if any(w.lower() in _OUTLET_WORDS for w in words):
            continue
        if not all(w[0].isupper() for w in words if w[0].isalpha()):
            continue
        names.append(name)
    return tuple(names)


def _is_subheading(lines: list[str], index: int, last: int) -> bool:
    """A crosshead inside the body: one short line with no sentence
    punctuation, no digits, starting with a capital, with text after it."""
    if len(lines) != 1 or index >= last:
        return False
    line = lines[0].strip()
    words = line.split()
    if not 1 <= len(words) <= 8 or len(line) > 60 or not line[0].isupper():
        return False
    if line[-1] in "!?;\"'\u201d\u2019]-\u2014" or any(c.isdigit() or c in ".:,()" for c in line):
        return False
    # Crossheads are sentence case ("How the money works"), which tells them
    # apart from names, sign-offs and table labels ("Larry Fine", "National League").
    return any(word.islower() for word in words[1:])


def _is_byline(line: str) -> bool:
    match = _BYLINE.match(line.strip())
    return match is not None and len(line.split()) <= 16 and bool(byline_authors(line))


def _split_caption(line: str) -> tuple[str, str, str] | None:
    """(caption, credit, name) when the line ends with "Photo: NAME/OUTLET"."""
    # A credit is short and at the end: look only at the tail (linear cost).
    offset = max(0, len(line) - _CREDIT_TAIL)
    tail = line[offset:]
    if ":" not in tail:
        return None
    match = _CREDIT.search(tail)
    if match is None:
        return None
    name = match.group("name").strip()
    if not name or not name[0].isupper() or len(name.split()) > 6:
        return None
    credit = match.group("credit").strip()
    caption = line[: offset + match.start("credit")].rstrip()
    return caption, credit, name


def parse_plain(text: str, *, source: str | None) -> tuple[TextBuilder, ArticleMeta]:
    """Parse normalised plain text into blocks and metadata."""
    out = TextBuilder()
    head = _Header()
    in_header = True
    chunks = list(paragraphs(text))
    last = len(chunks) - 1
    for index, lines in enumerate(chunks):
        if index == 0:
            _read_top(out, head, lines)
            continue
        if in_header and len(lines) == 1 and _header_line(out, head, lines[0]):
            continue
        if _caption(out, head, lines):
            continue
        in_header = False
        if _is_subheading(lines, index, last):
            out.add(BlockKind.HEADING, lines[0], level=2)
            continue
        for paragraph in split_line_paragraphs(lines):
            out.add(BlockKind.PARAGRAPH, paragraph)
    meta = ArticleMeta(
        title=head.title or "",
        section=head.section,
        published=head.published,
        updated=head.updated,
        byline=head.byline,
        authors=head.authors,
        source=source,
        credits=tuple(dict.fromkeys(head.credits)),
    )
    return out, meta


def _read_top(out: TextBuilder, head: _Header, lines: list[str]) -> None:
    """The first paragraph: an optional kicker, the title, then header lines
    (dateline, byline, captions); whatever follows them stays one paragraph."""
    rest = list(lines)
    if len(rest) >= 2 and _is_kicker(rest[0], rest[1]):
        out.add(BlockKind.KICKER, rest[0])
        head.section = kicker_section(rest[0])
        rest.pop(0)
    head.title = " ".join(rest[0].split())
    out.add(BlockKind.TITLE, rest.pop(0))
    while rest and (_header_line(out, head, rest[0]) or _caption(out, head, rest[:1])):
        rest.pop(0)
    if rest:
        for paragraph in split_line_paragraphs(rest):
            out.add(BlockKind.PARAGRAPH, paragraph)


_LONG_LINE = 100


def split_line_paragraphs(lines: list[str]) -> list[str]:
    """Text pasted with one paragraph per line and no blank lines between:
    when most lines of a chunk are long prose lines, each line is its own
    paragraph. Hard-wrapped text and short tabular lines stay together."""
    if len(lines) < 2:
        return ["\n".join(lines)]
    long_lines = sum(1 for line in lines if len(line) > _LONG_LINE)
    if long_lines * 5 < len(lines) * 4:
        return ["\n".join(lines)]
    return lines


def _header_line(out: TextBuilder, head: _Header, line: str) -> bool:
    """A dateline ("Published: ...", "Updated: ...", "LONDON 1996-08-30") or a byline."""
    stripped = line.strip()
    match = _DATELINE.match(stripped)
    if match:
        when = parse_date(match.group("value"))
        if when is None and (not match.group("colon") or len(stripped) > 80):
            return False
        out.add(BlockKind.DATELINE, stripped)
        label = match.group("label").lower()
        if "updated" in label or label == "modified":
            head.updated = head.updated or when
        else:
            head.published = head.published or when
        return True
    if _DATE_LINE_ONLY.match(stripped):
        out.add(BlockKind.DATELINE, stripped)
        head.published = head.published or parse_date(stripped.split()[-1])
        return True
    if head.byline is None and _is_byline(stripped):
        out.add(BlockKind.BYLINE, stripped)
        head.byline = stripped
        head.authors = byline_authors(stripped)
        return True
    return False


def _caption(out: TextBuilder, head: _Header, lines: list[str]) -> bool:
    """A one-line paragraph ending with a photo credit: a CAPTION block and a
    CREDIT block, or nothing at all if the same caption was already shown."""
    if len(lines) != 1:
        return False
    split = _split_caption(lines[0].strip())
    if split is None:
        return False
    caption, credit, name = split
    key = " ".join((caption + " " + credit).split())
    if key in head.captions:
        return True
    head.captions.add(key)
    if caption:
        out.add(BlockKind.CAPTION, caption)
    out.add(BlockKind.CREDIT, credit)
    head.credits.append(name)
    return True
