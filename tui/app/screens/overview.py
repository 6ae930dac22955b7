"""All questions at a glance, with answers, flags and skips; Enter jumps to one."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.widgets import Label

from ...core.rereview import to_recheck
from ..bindings import bind
from ..widgets.key_footer import KeyFooter
from ..widgets.question_list import QuestionList
from ..widgets.save_indicator import SaveIndicator
from .base import Go, WizardScreen


class OverviewScreen(WizardScreen[Go | None]):
    BINDINGS = [
        bind("close", "back", label="Back"),
        bind("overview", "back", label="Back", show=False),
        bind("sections", label="Sections"),
        bind("export", label="Finish"),
    ]
    help_text = ("Enter opens the highlighted question. F = flagged, S = skipped (condition unmet), "
                 "R = to re-check (a re-review: last review's answer not yet confirmed); 2 ev = two evidence "
                 "items. A question too long for two lines keeps its start and its end.")

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
        review.response(self._current)  # brings the position map up to date
        yield QuestionList(review, review.positions[self._current], id="questions")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one(QuestionList).focus()

    @on(QuestionList.Chosen)
    def jump(self, event: QuestionList.Chosen) -> None:
        self.dismiss(Go("question", event.question_id))

    def action_back(self) -> None:
        self.dismiss(None)

    def action_sections(self) -> None:
        self.dismiss(Go("sections"))

    def action_export(self) -> None:
        self.dismiss(Go("finish"))
