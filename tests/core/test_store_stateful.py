"""A hypothesis state machine: the store behaves like a dict of highlights
through adds, edits, deletes and reopenings (also by a second instance)."""

from __future__ import annotations

import shutil
import tempfile
import uuid
from dataclasses import replace
from pathlib import Path

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, consumes, invariant, rule

from reader.model import COLORS, Highlight
from reader.store import Store

ARTICLES = st.sampled_from(["a1", "a2", "b" * 16, "odd/id"])
TAGS = st.lists(st.sampled_from(["ev", "china", "price", "tariff", "ünïcode"]), max_size=3)
NOTES = st.text(max_size=40)


def _comparable(h: Highlight) -> Highlight:
    """`updated` is stamped by the store, so it is left out of comparisons."""
    return replace(h, updated=h.created)


class StoreMachine(RuleBasedStateMachine):
    ids = Bundle("ids")

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="reader-stateful-"))
        self.db = self.folder / "store.json"
        self.store = Store.open(self.db)
        self.model: dict[str, Highlight] = {}

    def teardown(self) -> None:
        self.store.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    @rule(target=ids, article=ARTICLES, tags=TAGS, note=NOTES, color=st.sampled_from(COLORS))
    def add(self, article: str, tags: list[str], note: str, color: str) -> str:
        h = Highlight(
            id=str(uuid.uuid4()),
            article_id=article,
            start=3,
            end=9,
            exact="exact!",
            prefix="pre",
            suffix="suf",
            tags=tuple(tags),
            note=note,
            color=color,
        )
        self.model[h.id] = self.store.add(h)
        return h.id

    @rule(hid=ids, note=NOTES, tags=TAGS)
    def edit(self, hid: str, note: str, tags: list[str]) -> None:
        if hid not in self.model:
            return
        updated = self.store.update(replace(self.model[hid], note=note, tags=tuple(tags)))
        self.model[hid] = updated

    @rule(hid=consumes(ids))
    def delete(self, hid: str) -> None:
        gone = self.store.delete(hid)
        expected = self.model.pop(hid, None)
        assert (gone is None) == (expected is None)
        if gone is not None and expected is not None:
            assert _comparable(gone) == _comparable(expected)

    @rule()
    def delete_unknown(self) -> None:
        assert self.store.delete(str(uuid.uuid4())) is None

    @rule()
    def reopen(self) -> None:
        self.store.close()
        self.store = Store.open(self.db)

    @rule(article=ARTICLES)
    def second_instance_adds(self, article: str) -> None:
        with Store.open(self.db) as other:
            h = other.add(
                Highlight(
                    id=str(uuid.uuid4()),
                    article_id=article,
                    start=0,
                    end=1,
                    exact="x",
                    prefix="",
                    suffix="",
                )
            )
        self.model[h.id] = h

    @invariant()
    def matches_model(self) -> None:
        got = {h.id: _comparable(h) for h in self.store.highlights()}
        assert got == {k: _comparable(v) for k, v in self.model.items()}

    @invariant()
    def tags_match_model(self) -> None:
        counts: dict[str, int] = {}
        for h in self.model.values():
            for tag in h.tags:
                counts[tag] = counts.get(tag, 0) + 1
        assert self.store.all_tags() == counts


StoreMachine.TestCase.settings = settings(max_examples=40, stateful_step_count=30, deadline=None)
test_store_behaves_like_a_dict = StoreMachine.TestCase


class SnapshotStoreMachine(StoreMachine):
    """The same, with the load snapshot used and refreshed at every full load."""

    def __init__(self) -> None:
        from reader.store import _core

        self._saved_min = _core.SNAPSHOT_MIN_SHARDS
        _core.SNAPSHOT_MIN_SHARDS = 1
        super().__init__()

    def teardown(self) -> None:
        from reader.store import _core

        _core.SNAPSHOT_MIN_SHARDS = self._saved_min
        super().teardown()


SnapshotStoreMachine.TestCase.settings = settings(
    max_examples=40, stateful_step_count=30, deadline=None
)
test_store_with_snapshot_behaves_like_a_dict = SnapshotStoreMachine.TestCase
