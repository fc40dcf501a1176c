"""CLI subcommand handlers, one module per command group."""

from __future__ import annotations

from reader.output import warn


def say_waiting() -> None:
    """Store.open's `on_wait`: opening has to wait for another process's
    write lock (an upgrade, a damaged file to move aside), and the terminal
    would show nothing meanwhile."""
    warn("waiting for another reader to finish writing the notes store…")
