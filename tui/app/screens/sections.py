"""Free-text sections after the table (e.g. "Exporting data"): vendor quotes with their links."""

from __future__ import annotations

from pydantic import ValidationError
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from ...core.errors import describe_validation_error
from ...core.review import Quote, SectionNotes
from ..bindings import bind
from ..widgets.key_footer import KeyFooter
from ..widgets.save_indicator import SaveIndicator
from .base import Go, WizardDialog, WizardScreen
from .form_fields import NEXT_FIELD, FormFields


class SectionsScreen(WizardScreen[Go | None]):
    BINDINGS = [
        bind("close", "back", label="Back"),
        bind("add_evidence", "add_quote", label="Add quote"),
        bind("remove_evidence", "remove_quote", label="Remove", priority=False),
        bind("overview", label="Overview"),
    ]
    help_text = "Highlight a section (or one of its quotes) and add a quote to it; quotes are exported after the table."

    def compose(self) -> ComposeResult:
        yield Label("Sections: quotes with their source links", classes="dialog-title")
        yield SaveIndicator(id="save")
        yield OptionList(id="quotes")
        yield KeyFooter()

    def on_mount(self) -> None:
        self._fill()
        self.query_one(OptionList).focus()

    @property
    def _sections(self) -> list[SectionNotes]:
        assert self.wizard.session is not None
        return self.wizard.session.review.sections

    def _fill(self, highlight: str | None = None) -> None:
        quotes = self.query_one(OptionList)
        quotes.clear_options()
        if not self._sections:
            quotes.add_option(Option(Text("This questionnaire has no sections."), disabled=True))
        questionnaire = self.wizard.questionnaire
        prompts = {s.id: s.prompt for s in questionnaire.sections} if questionnaire else {}
        for s_index, section in enumerate(self._sections):
            heading = Text(section.heading, style="bold")
            if prompts.get(section.id):  # what the section asks, as the questionnaire words it
                heading.append(f"\n{prompts[section.id]}", style="dim italic")
            quotes.add_option(Option(heading, id=f"{s_index}"))
            for q_index, quote in enumerate(section.quotes):
                line = Text(f"   “{quote.text}”")
                if quote.url:
                    line.append(f"  {quote.url}", style="dim")
                quotes.add_option(Option(line, id=f"{s_index}.{q_index}"))
            if not section.quotes:
                quotes.add_option(Option(Text("   (no quotes yet: ctrl+l adds one)", style="dim"), disabled=True))
        quotes.highlighted = quotes.get_option_index(highlight) if highlight is not None else 0

    def _highlighted(self) -> tuple[int, int | None] | None:
        option = self.query_one(OptionList).highlighted_option
        if option is None or option.id is None:
            return None
        section, _, quote = option.id.partition(".")
        return int(section), int(quote) if quote else None

    def action_add_quote(self) -> None:
        where = self._highlighted()
        if where is None or not self.editable():
            return
        section = self._sections[where[0]]

        def added(quote: Quote | None) -> None:
            if quote is not None:
                section.quotes = [*section.quotes, quote]
                self.wizard.session.review.touch()  # type: ignore[union-attr]  # editable(): a review is open
                self.wizard.changed()
                self._fill(f"{where[0]}.{len(section.quotes) - 1}")

        self.app.push_screen(QuoteDialog(section.heading), added)

    def action_remove_quote(self) -> None:
        where = self._highlighted()
        if where is None or where[1] is None or not self.editable():
            return
        section = self._sections[where[0]]
        section.quotes = [q for i, q in enumerate(section.quotes) if i != where[1]]
        self.wizard.session.review.touch()  # type: ignore[union-attr]  # editable(): a review is open
        self.wizard.changed()
        self._fill(str(where[0]))

    def action_back(self) -> None:
        self.dismiss(None)

    def action_overview(self) -> None:
        self.dismiss(Go("overview"))


class QuoteDialog(FormFields, WizardDialog[Quote | None]):
    form_fields = ("text", "url")
    BINDINGS = [bind("save_form", "add", label="Add"), bind("close", "cancel", label="Cancel"), NEXT_FIELD]

    def __init__(self, heading: str) -> None:
        super().__init__()
        self._heading = heading

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(f"Quote for “{self._heading}”", classes="dialog-title", markup=False)
            yield Input(placeholder="the vendor's words", id="text")
            yield Input(placeholder="https://where.they/say-it (optional)", id="url")
            yield Static(id="quote-error", classes="error", markup=False)
        yield KeyFooter()

    def submit_form(self) -> None:
        self.action_add()

    def action_add(self) -> None:
        text, url = (self.query_one(f"#{name}", Input).value for name in ("text", "url"))
        if not text.strip():
            self.query_one("#quote-error", Static).update("A quote needs the vendor's words.")
            return
        try:
            self.dismiss(Quote(text=text, url=url or None))
        except ValidationError as error:
            self.query_one("#quote-error", Static).update("; ".join(describe_validation_error(error)))

    def action_cancel(self) -> None:
        self.dismiss(None)
