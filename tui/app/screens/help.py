"""Every key of the screen underneath, read from its live bindings (so remaps show)."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Label, Static

from ..bindings import bind
from ..keymap import ACTIONS
from ..widgets.key_footer import KeyFooter
from .base import WizardDialog


class HelpScreen(WizardDialog[None]):
    BINDINGS = [bind("close", "dismiss_help", label="Close"), bind("help", "dismiss_help", show=False)]

    def __init__(self, under: Screen) -> None:
        super().__init__()
        self._under = under

    def compose(self) -> ComposeResult:
        """The wizard's own keys first, in the key table's order, then the focused field's
        (a text area's editing keys); a description too long for the line wraps under itself."""
        ours: dict[str, list[str]] = {}
        theirs: dict[str, list[str]] = {}
        order = {action.id: number for number, action in enumerate(ACTIONS)}
        bindings = sorted(
            (active.binding for active in self._under.active_bindings.values()
             if not active.binding.system and active.binding.description),
            key=lambda binding: order.get(binding.id or "", len(order)))
        for binding in bindings:
            rows = ours if binding.id in order else theirs
            rows.setdefault(binding.tooltip or binding.description, []).append(self.app.get_key_display(binding))
        table = Table(box=None, show_header=False, padding=(0, 1), expand=True)
        table.add_column(justify="right", style="bold", no_wrap=True)
        table.add_column(ratio=1)
        for rows in (ours, theirs):
            for description, keys in rows.items():
                table.add_row(", ".join(dict.fromkeys(keys)), Text(description))
        extra = getattr(self._under, "help_text", "")
        with VerticalScroll(id="dialog"):
            yield Label(f"Keys: {self._under.__class__.__name__.removesuffix('Screen')}", classes="dialog-title")
            yield Static(table)
            if extra:
                yield Static(extra, markup=False, classes="dim")
        yield KeyFooter()

    def action_dismiss_help(self) -> None:
        self.dismiss(None)
