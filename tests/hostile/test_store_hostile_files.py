"""Hostile or mistaken files where reader keeps its data.

A device or FIFO given as the store (`--db /dev/null` as root would rename
the system's /dev/null) is refused and left where it is; a read-only
command never moves anything aside. FIFOs, symlinks to /dev/zero, JSON
nested 200,000 deep and files over their size limit in the data folder
(store files, config.json, the snapshots, the lock file) never hang, never
read without bound and never stop every command: a file that is not a
regular file is refused with one sentence, one that does not parse is
damage (moved aside by a writer, left alone by a reader), a cache is ignored.

Checks that could hang on a regression run `python -m reader` in a
subprocess with a generous timeout: a safety net, not a time assertion.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import main
from reader.datafile import FileTooLargeError, NotRegularFileError, read_regular
from reader.model import Highlight, LibraryEntry
from reader.store import Store
from reader.ui.config import UIConfig, load_config

TIMEOUT = 60
DEEP = b"[" * 200_000 + b"]" * 200_000

ARTICLE = """Harbour plans

The harbour board approved the new quay on Monday. Work starts in June.
"""


def run_reader(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        stdin=subprocess.DEVNULL,
        env={**os.environ, "READER_HOME": str(home)},
    )


def one_sentence(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("reader: "), result.stderr
    return lines[0]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "data" / "store.json"


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "harbour.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def seeded(db: Path, articles: int = 1) -> list[Highlight]:
    hs = [
        Highlight(id=f"h{i:03d}", article_id=f"art{i:03d}", start=4, end=11, exact="harbour",
                  prefix="The ", suffix=" board", tags=("port",))
        for i in range(articles)
    ]  # fmt: skip
    with Store.open(db) as store:
        store.upsert_article(LibraryEntry("art000", None, "Harbour plans", None, None, "x", False))
        store.add_many(hs)
    return hs


# -- item 5: the store path itself --------------------------------------------


@pytest.mark.parametrize(
    "command",
    [["notes", "list"], ["tags"], ["notes", "search", "quay"], ["notes", "rm", "abc"]],
)
def test_a_device_as_the_store_is_refused_and_left_alone(
    isolated_home: Path, command: list[str]
) -> None:
    device = Path("/dev/zero")  # opened read-only at most; never /dev/null
    lock = Path("/dev/zero.lock")
    assert stat.S_ISCHR(device.stat().st_mode) and not lock.exists()
    try:
        line = one_sentence(run_reader(isolated_home, "--db", str(device), *command))
    finally:
        made_lock = lock.exists()
        if made_lock:  # a regression made it: do not leave it in /dev
            lock.unlink()
    assert "not a regular file" in line
    assert not made_lock
    assert stat.S_ISCHR(device.stat().st_mode)


@pytest.mark.parametrize("command", [["notes", "list"], ["tags"], ["notes", "add"]])
def test_a_fifo_as_the_store_is_refused_without_hanging(
    tmp_path: Path, isolated_home: Path, article: Path, command: list[str]
) -> None:
    fifo = tmp_path / "store.json"
    os.mkfifo(fifo)
    if command == ["notes", "add"]:
        command = [*command, str(article), "--quote", "new quay"]
    line = one_sentence(run_reader(isolated_home, "--db", str(fifo), *command))
    assert "pipe" in line and "not a regular file" in line
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert {p.name for p in tmp_path.iterdir()} - {"reader-home"} == {"harbour.txt", "store.json"}


@pytest.mark.parametrize("command", [["notes", "list"], ["tags"], ["notes", "search", "quay"]])
def test_a_read_only_command_never_moves_a_non_json_file_aside(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    mistake = tmp_path / "shopping.txt"
    mistake.write_text("eggs\nmilk\n", encoding="utf-8")
    code = main(["--db", str(mistake), *command])
    err = capsys.readouterr().err
    assert code in (0, 1) and "Traceback" not in err
    assert "left as it is" in err
    assert mistake.read_text(encoding="utf-8") == "eggs\nmilk\n"
    assert {p.name for p in tmp_path.iterdir()} - {"reader-home"} == {"shopping.txt"}


# -- item 12: files in the data folder -----------------------------------------


def test_a_fifo_highlights_file_is_refused_without_hanging(db: Path, isolated_home: Path) -> None:
    seeded(db)
    fifo = db.with_name("store.json.d") / "zzz.json"
    os.mkfifo(fifo)
    line = one_sentence(run_reader(isolated_home, "--db", str(db), "notes", "list"))
    assert "zzz.json" in line and "not a regular file" in line
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_a_symlink_to_dev_zero_as_the_store_is_refused(tmp_path: Path, isolated_home: Path) -> None:
    link = tmp_path / "store.json"
    link.symlink_to("/dev/zero")
    line = one_sentence(run_reader(isolated_home, "--db", str(link), "notes", "list"))
    assert "not a regular file" in line
    assert link.is_symlink()


def test_a_symlink_as_a_highlights_file_is_not_followed(db: Path, isolated_home: Path) -> None:
    seeded(db)
    link = db.with_name("store.json.d") / "zzz.json"
    link.symlink_to("/dev/zero")
    line = one_sentence(run_reader(isolated_home, "--db", str(db), "notes", "list"))
    assert "symbolic link" in line


@pytest.mark.parametrize("kind", ["fifo", "dev-zero"])
def test_hostile_caches_are_ignored(db: Path, isolated_home: Path, kind: str) -> None:
    seeded(db, articles=40)  # enough shards for the store snapshot to be used
    for cache in (db.with_name("store.json.d") / ".snapshot", db.with_name("store.json.search")):
        cache.unlink(missing_ok=True)
        if kind == "fifo":
            os.mkfifo(cache)
        else:
            cache.symlink_to("/dev/zero")
    listed = run_reader(isolated_home, "--db", str(db), "notes", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    assert len(listed.stdout.splitlines()) == 40
    found = run_reader(isolated_home, "--db", str(db), "notes", "search", "harbour", "--json")
    assert found.returncode == 0, found.stderr
    assert len(found.stdout.splitlines()) == 20


@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "deep", "huge"])
def test_hostile_config_gives_the_defaults(tmp_path: Path, kind: str) -> None:
    config = tmp_path / "config.json"
    if kind == "fifo":
        os.mkfifo(config)
    elif kind == "dev-zero":
        config.symlink_to("/dev/zero")
    elif kind == "deep":
        config.write_bytes(DEEP)
    else:
        config.write_bytes(b'{"theme": "' + b"x" * (2 * 1024 * 1024) + b'"}')
    script = (
        "import sys; from pathlib import Path; from reader.ui.config import load_config, UIConfig;"
        "assert load_config(Path(sys.argv[1])) == UIConfig(); print('defaults')"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(config)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        stdin=subprocess.DEVNULL,
    )
    assert result.stdout.strip() == "defaults", result.stderr


def test_config_still_loads_normally(tmp_path: Path) -> None:
    config = tmp_path / "config.json"
    config.write_text(json.dumps({"theme": "nord", "reading_width": 80}), encoding="utf-8")
    assert load_config(config) == UIConfig(theme="nord", reading_width=80)


def test_a_fifo_as_the_lock_file_is_refused(db: Path, isolated_home: Path, article: Path) -> None:
    seeded(db)
    lock = db.with_name("store.json.lock")
    lock.unlink()
    os.mkfifo(lock)
    result = run_reader(
        isolated_home, "--db", str(db), "notes", "add", str(article), "--quote", "new quay"
    )
    line = one_sentence(result)
    assert "store.json.lock" in line and "not a regular file" in line
    assert stat.S_ISFIFO(lock.lstat().st_mode)


@pytest.mark.parametrize("readonly", [False, True])
def test_json_nested_too_deep_is_damage_not_a_crash(db: Path, readonly: bool) -> None:
    hs = seeded(db)
    with Store.open(db) as store:  # so the highlights file has a backup: the seeded version
        store.add(Highlight(id="later", article_id="art000", start=0, end=3, exact="The",
                            prefix="", suffix=" harbour"))  # fmt: skip
    shard = db.with_name("store.json.d") / "art000.json"
    shard.write_bytes(DEEP)
    db.write_bytes(DEEP)
    with Store.open(db, readonly=readonly) as store:
        assert store.articles() == []
        assert store.highlights("art000") == []
        assert any("nested too deep" in n for n in store.notices)
        if not readonly:
            assert store.restore_backup() >= 1
            assert [h.id for h in store.highlights("art000")] == [h.id for h in hs]
    moved = [p.name for p in db.parent.rglob("*.corrupt-*")]
    if readonly:
        assert moved == [] and shard.read_bytes() == DEEP and db.read_bytes() == DEEP
    else:
        assert len(moved) == 2


def test_json_nested_too_deep_at_the_cli(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db.parent.mkdir(parents=True)
    db.write_bytes(DEEP)
    code = main(["--db", str(db), "notes", "list"])
    err = capsys.readouterr().err
    # Read-only: the damaged library is said (exit 1: the listing misses it), not moved.
    assert code == 1 and "nested too deep" in err and "Traceback" not in err
    assert db.read_bytes() == DEEP


def test_a_store_file_over_its_limit_is_damage(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from reader import files as _files

    seeded(db)
    shard = db.with_name("store.json.d") / "art000.json"
    monkeypatch.setattr(_files, "STORE_FILE_LIMIT", shard.stat().st_size - 1)
    with Store.open(db, readonly=True) as store:
        assert store.highlights("art000") == []
        assert any("limit" in n for n in store.notices)


def test_read_regular_is_bounded_and_checks_the_open_file(tmp_path: Path) -> None:
    small = tmp_path / "small"
    small.write_bytes(b"x" * 100)
    got = read_regular(small, 100)
    assert got is not None and got[0] == b"x" * 100 and got[1].st_size == 100
    with pytest.raises(FileTooLargeError):
        read_regular(small, 99)
    assert read_regular(tmp_path / "missing", 10) is None
    link = tmp_path / "link"
    link.symlink_to(small)
    assert read_regular(link, 100) is not None
    with pytest.raises(NotRegularFileError, match="symbolic link"):
        read_regular(link, 100, follow_symlinks=False)
    with pytest.raises(NotRegularFileError, match="device"):
        read_regular(Path("/dev/zero"), 10)
    with pytest.raises(NotRegularFileError, match="folder"):
        read_regular(tmp_path, 10)


def test_a_fifo_as_the_log_does_not_hang_the_crash_report(isolated_home: Path) -> None:
    isolated_home.mkdir(parents=True, exist_ok=True)
    os.mkfifo(isolated_home / "reader.log")
    script = "import sys; from reader.cli import _log_crash;print(_log_crash(RuntimeError('boom')))"
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        stdin=subprocess.DEVNULL,
        env={**os.environ, "READER_HOME": str(isolated_home)},
    )
    assert result.stdout.strip() == "(the log could not be written)", result.stderr
    assert stat.S_ISFIFO((isolated_home / "reader.log").lstat().st_mode)
