"""Completion of paths in the Open dialog, from the folders and articles on disk.

File names are as untrusted as articles: a file named with an OSC 0 or OSC
52 sequence would set the terminal's title or clipboard the moment the
dialog showed it as a completion. Every name is shown cleaned
(safe_text.line); when cleaning changed a name, the listing remembers the
real one, and `PathSuggester.real_path` turns the completed path back into
the path on disk, so such a file can still be opened.

A folder is listed once, in a thread (never on the event loop), reading at
most MAX_ENTRIES entries, and kept while the dialog is open: typing in the
same folder is then a binary search in its sorted names, not a new listing
and sort per keystroke.
"""

from __future__ import annotations

import asyncio
import itertools
import os
from bisect import bisect_left
from dataclasses import dataclass, field
from pathlib import Path

from textual.suggester import Suggester

from reader.ingest import ARTICLE_SUFFIXES
from reader.ui import safe_text

MAX_ENTRIES = 5_000
"""Entries read from one folder (hidden and non-article files included);
the rest of a bigger folder is not offered for completion."""

MAX_FOLDERS = 16
"""Listings kept per dialog (the oldest is dropped first)."""


@dataclass(frozen=True)
class Listing:
    """One folder as the completion sees it.

    `shown`: the cleaned names of its sub-folders (ending with os.sep) and
    article files, not hidden ones, sorted. `real`: cleaned name -> name on
    disk, for names that cleaning changed and that no other entry cleans to.
    """

    shown: list[str] = field(default_factory=list)
    real: dict[str, str] = field(default_factory=dict)

    def complete(self, stem: str) -> str | None:
        """The first shown name that extends `stem`, or None."""
        i = bisect_left(self.shown, stem)
        for name in self.shown[i : i + 2]:  # only `stem` itself can come first
            if name.startswith(stem) and name != stem:
                return name
        return None


def list_folder(folder: Path, limit: int = MAX_ENTRIES) -> Listing:
    """Read up to `limit` entries of `folder` (see Listing); an unreadable
    folder lists nothing."""
    found: dict[str, list[tuple[str, bool]]] = {}
    try:
        with os.scandir(folder) as entries:
            for entry in itertools.islice(entries, limit):
                name = entry.name
                if name.startswith("."):
                    continue
                try:
                    is_dir = entry.is_dir()
                except OSError:
                    continue
                if not is_dir and os.path.splitext(name)[1].lower() not in ARTICLE_SUFFIXES:
                    continue
                shown = safe_text.line(name)
                if shown:
                    found.setdefault(shown, []).append((name, is_dir))
    except OSError:
        return Listing()
    shown_names: list[str] = []
    real: dict[str, str] = {}
    for shown, names in found.items():
        name, is_dir = names[0]
        shown_names.append(shown + os.sep if is_dir else shown)
        if len(names) == 1 and name != shown:
            real[shown] = name
    shown_names.sort()
    return Listing(shown_names, real)


def _split(value: str) -> tuple[Path, str]:
    """The folder a typed path is in, and the part of its last name typed so far."""
    expanded = os.path.expanduser(value)
    folder, _, stem = expanded.rpartition(os.sep)
    if folder:
        return Path(folder), stem
    return (Path(os.sep) if expanded.startswith(os.sep) else Path(".")), stem


class PathSuggester(Suggester):
    """Completes the last path component (see the module docstring)."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self._listings: dict[str, Listing] = {}

    async def listing(self, folder: Path) -> Listing:
        """The folder's listing, read in a thread the first time it is asked for."""
        key = str(folder)
        found = self._listings.get(key)
        if found is None:
            found = await asyncio.to_thread(list_folder, folder)
            if len(self._listings) >= MAX_FOLDERS:
                self._listings.pop(next(iter(self._listings)))
            self._listings[key] = found
        return found

    async def get_suggestion(self, value: str) -> str | None:
        if not value:
            return None
        folder, stem = _split(value)
        # The folder may itself have been completed from a cleaned name.
        name = (await self.listing(Path(self.real_path(str(folder))))).complete(stem)
        if name is None:
            return None
        return value[: len(value) - len(stem)] + name

    def real_path(self, value: str) -> str:
        """`value` (expanded) with each name that was shown cleaned put back
        as it is on disk; names never listed are kept as typed."""
        expanded = os.path.expanduser(value)
        absolute = expanded.startswith(os.sep)
        current = Path(os.sep) if absolute else Path(".")
        names: list[str] = []
        for part in expanded.split(os.sep):
            if not part:
                continue
            listing = self._listings.get(str(current))
            name = listing.real.get(part, part) if listing is not None else part
            names.append(name)
            current = current / name
        joined = os.sep.join(names)
        return os.sep + joined if absolute else joined
