"""The command line's one way to the terminal: every line and every JSON record.

What the commands print mixes our own words with untrusted text: file names,
article titles, tags and notes from a store someone else may have written,
a query typed or pasted by the user. A terminal acts on escape sequences and
C1 controls wherever they come from, so nothing is written to stdout or
stderr except through this module:

- `say(text)` / `warn(text)`: one human-readable line, sanitised with
  `flat_line` (controls and escape sequences removed, tabs and line breaks
  made spaces, the line's own spacing kept).
- `rich_console()` / `say_rich(console, text)`: styled output (rich `Text`,
  never markup). A line whose plain text is not already clean is printed
  as its sanitised plain text instead, without styles.
- `json_text(value)` / `say_json(value)`: one JSON Lines record. json.dumps
  escapes C0 controls (ESC included) but, with ensure_ascii=False, leaves
  DEL, C1 controls (U+0080-U+009F: an 8-bit CSI or OSC), bidi overrides,
  the Unicode line separators and lone surrogates raw; they are written as
  \\uXXXX escapes, so the record reads back the same and is inert on a
  terminal.

A test scans the package so no other module prints or writes to the
standard streams.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TextIO

from reader.text.sanitize import flat_line

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

_JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def json_text(value: Any) -> str:
    """`value` as one line of JSON that is safe on a terminal (see above)."""
    return _JSON_UNSAFE.sub(_escape, json.dumps(value, ensure_ascii=False))


def say(text: str = "", *, file: TextIO | None = None) -> None:
    """Print one line (stdout by default), sanitised."""
    stream = sys.stdout if file is None else file
    stream.write(flat_line(text) + "\n")


def warn(text: str) -> None:
    """Print one line to stderr as `reader: text`, sanitised."""
    say("reader: " + text, file=sys.stderr)


def say_json(value: Any) -> None:
    """Print one JSON Lines record to stdout (see json_text)."""
    sys.stdout.write(json_text(value) + "\n")


def say_json_pieces(pieces: Iterable[str]) -> None:
    """Print one JSON Lines record given as pieces of its text (a very large
    record is never built whole); each piece escaped as json_text does."""
    write = sys.stdout.write
    for piece in pieces:
        write(_JSON_UNSAFE.sub(_escape, piece))
    write("\n")


def rich_console(*, stderr: bool = False) -> Console:
    """A rich Console on stdout (or stderr) for styled lines and progress bars."""
    from rich.console import Console

    return Console(file=sys.stderr if stderr else sys.stdout, highlight=False, soft_wrap=False)


def say_rich(console: Console, text: Text) -> None:
    """Print one styled line; unclean text loses its styles, never its safety."""
    plain = text.plain
    clean = flat_line(plain)
    if clean != plain:
        from rich.text import Text

        text = Text(clean)
    console.print(text)


def flush() -> None:
    sys.stdout.flush()
