"""The user's keymap: keymap.json in the data folder, read at start-up.

One JSON object, binding id -> keys, the keys comma-separated the way
Textual writes them: `{"article.highlight": "H", "app.quit": "ctrl+q,q"}`.
Every binding of the reader has an id (the README lists them). A remapped
binding answers only to its new keys; the footer, the help screen and the
command palette show them.

The file is the user's, but it is still input: it is read only if it is a
regular file no larger than KEYMAP_MAX_BYTES, an entry with an unknown id
or a value that is not a list of key names is left out, and whatever was
left out is told in one notification — the reader always starts.
"""

from __future__ import annotations

import importlib
import json
import os
import pkgutil
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.binding import Binding
from textual.dom import DOMNode
from textual.keys import REPLACED_KEYS, Keys, key_to_character

from reader.errors import BadInputError
from reader.ingest.decode import read_bytes
from reader.paths import keymap_path
from reader.text.sanitize import one_line
from reader.ui.compat import key_name

if TYPE_CHECKING:
    from textual.app import App

KEYMAP_MAX_BYTES = 64 * 1024
"""A keymap is a few hundred bytes; anything past this is not one."""

MODIFIERS = frozenset({"ctrl", "alt", "shift", "meta", "super", "hyper"})

NAMED_KEYS = frozenset(key.value.rpartition("+")[2] for key in Keys)
"""Key names without a character: escape, enter, up, pageup, f1 ... f24."""

SHOWN_PROBLEMS = 3
"""A notification lists this many problems, then says how many more."""


@dataclass(frozen=True, slots=True)
class UserKeymap:
    """What keymap.json asked for: the usable entries and, one sentence
    each, what was left out."""

    keys: Mapping[str, str]
    problems: tuple[str, ...] = ()


def valid_key(key: str) -> bool:
    """Whether `key` (as key_name writes it) is a key Textual can report:
    modifiers, then a character, a character's name or a named key."""
    *modifiers, base = key.split("+")
    if not base or len(set(modifiers)) != len(modifiers) or not MODIFIERS.issuperset(modifiers):
        return False
    if len(base) == 1:
        return base.isprintable() and not base.isspace()
    if base in NAMED_KEYS:
        return True
    return key_to_character(REPLACED_KEYS.get(base, base)) is not None


def tidy_key(text: str) -> str:
    """One key as Textual names it: "Ctrl+?" -> "ctrl+question_mark", "F5" -> "f5"
    (a single letter keeps its case: "G" is shift+g)."""
    head, plus, base = key_name(text.strip()).rpartition("+")
    return head.lower() + plus + (base.lower() if len(base) > 1 else base)


def parse_keys(value: str) -> tuple[str, list[str]]:
    """`value` ("ctrl+s, F2,?") as Textual key names, and the parts that are not keys."""
    keys = [tidy_key(part) for part in value.split(",")]
    return ",".join(keys), [key for key in keys if not valid_key(key)]


def _shown(text: str, limit: int = 40) -> str:
    """A bit of the file, safe and short enough for a notification."""
    text = one_line(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def read_keymap(path: Path | None = None) -> UserKeymap:
    """The keymap in `path` (default: keymap.json in the data folder).

    No file is no keymap and no problem. Ids are not checked here (see
    unknown_ids): that needs every binding of the reader.
    """
    path = path or keymap_path()
    if not os.path.lexists(path):
        return UserKeymap({})
    try:
        data = read_bytes(path, KEYMAP_MAX_BYTES, kind="a keymap file")
    except BadInputError as exc:
        return UserKeymap({}, (f"{_shown(str(exc), 200)} No keys were changed.",))
    name = path.name
    try:
        raw = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        return UserKeymap({}, (f"{name} is not UTF-8 text; no keys were changed.",))
    except json.JSONDecodeError as exc:
        return UserKeymap(
            {}, (f"{name} is not valid JSON (line {exc.lineno}); no keys were changed.",)
        )
    except RecursionError:
        return UserKeymap({}, (f"{name} is nested too deeply to be a keymap; no keys changed.",))
    if not isinstance(raw, dict):
        return UserKeymap(
            {}, (f'{name} must hold one JSON object, {{"binding id": "keys"}}; no keys changed.',)
        )
    keys: dict[str, str] = {}
    problems: list[str] = []
    for binding_id, value in raw.items():
        if not isinstance(value, str) or not value.strip():
            problems.append(f'"{_shown(binding_id)}" needs its keys as text, e.g. "ctrl+s,f2".')
            continue
        normalised, bad = parse_keys(value)
        if bad:
            problems.append(f'"{_shown(binding_id)}": "{_shown(bad[0])}" is not a key name.')
            continue
        keys[binding_id] = normalised
    return UserKeymap(keys, tuple(problems))


def reader_bindings() -> Iterator[tuple[type[DOMNode], Binding]]:
    """Every binding the reader's classes declare (all of reader.ui imported)."""
    import reader.ui

    for module in pkgutil.walk_packages(reader.ui.__path__, "reader.ui."):
        importlib.import_module(module.name)
    seen: set[type[DOMNode]] = set()
    pending: list[type[DOMNode]] = [DOMNode]
    while pending:
        cls = pending.pop()
        for sub in cls.__subclasses__():
            if sub not in seen:
                seen.add(sub)
                pending.append(sub)
    for cls in sorted(seen, key=lambda c: (c.__module__, c.__qualname__)):
        if cls.__module__.startswith("reader."):
            for binding in cls.__dict__.get("BINDINGS", ()):
                if isinstance(binding, Binding):
                    yield cls, binding


def unknown_ids(ids: Iterable[str]) -> list[str]:
    """The ids no binding of the reader has."""
    known = {binding.id for _cls, binding in reader_bindings()}
    return [binding_id for binding_id in ids if binding_id not in known]


def problems_message(problems: Iterable[str]) -> str:
    """One notification for everything left out of the keymap."""
    listed = list(problems)
    shown = listed[:SHOWN_PROBLEMS]
    more = len(listed) - len(shown)
    text = "Some keys in keymap.json were not used: " + " ".join(shown)
    if more:
        text += f" (and {more} more)"
    return text


def apply_user_keymap(app: App[Any], path: Path | None = None) -> UserKeymap:
    """Read the keymap, give the app its usable entries and tell, in one
    notification, what was left out. Never raises for a bad file."""
    loaded = read_keymap(path)
    unknown = unknown_ids(loaded.keys) if loaded.keys else []
    keys = {k: v for k, v in loaded.keys.items() if k not in unknown}
    problems = loaded.problems + tuple(
        f'"{_shown(binding_id)}" is not a binding id (the README lists them).'
        for binding_id in unknown
    )
    if keys:
        app.set_keymap(keys)
    if problems:
        app.notify(
            problems_message(problems),
            title="Keymap",
            severity="warning",
            timeout=12,
            markup=False,
        )
    return UserKeymap(keys, problems)
