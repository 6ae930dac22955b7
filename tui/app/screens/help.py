"""Every key of the screen underneath, read from its live bindings (so remaps show)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Label, Static

from ..bindings import bind
from ..widgets.key_footer import KeyFooter
from .base import WizardDialog


class HelpScreen(WizardDialog[None]):
    BINDINGS = [bind("close", "dismiss_help", label="Close"), bind("help", "dismiss_help", show=False)]

    def __init__(self, under: Screen) -> None:
        super().__init__()
        self._under = under

    def compose(self) -> ComposeResult:
        rows: dict[str, list[str]] = {}
        for key, active in self._under.active_bindings.items():
            binding = active.binding
            if binding.system or not binding.description:
                continue
            rows.setdefault(binding.tooltip or binding.description, []).append(self.app.get_key_display(binding))
        table = Text()
        for description, keys in rows.items():
            table.append(f"{', '.join(keys):>22}  ", style="bold")
            table.append(f"{description}\n")
        extra = getattr(self._under, "help_text", "")
        with VerticalScroll(id="dialog"):
            yield Label(f"Keys: {self._under.__class__.__name__.removesuffix('Screen')}", classes="dialog-title")
            yield Static(table)
            if extra:
                yield Static(extra, markup=False, classes="dim")
        yield KeyFooter()

    def action_dismiss_help(self) -> None:
        self.dismiss(None)
