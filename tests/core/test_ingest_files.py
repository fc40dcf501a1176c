"""Reading files: folders, decoding fallbacks and every kind of bad input."""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

import pytest

import reader.ingest.decode as decode_module
from reader.errors import BadInputError
from reader.ingest import expand, load_path

STORY = "Harbour bridge approved\n\nThe council voted 9 to 4 on Tuesday.\n"


def one_sentence(error: BadInputError) -> str:
    message = str(error)
    assert "\n" not in message and message.endswith((".", ")"))
    return message


def test_folder_means_every_txt_and_md_file_sorted(tmp_path: Path) -> None:
    for name in ("b.md", "a.txt", "c.markdown", "notes.json", "image.png"):
        (tmp_path / name).write_text(STORY)
    (tmp_path / "sub.txt").mkdir()
    assert [p.name for p in expand(tmp_path)] == ["a.txt", "b.md", "c.markdown"]


def test_a_file_argument_is_itself(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(STORY)
    assert expand(path) == [path]


def test_missing_path(tmp_path: Path) -> None:
    with pytest.raises(BadInputError) as info:
        expand(tmp_path / "nope.txt")
    assert "no such file or folder" in one_sentence(info.value)
    with pytest.raises(BadInputError):
        load_path(tmp_path / "nope.txt")


def test_folder_without_articles(tmp_path: Path) -> None:
    (tmp_path / "data.csv").write_text("a,b\n")
    with pytest.raises(BadInputError) as info:
        expand(tmp_path)
    assert "has no .txt or .md articles" in one_sentence(info.value)


def test_folder_given_to_load_path(tmp_path: Path) -> None:
    with pytest.raises(BadInputError) as info:
        load_path(tmp_path)
    assert "is a folder" in one_sentence(info.value)


@pytest.mark.parametrize(
    "content", [b"", b"   \n\n\t \r\n", "\u00a0\u2003\n".encode(), b"\xef\xbb\xbf"]
)
def test_empty_or_blank_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    with pytest.raises(BadInputError) as info:
        load_path(path)
    message = one_sentence(info.value)
    assert "empty" in message and str(path) in message


def test_only_control_characters_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "controls.txt"
    path.write_bytes(b"\x1b[2J\x1b]0;title\x07\n")
    with pytest.raises(BadInputError, match="empty"):
        load_path(path)


@pytest.mark.parametrize(
    "content",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
        b"PK\x03\x04" + b"zipped article.txt" * 10,
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\nstream",
        b"Title\n\nText with a NUL\x00 byte in it.\n",
        "UTF-16 text without a BOM".encode("utf-16-le"),
        bytes((i * 37 + 11) % 256 for i in range(20_000)),
    ],
    ids=["png", "zip", "pdf", "nul", "utf16", "random"],
)
def test_binary_file_is_refused(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(content)
    with pytest.raises(BadInputError) as info:
        load_path(path)
    assert one_sentence(info.value) == f"{path}: looks like a binary file, not an article."


def test_over_the_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.txt"
    path.write_text(STORY * 100)
    monkeypatch.setattr(decode_module, "MAX_BYTES", 1000)
    with pytest.raises(BadInputError) as info:
        load_path(path)
    message = one_sentence(info.value)
    assert "too large" in message and "limit" in message


def test_documented_limit_is_at_least_20_mb() -> None:
    assert decode_module.MAX_BYTES >= 20 * 1024 * 1024


def _refused_without_blocking(fifo: Path) -> BadInputError:
    """The error `load_path(fifo)` raises, from a thread; a load that blocks on
    the FIFO (waiting for a writer that never comes) fails the test instead of
    hanging it, and is then released by opening the FIFO's write end."""
    outcome: list[BaseException | None] = []

    def load() -> None:
        try:
            load_path(fifo)
            outcome.append(None)
        except BaseException as exc:
            outcome.append(exc)

    loader = threading.Thread(target=load, daemon=True)
    loader.start()
    loader.join(timeout=60)
    if loader.is_alive():
        writer = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        os.close(writer)
        loader.join(timeout=60)
        pytest.fail("load_path blocked on a FIFO")
    [error] = outcome
    assert isinstance(error, BadInputError), f"expected BadInputError, got {error!r}"
    return error


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX FIFOs")
def test_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)
    error = _refused_without_blocking(path)
    assert "not a regular file" in one_sentence(error)
    # A FIFO inside a folder is skipped, not opened.
    (tmp_path / "real.txt").write_text(STORY)
    assert [p.name for p in expand(tmp_path)] == ["real.txt"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX FIFOs")
def test_fifo_swapped_in_after_the_check_does_not_block(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    regular = tmp_path / "real.txt"
    regular.write_text(STORY)
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    looks_regular = regular.stat()
    # The first check sees a regular file (as if the swap happened just after it).
    monkeypatch.setattr(Path, "stat", lambda self, **kwargs: looks_regular)
    assert "not a regular file" in str(_refused_without_blocking(fifo))


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.txt"
    path.write_text(STORY)

    def denied(*args: Any, **kwargs: Any) -> Any:
        raise PermissionError(13, "Permission denied")

    # As root, chmod 000 is still readable, so the failure is simulated.
    monkeypatch.setattr(decode_module, "open", denied, raising=False)
    with pytest.raises(BadInputError) as info:
        load_path(path)
    assert one_sentence(info.value) == f"{path}: cannot be read (Permission denied)."


def test_invalid_utf8_falls_back_to_windows_1252_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "old.txt"
    path.write_bytes(
        "Caf\u00e9 owners \u201cwelcome\u201d the plan\n\nIt costs \u20ac5.".encode("cp1252")
    )
    article = load_path(path)
    assert article.meta.title == "Caf\u00e9 owners \u201cwelcome\u201d the plan"
    assert "\u20ac5" in article.text
    assert article.warnings == ("not valid UTF-8; decoded as Windows-1252.",)


def test_bytes_undefined_in_cp1252_fall_back_to_latin1(tmp_path: Path) -> None:
    path = tmp_path / "odd.txt"
    path.write_bytes(b"Gr\xfc\xdfe aus K\xf6ln\x81\n\nText.")
    article = load_path(path)
    assert article.meta.title == "Gr\u00fc\u00dfe aus K\u00f6ln"  # U+0081 is sanitised away
    assert article.warnings == ("not valid UTF-8; decoded as Latin-1 (ISO-8859-1).",)


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_a_bom_are_text(tmp_path: Path, codec: str) -> None:
    path = tmp_path / "notepad.txt"
    bom = {"utf-16-be": "\ufeff"}.get(codec, "")
    path.write_bytes((bom + "Z\u00fcrich \u201cnews\u201d\r\n\r\nBody.").encode(codec))
    article = load_path(path)
    assert article.text == "Z\u00fcrich \u201cnews\u201d\n\nBody."
    assert article.warnings == ()


def test_valid_utf8_has_no_warning(tmp_path: Path) -> None:
    path = tmp_path / "ok.txt"
    path.write_bytes("\ufeffZ\u00fcrich \u2014 \u4e2d\u6587\n\nBody.".encode())
    article = load_path(path)
    assert article.warnings == ()
    assert article.meta.title == "Z\u00fcrich \u2014 \u4e2d\u6587"


def test_markdown_is_chosen_by_suffix(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("# Title\n\n*emph*\n")
    (tmp_path / "a.txt").write_text("# Title\n\n*emph*\n")
    assert load_path(tmp_path / "a.md").text == "Title\n\nemph"
    assert load_path(tmp_path / "a.txt").text == "# Title\n\n*emph*"


def _big(tmp_path: Path, megabytes: int, suffix: str) -> Path:
    paragraph = (
        '"We ran the numbers 40 different ways," said David Okafor, who chairs the finance '
        "committee, adding that debt would rise from $2.1 billion to $2.5 billion by 2031.\n\n"
    )
    path = tmp_path / f"big{suffix}"
    count = megabytes * 1024 * 1024 // len(paragraph) + 1
    path.write_text("Big article\n\n" + paragraph * count, encoding="utf-8")
    return path


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_one_megabyte_ingests_every_paragraph(tmp_path: Path, suffix: str) -> None:
    """(benchmarks/bench_ingest.py holds the time bar: well under a second.)"""
    path = _big(tmp_path, 1, suffix)
    article = load_path(path)
    assert len(article.blocks) > 5000


@pytest.mark.slow
def test_twenty_megabytes_open(tmp_path: Path) -> None:
    path = _big(tmp_path, 20, ".txt")
    article = load_path(path)
    assert article.text.endswith("by 2031.")
