"""Bindings built from the key table, so a key, its footer label, its help line and its
palette entry can never disagree."""

from __future__ import annotations

from textual.binding import Binding
from textual.screen import Screen

from .keymap import DEFAULT_KEYS, DESCRIPTIONS


def bind(action_id: str, action: str | None = None, *, label: str = "", show: bool = True,
         priority: bool = True) -> Binding:
    """A binding for one row of the key table. Priority by default: the keys must work while
    the cursor is in a text field, which would otherwise take them first."""
    return Binding(
        DEFAULT_KEYS[action_id],
        action or action_id,
        label or DESCRIPTIONS[action_id],
        show=show,
        priority=priority,
        id=action_id,
        tooltip=DESCRIPTIONS[action_id],
    )


def key_display(screen: Screen, action_id: str) -> str:
    """The key a screen shows for an action, remaps included (the first one when several),
    for hints written into the screen's own text."""
    for active in screen.active_bindings.values():
        if active.binding.id == action_id:
            return screen.app.get_key_display(active.binding)
    return action_id
