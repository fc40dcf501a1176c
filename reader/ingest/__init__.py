"""Turn files into Articles: one module per input kind, each `-> Article`.

Public interface (used by the CLI, the UI and tests):
- expand(arg) -> list[Path]: a file, or every .txt/.md file in a folder.
- load_path(path) -> Article: read, decode, sanitise and parse one file.
- parse(text, source=..., markdown=...) -> Article: parse text already in memory.
All failures raise BadInputError with one sentence for the user.
"""

from __future__ import annotations

from pathlib import Path

from reader.errors import BadInputError
from reader.model import Article, ArticleMeta, Block, BlockKind, Span, article_id

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown")


def expand(arg: str | Path) -> list[Path]:
    path = Path(arg)
    if not path.exists():
        raise BadInputError(f"{arg}: no such file or folder.")
    if path.is_dir():
        found = sorted(
            p for p in path.iterdir() if p.suffix.lower() in ARTICLE_SUFFIXES and p.is_file()
        )
        if not found:
            raise BadInputError(f"{arg}: the folder has no .txt or .md articles.")
        return found
    return [path]


def load_path(path: str | Path) -> Article:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise BadInputError(f"{path}: cannot be read ({exc.strerror}).") from exc
    if not text.strip():
        raise BadInputError(f"{path}: the file is empty.")
    return parse(text, source=str(path), markdown=path.suffix.lower() in (".md", ".markdown"))


def parse(text: str, *, source: str | None = None, markdown: bool = False) -> Article:
    """Minimal plain-text parse: first line is the title, paragraphs on blank lines."""
    paragraphs = [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
    parts: list[str] = []
    blocks: list[Block] = []
    pos = 0
    for i, para in enumerate(paragraphs):
        lines = para.split("\n") if i == 0 else [para]
        for j, chunk in enumerate(lines):
            if parts:
                pos += 2
            kind = BlockKind.TITLE if i == 0 and j == 0 else BlockKind.PARAGRAPH
            blocks.append(Block(kind, Span(pos, pos + len(chunk))))
            parts.append(chunk)
            pos += len(chunk)
    canonical = "\n\n".join(parts)
    title = parts[0] if parts else ""
    return Article(
        id=article_id(canonical),
        text=canonical,
        blocks=tuple(blocks),
        meta=ArticleMeta(title=title, source=source),
    )
