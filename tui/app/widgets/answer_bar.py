"""The answer scale as one line of single-key choices: the first thing focused on a question."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.text import Text
from textual.message import Message
from textual.widget import Widget
from textual import events

if TYPE_CHECKING:  # a preview's plain ScalePoints serve as well (see screens/opening.py)
    from ...core.preview import ScalePoint
    from ...core.questionnaire import AnswerOption


class AnswerBar(Widget, can_focus=True):
    """Shows `y Yes  n No ...` with the current answer highlighted; a scale key picks it."""

    class Picked(Message):
        def __init__(self, label: str) -> None:
            super().__init__()
            self.label = label

    def __init__(self, scale: Sequence[AnswerOption | ScalePoint], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.scale = scale
        self.current = ""

    def show(self, answer: str) -> None:
        if answer != self.current:
            self.current = answer
            self.refresh()

    def render(self) -> Text:
        line = Text()
        for option in self.scale:
            chosen = option.label == self.current
            line.append(f" {option.key} ", style="bold reverse" if chosen else "bold")
            line.append(f"{option.label}", style="bold underline" if chosen else "")
            line.append("  ")
        return line

    def on_key(self, event: events.Key) -> None:
        for option in self.scale:
            if event.character == option.key:
                event.stop()
                event.prevent_default()
                self.post_message(self.Picked(option.label))
                return
