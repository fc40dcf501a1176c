"""The index snapshot beside the store: reused when valid, never trusted blindly."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from reader.model import Highlight, LibraryEntry
from reader.search import SearchIndex
from reader.search.cache import cache_path, read_snapshot
from reader.store import Store

_WORDS = (
    "steel tariff quota minister ministry exports imports zhōu win-win deal china trade "
    "electric sedan battery price cut union strike port harbour crane freight"
)
WORDS = _WORDS.split()
QUERIES = [
    "steel ",
    "tariff",
    "zhou deal ",
    '"win win"',
    "#policy",
    "harbor",
    "tra",
    "exports -imports ",
    "article:report ",
    "has:note",
    "crane OR freight ",
]


def make_highlights(rng: random.Random, n: int, start: int = 0) -> list[Highlight]:
    out = []
    for i in range(start, start + n):
        when = datetime(2026, 1, 1) + timedelta(hours=i)
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 12)))
        out.append(
            Highlight(
                id=f"h{i:04d}",
                article_id=f"a{i % 5}",
                start=0,
                end=len(text),
                exact=text,
                prefix="",
                suffix="",
                tags=("policy",) if i % 3 == 0 else (),
                note=rng.choice(["", "", "the harbour crane report"]),
                created=when,
                updated=when,
            )
        )
    return out


def found(index: SearchIndex) -> list[set[str]]:
    return [{r.highlight.id for r in index.search(q, limit=500)} for q in QUERIES]


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    path = tmp_path / "store.json"
    rng = random.Random(3)
    with Store.open(path) as store:
        for i in range(5):
            title = f"Port report {i}" if i % 2 else f"Trade news {i}"
            entry = LibraryEntry(f"a{i}", None, title, None, None, "x", False)
            store.upsert_article(entry)
        store.add_many(make_highlights(rng, 120))
    return path


def fresh_answers(path: Path) -> list[set[str]]:
    """What an index built from scratch (no snapshot) answers."""
    with Store.open(path) as store:
        return found(SearchIndex.from_store(store, snapshot=path.with_name("none.search")))


def test_first_open_writes_a_snapshot_the_next_open_reuses(store_path: Path) -> None:
    snap = cache_path(store_path)
    assert not snap.exists()
    with Store.open(store_path) as store:
        index = SearchIndex.from_store(store)
        first = found(index)
    assert snap.exists() and index.reused == 0
    before = snap.stat().st_mtime_ns
    with Store.open(store_path) as store:
        index = SearchIndex.from_store(store)
        again = found(index)
    assert index.reused == 120
    assert again == first == fresh_answers(store_path)
    assert snap.stat().st_mtime_ns == before  # nothing changed, nothing rewritten
    assert any(first)


def test_changes_made_between_opens_are_seen(store_path: Path) -> None:
    with Store.open(store_path) as store:
        SearchIndex.from_store(store)  # writes the snapshot
        store.add(make_highlights(random.Random(9), 1, start=500)[0])
        victim = store.highlights()[0]
        store.delete(victim.id)
        edited = store.highlights()[5]
        store.update(replace(edited, note="a quayside gantry note", tags=("shipping",)))
    with Store.open(store_path) as store:
        index = SearchIndex.from_store(store)
        assert index.reused == 120 - 2  # all but the deleted and the edited
        assert "h0500" in index and victim.id not in index
        assert [r.highlight.id for r in index.search("gantry quayside ")] == [edited.id]
        assert ("shipping", 1) in index.tag_counts()
        answers = found(index)
    assert answers == fresh_answers(store_path)


def test_a_renamed_article_is_reindexed(store_path: Path) -> None:
    with Store.open(store_path) as store:
        SearchIndex.from_store(store)
        store.upsert_article(LibraryEntry("a1", None, "Gantry weekly", None, None, "x", False))
    with Store.open(store_path) as store:
        index = SearchIndex.from_store(store)
        assert index.reused == 120 - 24  # a1 holds every fifth highlight
        assert len(index.search("article:gantry ", limit=100)) == 24
        assert index.search("article:report 1 ") == []
        answers = found(index)
    assert answers == fresh_answers(store_path)


@pytest.mark.parametrize("damage", ["truncate", "garbage", "flip"])
def test_a_damaged_snapshot_is_ignored_and_replaced(store_path: Path, damage: str) -> None:
    with Store.open(store_path) as store:
        expected = found(SearchIndex.from_store(store))
    snap = cache_path(store_path)
    raw = snap.read_bytes()
    if damage == "truncate":
        snap.write_bytes(raw[: len(raw) // 2])
    elif damage == "garbage":
        snap.write_bytes(b"not an index at all")
    else:
        snap.write_bytes(raw[:-10] + bytes(b ^ 0xFF for b in raw[-10:]))
    with Store.open(store_path) as store:
        index = SearchIndex.from_store(store)
        assert index.reused == 0 and found(index) == expected
    assert read_snapshot(snap) is not None  # rewritten whole


def test_edits_and_deletes_in_a_session_match_a_fresh_build(store_path: Path) -> None:
    rng = random.Random(11)
    with Store.open(store_path) as store:
        index = SearchIndex.from_store(store)
        for step in range(60):
            hs = store.highlights()
            choice = rng.random()
            if choice < 0.3:
                store.delete(rng.choice(hs).id)
            elif choice < 0.7:
                h = rng.choice(hs)
                words = " ".join(rng.choice(WORDS) for _ in range(4))
                store.update(replace(h, exact=words, end=len(words), note=rng.choice(["", words])))
            else:
                store.add(make_highlights(rng, 1, start=1000 + step)[0])
        live = found(index)
    assert live == fresh_answers(store_path)


def test_unwritable_snapshot_folder_is_not_an_error(tmp_path: Path) -> None:
    with Store.open(tmp_path / "store.json") as store:
        store.add(make_highlights(random.Random(1), 1)[0])
        index = SearchIndex.from_store(store, snapshot=tmp_path / "missing" / "x.search")
        assert len(index) == 1
        assert index.save() is False


def test_restored_highlights_answer_phrases_and_prefixes_like_fresh_ones(tmp_path: Path) -> None:
    """Highlights from a snapshot are checked by regex, new ones by their
    kept words: both must agree, including a word being typed with hundreds
    of completions and punctuation or accents between the words."""
    path = tmp_path / "store.json"
    texts = [f"tok{i}x about the Trade-War, zhōu" for i in range(150)]
    texts += ["steel talks, then trade wars", "the TRADE war: steel", "tradewar steel"]
    highlights = [
        Highlight(
            id=f"p{i:03d}",
            article_id="a0",
            start=0,
            end=len(t),
            exact=t,
            prefix="",
            suffix="",
            note="trade war?" if i == 0 else "",
            created=datetime(2026, 1, 1) + timedelta(minutes=i),
            updated=datetime(2026, 1, 1) + timedelta(minutes=i),
        )
        for i, t in enumerate(texts)
    ]
    queries = ["steel t", '"trade war"', '"trade wa', '"the trade war"', "zhou t", "t"]
    with Store.open(path) as store:
        store.add_many(highlights)
        fresh = [
            {r.highlight.id for r in SearchIndex.from_store(store).search(q, limit=500)}
            for q in queries
        ]
    with Store.open(path) as store:
        index = SearchIndex.from_store(store)
        assert index.reused == len(highlights)
        restored = [{r.highlight.id for r in index.search(q, limit=500)} for q in queries]
    assert restored == fresh
    assert fresh[0] == {"p150", "p151", "p152"}  # steel + a word starting with t
    assert "p152" not in fresh[1] and {"p151", "p000"} <= fresh[1]


def test_a_phrase_never_spans_two_fields(tmp_path: Path) -> None:
    """'trade war' must not match a passage ending in 'trade' whose note
    starts with 'war', whether indexed now or taken from a snapshot."""
    path = tmp_path / "store.json"
    when = datetime(2026, 1, 1)
    h = Highlight(
        "x1", "a0", 0, 11, "steel trade", "", "", note="war chest", created=when, updated=when
    )
    with Store.open(path) as store:
        store.add(h)
        assert SearchIndex.from_store(store).search('"trade war"') == []
    with Store.open(path) as store:
        index = SearchIndex.from_store(store)
        assert index.reused == 1
        assert index.search('"trade war"') == []
        assert [r.highlight.id for r in index.search('"war chest"')] == ["x1"]


def test_a_snapshot_of_deleted_highlights_is_replaced(store_path: Path) -> None:
    with Store.open(store_path) as store:
        SearchIndex.from_store(store)
        for h in store.highlights():
            store.delete(h.id)
    with Store.open(store_path) as store:
        index = SearchIndex.from_store(store)
        assert len(index) == 0 and index.search("steel ") == [] and index.tag_counts() == []
    data = read_snapshot(cache_path(store_path))
    assert data is not None and data["ids"] == []
