"""`reader notes add | list | rm | import`: highlights from the shell.

How scripts, tests and benchmarks drive the store. `add` finds the quoted
words in the article (tolerating differences in whitespace, line breaks and
curly vs straight quotes), records the article in the library and prints
the new highlight's id. `import` reads JSON Lines ({path, quote, tags?,
note?, color?, nth?}; a relative path is looked up from the current folder,
then from the JSONL file's folder), reports each bad line with its number
and imports the rest (exit status 1 if any line failed), or with --strict
stops at the first bad line having written nothing. Lines that repeat a
highlight already saved (same passage, colour, tags and note) are skipped.
Exit status: 0 ok, 1 error (one sentence on stderr).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from reader.anchor import make_selector, reanchor
from reader.errors import BadInputError, ReaderError
from reader.extract import extract
from reader.ingest import MARKDOWN_SUFFIXES, decode, parse
from reader.ingest.sanitize import one_line
from reader.model import COLORS, Article, Extraction, Highlight, LibraryEntry, Span
from reader.output import rich_console, say, say_json, warn
from reader.paths import db_path
from reader.store import Store
from reader.tags import clean_tag, parse_tags, unique_tags

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


# -- finding the quoted words ---------------------------------------------------


def _folded(text: str) -> tuple[str, list[int]]:
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


def find_quote(text: str, quote: str, folded: tuple[str, list[int]] | None = None) -> list[Span]:
    """Every place the quoted words appear in `text`, ignoring differences in
    whitespace and in quote marks (curly or straight). `folded` is
    _folded(text) when the caller already has it."""
    needle, _ = _folded(quote.strip())
    if not needle:
        return []
    hay, where = folded if folded is not None else _folded(text)
    spans: list[Span] = []
    i = hay.find(needle)
    while i != -1:
        spans.append(Span(where[i], where[i + len(needle) - 1] + 1))
        i = hay.find(needle, i + 1)
    return spans


def pick_span(spans: Sequence[Span], quote: str, where: str, nth: int | None) -> Span:
    """The one occurrence meant, or a clear error."""
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


def clean_tags(tags: Sequence[str]) -> tuple[str, ...]:
    """Tags as given on the command line or in an import file: each value may
    hold several (`#a #b` or `a, b`), read by the same rules as the TUI."""
    return unique_tags(tag for raw in tags for tag in parse_tags(raw))


def _tag_key(tag: str) -> str:
    return "-".join(re.findall(r"\w+", tag.casefold()))


def check_color(color: str | None) -> str:
    if color is None:
        return COLORS[0]
    folded = color.strip().lower()
    if folded not in COLORS:
        raise BadInputError(f"Unknown colour {color!r}; use one of {', '.join(COLORS)}.")
    return folded


# -- articles -----------------------------------------------------------------------


@dataclass
class Loaded:
    """An article read from a file, with what the library keeps of it."""

    article: Article
    entry: LibraryEntry
    _people: dict[tuple[int, int], tuple[str, ...]] = field(default_factory=dict)
    _extraction: Any = None
    _folded_text: tuple[str, list[int]] | None = None

    def find(self, quote: str) -> list[Span]:
        """find_quote over the article, folding its text once per article."""
        if self._folded_text is None:
            self._folded_text = _folded(self.article.text)
        return find_quote(self.article.text, quote, self._folded_text)

    def people_in(self, span: Span) -> tuple[str, ...]:
        """Names (and aliases) of people mentioned or quoted in the passage."""
        key = (span.start, span.end)
        if key not in self._people:
            if self._extraction is None:
                try:
                    self._extraction = extract(self.article)
                except Exception as exc:
                    # People only help search; a bug there must not lose the highlight.
                    warn(
                        f"people could not be found in {self.entry.path} "
                        f"({type(exc).__name__}); the highlight is saved without them."
                    )
                    self._extraction = Extraction()
            self._people[key] = people_in(self._extraction, span)
        return self._people[key]


def people_in(extraction: Any, span: Span) -> tuple[str, ...]:
    names: list[str] = []
    by_name = {p.name: p for p in extraction.people}

    def add(*more: str) -> None:
        names.extend(n for n in more if n and n not in names)

    for person in extraction.people:
        if any(s.overlaps(span) for s in person.spans):
            add(person.name, *person.aliases)
    for quote in extraction.quotes:
        if quote.speaker and quote.span.overlaps(span):
            person = by_name.get(quote.speaker)
            add(quote.speaker, *(person.aliases if person else ()))
    return tuple(names)


def load_article(path: str | Path) -> Loaded:
    """Ingest a file once: the article and its library entry (with the decoded
    source text, so the library can reopen it after the file is gone)."""
    path = Path(path)
    if path.is_dir():
        raise BadInputError(f"{path}: is a folder; give an article file.")
    decoded = decode.decode(decode.read_bytes(path, decode.MAX_BYTES), str(path))
    markdown = path.suffix.lower() in MARKDOWN_SUFFIXES
    article = parse(
        decoded.text,
        source=str(path),
        markdown=markdown,
        warnings=decoded.warnings,
        name=str(path),
    )
    entry = LibraryEntry(
        article_id=article.id,
        path=str(path.resolve()),
        title=article.meta.title,
        section=article.meta.section,
        published=article.meta.published,
        source_text=decoded.text,
        is_markdown=markdown,
    )
    return Loaded(article, entry)


def new_highlight(
    loaded: Loaded,
    quote: str,
    *,
    where: str,
    nth: int | None = None,
    tags: Sequence[str] = (),
    note: str = "",
    color: str | None = None,
) -> Highlight:
    text = loaded.article.text
    span = pick_span(loaded.find(quote), quote, where, nth)
    exact, prefix, suffix = make_selector(text, span.start, span.end)
    now = datetime.now()
    return Highlight(
        id=str(uuid.uuid4()),
        article_id=loaded.article.id,
        start=span.start,
        end=span.end,
        exact=exact,
        prefix=prefix,
        suffix=suffix,
        color=check_color(color),
        tags=clean_tags(tags),
        note=note,  # the store cleans notes and tags on every write
        created=now,
        updated=now,
        people=loaded.people_in(span),
    )


def _open_store(args: argparse.Namespace, *, readonly: bool = False) -> Store:
    store = Store.open(db_path(getattr(args, "db", None)), readonly=readonly)
    for notice in store.notices:
        warn(notice)
    return store


# -- commands -------------------------------------------------------------------------


def add(args: argparse.Namespace) -> int:
    loaded = load_article(args.path)
    h = new_highlight(
        loaded,
        args.quote,
        where=str(args.path),
        nth=args.nth,
        tags=args.tag,
        note=args.note,
        color=args.color,
    )
    with _open_store(args) as store:
        store.upsert_article(loaded.entry)
        store.add(h)
    say(h.id)
    return 0


def to_json(h: Highlight, title: str | None) -> dict[str, Any]:
    return {
        "id": h.id,
        "article_id": h.article_id,
        "title": title,
        "text": h.exact,
        "prefix": h.prefix,
        "suffix": h.suffix,
        "start": h.start,
        "end": h.end,
        "orphaned": h.orphaned,
        "tags": list(h.tags),
        "note": h.note,
        "color": h.color,
        "people": list(h.people),
        "created": h.created.isoformat(),
        "updated": h.updated.isoformat(),
    }


def _one_line(text: str, width: int) -> str:
    flat = one_line(text)
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def list_(args: argparse.Namespace) -> int:
    current: Article | None = None
    with _open_store(args) as store:
        entries = {e.article_id: e for e in store.articles()}
        if args.article:
            path = Path(args.article)
            wanted = {e.article_id for e in entries.values() if e.path == str(path.resolve())}
            if path.exists():
                current = load_article(path).article
                wanted.add(current.id)
            elif not wanted:
                raise BadInputError(f"{args.article}: no such file, and no article from there.")
            highlights = [h for aid in sorted(wanted) for h in store.highlights(aid)]
            highlights.sort(key=lambda h: (h.start, h.end, h.created))
        else:
            highlights = store.highlights()
    if args.tag:
        key = _tag_key(args.tag.lstrip("#"))
        highlights = [h for h in highlights if key in {_tag_key(t) for t in h.tags}]
    if current is not None:
        # Show where each highlight is in the file as it is now.
        highlights = [reanchor(current.text, h) for h in highlights]
    for h in highlights:
        entry = entries.get(h.article_id)
        title = entry.title if entry else None
        if args.json:
            say_json(to_json(h, title))
            continue
        tags = " ".join(f"#{clean_tag(t)}" for t in h.tags)
        flag = " (orphaned)" if h.orphaned else ""
        line = f"{h.id[:8]}  {h.color:<6}  {_one_line(title or h.article_id, 30)}{flag}"
        say(line)
        say(f"    \u201c{_one_line(h.exact, 100)}\u201d" + (f"  {tags}" if tags else ""))
        if h.note:
            say(f"    note: {_one_line(h.note, 100)}")
    return 0


def rm(args: argparse.Namespace) -> int:
    prefix = args.id.strip()
    if not prefix:
        raise BadInputError("Give the id of the highlight to remove.")
    with _open_store(args) as store:
        found = store.find_prefix(prefix)
        if not found:
            raise BadInputError(f"No highlight has an id starting with {prefix!r}.")
        exact = [h for h in found if h.id == prefix]
        if len(found) > 1 and not exact:
            raise BadInputError(
                f"{len(found)} highlights have ids starting with {prefix!r}; give more characters."
            )
        target = exact[0] if exact else found[0]
        store.delete(target.id)
    say(target.id)
    return 0


# -- import ----------------------------------------------------------------------------


class LineError(ReaderError):
    """One line of an import file that cannot be imported."""


def _field(obj: dict[str, Any], key: str, kind: type, default: Any = None) -> Any:
    value = obj.get(key, default)
    if value is None:
        return default
    if kind is int and isinstance(value, bool):
        raise LineError(f'"{key}" must be a whole number.')
    if not isinstance(value, kind):
        names = {str: "text", int: "a whole number", list: "a list of tags"}
        raise LineError(f'"{key}" must be {names.get(kind, kind.__name__)}.')
    return value


@dataclass
class _Importer:
    base: Path
    articles: dict[str, Loaded] = field(default_factory=dict)
    failures: dict[str, str] = field(default_factory=dict)

    def resolve(self, raw: str) -> Path:
        path = Path(raw).expanduser()
        if not path.is_absolute() and not path.exists() and (self.base / path).exists():
            path = self.base / path
        return path

    def article(self, raw: str) -> Loaded:
        path = self.resolve(raw)
        key = str(path.resolve())
        if key in self.failures:
            raise LineError(self.failures[key])
        if key not in self.articles:
            try:
                self.articles[key] = load_article(path)
            except ReaderError as exc:
                self.failures[key] = str(exc)
                raise
        return self.articles[key]

    def line(self, raw: str) -> Highlight:
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise LineError(f"not valid JSON ({exc.msg}).") from exc
        except (ValueError, RecursionError) as exc:
            raise LineError("not valid JSON.") from exc
        if not isinstance(obj, dict):
            raise LineError("expected a JSON object with path and quote.")
        path = _field(obj, "path", str)
        quote = _field(obj, "quote", str)
        if not path or not quote or not quote.strip():
            raise LineError('"path" and "quote" are required.')
        tags = _field(obj, "tags", list, [])
        if not all(isinstance(t, str) for t in tags):
            raise LineError('"tags" must be a list of text.')
        note = _field(obj, "note", str, "")
        color = _field(obj, "color", str)
        nth = _field(obj, "nth", int)
        loaded = self.article(path)
        return new_highlight(loaded, quote, where=path, nth=nth, tags=tags, note=note, color=color)


@contextmanager
def _progress(total: int, enabled: bool) -> Iterator[Callable[[], None]]:
    """A rich progress bar on stderr when it is a terminal; else nothing."""
    if not enabled:
        yield lambda: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    with Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=rich_console(stderr=True),
        transient=True,
    ) as progress:
        task = progress.add_task("Importing", total=total)
        yield lambda: progress.advance(task)


def _same(a: Highlight, b: Highlight) -> bool:
    return (a.article_id, a.start, a.end, a.exact, a.color, a.tags, a.note) == (
        b.article_id,
        b.start,
        b.end,
        b.exact,
        b.color,
        b.tags,
        b.note,
    )


def import_(args: argparse.Namespace) -> int:
    source = Path(args.file)
    if source.is_dir():
        raise BadInputError(f"{source}: is a folder; give a .jsonl file.")
    try:
        lines = source.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError as exc:
        raise BadInputError(f"{source}: no such file.") from exc
    except UnicodeDecodeError as exc:
        raise BadInputError(f"{source}: is not UTF-8 text.") from exc
    except OSError as exc:
        raise BadInputError(f"{source}: cannot be read ({exc.strerror}).") from exc
    importer = _Importer(base=source.resolve().parent)
    made: list[Highlight] = []
    bad = 0
    show = sys.stderr.isatty() and len(lines) >= 50
    with _progress(len(lines), show) as step:
        for number, raw in enumerate(lines, 1):
            step()
            if not raw.strip():
                continue
            try:
                made.append(importer.line(raw))
            except ReaderError as exc:
                bad += 1
                warn(f"{source} line {number}: {exc}")
                if args.strict:
                    warn("nothing was imported (--strict).")
                    return 1
    skipped = 0
    with _open_store(args) as store:
        fresh: list[Highlight] = []
        existing: dict[str, list[Highlight]] = {}
        for h in made:
            if h.article_id not in existing:
                existing[h.article_id] = store.highlights(h.article_id)
            if any(_same(h, old) for old in existing[h.article_id]):
                skipped += 1
                continue
            existing[h.article_id].append(h)
            fresh.append(h)
        used = {h.article_id for h in fresh}
        store.upsert_articles(
            loaded.entry for loaded in importer.articles.values() if loaded.article.id in used
        )
        store.add_many(fresh)
    for h in fresh:
        say(h.id)
    summary = f"imported {len(fresh)} highlight{'s' if len(fresh) != 1 else ''}"
    if skipped:
        summary += f", {skipped} already saved"
    if bad:
        summary += f"; {bad} line{'s' if bad != 1 else ''} could not be imported"
    warn(summary + ".")
    return 1 if bad else 0
