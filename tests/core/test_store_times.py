"""Times in the store: aware, in UTC, always comparable.

A single timezone-aware time ("...Z", "+00:00") among the naive ones older
versions wrote used to make every sorting command fail (TypeError, exit 70)
and the TUI print a long traceback and exit 0. Now every time is stored in
UTC with its offset, a naive one is read as the local time it was written
in, and an unexpected error in the TUI is logged with one sentence and a
non-zero exit.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from reader.cli import main
from reader.model import Highlight, LibraryEntry
from reader.store import Store

ARTICLE = """Harbour plans

The harbour board approved the new quay on Monday. Work starts in June.
"""


@pytest.fixture
def local_zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Local time is UTC+05:30 (no daylight saving) for the test."""
    monkeypatch.setenv("TZ", "Asia/Kolkata")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def record(hid: str, created: str, updated: str | None = None) -> dict[str, Any]:
    return {
        "id": hid,
        "article_id": "art1",
        "start": 4,
        "end": 11,
        "exact": "harbour",
        "prefix": "The ",
        "suffix": " board",
        "color": "yellow",
        "tags": ["port"],
        "note": "",
        "created": created,
        "updated": updated or created,
        "orphaned": False,
        "people": [],
    }


def v2_store(db: Path, records: list[dict[str, Any]]) -> None:
    """A v2 store (the layout before times were made aware) holding `records`."""
    db.parent.mkdir(parents=True, exist_ok=True)
    entry = {
        "article_id": "art1",
        "path": None,
        "title": "Harbour plans",
        "section": None,
        "published": "2026-01-05T08:00:00",
        "source_text": ARTICLE,
        "is_markdown": False,
        "added": "2026-01-05T09:00:00Z",
        "opened": None,
    }
    catalog = {"meta": {"1": {"schema_version": 2}}, "articles": {"1": entry}}
    db.write_text(json.dumps(catalog), encoding="utf-8")
    shard_dir = db.with_name(db.name + ".d")
    shard_dir.mkdir(exist_ok=True)
    shard = {"highlights": {str(i): r for i, r in enumerate(records, 1)}}
    (shard_dir / "art1.json").write_text(json.dumps(shard), encoding="utf-8")


MIXED = [
    record("naive", "2026-01-10T09:00:00"),
    record("zulu", "2026-01-10T10:00:00Z"),
    record("offset", "2026-01-10T11:00:00+00:00", "2026-01-11T11:00:00+02:00"),
]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "data" / "store.json"


@pytest.mark.parametrize(
    "command",
    [
        ["notes", "list"],
        ["notes", "list", "--json"],
        ["notes", "search", "harbour"],
        ["notes", "search", "after:2026-01-01", "harbour"],
        ["tags"],
        ["notes", "rm", "zulu"],
    ],
)
def test_aware_and_naive_times_together_do_not_break_commands(
    db: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    v2_store(db, MIXED)
    code = main(["--db", str(db), *command])
    _, err = capsys.readouterr()
    assert code == 0, err
    assert "unexpected error" not in err


def test_listing_orders_mixed_times_on_one_time_line(
    db: Path, capsys: pytest.CaptureFixture[str], local_zone: None
) -> None:
    # 09:00 at UTC+05:30 is 03:30 UTC: before both aware ones
    v2_store(db, list(reversed(MIXED)))
    assert main(["--db", str(db), "notes", "list", "--json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["id"] for r in rows] == ["naive", "zulu", "offset"]
    assert [r["created"] for r in rows] == [
        "2026-01-10T03:30:00+00:00",
        "2026-01-10T10:00:00+00:00",
        "2026-01-10T11:00:00+00:00",
    ]


def test_naive_times_are_read_as_local_and_migrated_to_utc(db: Path, local_zone: None) -> None:
    v2_store(db, MIXED)
    shard = db.with_name("store.json.d") / "art1.json"
    old_shard = shard.read_bytes()
    with Store.open(db) as store:
        assert "upgraded from schema version 2" in store.notices[0]
        by_id = {h.id: h for h in store.highlights()}
        entry = store.get_article("art1")
    assert by_id["naive"].created == datetime(2026, 1, 10, 3, 30, tzinfo=UTC)
    assert by_id["offset"].updated == datetime(2026, 1, 11, 9, 0, tzinfo=UTC)
    assert all(h.created.tzinfo is UTC and h.updated.tzinfo is UTC for h in by_id.values())
    assert entry is not None and entry.added == datetime(2026, 1, 5, 9, tzinfo=UTC)
    assert entry.published == datetime(2026, 1, 5, 8)  # the article's own date, as written
    on_disk = json.loads(shard.read_text())["highlights"]
    assert {r["id"]: r["created"] for r in on_disk.values()} == {
        "naive": "2026-01-10T03:30:00+00:00",
        "zulu": "2026-01-10T10:00:00+00:00",
        "offset": "2026-01-10T11:00:00+00:00",
    }
    assert shard.with_name("art1.json.bak").read_bytes() == old_shard  # kept


def test_every_time_written_is_utc_with_its_offset(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "harbour.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    assert main(["--db", str(db), "notes", "add", str(article), "--quote", "new quay"]) == 0
    hid = capsys.readouterr().out.strip()
    with Store.open(db) as store:
        h = store.get(hid)
        assert h is not None
        store.update(Highlight(**{**_fields(h), "note": "edited"}))
    catalog = json.loads(db.read_text())
    shard = json.loads(next(db.with_name("store.json.d").glob("*.json")).read_text())
    (rec,) = shard["highlights"].values()
    (entry,) = catalog["articles"].values()
    for stamp in (rec["created"], rec["updated"], entry["added"]):
        assert stamp.endswith("+00:00"), stamp


def _fields(h: Highlight) -> dict[str, Any]:
    return {name: getattr(h, name) for name in Highlight.__dataclass_fields__}


def test_models_made_without_times_are_aware() -> None:
    h = Highlight(id="x", article_id="a", start=0, end=1, exact="w", prefix="", suffix="")
    e = LibraryEntry("a", None, "T", None, None, "", False)
    assert h.created.tzinfo is UTC and h.updated.tzinfo is UTC and e.added.tzinfo is UTC


def test_saved_day_in_search_is_the_local_day(
    db: Path, capsys: pytest.CaptureFixture[str], local_zone: None
) -> None:
    # 20:00 UTC on the 10th is 01:30 on the 11th at UTC+05:30
    v2_store(db, [record("late", "2026-01-10T20:00:00+00:00")])
    assert main(["--db", str(db), "notes", "search", "after:2026-01-11", "harbour"]) == 0
    assert "saved 2026-01-11" in capsys.readouterr().out
    assert main(["--db", str(db), "notes", "search", "before:2026-01-11", "harbour"]) == 1


def test_unexpected_error_in_the_tui_is_one_sentence_and_exit_70(
    db: Path,
    isolated_home: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from textual.app import App

    from reader.extract import process as extract_worker
    from reader.ui.app import ReaderApp

    def no_process(self: Any) -> None:
        raise OSError("no extraction process in this test")

    def headless(self: ReaderApp, **_: Any) -> Any:
        return App.run(self, headless=True, size=(100, 30))

    def broken_mount(self: ReaderApp) -> None:
        raise RuntimeError("boom in the interface")

    monkeypatch.setattr(extract_worker.ExtractionProcess, "start", no_process)
    monkeypatch.setattr(ReaderApp, "run", headless)
    monkeypatch.setattr(ReaderApp, "on_mount", broken_mount)
    code = main(["--db", str(db)])
    err = capsys.readouterr().err
    assert code == 70
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("reader: ") and "RuntimeError" in lines[0]
    assert "Traceback" not in err
    log = (isolated_home / "reader.log").read_text(encoding="utf-8")
    assert "Traceback" in log and "boom in the interface" in log
