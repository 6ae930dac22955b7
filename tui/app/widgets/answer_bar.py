"""The answer scale as one line of single-key choices: the first thing focused on a question."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events
from textual.message import Message
from textual.widget import Widget

if TYPE_CHECKING:  # a preview's plain ScalePoints serve as well (see screens/opening.py)
    from ...core.questionnaire import AnswerOption
    from ...core.scale import ScalePoint


class AnswerBar(Widget, can_focus=True):
    """Shows `y Yes  n No ...` with the current answer highlighted; a scale key picks it (and
    the detail takes the typing), the same key in capitals picks it and moves on: an
    answers-only assessment is one key a question."""

    class Picked(Message):
        def __init__(self, label: str, *, move_on: bool = False) -> None:
            super().__init__()
            self.label = label
            self.move_on = move_on  # quick mode: the capital key answers and goes to the next

    class TypedAhead(Message):
        """Text typed after a pick, before the focus reached the detail: it belongs there."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def __init__(self, scale: Sequence[AnswerOption | ScalePoint], *, quick: bool = True, id: str | None = None) -> None:
        super().__init__(id=id)
        self.scale = scale
        self.quick = quick  # the capital key answers and moves on (`answer_and_next` not "none")
        self.current = ""
        self._picked = False  # the focus is on its way to the detail

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
        # Keys typed fast after the pick are queued here before the focus moves (a loaded
        # machine, a laggy link): the crash harness saw them dropped, or re-picking an answer.
        if self._picked and (event.is_printable or event.key == "enter"):
            event.stop()
            event.prevent_default()
            self.post_message(self.TypedAhead("\n" if event.key == "enter" else event.character or ""))
            return
        for option in self.scale:
            if event.character == option.key:
                event.stop()
                event.prevent_default()
                self._picked = True
                self.post_message(self.Picked(option.label))
                return
            if self.quick and option.key.islower() and event.character == option.key.upper():
                event.stop()  # the focus stays here, on the next question's answer line
                event.prevent_default()
                self.post_message(self.Picked(option.label, move_on=True))
                return

    def on_focus(self) -> None:
        self._picked = False
