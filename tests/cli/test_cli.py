"""The CLI's promises: version, help on every subcommand, clear errors."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import tracemalloc

import pytest

from reader import __version__, export
from reader.cli import build_parser, main
from reader.export import extraction_json, extraction_json_pieces
from reader.extract import extract
from reader.ingest import parse
from reader.model import Article, Extraction
from reader.output import json_text, say_json_pieces


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args], capture_output=True, text=True, timeout=60
    )


def test_version() -> None:
    result = run_cli("--version")
    assert result.returncode == 0
    assert __version__ in result.stdout


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["open"],
        ["extract"],
        ["notes"],
        ["notes", "add"],
        ["notes", "list"],
        ["notes", "rm"],
        ["notes", "import"],
        ["notes", "search"],
        ["notes", "restore"],
        ["tags"],
    ],
)
def test_help_on_every_subcommand(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        build_parser().parse_args([*argv, "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: reader")
    assert len(out.splitlines()) > 3


def test_missing_path_is_one_sentence_and_nonzero() -> None:
    result = run_cli("extract", "--json", "/no/such/article.txt")
    assert result.returncode != 0
    assert result.stdout == ""
    assert result.stderr.strip().count("\n") == 0
    assert "no such file" in result.stderr
    assert "Traceback" not in result.stderr


def test_unexpected_error_is_logged_not_shown(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], isolated_home
) -> None:
    import reader.commands.extract as extract_cmd

    def boom(_: object) -> int:
        raise RuntimeError("internal detail")

    monkeypatch.setattr(extract_cmd, "run", boom)
    assert main(["extract", "x"]) != 0
    err = capsys.readouterr().err
    assert "Traceback" not in err and "internal detail" not in err
    log = isolated_home / "reader.log"
    assert str(log) in err
    assert "internal detail" in log.read_text()


def test_search_query_words_may_start_with_a_dash() -> None:
    from reader.cli import _query_after_options

    parser = build_parser()
    args = parser.parse_args(
        _query_after_options(["notes", "search", "tariff", "-steel", "--limit", "5", "--json"])
    )
    assert args.query == ["tariff", "-steel"]
    assert args.limit == 5 and args.json
    args = parser.parse_args(_query_after_options(["notes", "search", "--limit=3", "-x"]))
    assert args.query == ["-x"] and args.limit == 3


def _figure_dense() -> tuple[Article, Extraction]:
    article = parse(
        "Title\n\n" + "It cost $5 million, up 12% on the year, with 300 jobs. " * 20_000
    )
    return article, extract(article)


def test_extract_json_line_is_the_same_json_written_in_pieces(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    article, extraction = _figure_dense()
    monkeypatch.setattr(export, "_BATCH", 7)  # many pieces, a short last one
    path = "odd\u009bname\u0085.txt"  # C1 controls are escaped as before
    out = io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    say_json_pieces(extraction_json_pieces(path, article, extraction))
    assert out.getvalue() == json_text(extraction_json(path, article, extraction)) + "\n"
    assert "\\u009b" in out.getvalue() and "\u009b" not in out.getvalue()
    assert len(json.loads(out.getvalue())["figures"]) == len(extraction.figures) > 1_000


def test_extract_json_line_is_not_built_whole_in_memory() -> None:
    # the line of a 64 MiB article (a dict per figure, then the whole string)
    # was most of `reader extract`'s peak memory
    article, extraction = _figure_dense()
    tracemalloc.start()
    try:
        for _piece in extraction_json_pieces("a.txt", article, extraction):
            pass
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 3 * len(article.text)
