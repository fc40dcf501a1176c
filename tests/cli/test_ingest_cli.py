"""`reader extract --json` as a user (and the scorer) runs it: article fields, bad paths."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import SEEDS


def run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader", "extract", "--json", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
    )


def records(result: subprocess.CompletedProcess[str]) -> list[dict[str, Any]]:
    return [json.loads(line) for line in result.stdout.split("\n") if line]


EXPECTED = {
    "xiaomi-yu7-us-market.txt": {
        "title": "Xiaomi founder Lei Jun denies US market plans after YU7 sighting in "
        "California, saying 'likely a comparison vehicle bought by US peer'",
        "section": "ECONOMY",
        "published": "2026-02-10T11:37:00",
        "byline": None,
        "credits": ["Tao Mingyang"],
    },
    "port-alder-harbour-bridge.txt": {
        "title": "Port Alder council approves $1.2 billion harbour bridge after 14-hour "
        "debate, as critics warn of 'a toll road for the few'",
        "section": "TRANSPORT",
        "published": "2026-03-03T19:45:00",
        "byline": "By Marta Lindqvist and Owen Achebe",
        "credits": ["Sam Whitfield"],
    },
    "wire-grid-outages-hearing.txt": {
        "title": "U.S. senators press grid regulators over winter blackouts that left "
        "2 million without power",
        "section": None,
        "published": None,
        "byline": "By Jane Doe and John Roe",
        "credits": [],
    },
    "second-life-ev-batteries.md": {
        "title": "The second life of electric-car batteries",
        "section": "Features",
        "published": "2026-01-22T08:00:00",
        "byline": "Noor Halvorsen",
        "credits": [],
    },
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_article_fields_for_every_seed(name: str) -> None:
    result = run(SEEDS / name)
    assert result.returncode == 0, result.stderr
    [record] = records(result)
    assert record["path"] == str(SEEDS / name)
    article = record["article"]
    for key, value in EXPECTED[name].items():
        assert article[key] == value, key
    assert len(article["id"]) == 16
    first_block = article["text"].split("\n\n", 1)[0]
    kicker = {"xiaomi-yu7-us-market.txt": "SOURCE / ECONOMY"}
    kicker["port-alder-harbour-bridge.txt"] = "CITY / TRANSPORT"
    assert first_block == kicker.get(name, article["title"])
    for key in ("quotes", "people", "figures"):
        assert isinstance(record[key], list)


def test_seed_caption_is_printed_once() -> None:
    [record] = records(run(SEEDS / "xiaomi-yu7-us-market.txt"))
    assert record["article"]["text"].count("A foreign visitor inspects a Xiaomi YU7") == 1


def test_a_folder_prints_one_line_per_article_in_order() -> None:
    result = run(SEEDS)
    assert result.returncode == 0, result.stderr
    paths = [Path(r["path"]).name for r in records(result)]
    assert paths == sorted(EXPECTED)


def test_a_bad_path_among_good_ones(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    result = run(SEEDS / "wire-grid-outages-hearing.txt", missing, SEEDS / EXPECTED_FIRST)
    assert result.returncode != 0
    assert [Path(r["path"]).name for r in records(result)] == [
        "wire-grid-outages-hearing.txt",
        EXPECTED_FIRST,
    ]
    assert result.stderr.strip() == f"reader: {missing}: no such file or folder."


EXPECTED_FIRST = "xiaomi-yu7-us-market.txt"


def _bad_inputs(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n")
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    folder = tmp_path / "nothing-here"
    folder.mkdir()
    big = tmp_path / "big.txt"
    big.write_text("x")
    cases = {
        "missing": (tmp_path / "gone.md", "no such file or folder."),
        "empty file": (empty, "the article is empty."),
        "binary": (binary, "looks like a binary file, not an article."),
        "empty folder": (folder, "the folder has no .txt or .md articles."),
    }
    if hasattr(os, "mkfifo"):
        fifo = tmp_path / "pipe.txt"
        os.mkfifo(fifo)
        cases["fifo"] = (fifo, "is not a regular file (a pipe, socket or device).")
    return cases


def test_each_bad_input_is_one_sentence_and_nothing_is_written(
    tmp_path: Path, isolated_home: Path
) -> None:
    for what, (path, sentence) in _bad_inputs(tmp_path).items():
        result = run(path)
        assert result.returncode != 0, what
        assert result.stdout == "", what
        assert result.stderr == f"reader: {path}: {sentence}\n", what
    assert not isolated_home.exists()


def test_invalid_utf8_is_read_with_a_notice(tmp_path: Path) -> None:
    path = tmp_path / "cp1252.txt"
    path.write_bytes("Caf\u00e9 \u201cnews\u201d\n\nBody \u20ac5.".encode("cp1252"))
    result = run(path)
    assert result.returncode == 0
    [record] = records(result)
    assert record["article"]["title"] == "Caf\u00e9 \u201cnews\u201d"
    assert "not valid UTF-8; decoded as Windows-1252." in result.stderr


def test_runs_from_another_directory(tmp_path: Path) -> None:
    result = run((SEEDS / EXPECTED_FIRST).resolve(), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert records(result)[0]["article"]["section"] == "ECONOMY"
