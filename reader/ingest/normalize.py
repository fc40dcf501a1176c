"""Whitespace normalisation applied after sanitising, before parsing.

Non-breaking and other Unicode spaces become a plain space so that search,
extraction and wrapping treat them like the spaces they look like; a BOM
(U+FEFF, also used as a zero-width no-break space) is dropped; the Unicode
line and paragraph separators become newlines.

Tabs never reach the canonical text: a terminal moves the cursor on a TAB
and Textual counts it as no cell at all, so a tab in an article could paint
its text over the sidebar. In prose a tab becomes one space (it only
separates words); in code it is expanded to spaces up to the next tab stop,
every TAB_STOP columns from the start of its line, so the indentation and
columns it meant are kept. (A TABLE block's cells are joined with a TAB by
the parsers after this step: that one is structure, never painted.)
"""

from __future__ import annotations

import re

# Every code point of Unicode category Zs except U+0020 (a test checks the list).
SPACE_CODEPOINTS = (0x00A0, 0x1680, *range(0x2000, 0x200B), 0x202F, 0x205F, 0x3000)
_PROSE = re.compile("[\t" + "".join(chr(c) for c in SPACE_CODEPOINTS) + "\ufeff\u2028\u2029]")
_CODE = re.compile("[" + "".join(chr(c) for c in SPACE_CODEPOINTS) + "\ufeff\u2028\u2029]")
_REPLACEMENT = {"\ufeff": "", "\u2028": "\n", "\u2029": "\n\n"}


def _replace(match: re.Match[str]) -> str:
    return _REPLACEMENT.get(match.group(), " ")


TAB_STOP = 8
"""Columns between tab stops in code: what terminals, `expand` and most
editors use for a TAB in a file."""


def normalize(text: str, *, code: bool = False) -> str:
    """Map Unicode spaces to " ", drop U+FEFF, map U+2028/U+2029 to newlines,
    and tabs to " " (in `code`: to spaces up to the next TAB_STOP)."""
    pattern = _CODE if code else _PROSE
    if pattern.search(text) is not None:
        text = pattern.sub(_replace, text)
    if code and "\t" in text:
        text = text.expandtabs(TAB_STOP)
    return text
