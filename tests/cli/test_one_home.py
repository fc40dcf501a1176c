"""The CLI and the TUI apply one rule each: the same passage makes the same
highlight record whichever face made it, and a tag is one tag everywhere."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from ui.helpers import sync

from reader.cli import main
from reader.extract import extract
from reader.ingest import load_path
from reader.store import Store
from reader.store._records import highlight_to_record
from reader.ui.app import ReaderApp
from reader.ui.config import UIConfig
from reader.ui.highlights import Highlighter

SEED = Path(__file__).resolve().parents[2] / "seeds" / "xiaomi-yu7-us-market.txt"
QUOTE = "would in essence be a win-win choice"
"""Words of a quote the article attributes to "Gao", an alias of Gao Lingyun."""


def cli(db: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["--db", str(db), *args])
    out, _ = capsys.readouterr()
    return code, out


def comparable(record: dict[str, Any]) -> dict[str, Any]:
    """A stored record without what differs between any two highlights (id, times)."""
    return {k: v for k, v in record.items() if k not in ("id", "created", "updated")}


async def made_in_the_tui(store: Store, start: int, end: int) -> dict[str, Any]:
    article = load_path(SEED)
    app = ReaderApp(store=store, articles=[article], config=UIConfig(), seed=False)
    async with app.run_test(size=(120, 40)) as pilot:
        highlighter = app.query_one(Highlighter)
        while article.id not in app.extractions:
            await pilot.pause(0.05)
        await pilot.pause()
        made = highlighter.add(start, end, tags=["Zhōu"])
        assert made is not None
        while not store.highlights(article.id):
            await pilot.pause(0.05)
    (saved,) = store.highlights(article.id)
    return highlight_to_record(saved)


@sync
async def test_notes_add_and_the_tui_make_identical_records(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _ = cli(
        tmp_path / "cli.json", capsys, "notes", "add", str(SEED), "--quote", QUOTE, "--tag", "Zhōu"
    )
    assert code == 0
    with Store.open(tmp_path / "cli.json") as store:
        (by_cli,) = store.highlights()
    start, end = by_cli.start, by_cli.end
    with Store.open(tmp_path / "tui.json") as store:
        by_tui = await made_in_the_tui(store, start, end)
    assert comparable(highlight_to_record(by_cli)) == comparable(by_tui)
    assert "Gao Lingyun" in by_tui["people"] and "Gao" in by_tui["people"]


def test_a_quote_said_by_an_alias_is_found_by_the_full_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "notes.json"
    code, highlight_id = cli(db, capsys, "notes", "add", str(SEED), "--quote", QUOTE)
    assert code == 0
    code, out = cli(db, capsys, "notes", "search", 'person:"Gao Lingyun"', "--json")
    assert code == 0
    assert [json.loads(line)["id"] for line in out.splitlines()] == [highlight_id.strip()]


@pytest.mark.parametrize("asked", ["zhou", "Zhōu", "#ZHOU"])
def test_notes_list_and_notes_search_agree_on_a_tag(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], asked: str
) -> None:
    db = tmp_path / "notes.json"
    code, made = cli(db, capsys, "notes", "add", str(SEED), "--quote", QUOTE, "--tag", "Zhōu")
    assert code == 0
    code, listed = cli(db, capsys, "notes", "list", "--tag", asked, "--json")
    assert code == 0
    code, found = cli(db, capsys, "notes", "search", f"tag:{asked.lstrip('#')}", "--json")
    assert code == 0
    ids = [json.loads(line)["id"] for line in listed.splitlines()]
    assert ids == [json.loads(line)["id"] for line in found.splitlines()] == [made.strip()]


def test_tags_that_are_one_tag_count_together() -> None:
    from reader.text.tags import tag_key, unique_tags

    assert tag_key("Zhōu") == tag_key("zhou") == "zhou"
    assert tag_key("trade_war") == tag_key("#Trade War") == tag_key("trade-war") == "trade-war"
    assert unique_tags(["Zhōu", "zhou", "trade war", "trade-war"]) == ("Zhōu", "trade war")


def test_people_in_a_passage_is_one_rule() -> None:
    from reader.annotations import people_in

    article = load_path(SEED)
    start = article.text.index(QUOTE)
    people = people_in(extract(article), start, start + len(QUOTE))
    assert people[:2] == ("Gao Lingyun", "Gao")
