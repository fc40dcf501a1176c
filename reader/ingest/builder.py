"""Assemble the canonical text from blocks, keeping every span exact.

Parsers hand over one block at a time (its text plus inline styles relative
to that text); the builder trims it, joins blocks with exactly "\\n\\n" and
shifts the spans into Article.text.
"""

from __future__ import annotations

from collections.abc import Iterable

from reader.model import (
    Article,
    ArticleMeta,
    Block,
    BlockKind,
    Span,
    StyleKind,
    StyleSpan,
    article_id,
)

LocalStyle = tuple[StyleKind, int, int, str | None]
"""An inline style relative to its block's text: kind, start, end, href."""


class TextBuilder:
    """Collects blocks in reading order and produces the Article."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._pos = 0
        self.blocks: list[Block] = []
        self.styles: list[StyleSpan] = []

    def add(
        self,
        kind: BlockKind,
        text: str,
        *,
        level: int = 0,
        ordinal: int | None = None,
        header_rows: int = 0,
        styles: Iterable[LocalStyle] = (),
    ) -> Block | None:
        """Add a block; leading/trailing whitespace is trimmed (code keeps its
        indentation). Returns None and adds nothing when the text is empty."""
        if kind is BlockKind.TABLE:
            lead = 0
            stripped = text if text.strip() else ""
        elif kind is BlockKind.CODE:
            lead = len(text) - len(text.lstrip("\n"))
            stripped = text[lead:].rstrip()
        else:
            lead = len(text) - len(text.lstrip())
            stripped = text[lead:].rstrip()
        if not stripped:
            return None
        if self._parts:
            self._pos += 2
        start = self._pos
        self._parts.append(stripped)
        self._pos += len(stripped)
        block = Block(kind, Span(start, self._pos), level, ordinal, header_rows)
        self.blocks.append(block)
        size = len(stripped)
        for style_kind, s, e, href in styles:
            s2 = min(max(s - lead, 0), size)
            e2 = min(max(e - lead, 0), size)
            if e2 > s2:
                self.styles.append(StyleSpan(style_kind, Span(start + s2, start + e2), href))
        return block

    @property
    def text(self) -> str:
        return "\n\n".join(self._parts)

    def has_blocks(self) -> bool:
        return bool(self._parts)

    def finish(self, meta: ArticleMeta, warnings: Iterable[str] = ()) -> Article:
        text = self.text
        styles = sorted(self.styles, key=lambda s: (s.span.start, -s.span.end))
        return Article(
            id=article_id(text),
            text=text,
            blocks=tuple(self.blocks),
            meta=meta,
            styles=tuple(styles),
            warnings=tuple(warnings),
        )
