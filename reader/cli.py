"""Command-line entry point.

Parses arguments with argparse and hands each subcommand to a module in
`reader.commands`, imported only when used so `reader extract` never loads
Textual. Every failure reaches the user as one sentence: a ReaderError is
printed as is; anything unexpected is logged to the data folder and the
user is told where.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from importlib import import_module

from reader import __version__
from reader.errors import ReaderError

TYPE_CHECKING = False  # not typing's: `reader --help` need not import typing
if TYPE_CHECKING:
    from _typeshed import SupportsWrite

SUBCOMMANDS = {"extract", "notes", "tags", "open"}


class SafeArgumentParser(argparse.ArgumentParser):
    """argparse with every message sanitised before it reaches the terminal.

    argparse echoes what it was given: "unrecognized arguments: ..." and
    "invalid choice: ..." quote the arguments, which can be a hostile file
    name (ESC, C1, bidi controls). Usage, help, version and error messages
    all leave through `_print_message`, so that is where they are cleaned
    (line breaks kept: help and usage span lines). Sub-command parsers are
    made by argparse with the parent's class, so they are safe too.
    """

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        from reader.text.sanitize import sanitize

        super()._print_message(sanitize(message) if message else message, file)


def _add_extract(sub: argparse._SubParsersAction[SafeArgumentParser]) -> None:
    p = sub.add_parser(
        "extract",
        help="print what was extracted from articles (quotes, people, figures)",
        description="Ingest each article and print its extraction. With --json, one JSON "
        "object per input path per line (JSON Lines), in input order.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="article files or folders")
    p.add_argument("--json", action="store_true", help="print JSON Lines (the machine interface)")
    p.set_defaults(handler="reader.commands.extract:run")


def _add_open(sub: argparse._SubParsersAction[SafeArgumentParser]) -> None:
    p = sub.add_parser(
        "open",
        help="open articles in the reader (the default when only paths are given)",
        description="Add the articles to the library and open the first one in the reader.",
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="article files or folders")
    p.set_defaults(handler="reader.commands.open_tui:run")


def _add_notes(sub: argparse._SubParsersAction[SafeArgumentParser]) -> None:
    notes = sub.add_parser(
        "notes",
        help="add, list, remove, import, search and restore saved highlights and notes",
        description="Work with saved highlights and notes from the command line.",
    )
    nsub = notes.add_subparsers(dest="notes_command", metavar="COMMAND", required=True)

    add = nsub.add_parser(
        "add",
        help="highlight the words QUOTE in an article",
        description="Find the exact words in the article and save a highlight; prints its id.",
    )
    add.add_argument("path", metavar="PATH", help="the article file")
    add.add_argument("--quote", required=True, help="the exact words to highlight")
    add.add_argument("--tag", action="append", default=[], help="a tag (repeatable)")
    add.add_argument("--note", default="", help="a note on the highlight")
    add.add_argument("--color", default=None, help="yellow, green, blue, pink or purple")
    add.add_argument("--nth", type=int, default=None, help="which occurrence (1-based)")
    add.set_defaults(handler="reader.commands.notes:add")

    lst = nsub.add_parser(
        "list", help="list saved highlights", description="List saved highlights."
    )
    lst.add_argument("--article", metavar="PATH", help="only highlights of this article")
    lst.add_argument("--tag", help="only highlights with this tag")
    lst.add_argument("--json", action="store_true", help="print JSON Lines")
    lst.set_defaults(handler="reader.commands.notes:list_")

    rm = nsub.add_parser("rm", help="remove a highlight", description="Remove a highlight by id.")
    rm.add_argument("id", metavar="ID", help="the highlight id (a unique prefix is enough)")
    rm.set_defaults(handler="reader.commands.notes:rm")

    imp = nsub.add_parser(
        "import",
        help="import highlights from a JSON Lines file",
        description="Import one highlight per line: {path, quote, tags?, note?, color?, nth?}. "
        "A path must name a .txt, .md or .markdown file inside the folder of FILE (or of an "
        "--allow-dir); a relative path is looked up in those folders.",
    )
    imp.add_argument("file", metavar="FILE", help="a .jsonl file")
    imp.add_argument(
        "--strict", action="store_true", help="stop at the first bad line, writing nothing"
    )
    imp.add_argument(
        "--allow-dir",
        action="append",
        default=[],
        metavar="DIR",
        help="also take articles from this folder (repeatable); by default only from the "
        "folder of FILE",
    )
    imp.set_defaults(handler="reader.commands.notes:import_")

    restore = nsub.add_parser(
        "restore",
        help="bring back the backup of a damaged notes file",
        description="When a damaged notes file was moved aside, bring back its last good "
        "copy, merged with everything saved since (nothing is dropped), and say how many "
        "highlights came back. Exits 1 when there is no backup to restore.",
    )
    restore.set_defaults(handler="reader.commands.notes:restore")

    search = nsub.add_parser(
        "search",
        help="search saved highlights with the query language",
        description='Search saved highlights. Words must all match; "exact phrase", OR, '
        "-word, tag:T or #T, article:WORD, person:NAME, color:C, has:note, is:orphan, "
        "after:YYYY-MM-DD, before:YYYY-MM-DD.",
    )
    search.add_argument("query", nargs="+", metavar="QUERY", help="the query")
    search.add_argument("--json", action="store_true", help="print JSON Lines")
    search.add_argument("--limit", type=int, default=20, help="at most N results (default 20)")
    search.set_defaults(handler="reader.commands.search:search")


def _add_tags(sub: argparse._SubParsersAction[SafeArgumentParser]) -> None:
    p = sub.add_parser(
        "tags", help="list tags with their counts", description="List every tag with its count."
    )
    p.add_argument("--json", action="store_true", help="print JSON Lines")
    p.set_defaults(handler="reader.commands.search:tags")


def build_parser() -> argparse.ArgumentParser:
    parser = SafeArgumentParser(
        prog="reader",
        description="A terminal news reader with annotations. With no command, opens the "
        "reader on the given articles (or on the library, seeded with sample articles).",
        epilog="Run 'reader COMMAND --help' for help on a command.",
    )
    parser.add_argument("--version", action="version", version=f"reader {__version__}")
    parser.add_argument(
        "--db",
        metavar="PATH",
        help="the notes store to use (default: READER_DB, else store.json in the data folder)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    _add_open(sub)
    _add_extract(sub)
    _add_notes(sub)
    _add_tags(sub)
    return parser


def _normalise_argv(argv: list[str]) -> list[str]:
    """`reader PATH...` means `reader open PATH...`."""
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--db":
            i += 2
            continue
        if arg.startswith("--db="):
            i += 1
            continue
        if arg.startswith("-"):
            return argv
        if arg in SUBCOMMANDS:
            return argv
        return [*argv[:i], "open", *argv[i:]]
    return [*argv, "open"]


_SEARCH_OPTIONS = {"--json": 0, "--limit": 1, "-h": 0, "--help": 0}


def _query_after_options(argv: list[str]) -> list[str]:
    """In `notes search`, a query word may start with '-' ("-steel" excludes
    steel): move the command's own options first and put every other word
    after '--', in order, so argparse takes them as the query."""
    for i in range(len(argv) - 1):
        if argv[i] == "notes" and argv[i + 1] == "search":
            head, rest = argv[: i + 2], argv[i + 2 :]
            break
    else:
        return argv
    if "--" in rest:
        return argv
    options: list[str] = []
    query: list[str] = []
    j = 0
    while j < len(rest):
        word = rest[j]
        name = word.split("=", 1)[0]
        if name in _SEARCH_OPTIONS:
            takes = 0 if "=" in word else _SEARCH_OPTIONS[name]
            options.extend(rest[j : j + 1 + takes])
            j += 1 + takes
        else:
            query.append(word)
            j += 1
    return [*head, *options, "--", *query] if query else [*head, *options]


def _resolve(handler: str) -> Callable[[argparse.Namespace], int]:
    module_name, func_name = handler.split(":")
    func: Callable[[argparse.Namespace], int] = getattr(import_module(module_name), func_name)
    return func


def _log_crash(exc: BaseException) -> str:
    """Write the traceback to the log in the data folder; return where.
    Only a regular file is appended to: a FIFO put there as reader.log
    would block the open forever (reader.datafile.open_regular)."""
    import os
    import traceback
    from datetime import datetime

    from reader.datafile import open_regular
    from reader.paths import log_path

    path = log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = open_regular(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, follow_symlinks=False)
        with open(fd, "a", encoding="utf-8") as log:
            log.write(f"--- {datetime.now().astimezone().isoformat()} reader {__version__}\n")
            log.write("".join(traceback.format_exception(exc)))
        return str(path)
    except OSError:
        return "(the log could not be written)"


def _warn(text: str) -> None:
    # Imported when needed: `reader --version` and `--help` stay light.
    from reader.output import warn

    warn(text)


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    args = parser.parse_args(_query_after_options(_normalise_argv(args_list)))
    try:
        return _resolve(args.handler)(args)
    except ReaderError as exc:
        _warn(str(exc))
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:
        where = _log_crash(exc)
        _warn(
            f"an unexpected error stopped the command ({type(exc).__name__}); "
            f"details are in {where}."
        )
        return 70
