"""Turn files into Articles: one module per input kind, each `-> Article`.

Public interface (used by the CLI, the UI and tests):
- expand(arg) -> list[Path]: a file, or every .txt/.md file in a folder (sorted).
- load_path(path) -> Article: read, decode, sanitise and parse one file.
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
from dataclasses import replace
from pathlib import Path

from reader.errors import BadInputError
from reader.ingest import decode as _decode
from reader.ingest.builder import TextBuilder
from reader.ingest.normalize import normalize
from reader.ingest.plaintext import parse_plain
from reader.ingest.sanitize import sanitize
from reader.model import Article, ArticleMeta

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown")
MAX_TITLE = 300
"""meta.title is clipped to this many characters (with an ellipsis)."""
MARKDOWN_SUFFIXES = (".md", ".markdown")

__all__ = ["ARTICLE_SUFFIXES", "expand", "load_path", "parse", "sanitize"]


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


def load_path(path: str | Path) -> Article:
    """Read one article file. Markdown for .md/.markdown, plain text otherwise."""
    path = Path(path)
    # the file's bytes are let go once decoded, not kept through the parse
    decoded = _decode.decode(_decode.read_bytes(path, _decode.MAX_BYTES), str(path))
    markdown = path.suffix.lower() in MARKDOWN_SUFFIXES
    return parse(
        decoded.text,
        source=str(path),
        markdown=markdown,
        warnings=decoded.warnings,
        name=str(path),
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
