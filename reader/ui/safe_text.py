"""The one way text from outside reaches a widget.

Article text is sanitised at ingest, and store records when they are read,
but the interface also shows strings nobody cleaned for it: file names from
the disk (the Open dialog's completion, error messages), exception text,
notices, and the extraction results that come back from the worker. A
terminal acts on an escape sequence or a C1 control wherever it appears,
and Textual counts a TAB as no cell at all (the text after it is painted
over its neighbour). So every string that is not a constant of this
program becomes a widget's text only through these functions:

- `line(text)`: one line, for titles, names, tags, paths, messages;
- `lines(text)`: several lines kept, for passages and notes;
- `editable(text)`: for a TextArea (which lays out its own tabs);
- `content(text, style)` / `block(text, style)`: the same as Content
  (never markup);
- `assemble(*parts)`: Content.assemble with every string part cleaned;
- `marked(text, spans, ...)`: one line with some spans emphasised.

Both clean the same way: the ingest sanitiser (controls, escape sequences,
bidi overrides), then tabs and Unicode spaces made plain spaces (`lines`
keeps line breaks, `line` folds all white space to single spaces). Clean
text passes through unchanged after one quick scan.

tests/test_ui_safe_text.py scans reader/ui: outside this module, Content
and rich Text are only ever built from constants.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from textual.content import Content

from reader.ingest.normalize import normalize
from reader.text.sanitize import one_line, sanitize

Part = str | tuple[str, str] | Content
"""A piece of `assemble`: a string, (string, style) or Content."""

_FLAT = re.compile("[\t\n\u2028\u2029]")

TYPEABLE = "[^\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]*"
"""`restrict` for an Input: what is typed or pasted into it is shown as it
is typed, so controls and escape sequences are refused there too."""


def line(text: str | None) -> str:
    """`text` as one clean line (None is "")."""
    return one_line(text) if text else ""


def lines(text: str | None) -> str:
    """`text` clean, its line breaks kept (None is "")."""
    return normalize(sanitize(text)) if text else ""


def editable(text: str | None) -> str:
    """`text` for an editor (TextArea): cleaned of controls and escape
    sequences, its line breaks and tabs kept (the editor lays tabs out)."""
    return sanitize(text) if text else ""


def content(text: str | None, style: str = "") -> Content:
    """One clean line as Content, in `style`."""
    return Content.styled(line(text), style) if style else Content(line(text))


def block(text: str | None, style: str = "") -> Content:
    """Clean text of several lines as Content, in `style`."""
    return Content.styled(lines(text), style) if style else Content(lines(text))


def _part(part: Part) -> str | tuple[str, str] | Content:
    if isinstance(part, str):
        return lines(part)
    if isinstance(part, tuple):
        return (lines(part[0]), part[1])
    return part


def assemble(*parts: Part) -> Content:
    """Content.assemble of `parts`, each string cleaned as by `lines` (so a
    part may hold line breaks; Content parts were built here already)."""
    return Content.assemble(*(_part(p) for p in parts))


def marked(
    text: str, spans: Sequence[tuple[int, int]], style: str = "", mark: str = "bold"
) -> Content:
    """Clean `text` in `style` with each of `spans` (offsets into `text`) in
    `mark`. Line breaks and tabs become one space each so the offsets hold;
    if cleaning removed anything, the spans no longer fit and are dropped."""
    clean = _FLAT.sub(" ", sanitize(text))
    result = Content.styled(clean, style) if style else Content(clean)
    if len(clean) != len(text):
        return result
    for start, end in spans:
        if 0 <= start < end <= len(clean):
            result = result.stylize(mark, start, end)
    return result
