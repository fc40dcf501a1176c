"""Tags as the reader types them: `#climate #energy` or `trade war, china`.

One place for the rules, so the tag editor of the TUI, its completion and
any command that takes tags agree. Plain Python (no Textual).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from reader.text.sanitize import one_line
from reader.text.words import tokens


def parse_tags(value: str) -> tuple[str, ...]:
    """The tags in `value`, in the order typed, without repeats (case-insensitive).

    Commas separate tags, so a tag may hold spaces ("trade war, china"). In a
    comma-separated part that uses `#`, every word is a tag of its own
    ("#trade #china" -> trade, china). White space inside a tag is collapsed.
    """
    tags: list[str] = []
    for raw in value.split(","):
        part = " ".join(raw.split())
        if not part:
            continue
        if "#" in part:
            tags.extend(piece for word in part.split() for piece in word.split("#") if piece)
        else:
            tags.append(part)
    return unique_tags(tags)


def clean_tag(tag: str) -> str:
    """One tag on one line: terminal controls and escape sequences removed
    (a tag is shown in the terminal), white space collapsed."""
    return one_line(tag)


def tag_key(tag: str) -> str:
    """A tag's identity, the one every layer compares by: its folded words
    joined by "-" ("#Trade War", "trade_war" and "trade-war" are "trade-war";
    "Zhōu" is "zhou"). A tag with no letters or digits is itself, case-folded."""
    return "-".join(tokens(tag)) or tag.casefold()


def unique_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """`tags` cleaned (clean_tag), without empty ones and later repeats of the
    same tag (tag_key: case, accents and punctuation aside)."""
    seen: set[str] = set()
    kept: list[str] = []
    for raw in tags:
        tag = clean_tag(raw)
        key = tag_key(tag)
        if tag and key not in seen:
            seen.add(key)
            kept.append(tag)
    return tuple(kept)


def format_tags(tags: Sequence[str]) -> str:
    """Tags as an editable string that parse_tags reads back the same."""
    return ", ".join(tags)


def _fragment(value: str) -> str:
    """The part of the last tag typed so far (what completion extends)."""
    current = value.rsplit(",", 1)[-1]
    if "#" in current:
        if current[-1:].isspace():
            return ""
        return current.split()[-1].rsplit("#", 1)[-1] if current.split() else ""
    return current.lstrip()


def complete_tag(value: str, known: Sequence[str]) -> str | None:
    """`value` with its last tag completed from `known` (most used first), or None.

    The typed part takes the known tag's case ("ch" -> "China"). Tags typed
    earlier in `value` are not offered again.
    """
    fragment = _fragment(value)
    if not fragment:
        return None
    typed = {tag.casefold() for tag in parse_tags(value[: len(value) - len(fragment)])}
    folded = fragment.casefold()
    for tag in known:
        key = tag.casefold()
        if key.startswith(folded) and key != folded and key not in typed:
            return value[: len(value) - len(fragment)] + tag
    return None
