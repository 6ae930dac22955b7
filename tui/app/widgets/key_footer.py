"""The footer of every screen: Textual's, rebuilt only when the keys it shows change, and
cut to the terminal's width by priority, not at its right edge."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey  # the public Footer yields these; no public path

# The keys a reviewer needs on every screen: they stay when the footer is too narrow.
ALWAYS_SHOWN = ("quit", "help", "close")


class KeyFooter(Footer):
    """Textual's footer removes and remounts all its keys whenever the focus moves, which lays
    out the whole screen again (about 10 ms on a small machine, three times after an answer key
    sends the focus to the detail). Most moves offer the same keys, so this one rebuilds only
    when what it would show differs. Command palette off: ctrl+p is "previous question".

    At 80 columns Textual's footer ran off the right edge and dropped ctrl+q, the one key that
    always matters; this one drops the other keys from the right until the rest fit."""

    def __init__(self) -> None:
        super().__init__(show_command_palette=False)
        self._shown: tuple[object, ...] | None = None

    def _fitting(self, screen: Screen) -> list[tuple[Binding, bool, str]]:
        keys: dict[str, tuple[Binding, bool, str]] = {}
        for _, binding, enabled, tooltip in screen.active_bindings.values():
            if binding.show:
                keys.setdefault(binding.action, (binding, enabled, tooltip))
        shown = list(keys.values())
        width = self.app.size.width

        def needed() -> int:  # as FooterKey draws " KEY LABEL " with a space between keys
            return sum(len(self.app.get_key_display(b)) + len(b.description) + 3 for b, _, _ in shown)

        while needed() > width:
            droppable = [i for i, (b, _, _) in enumerate(shown) if b.id not in ALWAYS_SHOWN]
            if not droppable:
                break
            del shown[droppable[-1]]
        return shown

    def bindings_changed(self, screen: Screen) -> None:
        shown = tuple(
            (binding.key, binding.action, binding.description, enabled, tooltip, binding.group)
            for binding, enabled, tooltip in self._fitting(screen)
        )
        if shown != self._shown or not self._bindings_ready:
            self._shown = shown
            super().bindings_changed(screen)

    def on_resize(self) -> None:
        if self._bindings_ready:
            self.bindings_changed(self.screen)

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        shown = self._fitting(self.screen)
        self.styles.grid_size_columns = len(shown)
        for binding, enabled, tooltip in shown:
            yield FooterKey(binding.key, self.app.get_key_display(binding), binding.description,
                            binding.action, disabled=not enabled,
                            tooltip=tooltip).data_bind(compact=Footer.compact)
