"""Whitespace normalisation applied after sanitising, before parsing.

Non-breaking and other Unicode spaces become a plain space so that search,
extraction and wrapping treat them like the spaces they look like; a BOM
(U+FEFF, also used as a zero-width no-break space) is dropped; the Unicode
line and paragraph separators become newlines. Tabs become spaces in prose;
code keeps them.
"""

from __future__ import annotations

# Every code point of Unicode category Zs except U+0020 (a test checks the list).
SPACE_CODEPOINTS = (0x00A0, 0x1680, *range(0x2000, 0x200B), 0x202F, 0x205F, 0x3000)
_SPACES: dict[int, str | None] = dict.fromkeys(SPACE_CODEPOINTS, " ")
_TABLE: dict[int, str | None] = {**_SPACES, 0xFEFF: None, 0x2028: "\n", 0x2029: "\n\n"}
_TABLE_PROSE: dict[int, str | None] = {**_TABLE, 0x09: " "}


def normalize(text: str, *, keep_tabs: bool = False) -> str:
    """Map Unicode spaces to " ", drop U+FEFF, map U+2028/U+2029 to newlines,
    and (unless keep_tabs) tabs to " "."""
    return text.translate(_TABLE if keep_tabs else _TABLE_PROSE)
