"""The footer of keys, rebuilt only when the keys it shows change.

Textual's Footer recomposes (throws away and re-creates every key widget)
each time the screen's bindings are updated: on every focus move, on every
screen resume. During start-up that happened four times in a row with the
same keys, and each rebuild costs styling and a layout pass before the
first paint. This footer remembers what it last showed and skips rebuilds
that would draw the same thing.
"""

from __future__ import annotations

from collections.abc import Hashable

from textual.widgets import Footer


class KeyFooter(Footer):
    """Footer that recomposes only when its keys (or their state) change."""

    _shown: Hashable | None = None

    def _shown_keys(self) -> Hashable:
        """Everything the footer's compose reads from the active bindings."""
        if not self.is_attached:
            return None
        return (
            self._bindings_ready,
            self.show_command_palette,
            tuple(
                (binding, self.app.get_key_display(binding), enabled, tooltip)
                for _node, binding, enabled, tooltip in self.screen.active_bindings.values()
                if binding.show
            ),
        )

    async def recompose(self) -> None:
        shown = self._shown_keys()
        if shown is not None and shown == self._shown:
            return
        self._shown = shown
        await super().recompose()
