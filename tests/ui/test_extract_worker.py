"""Extraction in a child process: same answers as in-process, restart on a new
article, and closing never leaves a waiting thread behind."""

from __future__ import annotations

import threading
import time

import pytest

from reader.extract import extract
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


def test_a_new_article_restarts_a_busy_child_and_close_unblocks(seed: Article) -> None:
    big = parse(
        "Big\n\n" + "\n\n".join('"Quoted words here," said Ana Duarte.' for _ in range(40_000))
    )
    process = ExtractionProcess()
    outcome: list[object] = []

    def wait_for_big() -> None:
        try:
            outcome.append(process.extract(big))
        except EOFError as exc:
            outcome.append(exc)

    waiter = threading.Thread(target=wait_for_big)
    waiter.start()
    time.sleep(0.5)
    started = time.perf_counter()
    assert process.extract(seed) == extract(seed)  # not queued behind the big one
    waiter.join(timeout=10)
    assert not waiter.is_alive()
    assert isinstance(outcome[0], EOFError)
    process.close()
    with pytest.raises(EOFError):
        process.extract(seed)
    assert time.perf_counter() - started < 10
