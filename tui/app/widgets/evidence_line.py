"""One line under the answer that always says what evidence the question has.

At 80x24 with the passages panel open, the evidence list and the notes are below the fold, and
a toast over the panel hid the passage the reviewer was reading. This line sits in the part of
the screen that never scrolls, names the newest items, and carries the confirmation of the last
citation or undo, so nothing else needs to pop up.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from ...core.review import Evidence


def evidence_summary(evidence: list[Evidence], said: str = "") -> Text:
    """`Evidence (2): Stiltsoft security › Encryption; Trust FAQ`, newest first, then what the
    last action did; the widget cuts it to one line."""
    line = Text(f"Evidence ({len(evidence)}): ", style="bold")
    if evidence:
        line.append("; ".join(item.where for item in reversed(evidence)))
    else:
        line.append("none yet", style="dim")
    if said:
        line.append(f"  · {said}", style="italic")
    return line


class EvidenceLine(Static):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.shown: tuple[list[Evidence], str] | None = None

    def show(self, evidence: list[Evidence], said: str = "") -> None:
        """Repainted only when the evidence or the message differ (moving between questions
        with none must not send the line again over SSH)."""
        if self.shown == (evidence, said):
            return
        self.shown = (list(evidence), said)
        summary = evidence_summary(evidence, said)
        summary.no_wrap = True
        summary.overflow = "ellipsis"
        self.update(summary, layout=False)
