"""Re-reviewing on the question screen: last review's finding under the question, accepted
unchanged with one key (the core's `accept_previous`).

A part of QuestionScreen kept in its own module (the screen mixes it in); the line is mounted
only for a review started with `new --from`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...core.errors import InputError
from ..bindings import bind, key_display
from ..widgets.answer_bar import AnswerBar

if TYPE_CHECKING:
    from ..widgets.previous_answer import PreviousAnswer
    from .question import QuestionScreen

# Not a priority key: `=` must still type an equals sign in the detail and the qualifier.
REREVIEW_BINDINGS = [bind("accept_previous", label="Accept", priority=False),
                     bind("expand_previous", show=False, priority=False)]


def is_rereview(screen: QuestionScreen) -> bool:
    return any(r.previous is not None for r in screen.review.questions)


class RereviewActions:
    """Mixed into QuestionScreen; `self` is the screen."""

    _previous_line: PreviousAnswer | None = None  # mounted for a re-review only

    async def add_previous_answer(self: QuestionScreen) -> None:
        if is_rereview(self) and self._previous_line is None:
            from ..widgets.previous_answer import PreviousAnswer

            self._previous_line = PreviousAnswer(id="previous")
            await self.query_one("#head").mount(self._previous_line, after=self.query_one(AnswerBar))
            self.show_previous()

    def show_previous(self: QuestionScreen) -> None:
        if self._previous_line is not None:
            self._previous_line.show(self.response, key_display(self, "accept_previous"))

    def action_expand_previous(self: QuestionScreen) -> None:
        """Read last review's whole detail (again: back to two lines) before accepting it."""
        line = self._previous_line
        if line is None or self.response.previous is None:
            return
        line.expanded_for = "" if line.expanded_for == self.response.id else self.response.id
        self.show_previous()

    def action_accept_previous(self: QuestionScreen) -> None:
        if not self.editable():
            return
        from ...core.rereview import accept_previous

        try:
            accept_previous(self.review, self.response.id)
        except InputError as error:
            self.notify(str(error), severity="warning", markup=False)
            return
        self._fill_fields()
        self._said = "last review's answer accepted unchanged"  # on the evidence line, no toast
        self._changed()
