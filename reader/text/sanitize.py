"""The one sanitiser every article passes through before anything else.

Article text is hostile: a terminal would act on control characters and
escape sequences (move the cursor, set the window title, write the
clipboard), and bidi overrides can make text read differently from what it
is. Everything here runs before offsets are computed, so spans stay exact.

What is removed or changed:
- CR LF and a lone CR become LF (CR is a C0 control; a newline is what it meant).
- Whole escape sequences, 7-bit and 8-bit: CSI (ESC [ / U+009B, parameters,
  intermediates, final byte), the string sequences OSC, DCS, SOS, PM and APC
  (ESC ] P X ^ _ / U+009D U+0090 U+0098 U+009E U+009F) with their payload up
  to BEL, ST (ESC \\ or U+009C), and other ESC sequences (ESC, intermediates,
  final). An unterminated string sequence is dropped up to the end of its
  line or MAX_PAYLOAD characters, whichever comes first, so it can never
  swallow the rest of an article.
- Every other C0 control except LF and TAB, DEL and U+0080-U+009F.
- Bidi embeddings, overrides and isolates: U+202A-U+202E, U+2066-U+2069.
  The plain marks LRM/RLM/ALM (U+200E, U+200F, U+061C) are kept: they only
  nudge neutral characters and real right-to-left text needs them.
- Lone surrogates become U+FFFD.
Everything else (all scripts, emoji, combining marks, ZWJ/ZWNJ) is kept.
The pattern has no nested quantifiers, so the cost is linear in the input.
"""

from __future__ import annotations

import re

MAX_PAYLOAD = 4096
"""Longest payload of an unterminated OSC/DCS/SOS/PM/APC sequence we drop."""

_STRING_SEQ = (
    r"(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])"
    r"[^\x07\x1b\x9c\n]{0," + str(MAX_PAYLOAD) + r"}"
    r"(?:\x07|\x1b\\|\x9c)?"
)
_CSI = r"(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?"
_OTHER_ESC = r"\x1b[\x20-\x2f]*[\x30-\x7e]?"
_NEWLINE = r"\r\n?"
_SURROGATE = r"[\ud800-\udfff]"
# Not ESC nor the 8-bit sequence introducers: a run of other controls must
# not swallow the start of a sequence and leave its payload behind as text.
_SINGLE = (
    r"[\x00-\x08\x0b\x0c\x0e-\x1a\x1c-\x1f\x7f-\x8f\x91-\x97\x99\x9a\x9c"
    r"\u202a-\u202e\u2066-\u2069]+"
)

_PATTERN = re.compile(
    "|".join(
        f"(?P<{name}>{pattern})"
        for name, pattern in (
            ("string", _STRING_SEQ),
            ("csi", _CSI),
            ("esc", _OTHER_ESC),
            ("newline", _NEWLINE),
            ("surrogate", _SURROGATE),
            ("single", _SINGLE),
        )
    )
)

_QUICK = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _replace(match: re.Match[str]) -> str:
    kind = match.lastgroup
    if kind == "newline":
        return "\n"
    if kind == "surrogate":
        return "\ufffd"
    return ""


def is_clean(text: str) -> bool:
    """True when sanitize(text) would return `text` unchanged (one quick scan)."""
    return _QUICK.search(text) is None


def sanitize(text: str) -> str:
    """Return `text` with terminal controls, escape sequences and bidi
    overrides removed (see the module docstring for the exact rules)."""
    if _QUICK.search(text) is None:
        return text
    return _PATTERN.sub(_replace, text)


def one_line(text: str) -> str:
    """`text` safe to print on one terminal line: sanitised, every run of white
    space (line breaks and tabs included) folded to one space. For file names,
    tags and other short strings shown in messages and lists."""
    return " ".join(sanitize(text).split())


_BREAKS = re.compile("[\t\n\u2028\u2029]")


def flat_line(text: str) -> str:
    """`text` safe to print as one terminal line with its spacing kept:
    sanitised, and each tab or line break (which a terminal would act on, or
    count as no cell at all) made one space. For lines the program lays out
    itself (indents, aligned columns) around pieces of untrusted text."""
    return _BREAKS.sub(" ", sanitize(text))
