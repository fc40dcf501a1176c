"""`reader notes search` and `reader tags` against a real temporary store."""

from __future__ import annotations

import io
import json
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from reader.cli import main
from reader.model import Highlight, LibraryEntry
from reader.store import Store

HOSTILE_TITLE = "Xiaomi \x1b]0;pwned\x07takes [bold]the[/] YU7 to America"


def entry(article_id: str, title: str, path: str) -> LibraryEntry:
    return LibraryEntry(article_id, path, title, None, datetime(2026, 1, 5), "text", False)


def hl(num: int, article: str, text: str, day: int, **kw: Any) -> Highlight:
    when = datetime(2026, 1, day, 12, 0)
    return Highlight(
        f"h{num}", article, 0, len(text), text, "", "", created=when, updated=when, **kw
    )


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "store.json"
    with Store.open(path) as store:
        store.upsert_article(entry("ax", HOSTILE_TITLE, "/news/xiaomi.md"))
        store.upsert_article(entry("as", "Steel duties rise", "/news/steel.md"))
        store.add_many(
            [
                hl(1, "ax", "Lei Jun called it a win-win deal with Zhōu", 3, tags=("EV", "trade")),
                hl(2, "as", "Duties on rolled steel doubled", 4, tags=("trade",)),
                hl(3, "as", "The mill closed", 5, note="Ask about the duties deal later"),
            ]
        )
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_plain_results_when_piped(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--db", str(db), "notes", "search", "deal")
    assert code == 0 and err == ""
    blocks = out.strip().split("\n\n")
    assert len(blocks) == 2
    # the note match (h3) ranks above the text match (h1)
    assert blocks[0].splitlines()[1].strip() == "The mill closed"
    assert "note: Ask about the duties deal later" in blocks[0]
    assert "Steel duties rise" in blocks[0] and "saved 2026-01-05" in blocks[0]
    assert "win-win deal with Zhōu" in blocks[1] and "tags: EV, trade" in blocks[1]
    assert "\x1b" not in out


def test_hostile_title_is_shown_literally_and_harmlessly(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = run(capsys, "--db", str(db), "notes", "search", "zhou")
    assert "Xiaomi takes [bold]the[/] YU7 to America" in out
    assert "\x1b" not in out and "\x07" not in out


def test_matches_are_emphasised_on_a_terminal(
    db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    screen = Terminal()
    monkeypatch.setattr(sys, "stdout", screen)
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert main(["--db", str(db), "notes", "search", "zhou", "deal"]) == 0
    text = screen.getvalue()
    assert "\x1b[1;7mdeal\x1b[0m" in text and "\x1b[1;7mZhōu\x1b[0m" in text
    assert "]0;pwned" not in text and "\x07" not in text
    assert "[bold]the[/]" in text


def test_json_lines(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", str(db), "notes", "search", "--json", "trade")
    assert code == 0
    rows = [json.loads(line) for line in out.split("\n") if line]
    assert [r["id"] for r in rows] == ["h2", "h1"]  # equal tag matches: newer first
    first = rows[0]
    assert first["article_id"] == "as" and first["article_title"] == "Steel duties rise"
    assert first["article_path"] == "/news/steel.md"
    assert first["text"] == "Duties on rolled steel doubled" and first["tags"] == ["trade"]
    assert first["note"] == "" and isinstance(first["score"], float) and first["score"] > 0


def test_limit(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", str(db), "notes", "search", "--json", "--limit", "1", "deal")
    assert code == 0 and len(out.splitlines()) == 1
    code, _, err = run(capsys, "--db", str(db), "notes", "search", "--limit", "0", "deal")
    assert code == 1 and "--limit" in err and "Traceback" not in err


def test_no_match_exits_1(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--db", str(db), "notes", "search", "copper")
    assert (code, out) == (1, "")
    assert "no highlights match" in err


def test_malformed_query_hint_on_stderr(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--db", str(db), "notes", "search", "foo:bar")
    assert code == 1 and out == ""
    assert "understood foo, bar" in err and "unknown field 'foo:'" in err
    code, out, err = run(capsys, "--db", str(db), "notes", "search", '"rolled ste')
    assert code == 0 and "Duties on rolled steel doubled" in out
    assert "unclosed quote" in err


def test_query_operators_through_the_cli(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def found(*query: str) -> list[str]:
        _, out, _ = run(capsys, "--db", str(db), "notes", "search", "--json", *query)
        return [json.loads(line)["id"] for line in out.split("\n") if line]

    assert found("--", "#trade", "-steel") == ["h1"]  # argparse needs -- before -word
    assert found("#trade -steel") == ["h1"]  # or the query as one argument
    assert found("has:note") == ["h3"]
    assert found("article:steel") == ["h3", "h2"]
    assert found("duteis") == ["h3", "h2"]  # a typo, in the note and the text


def test_tags_with_counts(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", str(db), "tags")
    assert code == 0 and out.splitlines() == ["2  trade", "1  EV"]
    code, out, _ = run(capsys, "--db", str(db), "tags", "--json")
    assert [json.loads(line) for line in out.split("\n") if line] == [
        {"tag": "trade", "count": 2},
        {"tag": "EV", "count": 1},
    ]


def test_empty_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "none.json"
    code, out, err = run(capsys, "--db", str(db), "notes", "search", "anything")
    assert (code, out) == (1, "") and "no highlights saved yet" in err
    code, out, err = run(capsys, "--db", str(db), "tags")
    assert (code, out) == (0, "") and "no tags" in err


def test_search_sees_a_highlight_added_after_the_store_was_opened(tmp_path: Path) -> None:
    """The index follows the store: an add through the store API is searchable at once."""
    from reader.search import SearchIndex

    with Store.open(tmp_path / "s.json") as store:
        store.upsert_article(entry("as", "Steel", "/s.md"))
        index = SearchIndex.from_store(store)
        assert index.search("furnace ") == []
        store.add(hl(9, "as", "The blast furnace restarted", 6))
        assert [r.highlight.id for r in index.search("furnace ")] == ["h9"]
        store.delete("h9")
        assert index.search("furnace ") == []
