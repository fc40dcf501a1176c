"""Nothing the command line prints carries a terminal control.

A store written by someone else (titles, sections, ids, colours, tags,
notes and paths holding ESC, C1 and OSC sequences), hostile file names
given to argparse and to `notes import`, and a hostile query: every
command's stdout and stderr stays free of ESC, C1 and bidi controls; JSON
output escapes them (and still reads back). A scan keeps every write to
the standard streams inside reader/output.py.
"""

from __future__ import annotations

import ast
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import REPO

from hostile.payloads import forbidden_chars
from hostile.stores import C1, OSC0, OSC52, write_hostile_store
from reader.cli import main
from reader.output import json_text


def assert_terminal_safe(text: str) -> None:
    """No ESC, C0 (but line breaks), DEL, C1, bidi control or lone surrogate."""
    bad = forbidden_chars(text)
    assert bad == [], f"{bad[:5]} in {text[:300]!r}"


@pytest.fixture
def hostile_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A store written by someone else: see tests/hostile/stores.py."""
    db = write_hostile_store(tmp_path)
    monkeypatch.setenv("READER_DB", str(db))
    yield db


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    "argv",
    [
        ["notes", "list"],
        ["notes", "list", "--json"],
        ["notes", "search", "council"],
        ["notes", "search", "council", "--json"],
        ["tags"],
        ["tags", "--json"],
    ],
    ids=" ".join,
)
def test_a_store_written_by_someone_else_prints_clean(
    hostile_store: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    code, out, err = _run(capsys, *argv)
    assert code == 0, err
    assert_terminal_safe(out)
    assert_terminal_safe(err)
    assert out.strip(), "nothing was listed"
    if "--json" in argv:
        records = [json.loads(line) for line in out.splitlines()]
        for record in records:
            record.pop("article_path", None)  # the path on disk, escaped (next test)
            assert_terminal_safe(json.dumps(record, ensure_ascii=False))
        if argv[0] == "notes":
            assert {r["color"] for r in records} == {"yellow"}
            assert [r["id"] for r in records] == ["h-clean"]  # the hostile id is skipped


def test_search_json_escapes_c1_in_the_article_path(
    hostile_store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The path is kept as it is on disk (to open the file), so JSON must
    escape it: the record reads back with the C1 characters intact."""
    code, out, _ = _run(capsys, "notes", "search", "council", "--json")
    assert code == 0
    assert "\\u009b" in out and "\x9b" not in out
    [record] = [json.loads(line) for line in out.splitlines()]
    assert record["article_path"].endswith(f"story{C1}.txt")


def test_argparse_echoes_hostile_arguments_clean(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hostile = str(tmp_path / f"notes{OSC0}{C1}\u202e.jsonl")
    for argv in (
        ["notes", "list", hostile],
        ["notes", "import"],
        ["notes", hostile],
        [f"--db{OSC52}", hostile],
    ):
        with pytest.raises(SystemExit) as exited:
            main(argv)
        assert exited.value.code == 2
        out, err = capsys.readouterr()
        assert_terminal_safe(out + err)
        assert err.strip(), argv


def test_help_and_version_are_unchanged(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out, _ = capsys.readouterr()
    assert out.startswith("usage: reader") and "\n" in out


def test_import_errors_name_a_hostile_file_clean(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("READER_DB", str(tmp_path / "store.json"))
    notes = tmp_path / f"notes{OSC0}{C1}.jsonl"
    notes.write_text('{"path": "missing.txt", "quote": "x"}\nnot json\n', encoding="utf-8")
    code, out, err = _run(capsys, "notes", "import", str(notes))
    assert code == 1
    assert_terminal_safe(out + err)
    assert "line 2" in err
    code, out, err = _run(capsys, "notes", "import", str(tmp_path / f"gone{OSC52}.jsonl"))
    assert code == 1
    assert_terminal_safe(out + err)


def test_search_hint_and_description_echo_the_query_clean(
    hostile_store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(capsys, "notes", "search", f'"unclosed {OSC0}{C1}')
    assert code == 1
    assert_terminal_safe(out + err)
    assert "reader:" in err


def test_json_text_escapes_what_json_dumps_leaves_raw() -> None:
    value = {"k": "a\x1bb\x7fc\x9bd\u202ee\u2028f\ud800g é 中"}
    line = json_text(value)
    for raw in ("\x1b", "\x7f", "\x9b", "\u202e", "\u2028", "\ud800"):
        assert raw not in line
    assert "é 中" in line  # everything else stays readable
    assert json.loads(line) == value


# -- one output path ------------------------------------------------------------

OUTPUT = REPO / "reader" / "output.py"
EXEMPT = {
    REPO / "reader" / "files.py": "json.dumps writes store files, not the terminal",
    REPO / "reader" / "store" / "_journal.py": "json.dumps writes the journal file",
    REPO / "reader" / "ui" / "config.py": "json.dumps writes config.json",
    REPO / "reader" / "extract" / "process.py": "json.dumps passes sys.path to the child",
    REPO / "reader" / "extract" / "people" / "names_build.py": "a maintainer's build script",
}


def _stream_writes(path: Path) -> list[str]:
    found: list[str] = []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name) and func.id in ("print", "Console"):
            found.append(f"{path}:{node.lineno}: {func.id}()")
        elif isinstance(func, ast.Attribute):
            target = ast.unparse(func.value)
            if func.attr == "dumps" and target == "json":
                found.append(f"{path}:{node.lineno}: json.dumps()")
            elif func.attr in ("write", "writelines") and target in ("sys.stdout", "sys.stderr"):
                found.append(f"{path}:{node.lineno}: {target}.{func.attr}()")
    return found


def test_only_reader_output_writes_to_the_terminal() -> None:
    files = sorted((REPO / "reader").rglob("*.py"))
    found = [w for f in files if f != OUTPUT and f not in EXEMPT for w in _stream_writes(f)]
    assert found == [], "\n".join(found)


def test_the_output_scan_sees_a_print(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        'import sys, json\nprint("x")\nsys.stderr.write("y")\njson.dumps({})\n', encoding="utf-8"
    )
    assert len(_stream_writes(sample)) == 3
