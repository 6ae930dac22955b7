"""Adding an evidence link: URL (validated by the core), optional label and quote."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from ...core.errors import InputError
from ...core.interview import check_evidence_url, make_evidence
from ...core.review import Evidence
from ..bindings import bind
from ..widgets.key_footer import KeyFooter
from .base import WizardDialog
from .form_fields import NEXT_FIELD, FormFields


class EvidenceDialog(FormFields, WizardDialog[Evidence | None]):
    form_fields = ("url", "label", "quote")
    BINDINGS = [bind("save_form", "add", label="Add"), bind("close", "cancel", label="Cancel"), NEXT_FIELD]

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label("Add evidence (opened by nobody: links are only recorded)", classes="dialog-title")
            yield Input(placeholder="https://vendor.example/security", id="url")
            yield Static(id="url-error", classes="error", markup=False)
            yield Input(placeholder="label (optional), e.g. Trust centre", id="label")
            yield Input(placeholder="quote (optional): the vendor's words, one line", id="quote")
            yield Static("Enter on the last field or ctrl+s adds; escape or f12 cancels.", classes="dim")
        yield KeyFooter()

    @on(Input.Blurred, "#url")
    def url_left(self, event: Input.Blurred) -> None:
        """Checked as the reviewer leaves the field, not after the last one: a bare
        `vendor.example/security` is shown completed, a bad address is said at once."""
        if not event.value.strip():
            return
        report = self.query_one("#url-error", Static)
        try:
            url = check_evidence_url(event.value)
        except InputError as error:
            report.update(str(error))
            report.set_classes("error")
            return
        report.update(f"→ {url}" if url != event.value.strip() else "")
        report.set_classes("dim")
        if url != event.value:
            event.input.value = url

    def submit_form(self) -> None:
        self.action_add()

    def action_add(self) -> None:
        values = {name: self.query_one(f"#{name}", Input).value for name in ("url", "label", "quote")}
        try:
            evidence = make_evidence(values["url"], values["label"], values["quote"])
        except InputError as error:
            self.query_one("#url-error", Static).update(str(error))
            self.query_one("#url", Input).focus()
            return
        self.dismiss(evidence)

    def action_cancel(self) -> None:
        self.dismiss(None)
