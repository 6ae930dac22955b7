"""The floor: a bare Textual app showing one question, as the start-up check's own floor does
(a Header, one Static, a Footer), plus the cheapest comparable update for each key the
keystroke figures press: next/previous replace the question text, a letter is typed into a
TextArea, ctrl+o shows a list of every question.

    python bench/floor_app.py QUESTIONS.txt     # one question per line
"""

from __future__ import annotations

import sys
from pathlib import Path

from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Header, Static


class Floor(App):
    COMMAND_PALETTE_BINDING = "ctrl+backslash"  # as the wizard: ctrl+p is "previous"
    BINDINGS = [
        Binding("ctrl+n,f4", "move(1)", "Next"),
        Binding("ctrl+p,f3", "move(-1)", "Previous"),
        Binding("ctrl+o,f2", "overview", "Overview"),
    ]

    def __init__(self, questions: list[str]) -> None:
        super().__init__()
        self.questions = questions
        self.position = 0
        self.typed = ""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(self.questions[0], id="question")
        yield Footer()

    def action_move(self, step: int) -> None:
        self.position = max(0, min(len(self.questions) - 1, self.position + step))
        self.query_one("#question", Static).update(self.questions[self.position])

    def action_overview(self) -> None:
        self.query_one("#question", Static).update("\n".join(self.questions[:20]))

    def on_key(self, event: events.Key) -> None:
        """A printable key appends to a line under the question: the cheapest 'typing'."""
        if event.is_printable and event.character:
            self.typed += event.character
            self.query_one("#question", Static).update(f"{self.questions[self.position]}\n{self.typed}")


if __name__ == "__main__":
    Floor(Path(sys.argv[1]).read_text(encoding="utf-8").splitlines()).run()
