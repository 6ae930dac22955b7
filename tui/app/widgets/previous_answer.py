"""Last review's finding under the question of a re-review, and whether it is re-checked yet.

Mounted only for a review started with `new --from`, so other reviews pay nothing for it.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from ...core.review import Response
from ..bindings import key_display

DETAIL_CHARS = 100  # two lines at 80 columns with the answer and the mark; accepting copies all of it


def previous_line(response: Response, accept_key: str, *, whole: bool = False) -> Text:
    previous = response.previous
    if previous is None:
        return Text("New since the last review: no previous answer.", style="dim")
    line = Text("Last review: ", style="bold")
    answer = previous.answer + (f" ({previous.qualifier})" if previous.qualifier else "")
    line.append(answer or "(unanswered)", style="bold")
    detail = " ".join(previous.detail.split())
    if detail:
        if whole:  # as written, line breaks and all
            line.append("\n" + previous.detail.strip())
        else:
            line.append(" · " + (detail if len(detail) <= DETAIL_CHARS else detail[:DETAIL_CHARS - 1] + "…"))
    if previous.evidence:
        line.append(f" · {len(previous.evidence)} evidence", style="dim")
    if response.recheck:
        line.append(f"  TO RE-CHECK ({accept_key} accepts it)", style="bold reverse")
    else:
        line.append("  ✓ re-checked", style="bold")
    return line


class PreviousAnswerLine(Static):
    """Last review's answer, its detail cut to two lines; expanded on request, so the whole
    finding can be read before accepting it unchanged. Expanding lasts for one question."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._expanded_for = ""  # the question id whose whole detail is shown

    def show(self, response: Response) -> None:
        whole = self._expanded_for == response.id
        self.set_class(whole, "-expanded")
        self.update(previous_line(response, key_display(self.screen, "accept_previous"), whole=whole))

    def toggle_whole(self, response: Response) -> None:
        """The whole detail of this question's last answer, or back to two lines."""
        self._expanded_for = "" if self._expanded_for == response.id else response.id
        self.show(response)
