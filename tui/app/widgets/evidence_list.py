"""The evidence links of one question: shown literally, opened never, removed on request."""

from __future__ import annotations

from rich.text import Text
from textual.message import Message
from textual.widgets.option_list import Option

from ...core.review import Evidence
from ..bindings import bind
from .reversible_option_list import ReversibleOptionList

MAX_LINES = 5  # as app.tcss's max-height


class EvidenceList(ReversibleOptionList):
    BINDINGS = [bind("remove_evidence", "remove", priority=False)]

    class Remove(Message):
        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    shown: list[Evidence] | None = None

    def show(self, evidence: list[Evidence]) -> None:
        """Refilled only when the links differ from those shown (most questions have the same
        none), since refilling lays the list out again."""
        if evidence == self.shown:
            self.highlighted = None  # as a refill would
            return
        self.shown = list(evidence)
        options = []
        if not evidence:
            options.append(Option(Text("(no evidence yet: ctrl+l adds a link)", style="dim"), disabled=True))
        for index, item in enumerate(evidence):
            line = Text(item.where, style="bold")
            if item.label:
                line.append(f"  {item.url}" if item.url else "  (no link: a document)", style="dim")
            if item.quote:
                line.append(f"  “{item.quote}”", style="italic")
            options.append(Option(line, id=str(index)))
        laid_out = bool(self.size.width)
        if laid_out:  # a number, not auto, so the refill itself asks for no layout pass
            self.styles.height = self.size.height
        self.set_options(options)  # one pass over the links, not one per link
        if laid_out:  # a layout pass only when the links take a different number of lines
            self.styles.height = min(MAX_LINES, self.virtual_size.height)

    def on_resize(self) -> None:
        """Back to the stylesheet's auto height: the links wrap differently at the new width."""
        self.styles.height = None

    def action_remove(self) -> None:
        option = self.highlighted_option
        if option is not None and option.id is not None:
            self.post_message(self.Remove(int(option.id)))
