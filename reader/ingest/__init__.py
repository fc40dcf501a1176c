"""Turn files into Articles: one module per input kind, each `-> Article`.

Public interface (used by the CLI, the UI and tests):
- expand(arg) -> list[Path]: a file, or every .txt/.md file in a folder (sorted).
- load(path) -> Loaded: read, decode, sanitise and parse one file; the article,
  the decoded text the library keeps (to reopen it if the file goes) and its kind.
- load_path(path) -> Article: load(path).article.
- library_entry(article, source_text) -> LibraryEntry: what the library records.
- parse(text, source=..., markdown=...) -> Article: parse text already in memory.
All failures raise BadInputError with one sentence for the user.

The pipeline is always: bytes -> decode (UTF-8, else cp1252/latin-1 with a
warning; binary refused) -> sanitize (controls, escape sequences, bidi
overrides) -> normalise (spaces, BOM) -> plain-text or Markdown parser ->
canonical text with blocks and styles. Files over MAX_BYTES (64 MiB) are
refused before they are read.
"""

from __future__ import annotations

import stat
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from reader.errors import BadInputError
from reader.ingest import decode as _decode
from reader.ingest.builder import TextBuilder
from reader.ingest.normalize import normalize
from reader.ingest.plaintext import parse_plain
from reader.model import Article, ArticleMeta, LibraryEntry
from reader.text.sanitize import sanitize

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown")
MAX_TITLE = 300
"""meta.title is clipped to this many characters (with an ellipsis)."""
MARKDOWN_SUFFIXES = (".md", ".markdown")

__all__ = [
    "ARTICLE_SUFFIXES",
    "Loaded",
    "expand",
    "library_entry",
    "load",
    "load_path",
    "parse",
    "read_text",
    "sanitize",
]

Kind = Literal["text", "markdown"]


def expand(arg: str | Path) -> list[Path]:
    """The article files an argument names: the file itself, or every
    .txt/.md file directly inside a folder, sorted by name."""
    path = Path(arg)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise BadInputError(f"{arg}: no such file or folder.") from None
    except OSError as exc:
        raise BadInputError(f"{arg}: cannot be read ({exc.strerror or exc}).") from None
    if stat.S_ISDIR(info.st_mode):
        try:
            entries = list(path.iterdir())
        except OSError as exc:
            raise BadInputError(f"{arg}: the folder cannot be read ({exc.strerror}).") from None
        found = sorted(
            p for p in entries if p.suffix.lower() in ARTICLE_SUFFIXES and _is_regular(p)
        )
        if not found:
            raise BadInputError(f"{arg}: the folder has no .txt or .md articles.")
        return found
    return [path]


def _is_regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return False


def is_markdown_path(path: str | Path | None) -> bool:
    """Whether a file is read as Markdown (by its suffix)."""
    return path is not None and Path(path).suffix.lower() in MARKDOWN_SUFFIXES


@dataclass(frozen=True, slots=True)
class Loaded:
    """One file read: the article, the decoded text the library keeps (so the
    article reopens after the file is gone) and the kind it was parsed as."""

    article: Article
    source_text: str
    kind: Kind

    def entry(self) -> LibraryEntry:
        """The library's record of this article."""
        return library_entry(self.article, self.source_text)


def load(path: str | Path) -> Loaded:
    """Read one article file. Markdown for .md/.markdown, plain text otherwise."""
    path = Path(path)
    if path.is_dir():
        raise BadInputError(f"{path}: is a folder; give an article file.")
    # the file's bytes are let go once decoded, not kept through the parse
    decoded = _decode.decode(_decode.read_bytes(path, _decode.MAX_BYTES), str(path))
    markdown = is_markdown_path(path)
    article = parse(
        decoded.text,
        source=str(path),
        markdown=markdown,
        warnings=decoded.warnings,
        name=str(path),
    )
    return Loaded(article, decoded.text, "markdown" if markdown else "text")


def read_text(path: str | Path) -> str:
    """A file's decoded text, as load() would keep it."""
    return _decode.decode(_decode.read_bytes(Path(path), _decode.MAX_BYTES), str(path)).text


def load_path(path: str | Path) -> Article:
    """The article in one file (load(path) without its source text)."""
    return load(path).article


def library_entry(article: Article, source_text: str) -> LibraryEntry:
    """What the library records of an article read from a file."""
    path = article.meta.source
    return LibraryEntry(
        article_id=article.id,
        path=str(Path(path).resolve()) if path else None,
        title=article.meta.title,
        section=article.meta.section,
        published=article.meta.published,
        source_text=source_text,
        is_markdown=is_markdown_path(path),
    )


def parse(
    text: str,
    *,
    source: str | None = None,
    markdown: bool = False,
    warnings: tuple[str, ...] = (),
    name: str | None = None,
) -> Article:
    """Parse text already in memory. Raises BadInputError when nothing but
    whitespace is left after sanitising."""
    clean = sanitize(text)
    plain = normalize(clean)  # once: each pass copies the whole text
    if not plain or plain.isspace():
        raise BadInputError(f"{name or source or 'input'}: the article is empty.")
    built: tuple[TextBuilder, ArticleMeta] | None = None
    if markdown:
        from reader.ingest.markdown import parse_markdown

        built = parse_markdown(clean, source=source)
    if built is None or not built[0].has_blocks():
        built = parse_plain(plain, source=source)
    builder, meta = built
    if len(meta.title) > MAX_TITLE:
        meta = replace(meta, title=clip_title(meta.title))
    return builder.finish(meta, warnings)


def clip_title(title: str) -> str:
    """A title short enough for lists and headers (the TITLE block keeps it all)."""
    if len(title) <= MAX_TITLE:
        return title
    cut = title[: MAX_TITLE - 1]
    space = cut.rfind(" ")
    if space > MAX_TITLE // 2:
        cut = cut[:space]
    return cut.rstrip() + "\u2026"
