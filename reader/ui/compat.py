"""Every place the reader leans on Textual internals, in one module.

Textual is pinned (pyproject: textual==8.2.8). Where the reader needs
something Textual does not offer publicly — a private attribute, an event
field whose effect is undocumented, a structure returned by a property —
the touch lives here, in a small named function whose docstring says what
it relies on and why. tests/ui/test_compat.py pins each one with a test
named after it, so a Textual upgrade that moves or changes one fails by
name instead of somewhere deep in the UI.

The last three are for the tests (reading the screen, the notifications,
stopping the input cursor's blink); they live here for the same reason.

Checked and not Textual's: `ArticleView._render_row` (overridden by
AnnotatedArticleView) is the reader's own row renderer, and the hooks the
widgets override (`render_line`, `notify_style_update`, `get_selection`,
`selection_updated`, `check_action`) are Textual's public API.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from textual import events
from textual.binding import ActiveBinding, Binding
from textual.keys import _character_to_key

if TYPE_CHECKING:
    from textual.app import App
    from textual.dom import DOMNode
    from textual.notifications import Notification
    from textual.screen import Screen
    from textual.strip import Strip
    from textual.widgets import Input


def skip_restyle_on_resume(event: events.ScreenResume) -> None:
    """Tell the screen's own resume handler not to restyle its whole tree.

    Textual 8.2: `Screen._on_screen_resume` calls `update_node_styles()` on
    the screen only while `event.refresh_styles` is true, and a subclass's
    `on_screen_resume` runs before it (handlers are dispatched along the MRO,
    subclass first). The reader's main screen is styled as it mounts an
    instant before its first resume; restyling it again would cost a second
    styling pass before the first paint.
    """
    event.refresh_styles = False


def active_bindings(screen: Screen[Any]) -> dict[str, ActiveBinding]:
    """The keys that work on `screen` now: key -> (node, binding, enabled, tooltip).

    Textual 8.2: `Screen.active_bindings` walks the focus chain up to the
    first modal screen, applies the app's keymap (a remapped binding shows
    under its new key, with `key_display` cleared), leaves out actions whose
    `check_action` returns False and marks those returning None as not
    enabled. The footer draws exactly this, so it shows what a key press
    would do.
    """
    return screen.active_bindings


def input_suggestion(field: Input) -> str:
    """The completion `field` shows after the cursor ("" when none).

    Textual 8.2 keeps it in the private reactive `Input._suggestion`, set
    when the suggester's answer arrives and cleared on each edit; the only
    public way to take it is the → key. The reader's Tab-completes use it.
    """
    return field._suggestion


def app_keymap(app: App[Any]) -> Mapping[str, str]:
    """The keymap the app applies: binding id -> comma-separated keys.

    Textual 8.2 keeps what `App.set_keymap` / `update_keymap` were given in
    the private `App._keymap`, normalised (a one-character key becomes its
    name: "?" -> "question_mark"). The help screen reads it to show the keys
    that really work.
    """
    return app._keymap


def node_bindings(node: DOMNode) -> list[Binding]:
    """The bindings `node` contributes, with the app's keymap applied.

    Textual 8.2: each node's `_bindings` (a private BindingsMap) holds its
    class BINDINGS merged along the MRO, one Binding per key; key presses go
    through a copy with `BindingsMap.apply_keymap(App._keymap)` applied
    (`Screen._binding_chain`). Doing the same here gives the command palette
    the keys a press would use, for nodes outside the focus chain too.
    """
    bindings = node._bindings.copy()
    keymap = node.app._keymap
    if keymap:
        bindings.apply_keymap(keymap)
    return [binding for _key, binding in bindings]


def key_name(key: str) -> str:
    """A key as Textual names it in events and bindings ("?" -> "question_mark").

    Textual 8.2 turns a one-character key into its name with the private
    `textual.keys._character_to_key` (what `App.set_keymap` uses); modified
    keys ("ctrl+?") are not normalised by Textual, so the base key is done
    here the same way.
    """
    if key == "+" or key.endswith("++"):
        prefix, base = key[:-1], "+"
    else:
        head, plus, base = key.rpartition("+")
        prefix = head + plus
    if len(base) == 1:
        base = _character_to_key(base)
    return prefix + base


# ------------------------------------------------------------ for the tests


def screen_strips(screen: Screen[Any]) -> list[Strip]:
    """The screen as it would be painted now, one Strip per row.

    Textual 8.2: `Screen._compositor.render_strips()` renders the current
    layout without writing to a terminal (the headless driver draws nothing
    a test could read back).
    """
    return list(screen._compositor.render_strips())


def notifications(app: App[Any]) -> list[Notification]:
    """The notifications the app is showing (oldest first).

    Textual 8.2 keeps them in the private `App._notifications`; there is no
    public way to read them back.
    """
    return list(app._notifications)


INPUT_BLINK_STEP = "_toggle_cursor"
"""The Input method its blink timer calls twice a second (Textual 8.2:
`Input._toggle_cursor` flips whether the cursor is drawn). The UI tests
replace it with a no-op so pictures do not depend on when it blinked."""
