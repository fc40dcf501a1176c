"""Markdown ingest against the 652 CommonMark spec examples (a peer's suite).

Every example must ingest without error, and for at least 97% of them every
word visible in the reference HTML must appear in Article.text.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

import pytest
from conftest import SHARED

from reader.errors import BadInputError
from reader.ingest import parse

SPEC = SHARED / "eval" / "commonmark.json"
WORD = re.compile(r"\w+")
# Block-level tags separate words; inline tags (em, a, code...) do not.
BLOCK_TAG = re.compile(
    r"</?(?:p|div|li|ul|ol|h[1-6]|pre|blockquote|table|thead|tbody|tr|td|th|hr|br)\b[^>]*>"
)
TAG = re.compile(r"<[^>]*>")

pytestmark = pytest.mark.skipif(not SPEC.is_file(), reason="../shared/eval/commonmark.json absent")


def visible_words(reference_html: str) -> set[str]:
    text = TAG.sub("", BLOCK_TAG.sub(" ", reference_html.replace("\n", " ")))
    return set(WORD.findall(html.unescape(text)))


def examples() -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads(SPEC.read_text(encoding="utf-8"))
    return data


def test_every_example_ingests_and_keeps_its_words() -> None:
    cases = examples()
    assert len(cases) == 652
    missed: list[tuple[int, set[str]]] = []
    for number, case in enumerate(cases, start=1):
        try:
            text = parse(case["markdown"], source="spec.md", markdown=True).text
        except BadInputError:
            # Only blank examples may be refused, and they show no words.
            assert not case["markdown"].strip()
            text = ""
        missing = visible_words(case["html"]) - set(WORD.findall(text))
        if missing:
            missed.append((number, missing))
    rate = 1 - len(missed) / len(cases)
    assert rate >= 0.97, f"pass rate {rate:.3f}; first misses: {missed[:10]}"


def test_visible_words_reads_html_like_a_browser() -> None:
    assert visible_words("<p>foo<em>bar</em></p>\n<p>baz &amp; qux</p>") == {
        "foobar",
        "baz",
        "qux",
    }
