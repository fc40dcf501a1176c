"""The query language: text in, a `ParsedQuery` out, never an exception.

A query is a list of clauses that must all match; a clause is one atom or
several joined by OR. Whatever the user typed, `parse_query` returns what it
understood plus warnings (unclosed quote, unknown field, bad date...) so the
UI and CLI can answer a malformed query with a hint instead of an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Literal, get_args

from reader.model import COLORS
from reader.text.tags import tag_key
from reader.text.words import tokens

QUERY_HELP = """\
Search saved highlights (their text, note, tags and article title).

  trade china        every word must match, in any order
  tra                the last word also matches as a prefix while you type
  "exact phrase"     the words next to each other, in this order
  tariff OR duty     either side may match (OR in capitals; binds tighter
                     than the spaces: a OR b c  means  (a or b) and c)
  -word  -"a b"      leave out highlights that match (works on fields too)
  tag:trade  #trade  has the tag (tag:"trade war" for tags with spaces)
  article:xiaomi     the article's title has the word
  person:"Lei Jun"   the passage mentions or quotes the person (any alias)
  color:yellow       yellow, green, blue, pink or purple
  has:note           also has:tag, has:person
  is:orphan          the passage was not found again in the changed article;
                     also is:article for notes on a whole article
  after:2026-01-01   saved on or after that day (YYYY, YYYY-MM or YYYY-MM-DD;
  before:2026-02     a partial date means its first day); before is exclusive
  published-after:2026-01-01  published-before:2026-03
                     the same, on the article's publication date

Case, accents and punctuation do not matter: "Zhou" finds "Zhōu" and
"win-win" finds "win win". Words of five letters or more forgive a small typo
(one letter wrong or two swapped; two from seven letters). Matches in notes and tags rank
above matches in the text; newer highlights come first on ties. An empty
query lists the most recent highlights.
"""

AtomKind = Literal[
    "word",
    "phrase",
    "tag",
    "article",
    "person",
    "color",
    "has",
    "is",
    "after",
    "before",
    "published-after",
    "published-before",
]

FIELDS: tuple[str, ...] = tuple(k for k in get_args(AtomKind) if k not in ("word", "phrase"))
"""The `name:` fields the language knows, derived from AtomKind."""
_FIELD_ALIASES = {
    "tags": "tag",
    "colour": "color",
    "title": "article",
    "people": "person",
    "published_after": "published-after",
    "published_before": "published-before",
}
HAS_VALUES = {"note": "note", "notes": "note", "tag": "tag", "tags": "tag"}
HAS_VALUES |= {"person": "person", "people": "person"}
IS_VALUES = {"orphan": "orphan", "orphaned": "orphan", "article": "article", "whole": "article"}

_DATE_KINDS: dict[str, AtomKind] = {
    "after": "after",
    "before": "before",
    "published-after": "published-after",
    "published-before": "published-before",
}
_FIELD_RE = re.compile(r"([A-Za-z][A-Za-z_-]*):")
_DATE_RE = re.compile(r"(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?")


@dataclass(frozen=True, slots=True)
class Atom:
    """One thing to match.

    `tokens` are normalised words: one for "word", several for "phrase",
    "article" and "person"; the normalised tag for "tag"; the colour for
    "color"; the value for "has"/"is". `day` is set for the date kinds.
    `prefix` lets the last token match as a prefix (the word being typed).
    """

    kind: AtomKind
    tokens: tuple[str, ...] = ()
    raw: str = ""
    negated: bool = False
    prefix: bool = False
    day: date | None = None

    def describe(self) -> str:
        """A short human phrase for what this atom matches."""
        words = " ".join(self.tokens) + ("…" if self.prefix else "")
        match self.kind:
            case "word":
                text = words
            case "phrase":
                text = f'"{words}"'
            case "tag":
                text = f"tag {words}"
            case "article":
                text = f"article title {words}"
            case "person":
                text = f"person {words}"
            case "color":
                text = f"colour {words}"
            case "has":
                text = f"has a {self.tokens[0]}"
            case "is":
                text = "orphaned" if self.tokens[0] == "orphan" else "whole-article note"
            case "after":
                text = f"saved on or after {self.day}"
            case "before":
                text = f"saved before {self.day}"
            case "published-after":
                text = f"published on or after {self.day}"
            case "published-before":
                text = f"published before {self.day}"
        return f"not {text}" if self.negated else text


Clause = tuple[Atom, ...]
"""Alternatives: the clause matches when any of its atoms does."""


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    """What a query asks for, what was understood, and what went wrong."""

    text: str
    clauses: tuple[Clause, ...]
    warnings: tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        """True when nothing constrains the results (list recent highlights)."""
        return not self.clauses

    @property
    def description(self) -> str:
        """What was understood, e.g. 'trade, "win win", tag china, not tariff'."""
        if not self.clauses:
            return "everything, most recent first"
        return ", ".join(" or ".join(a.describe() for a in clause) for clause in self.clauses)

    @property
    def hint(self) -> str | None:
        """'understood X; <warnings>' when the query was malformed, else None."""
        if not self.warnings:
            return None
        return f"understood {self.description}; " + "; ".join(self.warnings)

    @property
    def words(self) -> frozenset[str]:
        """The positive free-text tokens (to emphasise in results)."""
        return frozenset(
            t
            for clause in self.clauses
            for a in clause
            if a.kind in ("word", "phrase") and not a.negated
            for t in a.tokens
        )


def _parse_day(value: str) -> date | None:
    m = _DATE_RE.fullmatch(value.strip())
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))
    except ValueError:
        return None


class _Scanner:
    """Splits query text into atoms and OR markers, collecting warnings."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.warnings: list[str] = []
        self.items: list[Atom | None] = []  # None marks an OR
        self.last_open = False  # the final item ended without a space or closing quote

    def quoted(self) -> str:
        """Read a "..." string starting at self.pos (on the quote)."""
        end = self.text.find('"', self.pos + 1)
        if end < 0:
            value = self.text[self.pos + 1 :]
            self.warnings.append(f'unclosed quote: read "{value.strip()}" to the end')
            self.pos = len(self.text)
            self.last_open = True
            return value
        value = self.text[self.pos + 1 : end]
        self.pos = end + 1
        self.last_open = False
        return value

    def bare(self) -> str:
        """Read up to whitespace or a quote."""
        start = self.pos
        while self.pos < len(self.text) and not self.text[self.pos].isspace():
            if self.text[self.pos] == '"':
                break
            self.pos += 1
        self.last_open = self.pos == len(self.text)
        return self.text[start : self.pos]

    def run(self) -> None:
        text = self.text
        while True:
            while self.pos < len(text) and text[self.pos].isspace():
                self.pos += 1
            if self.pos >= len(text):
                return
            negated = False
            if text[self.pos] == "-" and self.pos + 1 < len(text):
                nxt = text[self.pos + 1]
                if not nxt.isspace() and nxt != "-":
                    negated = True
                    self.pos += 1
            if text[self.pos] == '"':
                self.add_words(self.quoted(), negated, phrase=True)
                continue
            field = _FIELD_RE.match(text, self.pos)
            if field:
                self.pos = field.end()
                if self.pos < len(text) and text[self.pos] == '"':
                    value = self.quoted()
                else:
                    value = self.bare()
                self.add_field(field.group(1), value, negated)
                continue
            chunk = self.bare()
            if chunk == "OR" and not negated:
                self.items.append(None)
            elif chunk.startswith("#") and len(chunk) > 1:
                self.add_field("tag", chunk[1:], negated)
            else:
                self.add_words(chunk, negated, phrase=False)

    def add_words(self, value: str, negated: bool, *, phrase: bool) -> None:
        toks = tuple(tokens(value))
        if not toks:
            return
        kind: AtomKind = "phrase" if phrase or len(toks) > 1 else "word"
        self.items.append(Atom(kind, toks, value, negated))

    def add_field(self, name: str, value: str, negated: bool) -> None:
        key = name.lower()
        key = _FIELD_ALIASES.get(key, key)
        if key not in FIELDS:
            self.warnings.append(
                f"unknown field '{name}:' (searched for the words instead; "
                f"fields are {', '.join(f + ':' for f in FIELDS)})"
            )
            self.add_words(name, negated, phrase=False)
            self.add_words(value, negated, phrase=False)
            return
        if not value.strip():
            self.warnings.append(f"'{key}:' needs a value")
            return
        atom = self.field_atom(key, value, negated)
        if atom is not None:
            self.items.append(atom)

    def field_atom(self, key: str, value: str, negated: bool) -> Atom | None:
        raw = value
        match key:
            case "tag":
                tag = tag_key(value.lstrip("#"))
                return Atom("tag", (tag,), raw, negated) if tag else None
            case "article" | "person":
                toks = tuple(tokens(value))
                return Atom(key, toks, raw, negated) if toks else None
            case "color":
                return Atom("color", (value.strip().lower(),), raw, negated)
            case "has" | "is":
                table = HAS_VALUES if key == "has" else IS_VALUES
                canon = table.get(value.strip().lower())
                if canon is None:
                    known = ", ".join(sorted(set(table.values())))
                    self.warnings.append(f"'{key}:{value}' is not known ({key}: takes {known})")
                    return None
                return Atom(key, (canon,), raw, negated)
            case _:
                day = _parse_day(value)
                if day is None:
                    self.warnings.append(
                        f"'{key}:{value}' is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)"
                    )
                    return None
                return Atom(_DATE_KINDS[key], (), raw, negated, day=day)


def _group(items: list[Atom | None], warnings: list[str]) -> list[list[Atom]]:
    """Join atoms around OR markers into clauses."""
    clauses: list[list[Atom]] = []
    pending_or = False
    dangling = False
    for item in items:
        if item is None:
            if not clauses or pending_or:
                dangling = True
            pending_or = True
            continue
        if pending_or and clauses:
            clauses[-1].append(item)
        else:
            clauses.append([item])
        pending_or = False
    if pending_or or dangling:
        warnings.append("OR needs something on both sides (ignored where it had not)")
    return clauses


def _with_prefix(atom: Atom) -> Atom:
    """The atom being typed: let its last token match as a prefix (not when
    excluding: "-t" would leave out nearly everything while being typed)."""
    if atom.negated:
        return atom
    if atom.kind in ("word", "phrase", "tag", "article", "person", "color"):
        return Atom(atom.kind, atom.tokens, atom.raw, atom.negated, True, atom.day)
    return atom


def _check_colors(clauses: list[list[Atom]], warnings: list[str]) -> list[list[Atom]]:
    """Drop colour filters that name no colour (a prefix of one is fine while typing)."""
    out: list[list[Atom]] = []
    for clause in clauses:
        kept: list[Atom] = []
        for atom in clause:
            if atom.kind == "color":
                value = atom.tokens[0]
                ok = value in COLORS or (atom.prefix and any(c.startswith(value) for c in COLORS))
                if not ok:
                    warnings.append(f"no colour '{value}' (colours are {', '.join(COLORS)})")
                    continue
            kept.append(atom)
        if kept:
            out.append(kept)
    return out


def parse_query(text: str, *, prefix_last: bool = True) -> ParsedQuery:
    """Parse `text` into a ParsedQuery; never raises.

    With `prefix_last` (the default, for search as you type) the last word,
    if the text does not end in a space, also matches words it begins.
    """
    scanner = _Scanner(text)
    scanner.run()
    warnings = scanner.warnings
    items = scanner.items
    if prefix_last and scanner.last_open and items and items[-1] is not None:
        items[-1] = _with_prefix(items[-1])
    clauses = _check_colors(_group(items, warnings), warnings)
    return ParsedQuery(text, tuple(tuple(c) for c in clauses), tuple(warnings))
