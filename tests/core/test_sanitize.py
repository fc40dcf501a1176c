"""The sanitiser: nothing in an article can reach the terminal as a control."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from workcount import assert_linear

from reader.ingest import parse
from reader.ingest.normalize import SPACE_CODEPOINTS, normalize
from reader.text.sanitize import MAX_PAYLOAD, sanitize

ESC = "\x1b"


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        # CSI, 7-bit and 8-bit, with parameters and intermediates
        (f"a{ESC}[2Jb", "ab"),
        (f"a{ESC}[38;5;196mred{ESC}[0mb", "aredb"),
        (f"a{ESC}[?1049hb", "ab"),
        ("a\x9b31mb", "ab"),
        # OSC ended by BEL, by ESC \, by 8-bit ST; 8-bit OSC
        (f"a{ESC}]0;title\x07b", "ab"),
        (f"a{ESC}]52;c;UFdORUQ={ESC}\\b", "ab"),
        (f"a{ESC}]8;;https://evil.example/\x9cb", "ab"),
        ("a\x9d0;title\x07b", "ab"),
        # DCS, SOS, PM, APC in both forms
        (f"a{ESC}P$qm{ESC}\\b", "ab"),
        ("a\x90$qm\x9cb", "ab"),
        (f"a{ESC}Xsos{ESC}\\b{ESC}^pm{ESC}\\c{ESC}_apc{ESC}\\d", "abcd"),
        ("a\x98sos\x9cb\x9epm\x9cc\x9fapc\x9cd", "abcd"),
        # two-character and nF escape sequences, a lone ESC
        (f"a{ESC}cb{ESC}(0c{ESC}7{ESC}8d{ESC}", "abcd"),
        # C0 (but not LF/TAB), DEL, every C1
        ("a\x00\x01\x07\x08\x0b\x0c\x1f\x7fb", "ab"),
        # Every C1 control in a row: the last, U+009F, opens an (unterminated)
        # APC string, which is dropped to the end of the line like any other.
        ("a" + "".join(chr(c) for c in range(0x80, 0xA0)) + "b", "a"),
        ("a" + "".join(chr(c) for c in range(0x80, 0x90)) + "b", "ab"),
        ("tab\there\nnew line", "tab\there\nnew line"),
        # CR LF and lone CR become LF
        ("one\r\ntwo\rthree", "one\ntwo\nthree"),
        # bidi embeddings, overrides and isolates
        (
            "pay \u202eevil\u202c now \u2066x\u2069 \u202a\u202b\u202d\u2067\u2068",
            "pay evil now x ",
        ),
        # lone surrogates
        ("a\ud800b\udfffc", "a\ufffdb\ufffdc"),
    ],
)
def test_controls_and_sequences_are_removed(dirty: str, clean: str) -> None:
    assert sanitize(dirty) == clean


@pytest.mark.parametrize(
    "text",
    [
        "Ελληνικά, русский, 中文, 日本語, 한국어, עברית, العربية, हिन्दी",
        "family emoji 👨‍👩‍👧 flag 🇳🇴 skin 👍🏽 keycap 1️⃣",
        "combining: e\u0301 a\u0308 \u0915\u094d\u0937",
        "zero width: a\u200bb a\u200cb a\u200db",
        "marks kept: \u200eLRM \u200fRLM \u061cALM",
        "private use \ue000 and replacement \ufffd and [markup] $var \\",
    ],
)
def test_everything_else_is_kept(text: str) -> None:
    assert sanitize(text) == text


def test_unterminated_osc_stops_at_end_of_line() -> None:
    text = f"Intro{ESC}]0;no terminator here\nSecond line survives.\n"
    assert sanitize(text) == "Intro\nSecond line survives.\n"


def test_unterminated_osc_is_bounded_in_length() -> None:
    payload = "A" * (MAX_PAYLOAD * 3)
    cleaned = sanitize(f"x{ESC}]52;c;{payload}")
    # The sequence is dropped up to MAX_PAYLOAD characters; what is left is
    # plain letters, not a control sequence.
    assert cleaned.startswith("x")
    assert ESC not in cleaned
    assert len(cleaned) == 1 + 5 + len(payload) - MAX_PAYLOAD


@pytest.mark.parametrize(
    "unit",
    ["word ", f"{ESC}]", f"{ESC}[", "\x9d", f"{ESC}]0;" + "x" * 100 + "\n", "\x00\x1b\x9b\u202e"],
    ids=["prose", "osc-openers", "csi-openers", "c1-osc", "osc-lines", "mixed"],
)
def test_long_runs_of_openers_are_sanitised_in_linear_work(unit: str) -> None:
    """Thousands of unterminated openers: all removed, and the work grows with
    the text, not its square (benchmarks/bench_ingest.py times a megabyte)."""

    def work_for(size: int) -> Callable[[], object]:
        text = unit * (size // len(unit))
        return lambda: sanitize(text)

    assert_linear(work_for, 20_000)
    cleaned = sanitize(unit * (100_000 // len(unit)))
    assert ESC not in cleaned and "\x9d" not in cleaned


def test_parse_sanitises_before_offsets() -> None:
    article = parse(f"Head{ESC}]0;x\x07line\n\nBody {ESC}[1mbold{ESC}[0m text.", source="m")
    assert article.meta.title == "Headline"
    [body] = [b for b in article.blocks if b.kind == "paragraph"]
    assert article.slice(body.span) == "Body bold text."


def test_markdown_entities_cannot_smuggle_controls() -> None:
    article = parse("# T\n\nx &#x202E; y &#12; z &#x9b; &#27;", markdown=True)
    assert "\u202e" not in article.text and "\x0c" not in article.text
    assert "\x9b" not in article.text and ESC not in article.text
    assert "x" in article.text and "z" in article.text


def test_space_list_is_every_unicode_space() -> None:
    import sys
    import unicodedata

    expected = {
        cp
        for cp in range(sys.maxunicode + 1)
        if cp != 0x20 and unicodedata.category(chr(cp)) == "Zs"
    }
    assert set(SPACE_CODEPOINTS) == expected


def test_normalize_spaces_tabs_bom() -> None:
    assert normalize("a\u00a0b\u2009c\u3000d\te\ufeff") == "a b c d e"
    assert normalize("code\tstops\n\tx", code=True) == "code    stops\n        x"
    assert normalize("line\u2028break") == "line\nbreak"


@pytest.mark.parametrize(
    "before",
    ["\x07", "\x00", "\x1f", "\x85", "\x08\x07"],
    ids=["bel", "nul", "us", "nel", "bs-bel"],
)
@pytest.mark.parametrize(
    "sequence",
    ["\x1b]0;pwned\x07", "\x9d0;pwned\x07", "\x1b[31;1mpwned", "\x9b31mpwned", "\x1bPpwned\x1b\\"],
    ids=["osc", "osc8", "csi", "csi8", "dcs"],
)
def test_a_control_just_before_a_sequence_does_not_leave_its_payload(
    before: str, sequence: str
) -> None:
    cleaned = sanitize("x" + before + sequence + "y")
    assert cleaned in ("xy", "xpwnedy") and ";" not in cleaned
    if not sequence.startswith(("\x1b[", "\x9b")):
        assert cleaned == "xy"
