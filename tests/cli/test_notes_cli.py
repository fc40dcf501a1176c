"""`reader notes add | list | rm | import` as a user or a script sees them."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from reader.cli import main
from reader.store import Store

SEED = Path(__file__).resolve().parents[2] / "seeds" / "xiaomi-yu7-us-market.txt"

ARTICLE = """Tariff talk returns

The minister said the plan was \u201cfirm but fair\u201d and would start in June.

Critics said the plan was rushed. \u201cWe were not consulted,\u201d said Ana Ruiz, a trader.

The plan was announced on Monday.
"""


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "notes.json"


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "news" / "tariffs.txt"
    path.parent.mkdir()
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def run(db: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--db", str(db), "notes", *args])
    out, err = capsys.readouterr()
    return code, out, err


def listed(db: Path, capsys: pytest.CaptureFixture[str], *args: str) -> list[dict[str, Any]]:
    code, out, _ = run(db, capsys, "list", "--json", *args)
    assert code == 0
    # JSON Lines end at "\n" only: a note may hold U+2028, which splitlines() splits on.
    return [json.loads(line) for line in out.split("\n") if line]


# -- add --------------------------------------------------------------------


def test_add_prints_the_id_and_saves_everything(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(
        db, capsys, "add", str(SEED), "--quote", "no plans to enter the US market",
        "--tag", "ev", "--tag", "#China, trade", "--note", "key claim", "--color", "Blue",
    )  # fmt: skip
    assert (code, err) == (0, "")
    new_id = out.strip()
    with Store.open(db) as store:
        h = store.get(new_id)
        assert h is not None
        assert h.exact == "no plans to enter the US market"
        assert h.tags == ("ev", "China", "trade")
        assert (h.note, h.color) == ("key claim", "blue")
        assert h.prefix and h.suffix
        entry = store.get_article(h.article_id)
        assert entry is not None
        assert entry.title.startswith("Xiaomi founder Lei Jun denies")
        assert entry.path == str(SEED)
        assert "Hyperfactory" in store.article_text(entry.article_id)


def test_add_fills_people_named_or_quoted_in_the_passage(
    db: Path, article: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(db, capsys, "add", str(SEED), "--quote", "Lei Jun", "--nth", "1")
    assert code == 0
    with Store.open(db) as store:
        h = store.get(out.strip())
    assert h is not None and "Lei Jun" in h.people
    code, out, _ = run(db, capsys, "add", str(article), "--quote", "We were not consulted")
    assert code == 0
    with Store.open(db) as store:
        quoted = store.get(out.strip())
    assert quoted is not None and "Ana Ruiz" in quoted.people


def test_add_tolerates_whitespace_and_quote_marks(
    db: Path, article: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(db, capsys, "add", str(article), "--quote", 'was "firm   but\nfair" and')
    assert code == 0
    (h,) = listed(db, capsys)
    assert h["text"] == "was \u201cfirm but fair\u201d and"
    assert h["id"] == out.strip()


def test_add_reports_missing_and_ambiguous_words(
    db: Path, article: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(db, capsys, "add", str(article), "--quote", "not in the text")
    assert (code, out) == (1, "")
    assert err.count("\n") == 1 and "are not in" in err
    code, _, err = run(db, capsys, "add", str(article), "--quote", "the plan was")
    assert code == 1
    assert "appear 2 times" in err and "--nth" in err
    code, _, err = run(db, capsys, "add", str(article), "--quote", "the plan was", "--nth", "3")
    assert code == 1 and "out of range" in err
    assert listed(db, capsys) == []


def test_nth_picks_the_occurrence(
    db: Path, article: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(db, capsys, "add", str(article), "--quote", "the plan was", "--nth", "2")[0] == 0
    (h,) = listed(db, capsys)
    text = article.read_text(encoding="utf-8")
    assert h["start"] > text.index("the plan was")  # the second one, in the critics' line
    assert "Critics said" in h["prefix"]


def test_add_bad_colour_and_bad_file(
    db: Path, article: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(db, capsys, "add", str(article), "--quote", "June", "--color", "teal")
    assert code == 1 and "Unknown colour" in err
    code, _, err = run(db, capsys, "add", str(tmp_path / "nope.txt"), "--quote", "x")
    assert code == 1 and "Traceback" not in err
    code, _, err = run(db, capsys, "add", str(tmp_path), "--quote", "x")
    assert code == 1 and "folder" in err


def test_db_option_and_environment(
    tmp_path: Path, article: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env_db = tmp_path / "env.json"
    monkeypatch.setenv("READER_DB", str(env_db))
    assert main(["notes", "add", str(article), "--quote", "June"]) == 0
    assert env_db.exists()
    opt_db = tmp_path / "opt.json"
    assert main(["--db", str(opt_db), "notes", "add", str(article), "--quote", "June"]) == 0
    with Store.open(opt_db) as a, Store.open(env_db) as b:
        assert len(a.highlights()) == len(b.highlights()) == 1


# -- list / rm ----------------------------------------------------------------------


def test_list_json_lines_and_filters(
    db: Path, article: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(db, capsys, "add", str(article), "--quote", "June", "--tag", "Dates")
    run(db, capsys, "add", str(SEED), "--quote", "Hyperfactory", "--nth", "1")
    rows = listed(db, capsys)
    assert len(rows) == 2
    for key in ("id", "article_id", "text", "tags", "note", "color", "created", "title"):
        assert all(key in row for row in rows)
    assert [r["text"] for r in listed(db, capsys, "--tag", "#dates")] == ["June"]
    assert [r["text"] for r in listed(db, capsys, "--article", str(SEED))] == ["Hyperfactory"]
    code, out, _ = run(db, capsys, "list")
    assert code == 0 and "June" in out and "#Dates" in out


def test_list_for_an_edited_file_shows_where_highlights_are_now(
    db: Path, article: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(db, capsys, "add", str(article), "--quote", "announced on Monday")
    run(db, capsys, "add", str(article), "--quote", "firm but fair")
    text = article.read_text(encoding="utf-8")
    edited = text.replace("Tariff talk returns\n", "Tariff talk returns (updated)\n")
    edited = edited.replace("\u201cfirm but fair\u201d", "\u201cstrict\u201d")
    article.write_text(edited, encoding="utf-8")
    rows = {r["text"]: r for r in listed(db, capsys, "--article", str(article))}
    moved = rows["announced on Monday"]
    assert not moved["orphaned"]
    assert moved["start"] > 0
    assert rows["firm but fair"]["orphaned"]


def test_rm_by_unique_prefix(db: Path, article: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ids = [
        run(db, capsys, "add", str(article), "--quote", q)[1].strip() for q in ("June", "Monday")
    ]
    code, out, _ = run(db, capsys, "rm", ids[0][:8])
    assert (code, out.strip()) == (0, ids[0])
    assert [r["id"] for r in listed(db, capsys)] == [ids[1]]
    code, _, err = run(db, capsys, "rm", "zzzz")
    assert code == 1 and "No highlight" in err


def test_rm_ambiguous_prefix(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from datetime import datetime

    from reader.model import Highlight

    with Store.open(db) as store:
        for hid in ("abc-1", "abc-2"):
            store.add(
                Highlight(
                    id=hid,
                    article_id="a",
                    start=0,
                    end=1,
                    exact="x",
                    prefix="",
                    suffix="",
                    created=datetime(2025, 1, 1),
                )
            )
    code, _, err = run(db, capsys, "rm", "abc")
    assert code == 1 and "2 highlights" in err
    assert run(db, capsys, "rm", "abc-2")[0] == 0


# -- a damaged notes file, and restore ----------------------------------------


def _damage_a_shard(db: Path, article: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """Two articles with highlights; then one article's highlights file is
    damaged (its rolling backup holds the first of its two highlights)."""
    for quote in ("June", "Monday"):
        assert run(db, capsys, "add", str(article), "--quote", quote)[0] == 0
    assert run(db, capsys, "add", str(SEED), "--quote", "Gao Lingyun", "--nth", "1")[0] == 0
    with Store.open(db) as store:
        [june] = [h for h in store.highlights() if h.exact == "June"]
    shard = next(p for p in db.with_name("notes.json.d").glob("*.json") if june.id in p.read_text())
    shard.write_text('{"highlights": {"1": {"id": ', encoding="utf-8")
    return shard


def test_list_names_a_damaged_file_and_how_to_restore_it(
    db: Path, article: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shard = _damage_a_shard(db, article, capsys)
    code, out, err = run(db, capsys, "list")
    assert code == 1  # the listing misses what the damaged file held
    assert "Gao Lingyun" in out and "June" not in out
    [line] = err.splitlines()
    assert line.startswith(f"reader: The notes highlights file {shard} not valid JSON")
    # `notes list` only reads: the damaged file is left where it is, and the
    # sentence says how to set it aside and bring its backup back.
    assert shard.exists() and "left as it is" in line
    assert line.endswith("`reader notes restore` sets it aside and brings back its backup.")
    assert run(db, capsys, "list")[0] == 1  # still damaged, still said


def test_restore_brings_the_backup_back_and_says_how_many(
    db: Path, article: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _damage_a_shard(db, article, capsys)
    assert run(db, capsys, "list")[0] == 1
    code, out, err = run(db, capsys, "restore")
    assert (code, out) == (0, "")
    assert err.splitlines()[-1] == "reader: the backup was restored; 1 highlight came back."
    assert sorted(r["text"] for r in listed(db, capsys)) == ["Gao Lingyun", "June"]
    code, _, err = run(db, capsys, "restore")
    assert code == 1
    assert err == "reader: There is no backup of the notes store to restore.\n"


def test_restore_right_after_the_damage(
    db: Path, article: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """No command saw the damage yet: restore finds it, moves it aside and restores."""
    _damage_a_shard(db, article, capsys)
    code, _, err = run(db, capsys, "restore")
    assert code == 0
    assert err.splitlines()[-1] == "reader: the backup was restored; 1 highlight came back."
    assert "moved to" in err.splitlines()[0]


def test_search_and_tags_name_a_damaged_file_too(
    db: Path, article: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shard = _damage_a_shard(db, article, capsys)
    code, out, err = run(db, capsys, "search", "Gao")
    assert code == 1 and "Gao Lingyun" in out
    [line] = err.splitlines()
    assert f"{shard} not valid JSON" in line and "`reader notes restore`" in line
    assert shard.exists()  # read-only: left as it is
    code = main(["--db", str(db), "tags"])
    _, err = capsys.readouterr()
    assert code == 1 and "`reader notes restore`" in err


# -- import ---------------------------------------------------------------------------


def write_jsonl(path: Path, rows: list[Any]) -> Path:
    path.write_text(
        "\n".join(r if isinstance(r, str) else json.dumps(r) for r in rows) + "\n",
        encoding="utf-8",
    )
    return path


def test_import_reports_bad_lines_and_imports_the_rest(
    db: Path, article: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    jsonl = write_jsonl(
        article.parent / "batch.jsonl",
        [
            {"path": "tariffs.txt", "quote": "June", "tags": ["dates"], "note": "when"},
            "{not json",
            {"path": "tariffs.txt", "quote": "the plan was"},
            {"path": "missing.txt", "quote": "x"},
            {"path": "tariffs.txt", "quote": "the plan was", "nth": 2, "color": "pink"},
            {"path": "tariffs.txt", "quote": "Monday", "tags": "not-a-list"},
            "",
            {"path": str(SEED), "quote": "Gao Lingyun", "nth": 1},
        ],
    )
    code, out, err = run(db, capsys, "import", str(jsonl), "--allow-dir", str(SEED.parent))
    assert code == 1
    for number in (2, 3, 4, 6):
        assert f"line {number}:" in err
    assert "line 5:" not in err and "line 1:" not in err
    assert "imported 3 highlights" in err
    rows = listed(db, capsys)
    assert sorted(r["text"] for r in rows) == ["Gao Lingyun", "June", "the plan was"]
    assert set(out.split()) == {r["id"] for r in rows}
    pink = next(r for r in rows if r["text"] == "the plan was")
    assert pink["color"] == "pink"
    with Store.open(db) as store:
        assert len(store.articles()) == 2


def test_import_strict_stops_and_writes_nothing(
    db: Path, article: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    jsonl = write_jsonl(
        article.parent / "batch.jsonl",
        [{"path": "tariffs.txt", "quote": "June"}, {"path": "tariffs.txt", "quote": "nope"}],
    )
    code, out, err = run(db, capsys, "import", "--strict", str(jsonl))
    assert (code, out) == (1, "")
    assert "line 2:" in err and "nothing was imported" in err
    assert not db.exists()


def test_reimport_skips_what_is_already_saved(
    db: Path, article: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    jsonl = write_jsonl(
        article.parent / "batch.jsonl",
        [{"path": "tariffs.txt", "quote": "June"}, {"path": "tariffs.txt", "quote": "Monday"}],
    )
    assert run(db, capsys, "import", str(jsonl))[0] == 0
    code, out, err = run(db, capsys, "import", str(jsonl))
    assert (code, out) == (0, "")
    assert "2 already saved" in err
    assert len(listed(db, capsys)) == 2


def test_import_missing_file(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(db, capsys, "import", str(tmp_path / "none.jsonl"))
    assert code == 1 and "no such file" in err


def test_import_of_many_lines(db: Path, article: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows: list[dict[str, object]] = [
        {"path": "tariffs.txt", "quote": "June", "note": f"n{i}"} for i in range(1500)
    ]
    rows += [{"path": str(SEED), "quote": "Xiaomi", "nth": 1 + i % 3} for i in range(3)]
    jsonl = write_jsonl(article.parent / "big.jsonl", rows)
    code, out, _ = run(db, capsys, "import", str(jsonl), "--allow-dir", str(SEED.parent))
    assert code == 0
    assert len(out.split()) == 1503
    with Store.open(db) as store:
        assert len(store.highlights()) == 1503


def test_import_shows_progress_on_a_terminal(db: Path, article: Path) -> None:
    rows = [{"path": "tariffs.txt", "quote": "June", "note": f"n{i}"} for i in range(200)]
    jsonl = write_jsonl(article.parent / "big.jsonl", rows)
    controller, terminal = pty.openpty()
    child = subprocess.Popen(
        [sys.executable, "-m", "reader", "--db", str(db), "notes", "import", str(jsonl)],
        stdout=subprocess.DEVNULL,
        stderr=terminal,
    )
    os.close(terminal)
    seen = b""
    while True:
        try:
            chunk = os.read(controller, 4096)
        except OSError:  # the terminal closed with the child
            break
        if not chunk:
            break
        seen += chunk
    os.close(controller)
    assert child.wait(timeout=120) == 0
    assert b"Importing" in seen
    assert b"imported 200 highlights" in seen


def test_import_is_linear_in_its_lines(
    db: Path, article: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each line is checked against what is saved with one set lookup (it was
    compared with every highlight of its article: 16k lines took 80 s), and
    the article is searched once per distinct quote, not once per line."""
    from reader.commands import notes

    calls = {"dedup_key": 0, "find_quote": 0}
    for name in calls:
        real = getattr(notes, name)

        def counted(*args: Any, _real: Any = real, _name: str = name, **kw: Any) -> Any:
            calls[_name] += 1
            return _real(*args, **kw)

        monkeypatch.setattr(notes, name, counted)
    lines = 400
    rows = [{"path": "tariffs.txt", "quote": "June", "note": f"n{i}"} for i in range(lines)]
    jsonl = write_jsonl(article.parent / "many.jsonl", rows)
    assert run(db, capsys, "import", str(jsonl))[0] == 0
    assert calls == {"dedup_key": lines, "find_quote": 1}
    code, out, err = run(db, capsys, "import", str(jsonl))  # every line saved already
    assert (code, out) == (0, "") and f"{lines} already saved" in err
    assert calls == {"dedup_key": lines + 2 * lines, "find_quote": 2}


def test_import_splits_lines_on_newline_only(
    db: Path, article: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """U+2028, U+2029 and U+0085 are legal unescaped inside a JSON string."""
    note = "one\u2028two\u2029three\x85four"
    line = json.dumps({"path": "tariffs.txt", "quote": "June", "note": note}, ensure_ascii=False)
    jsonl = article.parent / "seps.jsonl"
    jsonl.write_bytes(("\ufeff" + line + "\r\n" + line.replace("June", "Monday")).encode())
    code, out, err = run(db, capsys, "import", str(jsonl))
    assert (code, err) == (0, "reader: imported 2 highlights.\n")
    assert len(out.split()) == 2
    rows = listed(db, capsys)
    assert len(rows) == 2 and {r["note"] for r in rows} == {note.replace("\x85", "")}


@pytest.fixture
def outside(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Private files outside the notes file's folder, and a home folder."""
    home = tmp_path / "home"
    (home / ".ssh").mkdir(parents=True)
    (home / ".ssh" / "id_rsa").write_text("PRIVATE KEY June\n", encoding="utf-8")
    (home / "secret.txt").write_text("Secret plans for June.\n", encoding="utf-8")
    monkeypatch.setenv("HOME", str(home))
    return home


def test_import_takes_articles_only_from_the_notes_folder(
    db: Path, article: Path, outside: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = article.parent
    (folder / "link.txt").symlink_to(outside / "secret.txt")
    (folder / "key.pem").write_text("June\n", encoding="utf-8")
    rows = [
        {"path": "~/secret.txt", "quote": "June"},
        {"path": str(outside / "secret.txt"), "quote": "June"},
        {"path": "../home/secret.txt", "quote": "June"},
        {"path": "link.txt", "quote": "June"},
        {"path": "~/.ssh/id_rsa", "quote": "June"},
        {"path": "key.pem", "quote": "June"},
        {"path": "/etc/passwd", "quote": "root"},
        {"path": "tariffs.txt", "quote": "June"},
        {"path": str(article), "quote": "Monday"},
    ]
    jsonl = write_jsonl(folder / "batch.jsonl", rows)
    code, out, err = run(db, capsys, "import", str(jsonl))
    assert code == 1
    lines = err.splitlines()
    for number in range(1, 8):
        [said] = [x for x in lines if f"line {number}:" in x]
        assert "is outside the notes file's folder" in said or "not an article file" in said
    assert "line 8:" not in err and "line 9:" not in err
    assert "PRIVATE" not in err and "Secret" not in err
    assert len(out.split()) == 2
    with Store.open(db) as store:
        [entry] = store.articles()
        assert entry.path == str(article.resolve())
        text = store.article_text(entry.article_id)
        assert "PRIVATE" not in text and "Secret" not in text


def test_allow_dir_adds_a_folder(
    db: Path, article: Path, outside: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [{"path": "~/secret.txt", "quote": "plans"}, {"path": "secret.txt", "quote": "June"}]
    jsonl = write_jsonl(article.parent / "batch.jsonl", rows)
    code, out, err = run(db, capsys, "import", str(jsonl), "--allow-dir", "~")
    assert (code, err) == (0, "reader: imported 2 highlights.\n")
    assert len(out.split()) == 2
    code, _, err = run(db, capsys, "import", str(jsonl), "--allow-dir", str(outside / "none"))
    assert code == 1 and "--allow-dir" in err and "no such folder" in err


def test_a_full_disk_midway_through_an_import_says_what_was_saved(
    db: Path, article: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from reader.store import _core

    second = article.parent / "second.txt"
    second.write_text("Second story\n\nRain is due in June.\n", encoding="utf-8")
    rows = [{"path": "tariffs.txt", "quote": "Monday"}, {"path": "second.txt", "quote": "Rain"}]
    jsonl = write_jsonl(article.parent / "two.jsonl", rows)
    real = _core.atomic_write
    shard_writes = 0

    def atomic_write(path: Path, data: bytes, **kw: bool) -> Any:
        nonlocal shard_writes
        if path.parent.name == "notes.json.d":
            shard_writes += 1
            if shard_writes == 2:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(path, data, **kw)

    monkeypatch.setattr(_core, "atomic_write", atomic_write)
    code, out, err = run(db, capsys, "import", str(jsonl))
    monkeypatch.undo()
    assert code == 1
    assert "nothing was changed" not in err
    assert err == (
        "reader: the notes store could not be saved (No space left on device): 1 of 2 "
        "highlights were imported and 1 was not; importing the file again adds the rest.\n"
    )
    rows_saved = listed(db, capsys)
    assert [r["id"] for r in rows_saved] == out.split()
    assert [r["text"] for r in rows_saved] == ["Monday"]
    code, out, err = run(db, capsys, "import", str(jsonl))
    assert code == 0 and "imported 1 highlight, 1 already saved" in err
    assert sorted(r["text"] for r in listed(db, capsys)) == ["Monday", "Rain"]


def test_add_survives_a_failing_extractor(
    db: Path, article: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.commands import notes

    def broken(article: object) -> None:
        raise RuntimeError("extractor bug")

    monkeypatch.setattr(notes, "extract", broken)
    code, out, err = run(db, capsys, "add", str(article), "--quote", "June")
    assert code == 0 and out.strip()
    assert "saved without them" in err
    (h,) = listed(db, capsys)
    assert h["people"] == []


def test_store_in_an_impossible_place_is_one_sentence(
    tmp_path: Path, article: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    for args in (["list"], ["add", str(article), "--quote", "June"]):
        code, _, err = run(blocker / "store.json", capsys, *args)
        assert code == 1
        assert err.startswith("reader: The notes store") and err.count("\n") == 1
