"""Trimming a quote to the words that answer the question, before or after it is cited."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from ..bindings import bind
from ..widgets.key_footer import KeyFooter
from .base import WizardDialog
from .form_fields import NEXT_FIELD, FormFields


class QuoteEditor(FormFields, WizardDialog[str | None]):
    """One line, prefilled; Enter keeps the edited quote, escape or f12 leaves it as it was."""

    form_fields = ("quote",)
    BINDINGS = [bind("save_form", "keep", label="Keep"), bind("close", "cancel", label="Cancel"), NEXT_FIELD]

    def __init__(self, title: str, quote: str) -> None:
        super().__init__()
        self._title = title
        self._quote = quote

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(self._title, classes="dialog-title", markup=False)
            yield Input(self._quote, id="quote", select_on_focus=False)
            yield Static("Delete what does not answer the question. Enter keeps it; escape or f12 "
                         "leaves the quote as it was.", classes="dim")
        yield KeyFooter()

    def on_mount(self) -> None:
        field = self.query_one("#quote", Input)
        field.focus()
        field.cursor_position = 0

    def submit_form(self) -> None:
        self.action_keep()

    def action_keep(self) -> None:
        self.dismiss(self.query_one("#quote", Input).value)

    def action_cancel(self) -> None:
        self.dismiss(None)
