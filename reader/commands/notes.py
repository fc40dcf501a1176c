"""`reader notes add | list | rm | import`: highlights from the shell.

How scripts, tests and benchmarks drive the store. `add` finds the quoted
words in the article (tolerating differences in whitespace, line breaks and
curly vs straight quotes), records the article in the library and prints
the new highlight's id. `import` reads JSON Lines ({path, quote, tags?,
note?, color?, nth?}, one per "\n"-ended line), reports each bad line with
its number and imports the rest (exit status 1 if any line failed), or with
--strict stops at the first bad line having written nothing. Lines that
repeat a highlight already saved (same passage, colour, tags and note) are
skipped; the check is a set lookup per line, so an import is linear in its
lines. If the store fills up midway, the message says which highlights
were saved (their ids are printed) and that importing again adds the rest.
Exit status: 0 ok, 1 error (one sentence on stderr).

A notes file is someone else's data: its "path" may only name an article
file (.txt, .md, .markdown, what ingest reads from a folder) inside the
notes file's own folder or a folder given with --allow-dir, checked after
`~`, `..` and symbolic links are resolved. A relative path is looked up in
those folders, in that order. Otherwise a line could pull any local file
(~/.ssh/id_rsa, /etc/passwd) into the library as an article's text.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from reader.anchor import reanchor
from reader.annotations import (
    Folded,
    check_color,
    clean_tags,
    find_quote,
    fold_for_quotes,
    people_in,
    pick_span,
)
from reader.annotations import (
    new_highlight as make_highlight,
)
from reader.commands.store_session import incomplete, opened_store
from reader.errors import BadInputError, ReaderError
from reader.export import highlight_json
from reader.extract import extract
from reader.ingest import ARTICLE_SUFFIXES, load
from reader.model import Article, Extraction, Highlight, LibraryEntry, Span
from reader.output import rich_console, say, say_json, warn
from reader.store import Store, StoreWriteError
from reader.text.sanitize import sanitize
from reader.text.snippets import clip
from reader.text.tags import clean_tag, tag_key

# -- articles -----------------------------------------------------------------------


@dataclass
class Loaded:
    """An article read from a file, with what the library keeps of it."""

    article: Article
    entry: LibraryEntry
    _people: dict[tuple[int, int], tuple[str, ...]] = field(default_factory=dict)
    _extraction: Any = None
    _folded_text: Folded | None = None
    _found: dict[str, list[Span]] = field(default_factory=dict)

    def find(self, quote: str) -> list[Span]:
        """find_quote over the article, folding its text once per article and
        searching it once per distinct quote (imports repeat quotes)."""
        if quote not in self._found:
            if self._folded_text is None:
                self._folded_text = fold_for_quotes(self.article.text)
            self._found[quote] = find_quote(self.article.text, quote, self._folded_text)
        return self._found[quote]

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
            self._people[key] = people_in(self._extraction, span.start, span.end)
        return self._people[key]


def load_article(path: str | Path) -> Loaded:
    """Ingest a file once: the article and its library entry (with the decoded
    source text, so the library can reopen it after the file is gone)."""
    loaded = load(path)
    return Loaded(loaded.article, loaded.entry())


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
    """The highlight of the quoted words in the loaded article, made by the same
    rule as the TUI's (reader.annotations.new_highlight)."""
    span = pick_span(loaded.find(quote), quote, where, nth)
    highlight = make_highlight(
        loaded.article,
        span.start,
        span.end,
        color=check_color(color),
        tags=clean_tags(tags),
        note=note,
    )
    return replace(highlight, people=loaded.people_in(span))


def _open_store(
    args: argparse.Namespace, *, readonly: bool = False
) -> AbstractContextManager[Store]:
    """The store for a command; what it finds (a damaged file...) is said on stderr."""
    return opened_store(args, readonly=readonly)


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


def list_(args: argparse.Namespace) -> int:
    current: Article | None = None
    with _open_store(args, readonly=True) as store:
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
        key = tag_key(args.tag)
        highlights = [h for h in highlights if key in {tag_key(t) for t in h.tags}]
    if current is not None:
        # Show where each highlight is in the file as it is now.
        highlights = [reanchor(current.text, h) for h in highlights]
    for h in highlights:
        entry = entries.get(h.article_id)
        title = entry.title if entry else None
        if args.json:
            say_json(highlight_json(h, title))
            continue
        tags = " ".join(f"#{clean_tag(t)}" for t in h.tags)
        flag = " (orphaned)" if h.orphaned else ""
        line = f"{h.id[:8]}  {h.color:<6}  {clip(title or h.article_id, 30)}{flag}"
        say(line)
        say(f"    \u201c{clip(h.exact, 100)}\u201d" + (f"  {tags}" if tags else ""))
        if h.note:
            say(f"    note: {clip(h.note, 100)}")
    return 1 if incomplete(store) else 0


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


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def restore(args: argparse.Namespace) -> int:
    """Bring back the kept backups of damaged notes files, merged with what
    was saved since; say how many highlights (and library entries) came back."""
    with opened_store(args, restore_command=None) as store:
        highlights = {h.id for h in store.highlights()}
        articles = {e.article_id for e in store.articles()}
        files = store.restore_backup()
        highlights = {h.id for h in store.highlights()} - highlights
        articles = {e.article_id for e in store.articles()} - articles
    if not files:
        warn("nothing was restored.")
        return 1
    back = _count(len(highlights), "highlight", "highlights")
    if articles:
        back += " and " + _count(len(articles), "library entry", "library entries")
    warn(f"the backup was restored; {back} came back.")
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
    folders: tuple[Path, ...]
    """Where articles may come from (resolved): the notes file's folder, then --allow-dir."""
    articles: dict[str, Loaded] = field(default_factory=dict)
    failures: dict[str, str] = field(default_factory=dict)
    paths: dict[str, Path | str] = field(default_factory=dict)
    """Each "path" value seen: the file it names, or why it is refused."""

    def resolve(self, raw: str) -> Path:
        """The article file a line names, or LineError: see the module docstring."""
        if raw not in self.paths:
            try:
                self.paths[raw] = self._check(raw)
            except LineError as exc:
                self.paths[raw] = str(exc)
        found = self.paths[raw]
        if isinstance(found, str):
            raise LineError(found)
        return found

    def _check(self, raw: str) -> Path:
        try:
            given = Path(raw).expanduser()
            # An absolute path stays itself: folder / "/x" is "/x".
            candidates = [folder / given for folder in self.folders]
            real = next((c for c in candidates if c.exists()), candidates[0])
            real = real.resolve()  # `..` and every symbolic link that exists
        except (OSError, RuntimeError, ValueError) as exc:
            raise LineError(f"the path {raw!r} cannot be followed ({exc}).") from None
        if not any(real.is_relative_to(folder) for folder in self.folders):
            where = "the notes file's folder" + (
                " or a folder given with --allow-dir" if len(self.folders) > 1 else ""
            )
            raise LineError(
                f"the path {raw!r} is outside {where}; articles are imported only from "
                "there (add its folder with --allow-dir to allow it)."
            )
        if real.suffix.lower() not in ARTICLE_SUFFIXES:
            raise LineError(
                f"the path {raw!r} is not an article file; only "
                f"{', '.join(ARTICLE_SUFFIXES)} files are imported."
            )
        return real

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


DedupKey = tuple[str, int, int, str, str, tuple[str, ...], str]


def dedup_key(h: Highlight) -> DedupKey:
    """What makes two highlights the same for an import (passage, colour,
    tags, note as the store keeps it): kept in a set, one lookup per line."""
    return (h.article_id, h.start, h.end, h.exact, h.color, h.tags, sanitize(h.note))


def _read_lines(source: Path) -> list[str]:
    """The lines of a JSON Lines file. Split on "\n" only: str.splitlines()
    also splits on U+2028, U+2029, U+0085 and other separators that are
    legal, unescaped, inside a JSON string (a "\r" before the "\n" is JSON
    white space, and a leading byte-order mark is dropped)."""
    if source.is_dir():
        raise BadInputError(f"{source}: is a folder; give a .jsonl file.")
    try:
        text = source.read_bytes().decode("utf-8-sig")
    except FileNotFoundError as exc:
        raise BadInputError(f"{source}: no such file.") from exc
    except UnicodeDecodeError as exc:
        raise BadInputError(f"{source}: is not UTF-8 text.") from exc
    except OSError as exc:
        raise BadInputError(f"{source}: cannot be read ({exc.strerror}).") from exc
    lines = text.split("\n")
    if lines and not lines[-1]:
        lines.pop()
    return lines


def _folders(source: Path, allowed: Sequence[str]) -> tuple[Path, ...]:
    """The notes file's folder, then each --allow-dir, resolved."""
    folders = [source.resolve().parent]
    for raw in allowed:
        folder = Path(raw).expanduser()
        if not folder.is_dir():
            raise BadInputError(f"--allow-dir {raw}: no such folder.")
        folders.append(folder.resolve())
    return tuple(dict.fromkeys(folders))


def import_(args: argparse.Namespace) -> int:
    source = Path(args.file)
    lines = _read_lines(source)
    importer = _Importer(folders=_folders(source, getattr(args, "allow_dir", None) or ()))
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
    failed: StoreWriteError | None = None
    with _open_store(args) as store:
        fresh: list[Highlight] = []
        known: set[DedupKey] = set()
        read: set[str] = set()
        for h in made:
            if h.article_id not in read:
                read.add(h.article_id)
                known.update(map(dedup_key, store.highlights(h.article_id)))
            key = dedup_key(h)
            if key in known:
                skipped += 1
                continue
            known.add(key)
            fresh.append(h)
        used = {h.article_id for h in fresh}
        store.upsert_articles(
            loaded.entry for loaded in importer.articles.values() if loaded.article.id in used
        )
        try:
            store.add_many(fresh)
        except StoreWriteError as exc:
            failed = exc
    saved = fresh if failed is None else failed.saved
    for h in saved:
        say(h.id)
    if failed is not None:
        rest = len(fresh) - len(saved)
        warn(
            f"the notes store could not be saved ({failed.reason or failed}): "
            f"{len(saved)} of {len(fresh)} highlights were imported and {rest} "
            f"{'was' if rest == 1 else 'were'} not; importing the file again adds the rest."
        )
        return 1
    summary = f"imported {len(fresh)} highlight{'s' if len(fresh) != 1 else ''}"
    if skipped:
        summary += f", {skipped} already saved"
    if bad:
        summary += f"; {bad} line{'s' if bad != 1 else ''} could not be imported"
    warn(summary + ".")
    return 1 if bad else 0
