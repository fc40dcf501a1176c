"""A corpus of hostile and broken articles, built in memory.

Every payload is a complete article file (bytes plus a suffix) that hides
something an attacker or a broken feed could put in front of a reader:
markup that Textual/Rich would parse (and run as an action on click),
terminal escape sequences in 7-bit and 8-bit forms, control characters,
bidi overrides, pathological sizes and shapes, broken encodings and
binary data. Nothing here is committed as a big file: `write_corpus`
writes the payloads into a temporary folder on demand.
"""

from __future__ import annotations

import base64
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

# What an OSC 52 payload would put on the user's clipboard, and the window
# title an OSC 0 payload would set. Both are unique strings so a test can
# look for them in the bytes written to a terminal.
CLIPBOARD_SECRET = "PWNED-CLIPBOARD-7f3a"
CLIPBOARD_B64 = base64.b64encode(CLIPBOARD_SECRET.encode()).decode()
TITLE_SECRET = "pwned"

TITLE = "Harbour council approves the new ferry terminal"
LEAD = (
    "The city council voted 7 to 2 on Tuesday to approve the $45 million ferry "
    "terminal, ending a debate that lasted three years."
)
QUOTE = '"We will build it on time," said Mayor Jane Holloway, who backed the plan.'
TAIL = "Construction is due to start in March, with 40% of the cost paid by the port."

# Characters a sanitised Article.text may never contain.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def forbidden_chars(text: str) -> list[tuple[int, str]]:
    """Every (offset, char) in `text` that must not survive sanitising:
    C0 controls except newline and tab, DEL, C1 (U+0080-U+009F), bidi
    overrides and isolates, and lone surrogates."""
    bad: list[tuple[int, str]] = []
    for i, ch in enumerate(text):
        code = ord(ch)
        if (
            (code < 0x20 and ch not in "\n\t")
            or 0x7F <= code <= 0x9F
            or ch in BIDI_CONTROLS
            or 0xD800 <= code <= 0xDFFF
        ):
            bad.append((i, ch))
    return bad


@dataclass(frozen=True)
class Payload:
    """One hostile article.

    `keep`: literal text that must appear in Article.text after ingest (the
    markup shows as typed). `gone`: text that must not appear (the body of an
    escape sequence, removed whole). `markers`: bytes that must never reach
    the terminal. `refused`: ingest must refuse the file with BadInputError;
    `may_refuse`: refusing is as right as loading (e.g. a NUL byte may be
    taken for binary data).
    """

    name: str
    data: bytes
    suffix: str = ".txt"
    family: str = "markup"
    keep: tuple[str, ...] = ()
    gone: tuple[str, ...] = ()
    markers: tuple[bytes, ...] = ()
    refused: bool = False
    may_refuse: bool = False
    big: bool = False
    tags: frozenset[str] = field(default_factory=frozenset)

    @property
    def filename(self) -> str:
        return f"{self.name}{self.suffix}"

    @property
    def id(self) -> str:
        return self.filename


def article(body: str, *, title: str = TITLE, markdown: bool = False) -> str:
    """Wrap `body` in a small, ordinary news story."""
    head = f"# {title}" if markdown else title
    return f"{head}\n\n{LEAD}\n\n{body}\n\n{QUOTE}\n\n{TAIL}\n"


def _both(
    name: str,
    body: str,
    *,
    family: str,
    keep: tuple[str, ...] = (),
    gone: tuple[str, ...] = (),
    markers: tuple[bytes, ...] = (),
    may_refuse: bool = False,
    in_title: bool = False,
) -> Iterator[Payload]:
    """The same body as a plain-text and as a Markdown article."""
    for suffix, markdown in ((".txt", False), (".md", True)):
        title = f"{TITLE} {body}" if in_title else TITLE
        text = article(body, title=title, markdown=markdown)
        # Markdown reads a backslash before punctuation as an escape, so
        # such text is not expected to survive literally there.
        kept = tuple(k for k in keep if not markdown or "\\" not in k)
        yield Payload(
            name=name,
            data=text.encode("utf-8", "surrogatepass"),
            suffix=suffix,
            family=family,
            keep=kept,
            gone=gone,
            markers=markers,
            may_refuse=may_refuse,
        )


# --- markup ---------------------------------------------------------------

MARKUP_SNIPPETS: dict[str, str] = {
    "click-quit": "[@click=app.quit]Read more[/]",
    "click-screenshot": "[@click=app.screenshot('../x')]x[/]",
    "click-screenshot-path": "[@click=app.screenshot('pwned.svg','/tmp')]Subscribe[/]",
    "click-bell": "[@click=app.bell()]Share[/]",
    "click-unclosed": "[@click=app.quit]Continue reading",
    "open-bracket-slash": "prices rose [/ sharply",
    "close-b": "the deal [/b] was signed",
    "open-b": "the [b] vote was close",
    "close-all": "stocks [/] fell",
    "trailing-backslash": "the path was C:\\",
    "backslash-bracket": "a \\[b] literal and \\\\[i] another",
    "dollar-var": "it cost $var and $title and ${title} in total",
    "link": "[link=https://evil.example/steal]the report[/link]",
    "link-smb": "[link=smb://evil.example/share]open[/link]",
    "style-soup": "[bold red on blue]alarm[/] [reverse][blink]x[/blink][/reverse]",
    "braces-quotes": "{x} (y) 'z' \"w\" [a=b] [@=] [:] [$]",
}


def markup_payloads() -> Iterator[Payload]:
    for name, snippet in MARKUP_SNIPPETS.items():
        yield from _both(
            f"markup-{name}", f"Readers saw {snippet} today.", family="markup", keep=(snippet,)
        )
    title_snippet = "[@click=app.quit]boom[/]"
    for suffix, markdown in ((".txt", False), (".md", True)):
        head = f"# {title_snippet} [/" if markdown else f"{title_snippet} [/"
        text = f"{head}\n\n{LEAD}\n\n{QUOTE}\n"
        yield Payload("markup-title", text.encode(), suffix, "markup", keep=(title_snippet,))
    # Markup inside a quotation (goes to the Quotes sidebar) and a name.
    quote = '"[@click=app.quit]We will win[/] [/b] $title," said Mayor Jane Holloway.'
    yield from _both(
        "markup-in-quote",
        quote,
        family="markup",
        keep=("[@click=app.quit]We will win[/] [/b] $title",),
    )
    figure = "Sales rose to $[b]5[/b] million, up [/]12% on the year."
    yield from _both("markup-in-figure", figure, family="markup", keep=(figure,))


def markdown_markup_payloads() -> Iterator[Payload]:
    """Markup hidden in Markdown structures the UI renders (headings, lists,
    quotes, tables, links, code)."""
    md = (
        f"# {TITLE}\n\n{LEAD}\n\n"
        "## [@click=app.quit]Section[/]\n\n"
        "- item [/b] one\n- [@click=app.quit]item two[/]\n\n"
        "> quoted [b] text \\\n\n"
        "| [@click=app.quit]h[/] | [/ |\n|---|---|\n| $var | [b] |\n\n"
        "A [link [/b]](https://example.com/[@click=app.quit]) and `code [/b]`.\n\n"
        f"{QUOTE}\n"
    )
    yield Payload(
        "markup-markdown-structures",
        md.encode(),
        ".md",
        "markup",
        keep=("[@click=app.quit]Section[/]", "item [/b] one", "[@click=app.quit]item two[/]"),
    )


# --- escape sequences -----------------------------------------------------

ESC = "\x1b"
BEL = "\x07"
ST7 = "\x1b\\"

OSC52 = f"{ESC}]52;c;{CLIPBOARD_B64}"
OSC0 = f"{ESC}]0;{TITLE_SECRET}"

# name -> (sequence, text of the sequence that must vanish with it)
ESCAPES_7BIT: dict[str, tuple[str, tuple[str, ...]]] = {
    "csi-clear": (f"{ESC}[2J", ("[2J",)),
    "csi-sgr": (f"{ESC}[31m", ("[31m",)),
    "csi-altscreen": (f"{ESC}[?1049h", ("[?1049h",)),
    "csi-cursor": (f"{ESC}[10;20H", ("[10;20H",)),
    "csi-mouse": (f"{ESC}[?1000h{ESC}[?1006h", ("?1000h",)),
    "osc52-bel": (f"{OSC52}{BEL}", (CLIPBOARD_B64,)),
    "osc52-st": (f"{OSC52}{ST7}", (CLIPBOARD_B64,)),
    "osc0-bel": (f"{OSC0}{BEL}", (TITLE_SECRET,)),
    "osc0-st": (f"{OSC0}{ST7}", (TITLE_SECRET,)),
    "osc8-link": (f"{ESC}]8;;https://evil.example/{ST7}", ("evil.example",)),
    "dcs": (f"{ESC}P$qm{ST7}", ("$qm",)),
    "dcs-sixel": (f"{ESC}Pq#0;2;0;0;0#0~~@@vv{ST7}", ("~~@@vv",)),
    "apc": (f"{ESC}_Gf=100;AAAA{ST7}", ("Gf=100",)),
    "pm": (f"{ESC}^privacy-message{ST7}", ("privacy-message",)),
    "sos": (f"{ESC}Xstart-of-string{ST7}", ("start-of-string",)),
    "ris": (f"{ESC}c", ()),
    "charset": (f"{ESC}(0", ()),
    "save-cursor": (f"{ESC}7{ESC}8", ()),
}

# 8-bit (C1) forms: CSI 0x9b, OSC 0x9d, DCS 0x90, ST 0x9c, SOS 0x98,
# PM 0x9e, APC 0x9f. As text they are U+0080-U+009F, which in UTF-8 are the
# two-byte forms \xc2\x9b etc.
ESCAPES_8BIT: dict[str, str] = {
    "c1-csi": "\x9b2J\x9b31m",
    "c1-osc52": f"\x9d52;c;{CLIPBOARD_B64}\x9c",
    "c1-osc0": f"\x9d0;{TITLE_SECRET}\x07",
    "c1-dcs": "\x90$qm\x9c",
    "c1-apc-pm-sos": "\x9fapc\x9c\x9epm\x9c\x98sos\x9c",
    "c1-all": "".join(chr(c) for c in range(0x80, 0xA0)),
}

TERMINAL_MARKERS: tuple[bytes, ...] = (
    f"{ESC}]52;".encode(),
    CLIPBOARD_B64.encode(),
    f"{ESC}]0;{TITLE_SECRET}".encode(),
    f"{ESC}]2;{TITLE_SECRET}".encode(),
    f"{ESC}P$qm".encode(),
    b"\xc2\x9b",
    b"\xc2\x9d",
    b"\xc2\x90",
    b"\x00",
)


def escape_payloads() -> Iterator[Payload]:
    for name, (seq, gone) in ESCAPES_7BIT.items():
        yield from _both(
            f"esc-{name}",
            f"Markets opened{seq} calmly.",
            family="escape",
            keep=("Markets opened calmly.",),
            gone=gone,
            markers=TERMINAL_MARKERS,
        )
    # Everything at once, in the title too.
    every = "".join(seq for seq, _ in ESCAPES_7BIT.values())
    yield from _both(
        "esc-all-in-title",
        every,
        family="escape",
        gone=(CLIPBOARD_B64, TITLE_SECRET),
        markers=TERMINAL_MARKERS,
        in_title=True,
    )
    for name, seq in ESCAPES_8BIT.items():
        yield from _both(
            f"esc-{name}", f"Markets opened{seq} calmly.", family="escape", markers=TERMINAL_MARKERS
        )
    # Raw 8-bit bytes (not UTF-8): undecodable, so the decoding fallback
    # must not turn them into C1 characters that survive.
    raw = (
        article("Markets opened\x00 calmly.")
        .encode()
        .replace(b"\x00", b"\x9b2J\x9d0;" + TITLE_SECRET.encode() + b"\x07\x90$qm\x9c")
    )
    yield Payload("esc-raw-c1-bytes", raw, ".txt", "escape", markers=TERMINAL_MARKERS)
    # A sequence cut off by the end of the file.
    for name, tail in (
        ("unterminated-osc", f"{OSC0}"),
        ("lone-esc", ESC),
        ("unterminated-csi", f"{ESC}[1;"),
    ):
        text = article("Markets opened calmly.") + tail
        yield Payload(f"esc-{name}", text.encode(), ".txt", "escape", markers=TERMINAL_MARKERS)


# --- control characters, bidi, surrogates -----------------------------------


def control_payloads() -> Iterator[Payload]:
    yield from _both(
        "ctrl-nul",
        "Markets\x00 opened\x00 calmly.",
        family="control",
        markers=(b"\x00",),
        may_refuse=True,
    )
    c0 = "".join(chr(c) for c in range(0x20) if chr(c) not in "\n\t\r\x00")
    yield from _both(
        "ctrl-c0", f"Markets opened{c0} calmly.", family="control", keep=("Markets opened calmly.",)
    )
    yield from _both(
        "ctrl-del", "Markets\x7f opened calmly.", family="control", keep=("Markets opened calmly.",)
    )
    yield from _both("ctrl-lone-cr", "Markets opened\rSTOCKS CRASH calmly.", family="control")
    bidi = "".join(sorted(BIDI_CONTROLS))
    yield from _both(
        "bidi-overrides",
        f"invoice\u202egnp.exe and {bidi} done",
        family="bidi",
        keep=("invoicegnp.exe and  done",),
    )
    yield from _both(
        "scripts-kept",
        "Ελληνικά, 中文, العربية, עברית, हिन्दी, emoji 👩🏽‍🚀🇯🇵, e\u0301\u0301, 𝔘𝔫𝔦",
        family="unicode",
        keep=("Ελληνικά, 中文, العربية, עברית, हिन्दी, emoji 👩🏽‍🚀🇯🇵, e\u0301\u0301, 𝔘𝔫𝔦",),
    )
    # Lone surrogates written as UTF-8 (CESU-style): invalid UTF-8 on disk.
    yield from _both("surrogates", "high \ud800 low \udfff mixed \udbff\udc00x", family="unicode")


# --- size and shape ------------------------------------------------------

MB = 1_000_000


def big_payloads() -> Iterator[Payload]:
    sentence = "The port authority said the terminal would open in 2027. "
    line = (sentence * (MB // len(sentence) + 1))[:MB]
    for suffix, markdown in ((".txt", False), (".md", True)):
        text = article(line, markdown=markdown)
        yield Payload("big-1mb-line", text.encode(), suffix, "size", big=True)
    word = "x" * MB
    yield Payload("big-1mb-word", article(word).encode(), ".txt", "size", big=True)
    depth = 10_000
    yield Payload(
        "nest-lists",
        article("- " * depth + "deep item", markdown=True).encode(),
        ".md",
        "shape",
        big=True,
        keep=("deep item",),
    )
    yield Payload(
        "nest-quotes",
        article("> " * depth + "deep quote", markdown=True).encode(),
        ".md",
        "shape",
        big=True,
        keep=("deep quote",),
    )
    stair = "\n".join("  " * i + "- level" for i in range(200))
    yield Payload(
        "nest-list-stair", article(stair, markdown=True).encode(), ".md", "shape", big=True
    )
    mixed = "> - " * (depth // 2) + "mixed"
    yield Payload(
        "nest-mixed",
        article(mixed, markdown=True).encode(),
        ".md",
        "shape",
        big=True,
        keep=("mixed",),
    )
    emph = "*" * depth + "x" + "*" * depth + " [" * depth + "y"
    yield Payload("nest-inline", article(emph, markdown=True).encode(), ".md", "shape", big=True)
    yield Payload(
        "table-200x50",
        article(table(200, 50), markdown=True).encode(),
        ".md",
        "table",
        big=True,
        keep=("r199c49",),
    )
    yield Payload(
        "table-2x5000",
        article(table(5000, 2), markdown=True).encode(),
        ".md",
        "table",
        big=True,
        keep=("r4999c1",),
    )
    yield Payload("table-200x50-txt", article(table(200, 50)).encode(), ".txt", "table", big=True)


def table(rows: int, cols: int) -> str:
    head = "| " + " | ".join(f"h{c}" for c in range(cols)) + " |"
    rule = "|" + "---|" * cols
    body = ["| " + " | ".join(f"r{r}c{c}" for c in range(cols)) + " |" for r in range(rows)]
    return "\n".join([head, rule, *body])


# --- encodings and binary ---------------------------------------------------

PNG_1X1 = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


def encoding_payloads() -> Iterator[Payload]:
    good = article("Caf\u00e9 owners said the na\u00efve plan would cost \u20ac3m.")
    latin1 = good.replace("\u20ac", "EUR").encode("latin-1")
    yield Payload("enc-latin1", latin1, ".txt", "encoding", keep=("Caf\u00e9",))
    cp1252 = good.replace(QUOTE, "\u201cWe will build it,\u201d she said.").encode("cp1252")
    yield Payload("enc-cp1252", cp1252, ".txt", "encoding", keep=("\u20ac3m",))
    sprinkled = article("Markets opened calmly.").encode() + b"\xff\xfe\x80 tail\n"
    yield Payload(
        "enc-invalid-utf8", sprinkled, ".txt", "encoding", keep=("Markets opened calmly.",)
    )
    yield Payload("enc-invalid-utf8-md", sprinkled, ".md", "encoding")
    yield Payload(
        "enc-bom-crlf",
        ("\ufeff" + good).replace("\n", "\r\n").encode(),
        ".txt",
        "encoding",
        keep=(TITLE,),
    )
    yield Payload(
        "enc-overlong", article("slash \xc0\xaf here").encode("latin-1"), ".txt", "encoding"
    )


def refused_payloads() -> Iterator[Payload]:
    yield Payload("bin-png", PNG_1X1 * 4, ".txt", "binary", refused=True)
    yield Payload("bin-png-md", PNG_1X1 * 4, ".md", "binary", refused=True)
    yield Payload("bin-random", bytes(range(256)) * 64, ".txt", "binary", refused=True)
    yield Payload("bin-zeros", b"\x00" * 4096, ".txt", "binary", refused=True)
    yield Payload("empty", b"", ".txt", "empty", refused=True)
    yield Payload("empty-md", b"", ".md", "empty", refused=True)
    yield Payload("blank", b" \n\n\t \r\n", ".txt", "empty", refused=True)


# --- the corpus -------------------------------------------------------------


def corpus(*, big: bool = True) -> list[Payload]:
    """Every payload (without the big ones when `big` is False)."""
    everything: Iterable[Payload] = (
        *markup_payloads(),
        *markdown_markup_payloads(),
        *escape_payloads(),
        *control_payloads(),
        *(big_payloads() if big else ()),
        *encoding_payloads(),
        *refused_payloads(),
    )
    return list(everything)


def write_corpus(folder: Path, payloads: Iterable[Payload]) -> dict[str, Path]:
    """Write each payload as a file in `folder`; return id -> path."""
    folder.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    for p in payloads:
        path = folder / p.filename
        path.write_bytes(p.data)
        written[p.id] = path
    return written


# --- one article carrying every escape family (for the real-terminal test) ---

HOSTILE_HREFS = ("smb://evil.example/share", "file:///etc/passwd", "ssh://evil.example")


def escape_article(*, markdown: bool) -> Payload:
    """Every escape sequence of the corpus in one article: in the title, in
    paragraphs, inside a quotation (shown again in the sidebar) and, for
    Markdown, in a heading, a list, a table and beside links to non-web URLs."""
    seven = "".join(seq for seq, _ in ESCAPES_7BIT.values())
    eight = "".join(ESCAPES_8BIT.values())
    title = f"Harbour council{ESCAPES_7BIT['osc0-bel'][0]} approves{eight} the terminal"
    paragraphs = [
        f"Paragraph {name}: Markets opened{seq} calmly." for name, (seq, _) in ESCAPES_7BIT.items()
    ]
    paragraphs += [
        f"Paragraph {name}: Markets opened{seq} calmly." for name, seq in ESCAPES_8BIT.items()
    ]
    paragraphs.append(f'"We will{OSC52}{BEL} build it{seven}," said Mayor Jane Holloway.')
    paragraphs.append(f"Everything at once: {seven}{eight}\x7f\u202e done.")
    if markdown:
        paragraphs.append(f"## Heading{OSC0}{BEL} two")
        paragraphs.append(f"- item{OSC52}{ST7} one\n- item\x9b2J two")
        paragraphs.append(f"| a{OSC0}{BEL} | b |\n|---|---|\n| c\x9d0;{TITLE_SECRET}\x9c | d |")
        links = " and ".join(f"[link {i}]({href})" for i, href in enumerate(HOSTILE_HREFS))
        paragraphs.append(f"See {links}.")
    head = f"# {title}" if markdown else title
    text = "\n\n".join([head, *paragraphs]) + "\n"
    suffix = ".md" if markdown else ".txt"
    return Payload("escape-everything", text.encode(), suffix, "escape", markers=TERMINAL_MARKERS)
