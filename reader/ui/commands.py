"""The reader's commands for the command palette (Ctrl+P), made from its key bindings.

Every binding of the app, of the screen the palette was opened on and of
the widgets shown on it becomes a command: its description is the title,
its keys (as the user's keymap sets them) are shown beside it, its tooltip
is the help line, and choosing it runs the action where the key would. So
the palette cannot drift from the keys, and highlight actions appear like
any other. EXTRAS adds the few commands that have no key. Actions that
would not run now (check_action says no, e.g. colour keys without a
selection) are left out, as the footer leaves them out.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any

from textual.actions import ActionError, parse
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widget import Widget

from reader.ui import safe_text
from reader.ui.compat import node_bindings

EXTRAS: tuple[tuple[str, str, str], ...] = (
    ("Tags", "Every tag with how many highlights carry it", "app.notes_search('', True)"),
    ("Sort library by date", "Newest first", "app.reading('sort_library', 'date')"),
    ("Sort library by title", "A to Z", "app.reading('sort_library', 'title')"),
)
"""(title, help, app action) of the commands that have no key."""

LEFT_OUT = frozenset({"app.command-palette"})
"""Binding ids that make no sense as palette commands."""

HELP_MATCH_WEIGHT = 0.5
"""A query found only in a command's help ranks below one found in its title."""


@dataclass(frozen=True, slots=True)
class PaletteCommand:
    """One palette entry: run `action` in `node`'s namespace."""

    title: str
    help: str
    action: str
    keys: str
    node: DOMNode
    binding_id: str | None = None

    @property
    def prompt(self) -> Content:
        """The title, then its keys, muted."""
        return self.display(safe_text.content(self.title))

    def display(self, title: Content) -> Content:
        if not self.keys:
            return title
        return safe_text.assemble(title, ("  " + self.keys, "$text-muted"))


def shown(widget: Widget) -> bool:
    """Whether `widget` and everything above it are displayed."""
    return all(not isinstance(node, Widget) or node.display for node in widget.ancestors_with_self)


def runs_now(node: DOMNode, action: str) -> bool:
    """Whether `action` in `node`'s namespace would run now (its check_action)."""
    try:
        namespace, name, parameters = parse(action)
    except ActionError:
        return False
    target: DOMNode | None = {"": node, "app": node.app, "screen": node.screen}.get(namespace)
    if target is None:
        return True  # another namespace ("focused" ...): App.run_action decides
    return bool(target.check_action(name, parameters))


def binding_commands(node: DOMNode) -> Iterator[PaletteCommand]:
    """A command per described binding of `node`, with all its keys."""
    found: dict[str, tuple[Any, list[str]]] = {}
    for binding in node_bindings(node):
        if not binding.id or not binding.description or binding.id in LEFT_OUT:
            continue
        _binding, keys = found.setdefault(binding.id, (binding, []))
        shown_key = node.app.get_key_display(binding)
        if shown_key not in keys:
            keys.append(shown_key)
    for binding_id, (binding, keys) in found.items():
        if runs_now(node, binding.action):
            yield PaletteCommand(
                title=binding.description,
                help=binding.tooltip,
                action=binding.action,
                keys=" ".join(keys),
                node=node,
                binding_id=binding_id,
            )


def palette_commands(screen: Screen[Any]) -> list[PaletteCommand]:
    """The commands for a palette opened on `screen`: the extras and the app's
    bindings (unless the screen is modal: then the app's keys do not reach
    it either), then the screen's and those of its widgets on show."""
    app = screen.app
    commands: list[PaletteCommand] = []
    nodes: list[DOMNode] = [screen]
    if not screen.is_modal:
        commands.extend(PaletteCommand(t, h, a, "", app) for t, h, a in EXTRAS)
        nodes.insert(0, app)
    nodes.extend(widget for widget in screen.query("*") if shown(widget))
    for node in nodes:
        commands.extend(binding_commands(node))
    return commands


class ReaderCommands(Provider):
    """Offers palette_commands(), fuzzy-matched on their titles (then their help)."""

    commands: list[PaletteCommand]

    async def startup(self) -> None:
        self.commands = palette_commands(self.screen)

    async def discover(self) -> Hits:
        for command in self.commands:
            yield DiscoveryHit(
                command.prompt,
                partial(self._run, command),
                text=command.title,
                help=command.help or None,
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self.commands:
            score = matcher.match(command.title)
            display = command.display(matcher.highlight(command.title))
            if score <= 0 and command.help:
                score = HELP_MATCH_WEIGHT * matcher.match(f"{command.title} {command.help}")
                display = command.prompt
            if score > 0:
                yield Hit(
                    score,
                    display,
                    partial(self._run, command),
                    text=command.title,
                    help=command.help or None,
                )

    async def _run(self, command: PaletteCommand) -> None:
        await self.app.run_action(command.action, command.node)
