"""Starting a review: questionnaire (bronze preselected), product and the page's details."""

from __future__ import annotations

from pydantic import ValidationError
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Input, Label, Select, Static

from ...core.errors import InputError, describe_validation_error
from ...core.remembered import remember_reviewer, remembered_reviewer
from ...core.review import start_review
from ..bindings import bind
from ..widgets.key_footer import KeyFooter
from .base import WizardScreen
from .form_fields import NEXT_FIELD, FormFields

DEFAULT_QUESTIONNAIRE = "saas-security-bronze"
FIELDS = ("product", "vendor", "description", "reviewer", "tags")
LABELS = {  # the label beside the field, and the hint inside it until something is typed
    "product": ("Product", "product under review (required)"),
    "vendor": ("Vendor", "default: the product"),
    "description": ("Description", "one line for the page description"),
    "reviewer": ("Reviewer", "your name (remembered for the next review)"),
    "tags": ("Tags", "comma-separated (default: the questionnaire's)"),
}


class NewReviewScreen(FormFields, WizardScreen[None]):
    form_fields = FIELDS
    BINDINGS = [
        bind("save_form", "start", label="Start review"),
        bind("close", "cancel", label="Cancel"),
        NEXT_FIELD,
    ]
    help_text = "Enter moves to the next field; Enter on the last one (or ctrl+s) starts the review."

    def compose(self) -> ComposeResult:
        catalog = self.wizard.workspace.catalog
        choices = [(f"{q.title} ({q.id}, {len(q.questions)} questions)", q.id)
                   for q in catalog.questionnaires.values()]
        preselected = DEFAULT_QUESTIONNAIRE if DEFAULT_QUESTIONNAIRE in catalog.questionnaires else choices[0][1]
        yield Label("New review", classes="dialog-title")
        with VerticalScroll(id="form"):
            yield Select(choices, value=preselected, allow_blank=False, id="questionnaire")
            for name in FIELDS:
                label, placeholder = LABELS[name]
                with Horizontal(classes="form-row"):  # a label stays when the placeholder is typed over
                    yield Label(label, id=f"{name}-label", classes="form-label")
                    yield Input(placeholder=placeholder, id=name,
                                value=remembered_reviewer() if name == "reviewer" else "")
                yield Static(id=f"{name}-error", classes="error", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#product").focus()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """The field that takes the typing is marked on its label too: a focused input's
        background alone does not show without colour."""
        for label in self.query(".form-label"):
            label.set_class(label.id == f"{event.widget.id}-label", "-focused")

    @on(Input.Changed, "#product")
    def product_typed(self) -> None:
        self.query_one("#product-error", Static).update("")

    def submit_form(self) -> None:
        self.action_start()

    def action_start(self) -> None:
        values = {name: self.query_one(f"#{name}", Input).value for name in FIELDS}
        for name in FIELDS:
            self.query_one(f"#{name}-error", Static).update("")
        if not values["product"].strip():
            self.query_one("#product-error", Static).update("The product is required.")
            self.query_one("#product").focus()
            return
        questionnaire = self.wizard.workspace.catalog.get(str(self.query_one(Select).value))
        tags = [t.strip() for t in values["tags"].split(",") if t.strip()] or None
        try:
            review = start_review(questionnaire, product=values["product"], vendor=values["vendor"],
                                  description=values["description"], reviewer=values["reviewer"], tags=tags)
        except ValidationError as error:
            for line in describe_validation_error(error):
                name = line.split(":", 1)[0].split("[", 1)[0]
                target = name if name in FIELDS else "product"
                self.query_one(f"#{target}-error", Static).update(line)
            return
        sessions = self.wizard.workspace.sessions
        try:
            path = self.wizard.workspace.create_session(review)
        except (OSError, InputError) as error:
            self.query_one("#product-error", Static).update(f"Cannot save in {sessions}: {error}")
            return
        remember_reviewer(values["reviewer"])
        self.wizard.open_session(path)

    def action_cancel(self) -> None:
        self.dismiss(None)
