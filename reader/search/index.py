"""A ranked, incrementally updated inverted index over saved highlights.

Why not scan: 50,000 highlights must answer a query in a few milliseconds
while the user types. Each highlight is tokenised once (on add/update);
postings map each normalised term to the highlights holding it with a
field-weighted term frequency (text x1, title x1, note x2, tags x3), and
BM25 saturation and idf are applied at query time so scores stay right as
the collection grows. Small side indexes answer tag:, color:, person:,
article:, has:, is: and the date filters. See `reader.search` for the API.

Opening is kept cheap by a snapshot on disk (reader.search.cache): postings
come back as packed arrays and are unpacked per term on first use; only
highlights that changed since are tokenised. A removed highlight leaves a
tombstone (its number stays in the postings, filtered out at query time)
so edits and deletes cost nothing per term.
"""

from __future__ import annotations

import heapq
import math
import re
import threading
from array import array
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Set
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import chain, repeat
from operator import attrgetter, sub
from pathlib import Path
from typing import Any, cast

from rapidfuzz import process
from rapidfuzz.distance import OSA

from reader.clock import local
from reader.gc_pause import gc_paused
from reader.model import Highlight, LibraryEntry
from reader.search import cache
from reader.search.query import Atom, ParsedQuery, parse_query
from reader.store_api import StoreAPI
from reader.text.tags import tag_key
from reader.text.words import fold_text, token_spans, tokens

# Field weights, as repeat counts so postings hold small ints.
W_NOTE, W_TAGS = 2, 3
K1 = 1.2  # BM25 k1
B = 0.75
PREFIX_FACTOR = 0.85  # a completion of the word being typed
FUZZY_FACTOR = {1: 0.6, 2: 0.45}  # by edit distance
PHRASE_BONUS = 1.5
SCORE_BUDGET = 20_000  # postings scored per expanded word; other completions still match
MAX_MERGED_COMPLETIONS = 100  # beyond this a word being typed may be tested per candidate
TEST_COST, MERGE_COST = 120, 1  # relative cost: testing a candidate / merging a posting
STOP_SHARE, STOP_MIN_DOCS = 0.5, 1000  # terms in over half of 1,000+ are not scored
EXCERPT_CHARS = 120
STALE_SHARE = 0.2  # rebuild instead of using a snapshot this far out of date
SAVE_SHARE = 0.05  # re-save the snapshot once this share of it is out of date

ChangeKind = str  # "add" | "update" | "delete" (the store passes a plain str)


@dataclass(frozen=True, slots=True)
class ArticleInfo:
    """What a result shows about its article."""

    id: str
    title: str
    path: str | None = None
    published: datetime | None = None
    outlet: str | None = None

    @classmethod
    def from_entry(cls, entry: LibraryEntry) -> ArticleInfo:
        return cls(entry.article_id, entry.title, entry.path, entry.published, entry.section)


@dataclass(frozen=True, slots=True)
class SearchResult:
    """One ranked hit.

    `spans` are [start, end) offsets into `highlight.exact` of the words the
    query matched (to emphasise); `note_excerpt` is a one-line piece of the
    note around its first match (or its start), `note_spans` offsets into it.
    """

    highlight: Highlight
    article: ArticleInfo
    score: float
    spans: tuple[tuple[int, int], ...]
    note_excerpt: str
    note_spans: tuple[tuple[int, int], ...]


def _padded(words: Iterable[str]) -> str:
    """' a b c ' — phrase checks become substring checks on this."""
    return " " + " ".join(words) + " "


def _has_phrase(haystack: str, words: tuple[str, ...], prefix: bool) -> bool:
    needle = " " + " ".join(words) + ("" if prefix else " ")
    return needle in haystack


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _seconds(moment: datetime) -> float:
    """Seconds since the epoch (a naive time, which the store never hands
    out, is taken as local time, as reader.clock does)."""
    try:
        if moment.tzinfo is None:
            return moment.timestamp()
        return (moment - _EPOCH).total_seconds()
    except (OverflowError, OSError, ValueError):
        return 0.0


def _local_day(moment: datetime) -> int:
    """The day (ordinal) a time falls on in local time: what after:/before:
    compare with, as the user reads a date."""
    return local(moment).toordinal()


_ID = attrgetter("id")
_ARTICLE_ID = attrgetter("article_id")
_UPDATED = attrgetter("updated")


def updated_seconds(highlights: list[Highlight]) -> array[float]:
    """Each highlight's `updated` as seconds: what says a snapshot entry is
    still good (the store stamps it on every change). Bulk C-level maps for
    aware datetimes (all the store hands out), one by one if any is naive."""
    try:
        deltas = map(sub, map(_UPDATED, highlights), repeat(_EPOCH))
        return array("d", map(timedelta.total_seconds, deltas))
    except TypeError:
        return array("d", (_seconds(h.updated) for h in highlights))


@dataclass(slots=True)
class _Words:
    """A highlight's normalised words, padded, for phrase and prefix checks
    (kept for new highlights, made on demand for ones from a snapshot)."""

    text: str
    note: str
    tag_words: str
    people: tuple[str, ...]


def _words_of(h: Highlight) -> _Words:
    tag_words = [w for t in h.tags for w in tokens(t)]
    return _Words(
        _padded(tokens(h.exact)),
        _padded(tokens(h.note)),
        _padded(tag_words),
        tuple(_padded(tokens(p)) for p in h.people),
    )


def _arr(values: Iterable[int]) -> bytes:
    return array("I", values).tobytes()


def _nums(raw: bytes) -> array[int]:
    return array("I", raw)


FLAGS = ("has:note", "has:tag", "has:person", "is:orphan", "is:article")


def _flag_bits(h: Highlight) -> int:
    return (
        (1 if h.note.strip() else 0)
        | (2 if h.tags else 0)
        | (4 if h.people else 0)
        | (8 if h.orphaned else 0)
        | (16 if h.whole_article else 0)
    )


@dataclass(slots=True)
class _Article:
    info: ArticleInfo
    words: list[str]
    padded: str  # title (and outlet) words, padded
    docs: set[int]


def _article_record(info: ArticleInfo) -> _Article:
    words = tokens(info.title) + (tokens(info.outlet) if info.outlet else [])
    return _Article(info, words, _padded(words), set())


class _Vocab:
    """Sorted terms (for prefixes) and terms by length (for typos), rebuilt lazily."""

    def __init__(self, source: Callable[[], Iterable[str]]) -> None:
        self._source = source
        self._sorted: list[str] = []
        self._by_len: dict[int, list[str]] = {}
        self.dirty = True

    def _refresh(self) -> None:
        if self.dirty:
            self._sorted = sorted(self._source())
            by_len: dict[int, list[str]] = defaultdict(list)
            for term in self._sorted:
                by_len[len(term)].append(term)
            self._by_len = dict(by_len)
            self.dirty = False

    def completions(self, prefix: str) -> list[str]:
        """Terms that start with `prefix` (not `prefix` itself)."""
        self._refresh()
        out: list[str] = []
        i = bisect_left(self._sorted, prefix)
        while i < len(self._sorted) and self._sorted[i].startswith(prefix):
            if self._sorted[i] != prefix:
                out.append(self._sorted[i])
            i += 1
        return out

    def near(self, word: str, max_distance: int) -> list[tuple[str, int]]:
        """Terms within `max_distance` edits of `word`, with their distance."""
        self._refresh()
        found: list[tuple[str, int]] = []
        for size in range(len(word) - max_distance, len(word) + max_distance + 1):
            bucket = self._by_len.get(size)
            if not bucket:
                continue
            hits = process.extract(
                word,
                bucket,
                scorer=OSA.distance,
                score_cutoff=max_distance,
                limit=None,
            )
            found.extend((term, int(dist)) for term, dist, _ in hits if term != word)
        return found


def typo_budget(word: str) -> int:
    """Edits forgiven (a swap of two letters is one): none under 5 letters,
    1 for 5-6, 2 from 7."""
    return 0 if len(word) < 5 else 1 if len(word) < 7 else 2


Scorer = tuple[list[tuple[str, float]], float]
"""An atom's index terms with their score factors, and a bonus for the atom."""
Test = tuple[Callable[[int], bool], bool]
"""A per-highlight check, and the answer it must give."""
Marks = tuple[frozenset[str], tuple[str, ...]]
"""Words to emphasise in results, and prefixes whose completions to emphasise."""


class SearchIndex:
    """Saved highlights, searchable. Thread-safe: one lock around every call.

    Per-highlight data lives in columns keyed by an internal number (the
    Highlight, creation time, day, length, flag bits), so a snapshot can be
    restored with bulk dict/set building instead of a Python loop per field.
    """

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._hl: dict[int, Highlight] = {}  # the live highlights
        self._ids: dict[str, int] = {}
        self._created: dict[int, float] = {}
        self._day: dict[int, int] = {}
        self._length: dict[int, int] = {}  # words in text + title (BM25 length)
        self._flags: dict[int, int] = {}  # bits of FLAGS
        self._words: dict[int, _Words] = {}
        self._next = 0
        self._dead = 0  # tombstoned numbers still in the postings
        self._total_length = 0
        self._norm: dict[int, float] = {}
        self._norm_avg = 0.0
        self._post: dict[str, dict[int, int]] = {}
        self._packed: dict[str, tuple[bytes, bytes]] = {}  # from a snapshot, not unpacked yet
        self._articles: dict[str, _Article] = {}
        self._title_post: dict[str, set[str]] = defaultdict(set)
        self._person_post: dict[str, set[int]] = defaultdict(set)
        self._tag_docs: dict[str, set[int]] = defaultdict(set)
        self._tag_names: dict[str, str] = {}
        self._color_docs: dict[str, set[int]] = defaultdict(set)
        self._flag_docs: dict[str, set[int]] = defaultdict(set)  # has:note, is:orphan...
        self._by_time: list[tuple[float, int]] = []
        self._time_dirty = False
        self._vocab = _Vocab(lambda: chain(self._post.keys(), self._packed.keys()))
        self._title_vocab = _Vocab(lambda: (t for t, a in self._title_post.items() if a))
        self._person_vocab = _Vocab(lambda: (t for t, d in self._person_post.items() if d))
        self.snapshot_path: Path | None = None
        self.reused = 0
        """How many highlights the last open took from the snapshot."""

    # ----------------------------------------------------------- building

    @classmethod
    def from_store(
        cls, store: StoreAPI, snapshot: Path | None = None, *, use_snapshot: bool = True
    ) -> SearchIndex:
        """Index everything in `store` and follow its changes from now on.

        With `snapshot` (default: beside the store, if it has a `path`), a
        saved snapshot is reused for the highlights that did not change and
        is re-saved when it was missing or noticeably out of date, unless
        the store is open read-only (a read-only command writes nothing);
        `use_snapshot=False` indexes everything afresh and saves nothing.

        Tip for the app: once the store and index are open, `gc.freeze()`
        keeps Python's collector from walking their millions of long-lived
        objects again (a full pass costs ~150 ms at 50k highlights and lands
        on whichever keystroke triggers it). It is left to the app because it
        is process-wide (freezing widgets that hold cycles would leak them).
        """
        with gc_paused():
            index = cls._open(store, snapshot, use_snapshot)
        store.subscribe(index.on_store_change)
        store.subscribe_articles(index.on_article_change)
        return index

    @classmethod
    def _open(cls, store: StoreAPI, snapshot: Path | None, use_snapshot: bool) -> SearchIndex:
        if not use_snapshot:
            snapshot = None
        elif snapshot is None:
            snapshot = cache.cache_path(store.path)
        articles = [ArticleInfo.from_entry(entry) for entry in store.articles()]

        def empty_index() -> SearchIndex:
            fresh_index = cls()
            fresh_index.snapshot_path = snapshot
            for info in articles:
                fresh_index.set_article(info)
            return fresh_index

        index = empty_index()
        highlights = store.highlights()
        data = cache.read_snapshot(snapshot) if snapshot is not None else None
        fresh = highlights
        if data is not None:
            try:
                fresh = index._restore(data, highlights)
            except (KeyError, TypeError, ValueError, IndexError):  # a snapshot of another shape
                index = empty_index()
                data = None
        if index.reused == 0:
            data = None  # nothing usable in it: write a new one
        index.add_many(fresh)
        if (
            snapshot is not None
            and not store.readonly
            and (data is None or len(fresh) + index._dead > SAVE_SHARE * max(1, len(index)))
        ):
            index.save(snapshot)
        return index

    def on_store_change(self, kind: str, h: Highlight) -> None:
        """The store's highlight subscriber ("add" | "update" | "delete").
        It reads only what the event carries: the article's title came with
        the store's article event (or the library read at open)."""
        if kind == "delete":
            self.remove(h.id)
        else:
            self.update(h)

    def on_article_change(self, kind: str, entry: LibraryEntry) -> None:
        """The store's library subscriber ("article" | "article-removed").
        A removed article keeps its title here: its highlights stay in the
        store and are still found by it."""
        if kind == "article":
            self.set_article(ArticleInfo.from_entry(entry))

    def set_article(self, info: ArticleInfo) -> None:
        """Add or change an article's title/path/date; its highlights follow."""
        with self._lock:
            old = self._articles.get(info.id)
            if old is not None and old.info == info:
                return
            highlights = [self._hl[n] for n in old.docs if n in self._hl] if old else []
            for h in highlights:
                self._remove(h.id)
            if old is not None:
                for word in old.words:
                    self._title_post[word].discard(info.id)
            record = _article_record(info)
            self._articles[info.id] = record
            for word in record.words:
                self._title_post[word].add(info.id)
            self._title_vocab.dirty = True
            for h in highlights:
                self._add(h)

    def add(self, h: Highlight, article: ArticleInfo | None = None) -> None:
        """Index a highlight (replacing any with the same id)."""
        self.update(h, article)

    def update(self, h: Highlight, article: ArticleInfo | None = None) -> None:
        """Re-index a changed highlight; `article` only if its info changed."""
        with self._lock:
            if article is not None:
                self.set_article(article)
            self._remove(h.id)
            self._add(h)

    def add_many(self, highlights: Iterable[Highlight]) -> None:
        """Index many highlights at once."""
        with self._lock, gc_paused():
            for h in highlights:
                self._remove(h.id)
                self._add(h)

    def remove(self, highlight_id: str) -> bool:
        """Forget a highlight; False if it was not indexed."""
        with self._lock:
            return self._remove(highlight_id)

    def _article(self, article_id: str) -> _Article:
        record = self._articles.get(article_id)
        if record is None:
            record = _article_record(ArticleInfo(article_id, "(unknown article)"))
            self._articles[article_id] = record
            for word in record.words:
                self._title_post[word].add(article_id)
            self._title_vocab.dirty = True
        return record

    def _postings(self, term: str) -> dict[int, int] | None:
        """A term's postings {number: weighted tf}, unpacked on first use."""
        postings = self._post.get(term)
        if postings is None:
            packed = self._packed.pop(term, None)
            if packed is None:
                return None
            postings = dict(zip(_nums(packed[0]), packed[1], strict=True))
            self._post[term] = postings
        return postings

    def _doc_words(self, num: int) -> _Words | None:
        """The padded words of a live highlight (None for a tombstone)."""
        words = self._words.get(num)
        if words is None:
            h = self._hl.get(num)
            if h is None:
                return None
            words = self._words[num] = _words_of(h)
        return words

    def _add(self, h: Highlight) -> None:
        num = self._next
        self._next += 1
        article = self._article(h.article_id)
        text_words = tokens(h.exact)
        note_words = tokens(h.note) if h.note else []
        tag_norms = [tag_key(t) for t in h.tags]
        tag_words = [w for t in tag_norms for w in t.split("-") if w]
        # One bag of words: a note counts twice, tags three times. Length
        # normalisation counts the passage and title only, so a note or tags
        # never push a highlight down for words in its text.
        counts = Counter(text_words + note_words * W_NOTE + tag_words * W_TAGS + article.words)
        post = self._post
        get = post.get
        for term, tf in counts.items():
            postings = get(term)
            if postings is None:
                postings = self._postings(term)  # a packed term, or a new one
                if postings is None:
                    post[term] = postings = {}
                    self._vocab.dirty = True
            postings[num] = tf if tf < 256 else 255
        people = tuple(_padded(tokens(p)) for p in h.people)
        self._words[num] = _Words(
            _padded(text_words), _padded(note_words), _padded(tag_words), people
        )
        length = len(text_words) + len(article.words)
        created = _seconds(h.created)
        flags = _flag_bits(h)
        self._hl[num] = h
        self._ids[h.id] = num
        self._created[num] = created
        self._day[num] = _local_day(h.created)
        self._length[num] = length
        self._flags[num] = flags
        self._total_length += length
        if self._norm_avg:
            self._norm[num] = K1 * (1 - B + B * length / self._norm_avg)
        article.docs.add(num)
        for name in people:
            for word in name.split():
                self._person_post[word].add(num)
        if people:
            self._person_vocab.dirty = True
        for original, tag in zip(h.tags, tag_norms, strict=True):
            if tag:
                self._tag_docs[tag].add(num)
                self._tag_names.setdefault(tag, original.lstrip("#"))
        self._color_docs[h.color].add(num)
        for bit, flag in enumerate(FLAGS):
            if flags >> bit & 1:
                self._flag_docs[flag].add(num)
        entry = (created, num)
        if self._by_time and not self._time_dirty and self._by_time[-1] > entry:
            self._time_dirty = True
        self._by_time.append(entry)

    def _remove(self, highlight_id: str) -> bool:
        """Tombstone: the number stays in the postings and is filtered out."""
        num = self._ids.pop(highlight_id, None)
        if num is None:
            return False
        h = self._hl.pop(num)
        words = self._words.pop(num, None) or _words_of(h)
        created = self._created.pop(num)
        del self._day[num]
        self._total_length -= self._length.pop(num)
        flags = self._flags.pop(num)
        self._norm.pop(num, None)
        self._dead += 1
        for name in words.people:
            for word in name.split():
                self._person_post[word].discard(num)
        self._articles[h.article_id].docs.discard(num)
        for tag in {tag_key(t) for t in h.tags}:
            docs = self._tag_docs.get(tag)
            if docs is not None:
                docs.discard(num)
                if not docs:
                    del self._tag_docs[tag]
                    self._tag_names.pop(tag, None)
        self._color_docs[h.color].discard(num)
        for bit, flag in enumerate(FLAGS):
            if flags >> bit & 1:
                self._flag_docs[flag].discard(num)
        times = self._sorted_times()
        i = bisect_left(times, (created, num))
        if i < len(times) and times[i] == (created, num):
            del times[i]
        return True

    def _sorted_times(self) -> list[tuple[float, int]]:
        if self._time_dirty:
            self._by_time.sort()
            self._time_dirty = False
        return self._by_time

    # ----------------------------------------------------------- snapshot

    def save(self, path: Path | None = None) -> bool:
        """Write a snapshot for the next open; False if it could not be written."""
        target = path or self.snapshot_path
        if target is None:
            return False
        with self._lock:
            packed = dict(self._packed)
            for term, postings in self._post.items():
                packed[term] = (_arr(postings.keys()), bytes(postings.values()))
            times = self._sorted_times()
            nums = [n for _, n in times]
            hl = self._hl
            data = {
                "next": self._next,
                "dead": self._dead,
                "total_length": self._total_length,
                "articles": {a: (r.info.title, r.info.outlet) for a, r in self._articles.items()},
                "article_docs": {a: _arr(r.docs) for a, r in self._articles.items() if r.docs},
                # columns, oldest first, so the recency list comes back sorted
                "nums": _arr(nums),
                "ids": [hl[n].id for n in nums],
                "article_ids": [hl[n].article_id for n in nums],
                "updated": updated_seconds([hl[n] for n in nums]).tobytes(),
                "created": array("d", (c for c, _ in times)).tobytes(),
                "day": array("i", (self._day[n] for n in nums)).tobytes(),
                "length": _arr(self._length[n] for n in nums),
                "flags": bytes(self._flags[n] for n in nums),
                "colors": {c: _arr(d) for c, d in self._color_docs.items() if d},
                "flag_docs": {f: _arr(d) for f, d in self._flag_docs.items() if d},
                "tags": {t: _arr(d) for t, d in self._tag_docs.items() if d},
                "tag_names": dict(self._tag_names),
                "people": {w: _arr(d) for w, d in self._person_post.items() if d},
                "post": packed,
            }
        return cache.write_snapshot(target, data)

    def _restore(self, data: dict[str, Any], highlights: list[Highlight]) -> list[Highlight]:
        """Take over a snapshot's entries for unchanged highlights; return the
        highlights still to index (all of them if the snapshot is too stale).
        Everything but the check of each highlight runs as bulk C-level work."""
        if self._hl or self._post:
            return highlights
        titles: dict[str, tuple[str, str | None]] = data["articles"]
        changed = {
            a for a, r in self._articles.items() if titles.get(a) != (r.info.title, r.info.outlet)
        }
        nums = _nums(data["nums"])
        saved_ids: list[str] = data["ids"]
        saved_articles: list[str] = data["article_ids"]
        saved_updated = array("d", data["updated"])
        by_id = dict(zip(map(_ID, highlights), highlights, strict=True))
        ordered = list(map(by_id.get, saved_ids))  # None where deleted since
        present = cast(list[Highlight], ordered)
        unchanged = (
            not changed
            and len(by_id) == len(saved_ids)
            and None not in ordered
            and list(map(_ARTICLE_ID, present)) == saved_articles
            and updated_seconds(present) == saved_updated
        )
        if unchanged:  # the usual open: one bulk comparison, no loop
            hl = dict(zip(nums, present, strict=True))
            ids = dict(zip(saved_ids, nums, strict=True))
            fresh: list[Highlight] = []
            stale: set[int] = set()
        else:
            hl, ids = {}, {}
            for i, h in enumerate(ordered):
                if (
                    h is not None
                    and h.article_id == saved_articles[i]
                    and h.article_id not in changed
                    and _seconds(h.updated) == saved_updated[i]
                ):
                    hl[nums[i]] = h
                    ids[h.id] = nums[i]
            fresh = [h for h in highlights if h.id not in ids]
            stale = set(nums).difference(hl)
        dead = int(data["dead"]) + len(stale)
        if dead > STALE_SHARE * max(1, len(nums) + int(data["dead"])):
            return highlights
        with self._lock:
            created = array("d", data["created"])
            length = _nums(data["length"])
            self._hl, self._ids = hl, ids
            self._created = dict(zip(nums, created, strict=True))
            self._day = dict(zip(nums, array("i", data["day"]), strict=True))
            self._length = dict(zip(nums, length, strict=True))
            self._flags = dict(zip(nums, data["flags"], strict=True))
            self._by_time = list(zip(created, nums, strict=True))
            self._time_dirty = True
            self._total_length = int(data["total_length"])
            self._next = int(data["next"])
            self._packed = data["post"]
            for target, key in (
                (self._color_docs, "colors"),
                (self._flag_docs, "flag_docs"),
                (self._tag_docs, "tags"),
                (self._person_post, "people"),
            ):
                target.update((k, set(_nums(v))) for k, v in data[key].items())
            self._tag_names.update(data["tag_names"])
            for article_id, raw in data["article_docs"].items():
                self._article(article_id).docs.update(_nums(raw))
            if stale:
                self._drop(stale)
            self._dead = dead
            self._vocab.dirty = True
            self._person_vocab.dirty = True
            self.reused = len(hl)
        return fresh

    def _drop(self, nums: set[int]) -> None:
        """Take snapshot entries that are out of date out of the side indexes."""
        for sets in (self._color_docs, self._flag_docs, self._tag_docs, self._person_post):
            for members in sets.values():
                members.difference_update(nums)
        for record in self._articles.values():
            record.docs.difference_update(nums)
        for n in nums:
            self._total_length -= self._length.pop(n, 0)
            self._created.pop(n, None)
            self._day.pop(n, None)
            self._flags.pop(n, None)
        self._by_time = [entry for entry in self._by_time if entry[1] not in nums]

    # ----------------------------------------------------------- reading

    def __len__(self) -> int:
        return len(self._hl)

    def __contains__(self, highlight_id: object) -> bool:
        return highlight_id in self._ids

    def article(self, article_id: str) -> ArticleInfo | None:
        record = self._articles.get(article_id)
        return record.info if record else None

    def tag_counts(self) -> list[tuple[str, int]]:
        """Every tag with how many highlights carry it, most used first."""
        with self._lock:
            counts = [(self._tag_names[t], len(d)) for t, d in self._tag_docs.items() if d]
        return sorted(counts, key=lambda tc: (-tc[1], tc[0].casefold()))

    def recent(self, limit: int = 50) -> list[SearchResult]:
        """The newest highlights first (what an empty query shows)."""
        with self._lock:
            nums = self._newest(None, limit)
            return [self._result(n, 0.0, (frozenset(), ())) for n in nums]

    def _newest(
        self,
        among: Set[int] | None,
        limit: int,
        excludes: Iterable[Set[int]] = (),
        tests: Iterable[tuple[Callable[[int], bool], bool]] = (),
    ) -> list[int]:
        """The newest highlights (of `among`, if given) that pass the filters."""
        excludes = list(excludes)
        tests = list(tests)
        out: list[int] = []
        for _, num in reversed(self._sorted_times()):
            if len(out) >= limit:
                break
            if among is not None and num not in among:
                continue
            if any(num in e for e in excludes):
                continue
            if all(test(num) == wanted for test, wanted in tests):
                out.append(num)
        return out

    def search(self, query: str | ParsedQuery, limit: int = 50) -> list[SearchResult]:
        """Ranked results for `query` (text is parsed with prefix_last=True)."""
        parsed = parse_query(query) if isinstance(query, str) else query
        if limit <= 0:
            return []
        with self._lock:
            if parsed.is_empty:
                return self.recent(limit)
            return self._search(parsed, limit)

    def _search(self, parsed: ParsedQuery, limit: int) -> list[SearchResult]:
        positives: list[Set[int]] = []
        excludes: list[Set[int]] = []
        tests: list[Test] = []  # run last, on what the sets let through
        scorers: list[Scorer] = []
        words: set[str] = set()
        prefixes: list[str] = []
        wide = self._wide_prefixes(parsed)
        for clause in parsed.clauses:
            atom = clause[0]
            if atom in wide:
                # A short word being typed: hundreds of completions. Score only
                # the word itself; match by merging or testing, whichever is cheaper.
                word = atom.tokens[0]
                prefixes.append(word)
                if self._live(word):
                    scorers.append(([(word, 1.0)], 1.0))
                if wide[atom]:
                    tests.append((self._prefix_test(word), True))
                else:
                    positives.append(self._union_postings([word, *self._vocab.completions(word)]))
                continue
            if len(clause) == 1 and atom.negated:
                excludes.append(self._atom(atom, None, None))
                continue
            if len(clause) == 1 and atom.kind == "phrase":
                positives.append(self._phrase(atom, scorers, words, tests))
                continue
            parts: list[Set[int]] = []
            for atom in clause:
                if atom.negated:
                    hit = self._atom(atom, None, None)
                    parts.append({n for n in self._hl if n not in hit})
                else:
                    parts.append(self._atom(atom, scorers, words))
            positives.append(parts[0] if len(parts) == 1 else set().union(*parts))
        marks = (frozenset(words), tuple(prefixes))
        scorers = self._without_stop_words(scorers)
        if not positives and not scorers:
            nums = self._newest(None, limit, excludes, tests)
            return [self._result(n, 0.0, marks) for n in nums]
        candidates = self._intersect(positives)
        if (self._dead and positives) or excludes:
            narrowed = set(candidates)
            for excluded in excludes:
                narrowed.difference_update(excluded)
            if self._dead:
                live = self._hl
                narrowed = {n for n in narrowed if n in live}
            candidates = narrowed
        # The tests (phrase order, a word being typed) are the dear part: they
        # run lazily, in result order, only until `limit` results pass.
        if not scorers:
            nums = self._newest(candidates, limit, tests=tests)
            return [self._result(n, 0.0, marks) for n in nums]
        scores = self._score(candidates, scorers)
        if tests:
            ranked = []
            for n, score in self._in_rank_order(scores):
                if all(test(n) == wanted for test, wanted in tests):
                    ranked.append((n, score))
                    if len(ranked) >= limit:
                        break
        else:
            ranked = self._top(scores, limit)
        if len(ranked) < limit and len(scores) < len(candidates):
            # candidates no scored term touched (an OR'd stop word, an unscored
            # completion): after the scored ones, newest first
            rest = set(candidates).difference(scores) if scores else candidates
            for n in self._newest(rest, limit - len(ranked), tests=tests):
                ranked.append((n, 0.0))
        return [self._result(n, s, marks) for n, s in ranked]

    def _rank_key(self, ns: tuple[int, float]) -> tuple[float, float, int]:
        """Best score first; equal scores (to 6 places) newest first."""
        return (-round(ns[1], 6), -self._created[ns[0]], -ns[0])

    def _in_rank_order(self, scores: dict[int, float]) -> Iterator[tuple[int, float]]:
        """The scores best first, ordered lazily: the tests that follow usually
        stop after `limit` results, so sorting every candidate (per keystroke)
        was wasted. Keys are unique (they end with the number), so the order
        is exactly sorted()'s."""
        heap = [(self._rank_key(item), item) for item in scores.items()]
        heapq.heapify(heap)
        while heap:
            yield heapq.heappop(heap)[1]

    def _wide_prefixes(self, parsed: ParsedQuery) -> dict[Atom, bool]:
        """Words being typed with hundreds of completions, each mapped to
        True when testing the other clauses' candidates for a word starting
        with it is cheaper than merging the completions' postings."""
        wide: dict[Atom, bool] = {}
        for clause in parsed.clauses:
            atom = clause[0]
            if len(clause) > 1 or atom.kind != "word" or not atom.prefix or atom.negated:
                continue
            word = atom.tokens[0]
            completions = self._vocab.completions(word)
            if len(completions) <= MAX_MERGED_COMPLETIONS:
                continue
            others = [
                self._estimate(c[0])
                for c in parsed.clauses
                if c is not clause
                and len(c) == 1
                and c[0].kind in ("word", "phrase")
                and not c[0].negated
                and not c[0].prefix
            ]
            if not others:
                # nothing else narrows: the newest matches are found by testing,
                # unless the word itself must be scored over all its postings
                wide[atom] = not self._live(word)
                continue
            merged = sum(self._df(t) for t in completions)
            wide[atom] = min(others) * TEST_COST < merged * MERGE_COST
        return wide

    def _estimate(self, atom: Atom) -> int:
        """Roughly how many highlights a word or phrase clause lets through."""
        if atom.kind == "phrase":
            return min(self._df(t) for t in atom.tokens)
        return sum(self._df(t) for t, _ in self._expand(atom.tokens[0], False))

    def _without_stop_words(self, scorers: list[Scorer]) -> list[Scorer]:
        """Drop terms found in over half of a large collection from scoring:
        their idf is under ln 2 (rare words score ~10x more), yet scoring them
        would touch most highlights. They still have to match."""
        n = len(self._hl)
        if n < STOP_MIN_DOCS:
            return scorers
        limit = STOP_SHARE * n
        kept: list[Scorer] = []
        for terms, bonus in scorers:
            useful = [(t, f) for t, f in terms if self._df(t) <= limit]
            if useful:
                kept.append((useful, bonus))
        return kept

    def _prefix_test(self, prefix: str) -> Callable[[int], bool]:
        """Whether a highlight has a word (in any field) starting with `prefix`."""
        return self._text_test((prefix,), True)

    def _text_test(self, words: tuple[str, ...], prefix: bool) -> Callable[[int], bool]:
        """Whether a live highlight has `words` in a row (the last one as a
        prefix if `prefix`) in its text, note, tags or its article's title.

        Highlights indexed in this session kept their padded words, so a
        substring check does; for ones from a snapshot a regex over the
        folded text gives the same answer without tokenising it (~5x quicker).
        """
        needle = " " + " ".join(words) + ("" if prefix else " ")
        pattern = re.compile(  # words apart by non-word characters, never by a \0
            r"(?<![^\W_])"
            + r"(?:[^\w\0]|_)+".join(re.escape(w) for w in words)
            + ("" if prefix else r"(?![^\W_])")
        )
        search = pattern.search
        hl = self._hl
        kept = self._words
        articles = self._articles

        def test(n: int) -> bool:
            h = hl.get(n)
            if h is None:  # a tombstone
                return False
            if needle in articles[h.article_id].padded:
                return True
            w = kept.get(n)
            if w is not None:
                return needle in w.text or needle in w.note or needle in w.tag_words
            # one fold and one search over the fields, \0 keeping them apart
            return search(fold_text(f"{h.exact}\0{h.note}\0{' '.join(h.tags)}")) is not None

        return test

    def _intersect(self, sets: list[Set[int]]) -> Set[int]:
        if not sets:
            return self._hl.keys()
        sets = sorted(sets, key=len)
        result: Set[int] = sets[0]
        for other in sets[1:]:
            if not result:
                break
            result = {n for n in result if n in other}
        return result

    # ----------------------------------------------------------- atoms

    def _atom(
        self,
        atom: Atom,
        scorers: list[tuple[list[tuple[str, float]], float]] | None,
        emphasise: set[str] | None,
    ) -> Set[int]:
        """The highlights `atom` matches (ignoring negation); adds its scoring terms."""
        kind = atom.kind
        if kind == "word":
            terms = self._expand(atom.tokens[0], atom.prefix)
            if scorers is not None and terms:
                scorers.append((terms, 1.0))
            if emphasise is not None:
                emphasise.update(t for t, _ in terms)
            return self._union_postings([t for t, _ in terms])
        if kind == "phrase":
            return self._phrase(atom, scorers, emphasise)
        if kind == "tag":
            return self._tag(atom)
        if kind == "color":
            value = atom.tokens[0]
            if atom.prefix and value not in self._color_docs:
                return self._union(d for c, d in self._color_docs.items() if c.startswith(value))
            return self._color_docs.get(value, set())
        if kind in ("has", "is"):
            return self._flag_docs.get(f"{kind}:{atom.tokens[0]}", set())
        if kind == "person":
            return self._person(atom)
        if kind == "article":
            return self._article_docs(atom)
        return self._dated(atom)

    def _union(self, sets: Iterable[Set[int]]) -> Set[int]:
        out: set[int] = set()
        for s in sets:
            out.update(s)
        return out

    def _has(self, term: str) -> bool:
        return term in self._post or term in self._packed

    def _live(self, term: str) -> bool:
        """Whether some live highlight holds `term` (tombstones do not count)."""
        postings = self._postings(term)
        if not postings:
            return False
        live = self._hl
        return not self._dead or any(n in live for n in postings)

    def _df(self, term: str) -> int:
        """How many postings `term` has (without unpacking it)."""
        postings = self._post.get(term)
        if postings is not None:
            return len(postings)
        packed = self._packed.get(term)
        return len(packed[0]) // 4 if packed else 0

    def _union_postings(self, terms: list[str]) -> Set[int]:
        if not terms:
            return set()
        if len(terms) == 1:
            return (self._postings(terms[0]) or {}).keys()
        out: set[int] = set()
        for term in terms:
            postings = self._post.get(term)
            if postings is not None:
                out.update(postings.keys())
            elif term in self._packed:
                out.update(array("I", self._packed[term][0]))
        return out

    def _expand(self, word: str, prefix: bool) -> list[tuple[str, float]]:
        """Index terms `word` stands for, each with a score factor."""
        terms: list[tuple[str, float]] = []
        if self._live(word):
            terms.append((word, 1.0))
        if prefix:
            terms.extend((t, PREFIX_FACTOR) for t in self._vocab.completions(word))
        if not terms:
            budget = typo_budget(word)
            if budget:
                near = self._vocab.near(word, budget)
                terms.extend((t, FUZZY_FACTOR[d]) for t, d in near)
        return terms

    def _phrase(
        self,
        atom: Atom,
        scorers: list[Scorer] | None,
        emphasise: set[str] | None,
        tests: list[Test] | None = None,
    ) -> Set[int]:
        """Highlights with the words in order. With `tests`, returns a superset
        (all the words present) and leaves the order check as a test, so it
        runs only on what the other clauses let through."""
        words = atom.tokens
        sets: list[Set[int]] = []
        expanded: list[list[str]] = []
        for i, word in enumerate(words):
            terms = [word] if self._has(word) else []
            if atom.prefix and i == len(words) - 1:
                completions = self._vocab.completions(word)
                if len(completions) > MAX_MERGED_COMPLETIONS:
                    expanded.append(terms)  # too many to merge: the test checks it
                    continue
                terms += completions
            if not terms:
                return set()
            expanded.append(terms)
            sets.append(self._union_postings(terms))
        if scorers is not None:
            for terms in expanded:
                if terms:
                    scorers.append(([(t, 1.0) for t in terms], PHRASE_BONUS))
        if emphasise is not None:
            for terms in expanded:
                emphasise.update(terms)
        test = self._phrase_test(words, atom.prefix)
        superset = self._intersect(sets)
        if tests is not None:
            tests.append((test, True))
            return superset
        return {n for n in superset if test(n)}

    def _phrase_test(self, words: tuple[str, ...], prefix: bool) -> Callable[[int], bool]:
        return self._text_test(words, prefix)

    def _tag(self, atom: Atom) -> Set[int]:
        tag = atom.tokens[0]
        exact = self._tag_docs.get(tag)
        if exact or not atom.prefix:
            return exact or set()
        return self._union(d for t, d in self._tag_docs.items() if t.startswith(tag))

    def _person(self, atom: Atom) -> Set[int]:
        words = atom.tokens
        sets: list[Set[int]] = []
        for i, word in enumerate(words):
            terms = [word] if self._person_post.get(word) else []
            if atom.prefix and i == len(words) - 1:
                terms += self._person_vocab.completions(word)
            sets.append(self._union(self._person_post[t] for t in terms))
        found: set[int] = set()
        for n in self._intersect(sets):
            doc_words = self._doc_words(n)
            if doc_words and any(_has_phrase(p, words, atom.prefix) for p in doc_words.people):
                found.add(n)
        return found

    def _article_docs(self, atom: Atom) -> Set[int]:
        words = atom.tokens
        ids: set[str] | None = None
        for i, word in enumerate(words):
            found = set(self._title_post.get(word, ()))
            if atom.prefix and i == len(words) - 1:
                for t in self._title_vocab.completions(word):
                    found |= self._title_post[t]
            ids = found if ids is None else ids & found
        chosen = [
            self._articles[a]
            for a in ids or ()
            if _has_phrase(self._articles[a].padded, words, atom.prefix)
        ]
        return self._union(a.docs for a in chosen)

    def _dated(self, atom: Atom) -> Set[int]:
        day = atom.day
        if day is None:
            return set()
        bound = day.toordinal()
        if atom.kind in ("after", "before"):
            after = atom.kind == "after"
            return {n for n, day in self._day.items() if (day >= bound) == after}
        after = atom.kind == "published-after"
        out: set[int] = set()
        for record in self._articles.values():
            published = record.info.published
            if published is not None and (published.toordinal() >= bound) == after:
                out.update(record.docs)
        return out

    # ----------------------------------------------------------- ranking

    def _idf(self, term: str) -> float:
        n = len(self._hl)
        df = self._df(term)
        return math.log(1.0 + (n - df + 0.5) / (df + 0.5))

    def _affordable(self, terms: list[tuple[str, float]]) -> list[tuple[str, float]]:
        """The expansions worth scoring one by one: best factor, then rarest
        first, within SCORE_BUDGET postings (others still match, scoring 0
        for this atom; common completions of a half-typed word say little)."""
        ranked = sorted(terms, key=lambda tf: (-tf[1], self._df(tf[0])))
        budget = SCORE_BUDGET
        kept: list[tuple[str, float]] = []
        for term, factor in ranked:
            df = self._df(term)
            if kept and df > budget:
                continue
            kept.append((term, factor))
            budget -= df
        return kept

    def _norms(self) -> dict[int, float]:
        """Each highlight's BM25 length normalisation, K1 * (1 - B + B * len / avg),
        recomputed only when the average length has drifted by 5%."""
        avg = self._total_length / max(1, len(self._hl)) or 1.0
        if abs(avg - self._norm_avg) > 0.05 * self._norm_avg or len(self._norm) != len(self._hl):
            self._norm_avg = avg
            scale = K1 * B / avg
            base = K1 * (1 - B)
            self._norm = {n: base + scale * length for n, length in self._length.items()}
        return self._norm

    def _score(self, candidates: Set[int], scorers: list[Scorer]) -> dict[int, float]:
        """BM25 over the weighted fields; an atom scores its best expansion."""
        norm = self._norms()
        scores: dict[int, float] = {}
        for terms, bonus in scorers:
            if len(terms) > 1:
                terms = self._affordable(terms)
            best: dict[int, float] = {}
            for term, factor in terms:
                postings = self._postings(term)
                if not postings:
                    continue
                weight = self._idf(term) * factor * bonus * (K1 + 1)
                pairs: Iterable[tuple[int, int]]
                if not best:
                    if len(postings) <= len(candidates):
                        best = {
                            n: weight * tf / (tf + norm[n])
                            for n, tf in postings.items()
                            if n in candidates
                        }
                    else:
                        best = {
                            n: weight * postings[n] / (postings[n] + norm[n])
                            for n in candidates
                            if n in postings
                        }
                    continue
                if len(postings) <= len(candidates):
                    pairs = [(n, tf) for n, tf in postings.items() if n in candidates]
                else:
                    pairs = [(n, postings[n]) for n in candidates if n in postings]
                for n, tf in pairs:
                    value = weight * tf / (tf + norm[n])
                    if value > best.get(n, 0.0):
                        best[n] = value
            if not scores:
                scores = best
            else:
                for n, value in best.items():
                    scores[n] = scores.get(n, 0.0) + value
        return scores

    def _top(self, scores: dict[int, float], limit: int) -> list[tuple[int, float]]:
        """Best first; equal scores (to 6 places) newest first."""
        key = self._rank_key
        if len(scores) <= 4 * limit:
            return sorted(scores.items(), key=key)[:limit]
        cutoff = heapq.nlargest(limit, scores.values())[-1]
        high, low = cutoff + 1e-6, cutoff - 1e-6
        above: list[tuple[int, float]] = []
        tied: set[int] = set()
        for n, score in scores.items():
            if score > high:
                above.append((n, score))
            elif score >= low:
                tied.add(n)
        above.sort(key=key)
        # many equal scores (often all zero): take the newest of them
        rest = self._newest(tied, limit - len(above)) if len(tied) > 4 * limit else None
        if rest is None:
            return sorted([*above, *((n, scores[n]) for n in tied)], key=key)[:limit]
        return above + [(n, scores[n]) for n in rest]

    # ----------------------------------------------------------- results

    def _result(self, num: int, score: float, marks: Marks) -> SearchResult:
        h = self._hl[num]
        article = self._articles[h.article_id].info
        words, prefixes = marks
        spans = _marked_spans(h.exact, words, prefixes)
        excerpt, note_spans = note_excerpt(h.note, words, prefixes=prefixes)
        return SearchResult(h, article, score, spans, excerpt, note_spans)


def _marked_spans(
    text: str, words: Set[str], prefixes: tuple[str, ...]
) -> tuple[tuple[int, int], ...]:
    """Offsets of the words of `text` to emphasise (skipping the tokenising
    when a plain substring check shows none can be there)."""
    if not words and not prefixes:
        return ()
    folded = fold_text(text)
    if not any(w in folded for w in words) and not any(p in folded for p in prefixes):
        return ()
    return tuple(
        (s, e)
        for w, s, e in token_spans(text)
        if w in words or (prefixes and w.startswith(prefixes))
    )


def note_excerpt(
    note: str,
    words: Set[str],
    width: int = EXCERPT_CHARS,
    prefixes: tuple[str, ...] = (),
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """One line of `note` around its first matched word (one of `words`, or
    starting with one of `prefixes`), and the matches in it."""
    flat = " ".join(note.split())
    if not flat:
        return "", ()
    found = _marked_spans(flat, words, prefixes)
    start = 0
    if found and found[0][1] > width:
        start = flat.rfind(" ", 0, max(0, found[0][0] - width // 3)) + 1
    end = len(flat)
    if end - start > width:
        cut = flat.rfind(" ", start, start + width)
        end = cut if cut > start else start + width
    head = "…" if start > 0 else ""
    tail = "…" if end < len(flat) else ""
    excerpt = head + flat[start:end] + tail
    shift = len(head) - start
    spans = tuple((s + shift, e + shift) for s, e in found if s >= start and e <= end)
    return excerpt, spans
