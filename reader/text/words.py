"""Normalised tokens: the one place that decides what counts as "the same word".

Search is case-, accent- and punctuation-insensitive, so every string that
goes into the index or comes from a query passes through `fold` and
`tokens`: "Zhōu" and "zhou" are one token; "win-win" is the two tokens
"win" "win". `token_spans` keeps each token's offsets into the original
string so results can emphasise the matched words where they stand.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# A word: letters or digits, with any combining marks that follow (so a
# decomposed "zho\u0304u" stays one word). Underscore and punctuation split words.
_MARK_CHARS = r"\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_WORD = re.compile(rf"(?:[^\W_][{_MARK_CHARS}]*)+")

# Letters that NFKD does not decompose into a base letter plus a mark.
_EXTRA = str.maketrans(
    {
        "ø": "o",
        "Ø": "o",
        "ł": "l",
        "Ł": "l",
        "đ": "d",
        "Đ": "d",
        "ð": "d",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "þ": "th",
        "ı": "i",
    }
)


_MARKS = re.compile(rf"[{_MARK_CHARS}]+")
_PLAIN_WORD = re.compile(r"[^\W_]+")


def fold_text(text: str) -> str:
    """Lower-case `text` and strip its accents: "Zhōu" -> "zhou", "Straße" -> "strasse"."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.translate(_EXTRA))
    return _MARKS.sub("", decomposed).casefold()


@lru_cache(maxsize=100_000)
def fold(word: str) -> str:
    """`fold_text` for one word, cached (the vocabulary is small)."""
    return fold_text(word)


# ASCII letters and digits stay, every other byte becomes a space.
_ASCII_SPLIT = bytes(c if chr(c).isalnum() and c < 128 else 32 for c in range(256))


def tokens(text: str) -> list[str]:
    """The normalised words of `text`, in order (the fast path used to index:
    for ASCII a byte translation and a split, ~3x quicker than a regex)."""
    folded = fold_text(text)
    if folded.isascii():
        return folded.encode("ascii").translate(_ASCII_SPLIT).decode("ascii").split()
    return _PLAIN_WORD.findall(folded)


def token_spans(text: str) -> list[tuple[str, int, int]]:
    """Each normalised word of `text` with its [start, end) offsets in `text`."""
    return [(fold(m.group()), m.start(), m.end()) for m in _WORD.finditer(text)]
