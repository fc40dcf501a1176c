"""The app's side of note search: open the index once, find a pick's passage.

Plain functions the app calls from its workers, kept out of app.py so the
search wiring is one import there. `open_index` is slow (it reads every
highlight; ~0.3 s at 50,000) and must run in a thread worker; `passage_span`
is cheap when the article did not change and runs the re-anchoring search
only when it did.
"""

from __future__ import annotations

import gc
import logging

from reader.anchor import locate
from reader.errors import ReaderError
from reader.model import Article, Highlight
from reader.search import SearchIndex
from reader.store_api import StoreAPI

log = logging.getLogger(__name__)


def open_index(store: StoreAPI | None) -> SearchIndex:
    """A SearchIndex over `store`, following its changes; empty without a store.

    A store that cannot be read gives an empty index (the error is logged and
    the store's own notices tell the user); searching never takes the app down.
    """
    if store is None:
        return SearchIndex()
    try:
        return SearchIndex.from_store(store)
    except (OSError, ReaderError):
        log.exception("could not index the notes")
        return SearchIndex()


def settle_memory() -> None:
    """After the index is built: keep the collector off its long-lived objects
    (see SearchIndex.from_store), so no later keystroke pays a full collection
    over them. Once per app; cheap (no collection runs)."""
    gc.freeze()


def passage_span(article: Article, highlight: Highlight) -> tuple[int, int] | None:
    """Where `highlight`'s passage is in `article` now, or None (orphaned,
    or a note on the whole article)."""
    return None if highlight.whole_article else locate(article.text, highlight)
