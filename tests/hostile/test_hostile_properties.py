"""Property tests: whatever text arrives, sanitise -> parse -> extract ->
lay out for the screen never raises, never lets a control character
through, and keeps the article's words.

Text is drawn from markup-significant characters, control characters,
whole escape sequences and arbitrary Unicode (surrogates included).
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from hostile.payloads import BIDI_CONTROLS, CLIPBOARD_B64, forbidden_chars
from reader.errors import BadInputError
from reader.extract import extract
from reader.ingest import parse
from reader.ingest.normalize import normalize
from reader.model import Article
from reader.text.sanitize import sanitize
from reader.ui.layout import DocumentLayout

MARKUP = list("[]\\/@=$:'\"(){}")
CONTROLS = [chr(c) for c in range(0x20)] + ["\x7f"] + [chr(c) for c in range(0x80, 0xA0)]
SEQUENCES = [
    "\x1b[2J",
    "\x1b[31m",
    "\x1b[?1049h",
    f"\x1b]52;c;{CLIPBOARD_B64}\x07",
    f"\x1b]52;c;{CLIPBOARD_B64}\x1b\\",
    "\x1b]0;pwned\x07",
    "\x1bP$qm\x1b\\",
    "\x1b_apc\x1b\\",
    "\x1b^pm\x1b\\",
    "\x1bXsos\x1b\\",
    "\x9b2J",
    "\x9d0;pwned\x9c",
    "\x90$qm\x9c",
    "[@click=app.quit]",
    "[/",
    "[/b]",
    "$title",
    "\\",
]
INTRODUCERS = re.compile("[\x1b\x90\x98\x9b\x9d\x9e\x9f]")

pieces = st.one_of(
    st.sampled_from(MARKUP),
    st.sampled_from(CONTROLS),
    st.sampled_from(sorted(BIDI_CONTROLS)),
    st.sampled_from(SEQUENCES),
    st.characters(categories=["Cs"]),
    st.characters(),
    st.sampled_from(["\n", "\n\n", " ", "\t", "- ", "> ", "# ", "| a | b |\n|---|---|\n"]),
    st.text(min_size=1, max_size=8),
)
hostile_text = st.lists(pieces, max_size=60).map("".join)
safe_text = st.text(
    st.one_of(st.sampled_from(MARKUP), st.characters(codec="utf-8", exclude_categories=["Cc"])),
    max_size=200,
).filter(lambda s: not (BIDI_CONTROLS & set(s)))

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _model_sanitise(raw: str) -> str:
    """What sanitising must do to text that has no escape-sequence
    introducer: newlines normalised, single controls dropped, surrogates
    replaced; nothing else touched."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    out = []
    for ch in text:
        if 0xD800 <= ord(ch) <= 0xDFFF:
            out.append("\ufffd")
        elif not forbidden_chars(ch):
            out.append(ch)
    return "".join(out)


def _is_subsequence(small: str, big: str) -> bool:
    it = iter(big)
    return all(ch in it for ch in small)


def _ink(text: str) -> str:
    """The characters that show: everything but whitespace (after the
    whitespace normalisation ingest applies: Unicode spaces, BOM)."""
    return "".join(normalize(text).split())


@SETTINGS
@given(hostile_text)
@example("\x1b]0;pwned")
@example("\x1b")
@example("\x9d" + "x" * 10_000)
def test_sanitise_removes_every_control_and_is_idempotent(raw: str) -> None:
    clean = sanitize(raw)
    assert forbidden_chars(clean) == []
    assert sanitize(clean) == clean
    normalised = raw.replace("\r\n", "\n").replace("\r", "\n")
    normalised = "".join("\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else c for c in normalised)
    assert _is_subsequence(clean, normalised), "sanitising invented characters"


@SETTINGS
@given(safe_text)
@example("[@click=app.quit]Read more[/] [/ [/b] [b] $var $title \\")
def test_sanitise_keeps_ordinary_text_exactly(raw: str) -> None:
    assert sanitize(raw) == raw.replace("\r\n", "\n").replace("\r", "\n")


def _assert_article_sound(article: Article) -> None:
    text = article.text
    assert forbidden_chars(text) == []
    assert forbidden_chars(article.meta.title) == []
    extraction = extract(article)
    spans = [b.span for b in article.blocks] + [s.span for s in article.styles]
    spans += [q.span for q in extraction.quotes] + [f.span for f in extraction.figures]
    spans += [s for p in extraction.people for s in p.spans]
    for span in spans:
        assert 0 <= span.start <= span.end <= len(text)
    for width in (1, 9, 60):
        layout = DocumentLayout(article, width)
        runs = []
        for line in layout.lines:
            for run in line.runs:
                assert 0 <= run.start <= run.end <= len(text)
                runs.append((run.start, run.end))
            assert forbidden_chars(line.plain(text)) == []
        # Everything visible in the text is on screen, once (table cells wrap
        # side by side, so runs are put back in text order first).
        assert _ink("".join(text[a:b] for a, b in sorted(runs))) == _ink(text)


@SETTINGS
@given(hostile_text)
@example("[@click=app.quit]Read more[/]\n\n\\")
@example("\x1b]52;c;" + CLIPBOARD_B64 + "\x07\n\n[/")
def test_plain_text_article_is_sound_and_keeps_its_words(raw: str) -> None:
    if not _ink(sanitize(raw)):
        with pytest.raises(BadInputError):
            parse(raw, source="property.txt", markdown=False)
        return
    article = parse(raw, source="property.txt", markdown=False)
    _assert_article_sound(article)
    # Plain text: nothing is invented; what shows is the sanitised input.
    assert _is_subsequence(_ink(article.text), _ink(sanitize(raw)))


@SETTINGS
@given(hostile_text)
@example("# [@click=app.quit]x[/]\n\n- [/b]\n\n> $title\n\n| [/ | \\ |\n|---|---|\n| a | b |")
def test_markdown_article_is_sound(raw: str) -> None:
    try:
        article = parse(raw, source="property.md", markdown=True)
    except BadInputError as exc:
        # Only a document with nothing to show (e.g. "---" or "- ") may be
        # refused, and then in one line that says so.
        assert "\n" not in str(exc) and "empty" in str(exc)
        return
    _assert_article_sound(article)


@SETTINGS
@given(hostile_text.filter(lambda s: INTRODUCERS.search(s) is None))
@example("a\x1f\rb")
def test_sanitise_drops_single_controls_and_nothing_else(raw: str) -> None:
    """Without an escape-sequence introducer there is nothing to remove
    whole: exactly the control characters go, and every CR still ends a line."""
    assert sanitize(raw) == _model_sanitise(raw)
