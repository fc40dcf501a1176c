"""Whitespace normalisation applied after sanitising, before parsing.

Non-breaking and other Unicode spaces become a plain space so that search,
extraction and wrapping treat them like the spaces they look like; a BOM
(U+FEFF, also used as a zero-width no-break space) is dropped; the Unicode
line and paragraph separators become newlines. Tabs become spaces in prose;
code keeps them.
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


def normalize(text: str, *, keep_tabs: bool = False) -> str:
    """Map Unicode spaces to " ", drop U+FEFF, map U+2028/U+2029 to newlines,
    and (unless keep_tabs) tabs to " "."""
    pattern = _CODE if keep_tabs else _PROSE
    if pattern.search(text) is None:
        return text
    return pattern.sub(_replace, text)
