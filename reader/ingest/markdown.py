"""Markdown articles through markdown-it-py (CommonMark plus tables).

The token stream is walked once, without recursion, into blocks of the
canonical text: headings, paragraphs, block quotes (QUOTE with level =
depth), one LIST_ITEM per item (level = nesting depth, ordinal for ordered
lists; further paragraphs of the item are PARAGRAPH blocks with the same
level), code (CODE, text as is), tables (rows "\\n", cells "\\t"). Inline
emphasis, strong, code and links become style spans. Raw HTML keeps its
visible text and images keep their alt text, so no words are lost.

markdown-it-py recurses for nested containers, so nesting is capped at
MAX_NESTING; it drops whatever lies deeper, which this module puts back as
plain text (block-quote and list markers stripped) in one block. What it
may parse at all is budgeted for the whole document (md_budget): chunks
over the budget reach it as placeholder words and come back as plain text.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from reader.ingest.builder import LocalStyle, TextBuilder
from reader.ingest.frontmatter import looks_like_front_matter, parse_front_matter
from reader.ingest.md_budget import defuse
from reader.ingest.normalize import normalize
from reader.model import ArticleMeta, BlockKind, StyleKind
from reader.text.sanitize import sanitize

MAX_NESTING = 50
"""markdown-it-py's maxNesting: deep enough for any real article, shallow
enough that its recursive parser stays far from Python's recursion limit."""

_STYLE_OPEN = {
    "em_open": StyleKind.EMPHASIS,
    "strong_open": StyleKind.STRONG,
    "link_open": StyleKind.LINK,
}
_STYLE_CLOSE = {"em_close", "strong_close", "link_close"}
_BLOCK_TAGS = re.compile(
    r"<\s*/?\s*(?:p|div|br|li|ul|ol|tr|td|th|table|thead|tbody|h[1-6]|pre|blockquote|hr"
    r"|section|article|header|footer|figure|figcaption|dl|dt|dd)\b[^>]*>",
    re.IGNORECASE,
)
_MARKERS = re.compile(r"^(?:[ \t]*(?:>|[-+*](?=[ \t]|$)))*[ \t]*")
_BLANK_RUN = re.compile(r"\n[ \t]*\n\s*")


@cache
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"maxNesting": MAX_NESTING}).enable("table")
    front_matter_plugin(md)
    return md


def _clean(text: str) -> str:
    """Inline text after entity decoding: entities can spell control or bidi
    characters, so it is sanitised again; spaces and tabs are normalised. A
    paragraph separator (U+2029) becomes a single newline: inside one block
    there are no blank lines."""
    return normalize(sanitize(text).replace("\u2029", "\u2028"))


def html_text(raw: str) -> str:
    """The visible text of raw HTML: tags removed (block tags become line
    breaks), entities decoded."""
    # Only up to the last ">": no tag can end after it, and a regex would
    # otherwise read on to the end of the text from every unclosed "<p".
    cut = raw.rfind(">") + 1
    text = _BLOCK_TAGS.sub("\n", raw[:cut]) + raw[cut:]
    return html.unescape(_strip_tags(text))


def _strip_tags(text: str) -> str:
    """`text` without its comments ("<!--" to the first "-->") and tags ("<"
    to the first ">").

    One left-to-right pass with str.find, where a regex substitution would
    retry from every "<" and read on to the end of the text from each
    unclosed "<!--" or "<" (2,000 of them, under the Markdown punctuation
    cap, made a few megabytes take seconds). Once no ">" or "-->" is left,
    none is looked for again."""
    parts: list[str] = []
    pos = 0
    comments = True  # a "-->" may still follow
    while (start := text.find("<", pos)) >= 0:
        if comments and text.startswith("<!--", start):
            close = text.find("-->", start + 4)
            if close >= 0:
                parts.append(text[pos:start])
                pos = close + 3
                continue
            comments = False
        close = text.find(">", start + 1)
        if close < 0:
            break
        parts.append(text[pos:start])
        pos = close + 1
    parts.append(text[pos:])
    return "".join(parts)


@dataclass
class _Container:
    kind: str  # "quote" or "item"
    level: int = 0
    ordinal: int | None = None
    emitted: bool = False


@dataclass
class _ListState:
    ordered: bool
    next_number: int


@dataclass
class _Table:
    rows: list[list[tuple[str, list[LocalStyle]]]] = field(default_factory=list)
    header_rows: int = 0
    in_head: bool = False


def render_inline(children: list[Token]) -> tuple[str, list[LocalStyle]]:
    """Inline tokens to text plus styles relative to it (iterative: image alt
    text nests tokens, and nothing here may recurse)."""
    parts: list[str] = []
    pos = 0
    styles: list[LocalStyle] = []
    open_styles: list[tuple[StyleKind, int, str | None]] = []
    stack: list[tuple[list[Token], int]] = [(children, 0)]
    while stack:
        tokens, index = stack.pop()
        if index >= len(tokens):
            continue
        stack.append((tokens, index + 1))
        tok = tokens[index]
        kind = tok.type
        piece = ""
        if kind in ("text", "text_special"):
            piece = _clean(tok.content)
        elif kind == "code_inline":
            piece = _clean(tok.content)
            if piece:
                styles.append((StyleKind.CODE, pos, pos + len(piece), None))
        elif kind == "softbreak":
            piece = " "
        elif kind == "hardbreak":
            piece = "\n"
        elif kind == "image":
            if tok.children:
                stack.append((tok.children, 0))
        elif kind in _STYLE_OPEN:
            href = tok.attrGet("href") if kind == "link_open" else None
            open_styles.append((_STYLE_OPEN[kind], pos, _clean(str(href)) if href else None))
        elif kind in _STYLE_CLOSE and open_styles:
            style_kind, start, href = open_styles.pop()
            if pos > start:
                styles.append((style_kind, start, pos, href))
        # html_inline: a tag has no visible text; the text around it is kept.
        if piece:
            parts.append(piece)
            pos += len(piece)
    return "".join(parts), styles


class _Walker:
    """One pass over the token stream, keeping the container context."""

    def __init__(self, source_lines: list[str], defused: dict[str, str]) -> None:
        self.out = TextBuilder()
        self.defused = defused
        self.lines = source_lines
        self.containers: list[_Container] = []
        self.lists: list[_ListState] = []
        self.pending: tuple[BlockKind, int] | None = None
        self.table: _Table | None = None
        self.title: str | None = None
        self.title_from_front_matter = False
        self.front = parse_front_matter("")
        self.first_text: str | None = None

    def context(self) -> tuple[BlockKind, int, int | None]:
        """Kind, level and ordinal for a paragraph-like block here."""
        if not self.containers:
            return BlockKind.PARAGRAPH, 0, None
        inner = self.containers[-1]
        if inner.kind == "quote":
            depth = sum(1 for c in self.containers if c.kind == "quote")
            return BlockKind.QUOTE, depth, None
        if not inner.emitted:
            inner.emitted = True
            return BlockKind.LIST_ITEM, inner.level, inner.ordinal
        return BlockKind.PARAGRAPH, inner.level, None

    def add(
        self,
        kind: BlockKind,
        text: str,
        level: int = 0,
        ordinal: int | None = None,
        styles: list[LocalStyle] | None = None,
        header_rows: int = 0,
    ) -> None:
        block = self.out.add(
            kind, text, level=level, ordinal=ordinal, styles=styles or (), header_rows=header_rows
        )
        if block is not None and self.first_text is None and kind is not BlockKind.TITLE:
            self.first_text = text.strip()

    def walk(self, tokens: list[Token]) -> None:
        for tok in tokens:
            self.step(tok)

    def step(self, tok: Token) -> None:
        kind = tok.type
        if kind == "front_matter":
            self.front_matter(tok.content)
        elif kind == "blockquote_open":
            self.containers.append(_Container("quote"))
            if tok.level + 1 >= MAX_NESTING:
                self.truncated(tok, BlockKind.QUOTE)
        elif kind == "blockquote_close":
            self.containers.pop()
        elif kind in ("bullet_list_open", "ordered_list_open"):
            start = tok.attrGet("start")
            number = int(start) if isinstance(start, (int, str)) and str(start).isdigit() else 1
            self.lists.append(_ListState(kind == "ordered_list_open", number))
        elif kind in ("bullet_list_close", "ordered_list_close"):
            self.lists.pop()
        elif kind == "list_item_open":
            self.list_item_open(tok)
        elif kind == "list_item_close":
            self.containers.pop()
        elif kind == "heading_open":
            self.pending = (BlockKind.HEADING, int(tok.tag[1:]) if tok.tag[1:].isdigit() else 1)
        elif kind == "paragraph_open":
            self.pending = None
        elif kind == "inline":
            self.inline(tok)
        elif kind in ("fence", "code_block"):
            self.add(BlockKind.CODE, normalize(tok.content, code=True))
        elif kind == "html_block":
            block_kind, level, ordinal = self.context()
            text = _BLANK_RUN.sub("\n", _clean(html_text(tok.content)))
            self.add(block_kind, text, level, ordinal)
        else:
            self.table_step(tok)

    def list_item_open(self, tok: Token) -> None:
        state = self.lists[-1] if self.lists else _ListState(False, 1)
        ordinal: int | None = None
        if state.ordered:
            ordinal = int(tok.info) if tok.info.isdigit() else state.next_number
            state.next_number = ordinal + 1
        depth = sum(1 for c in self.containers if c.kind == "item") + 1
        self.containers.append(_Container("item", depth, ordinal))
        if tok.level + 1 >= MAX_NESTING:
            self.truncated(tok, BlockKind.LIST_ITEM)

    def truncated(self, tok: Token, kind: BlockKind) -> None:
        """Put back the text markdown-it-py dropped below its nesting limit."""
        if not tok.map:
            return
        start, end = tok.map
        lines = [_MARKERS.sub("", line) for line in self.lines[start:end]]
        text = _clean("\n".join(line for line in lines if line.strip()))
        inner = self.containers[-1]
        inner.emitted = True
        if kind is BlockKind.QUOTE:
            level = sum(1 for c in self.containers if c.kind == "quote")
            self.add(kind, text, level)
        else:
            self.add(kind, text, inner.level, inner.ordinal)

    def inline(self, tok: Token) -> None:
        chunk = self.defused.get(tok.content.strip()) if self.defused else None
        if chunk is not None:
            self.pending = None
            block_kind, level, ordinal = self.context()
            self.add(block_kind, _clean(chunk), level, ordinal)
            return
        text, styles = render_inline(tok.children or [])
        if self.table is not None:
            if self.table.rows:
                self.table.rows[-1].append((text.replace("\n", " "), styles))
            return
        if self.pending is not None:
            _, level = self.pending
            self.pending = None
            if self.title is None and not self.containers and text.strip():
                self.title = " ".join(text.split())
                self.add(BlockKind.TITLE, text, 0, None, styles)
            else:
                self.add(BlockKind.HEADING, text, level, None, styles)
            return
        block_kind, level, ordinal = self.context()
        self.add(block_kind, text, level, ordinal, styles)

    def table_step(self, tok: Token) -> None:
        kind = tok.type
        if kind == "table_open":
            self.table = _Table()
        elif self.table is None:
            return
        elif kind == "thead_open":
            self.table.in_head = True
        elif kind == "thead_close":
            self.table.in_head = False
        elif kind == "tr_open":
            self.table.rows.append([])
            if self.table.in_head:
                self.table.header_rows += 1
        elif kind == "table_close":
            self.emit_table(self.table)
            self.table = None

    def emit_table(self, table: _Table) -> None:
        parts: list[str] = []
        styles: list[LocalStyle] = []
        pos = 0
        for r, row in enumerate(table.rows):
            if r:
                parts.append("\n")
                pos += 1
            for c, (cell, cell_styles) in enumerate(row):
                if c:
                    parts.append("\t")
                    pos += 1
                parts.append(cell)
                styles.extend((k, s + pos, e + pos, h) for k, s, e, h in cell_styles)
                pos += len(cell)
        self.add(BlockKind.TABLE, "".join(parts), styles=styles, header_rows=table.header_rows)

    def front_matter(self, content: str) -> None:
        if not looks_like_front_matter(content):
            # A "---" rule followed by text, not front matter: keep the words.
            self.add(BlockKind.PARAGRAPH, _BLANK_RUN.sub("\n", _clean(content)))
            return
        self.front = parse_front_matter(_clean(content))
        if self.front.title:
            self.title = " ".join(self.front.title.split())
            self.title_from_front_matter = True
            self.add(BlockKind.TITLE, self.title)


def parse_markdown(text: str, *, source: str | None) -> tuple[TextBuilder, ArticleMeta]:
    """Parse sanitised Markdown text into blocks and metadata."""
    text, defused = defuse(text.lstrip("\ufeff"))
    tokens = _parser().parse(text)
    walker = _Walker(text.split("\n"), defused)
    walker.walk(tokens)
    front = walker.front
    title = walker.title
    if title is None:
        first = walker.first_text or ""
        title = " ".join(first.split("\n", 1)[0].split())[:200]
    authors = front.authors
    return walker.out, ArticleMeta(
        title=title,
        section=front.section,
        published=front.published,
        updated=front.updated,
        byline=", ".join(authors) if authors else None,
        authors=authors,
        source=source,
        url=front.url,
    )
