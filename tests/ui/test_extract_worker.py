"""Extraction in a child process: same answers as in-process, restart on a new
article, and closing never leaves a waiting thread behind."""

from __future__ import annotations

import threading
from typing import IO

import pytest

from reader.extract import extract
from reader.extract import process as extract_worker
from reader.extract.process import ExtractionProcess
from reader.ingest import parse
from reader.model import Article


def test_the_child_answers_like_the_extractors(seed: Article, feature: Article) -> None:
    process = ExtractionProcess()
    try:
        process.start()
        assert process.extract(seed) == extract(seed)
        assert process.extract(feature) == extract(feature)
    finally:
        process.close()


def test_a_new_article_restarts_a_busy_child_and_close_unblocks(
    seed: Article, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = parse(
        "Big\n\n" + "\n\n".join('"Quoted words here," said Ana Duarte.' for _ in range(40_000))
    )
    process = ExtractionProcess()
    outcome: list[object] = []
    reading = threading.Event()
    read = extract_worker._read

    def read_and_tell(stream: IO[bytes]) -> object:
        if threading.current_thread() is waiter:
            reading.set()  # the waiter is blocked on the big article's answer
        return read(stream)

    monkeypatch.setattr(extract_worker, "_read", read_and_tell)

    def wait_for_big() -> None:
        try:
            outcome.append(process.extract(big))
        except EOFError as exc:
            outcome.append(exc)

    waiter = threading.Thread(target=wait_for_big, daemon=True)
    waiter.start()
    assert reading.wait(timeout=60), "the waiter never asked for its answer"
    # Not queued behind the big one: an answer for the big article first
    # would be refused as one for another article.
    assert process.extract(seed) == extract(seed)
    waiter.join(timeout=60)  # a generous deadline: a hang fails instead of blocking the run
    assert not waiter.is_alive()
    assert isinstance(outcome[0], EOFError)
    process.close()
    with pytest.raises(EOFError):
        process.extract(seed)
