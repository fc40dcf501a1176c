"""Hostile and broken articles through ingest -> extract.

Each payload of the corpus (tests/hostile/payloads.py) is written to a file
and loaded the way the CLI and the UI load it. Binary and empty files must be
refused with one sentence; everything else must load without an exception,
with no terminal control character left in any text the UI will show, the
markup kept literally, and every span inside the text.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from hostile.payloads import Payload, corpus, forbidden_chars, write_corpus
from reader.errors import BadInputError
from reader.extract import extract
from reader.ingest import load_path, parse
from reader.model import Article, Extraction, Span

PAYLOADS = corpus()
REFUSED = [p for p in PAYLOADS if p.refused]
LOADED = [p for p in PAYLOADS if not p.refused]


def _write(tmp_path: Path, payload: Payload) -> Path:
    return write_corpus(tmp_path, [payload])[payload.id]


def _assert_one_sentence(message: str) -> None:
    assert message.strip(), "an empty error message"
    assert "\n" not in message.strip()
    assert "Traceback" not in message
    assert message.rstrip().endswith((".", ")", "!")), message


def _spans(article: Article, extraction: Extraction) -> list[tuple[str, Span]]:
    found: list[tuple[str, Span]] = [("block", b.span) for b in article.blocks]
    found += [("style", s.span) for s in article.styles]
    found += [("quote", q.span) for q in extraction.quotes]
    found += [("person", s) for p in extraction.people for s in p.spans]
    found += [("figure", f.span) for f in extraction.figures]
    return found


def assert_clean_article(article: Article, extraction: Extraction) -> None:
    """Nothing the UI will show carries a control character; every span fits."""
    assert forbidden_chars(article.text) == []
    meta = article.meta
    shown = [meta.title, meta.section, meta.byline, *meta.authors, *meta.credits]
    shown += list(article.warnings)
    shown += [q.text for q in extraction.quotes] + [q.speaker or "" for q in extraction.quotes]
    shown += [p.name for p in extraction.people] + [p.role or "" for p in extraction.people]
    shown += [f.text for f in extraction.figures] + [f.context or "" for f in extraction.figures]
    for text in shown:
        if text:
            assert forbidden_chars(text) == [], repr(text[:200])
    size = len(article.text)
    for what, span in _spans(article, extraction):
        assert 0 <= span.start <= span.end <= size, f"{what} span {span} outside 0..{size}"
    starts = [b.span.start for b in article.blocks]
    assert starts == sorted(starts), "blocks out of reading order"


@pytest.mark.parametrize("payload", REFUSED, ids=lambda p: p.id)
def test_binary_and_empty_files_are_refused_with_one_sentence(
    tmp_path: Path, payload: Payload
) -> None:
    path = _write(tmp_path, payload)
    with pytest.raises(BadInputError) as info:
        load_path(path)
    _assert_one_sentence(str(info.value))
    assert path.name in str(info.value)


@pytest.mark.parametrize("payload", LOADED, ids=lambda p: p.id)
def test_hostile_file_loads_clean(tmp_path: Path, payload: Payload) -> None:
    path = _write(tmp_path, payload)
    try:
        article = load_path(path)
    except BadInputError as exc:
        if not payload.may_refuse:
            raise
        _assert_one_sentence(str(exc))
        return
    extraction = extract(article)
    assert_clean_article(article, extraction)
    assert article.text.strip(), "the article lost all its text"
    for kept in payload.keep:
        assert kept in article.text, f"{kept!r} did not survive literally"
    for gone in payload.gone:
        assert gone not in article.text, f"{gone!r} (part of an escape sequence) survived"
    # How long each payload takes is benchmarks/bench_ingest.py's bar, not this test's.


def _decodes(payload: Payload) -> bool:
    try:
        payload.data.decode("utf-8", "surrogatepass")
    except UnicodeDecodeError:
        return False
    return True


DECODABLE = [
    p
    for p in LOADED
    if p.family in ("markup", "escape", "control", "bidi", "unicode") and _decodes(p)
]


@pytest.mark.parametrize("payload", DECODABLE, ids=lambda p: p.id)
def test_parse_in_memory_is_sanitised_too(payload: Payload) -> None:
    """Text that never touched a file (stdin, a URL, the library's saved
    source text) is sanitised by `parse` just the same."""
    text = payload.data.decode("utf-8", "surrogatepass")
    article = parse(text, source="memory", markdown=payload.suffix == ".md")
    assert_clean_article(article, extract(article))
    for kept in payload.keep:
        assert kept in article.text


def test_lone_surrogates_in_memory_never_reach_the_text() -> None:
    """A str with lone surrogates (e.g. from a surrogateescape decode) would
    make the terminal write fail; ingest must drop or replace them."""
    article = parse("Title \ud800\n\nbody \udfff and \udced\udca0\udc80 end.", source="m")
    assert forbidden_chars(article.text) == []
    assert "body" in article.text and "end." in article.text


INVALID_UTF8 = [p for p in LOADED if p.family == "encoding" and p.name != "enc-bom-crlf"]


@pytest.mark.parametrize("payload", INVALID_UTF8, ids=lambda p: p.id)
def test_invalid_utf8_opens_with_a_notice(tmp_path: Path, payload: Payload) -> None:
    article = load_path(_write(tmp_path, payload))
    assert article.warnings, "a decoding fallback must tell the user"
    for warning in article.warnings:
        _assert_one_sentence(warning)


def test_bom_and_crlf_are_normalised(tmp_path: Path) -> None:
    [payload] = [p for p in LOADED if p.name == "enc-bom-crlf"]
    article = load_path(_write(tmp_path, payload))
    assert "\ufeff" not in article.text and "\r" not in article.text
    assert article.meta.title.startswith("Harbour council")
