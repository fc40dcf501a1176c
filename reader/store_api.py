"""StoreAPI: what the faces and the search index use of the notes store.

One Protocol for every user of reader.store.Store outside it — the TUI's
Highlighter and reading screen, the search index — so a test can hand
them a fake or a wrapper that is checked against the same list, and no
caller probes the store with getattr/hasattr. It lives below the store and
the search index (which may not import each other) and names only models.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from reader.model import Highlight, LibraryEntry

HighlightListener = Callable[[str, Highlight], None]
"""`(kind, highlight)`, kind "add" | "update" | "delete"."""

ArticleListener = Callable[[str, LibraryEntry], None]
"""`(kind, entry)`, kind "article" (added or changed, as stored) or
"article-removed" (as it was)."""


class StoreAPI(Protocol):
    """See the module docstring; reader.store's docstring says what each does."""

    path: Path
    readonly: bool
    notices: list[str]
    lock_wait: float

    # highlights
    def add(self, h: Highlight) -> Highlight: ...

    def update(self, h: Highlight) -> Highlight: ...

    def delete(self, highlight_id: str) -> Highlight | None: ...

    def highlights(self, article_id: str | None = None) -> list[Highlight]: ...

    def all_tags(self) -> dict[str, int]: ...

    def highlight_counts(self) -> dict[str, int]: ...

    # the library
    def articles(self) -> list[LibraryEntry]: ...

    def get_article(self, article_id: str) -> LibraryEntry | None: ...

    def upsert_article(self, entry: LibraryEntry) -> LibraryEntry: ...

    def remove_article(self, article_id: str, *, delete_highlights: bool = False) -> None: ...

    def article_text(self, article_id: str) -> str: ...

    # events
    def subscribe(self, callback: HighlightListener) -> Callable[[], None]: ...

    def subscribe_articles(self, callback: ArticleListener) -> Callable[[], None]: ...

    # a busy or damaged store
    def journal(self, kind: str, h: Highlight) -> Path: ...

    def replay_journal(self) -> int: ...

    @property
    def backup_available(self) -> bool: ...

    def restore_backup(self) -> int: ...
