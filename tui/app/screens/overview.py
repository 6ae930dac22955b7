"""All questions at a glance, with answers, flags and skips; Enter jumps to one."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import Footer, Label, OptionList
from textual.widgets.option_list import Option

from ...core.rereview import to_recheck
from ..bindings import bind
from ..widgets.save_indicator import SaveIndicator
from .base import WizardScreen


class OverviewScreen(WizardScreen[None]):
    BINDINGS = [
        bind("close", "back", label="Back"),
        bind("overview", "back", label="Back", show=False),
        bind("sections", label="Sections"),
        bind("export", label="Finish"),
    ]
    help_text = ("Enter opens the highlighted question. F = flagged, S = skipped (condition unmet), "
                 "R = to re-check (a re-review: last review's answer not yet confirmed).")

    def __init__(self, current: str) -> None:
        super().__init__()
        self._current = current

    def compose(self) -> ComposeResult:
        session = self.wizard.session
        assert session is not None
        review = session.review
        answered, total = review.progress()
        recheck = len(to_recheck(review))
        title = f"Overview of {review.product}: {answered} of {total} done, {len(review.flagged())} flagged"
        yield Label(title + (f", {recheck} to re-check" if recheck else ""), classes="dialog-title", markup=False)
        yield SaveIndicator(id="save")
        options = []
        for number, response in enumerate(review.questions, 1):
            skipped = review.is_skipped(response)
            line = Text(f"{number:>3} ", style="dim")
            line.append("F" if response.flagged else " ", style="bold red")
            line.append("S" if skipped else " ", style="dim")
            line.append("R " if response.recheck else "  ", style="bold")
            answer = response.answer or ("skipped" if skipped else "—")
            line.append(f"{answer[:12]:<12} ", style="bold" if response.answer else "dim")
            line.append(response.text)
            options.append(Option(line, id=response.id))
        yield OptionList(*options, id="questions")
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        questions = self.query_one(OptionList)
        questions.highlighted = questions.get_option_index(self._current)
        questions.focus()

    @on(OptionList.OptionSelected)
    def jump(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(None)
        self.wizard.question_screen.show(str(event.option.id))

    def action_back(self) -> None:
        self.dismiss(None)

    def action_sections(self) -> None:
        from .sections import SectionsScreen

        self.app.switch_screen(SectionsScreen())

    def action_export(self) -> None:
        from .finish import FinishScreen

        self.app.switch_screen(FinishScreen())
