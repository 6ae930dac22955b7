"""The floor: a bare Textual app (a Header, one Static, a Footer), as the start-up check's own
floor is, started on the first question's text alone. Each key the keystroke figures press
then makes the cheapest comparable update Textual allows: the Static is refilled with the
same characters the wizard shows for that step (progress, question, hint, answer scale, detail
and evidence), so both programs put as much on the screen and the ratio isolates the
wizard's own work.

    python bench/floor_app.py PAGES.json     # written by bench/app_figures.py

Keys, as in the wizard: ctrl+n / ctrl+p move, a scale letter picks an answer and sends the
keys after it to the detail, ctrl+o shows an overview of the first questions, escape or f12 leaves it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from rich.text import Text
from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Header, Static


class Floor(App[None]):
    COMMAND_PALETTE_BINDING = "ctrl+backslash"  # as the wizard: ctrl+p is "previous"
    BINDINGS = [
        Binding("ctrl+n,f4", "move(1)", "Next"),
        Binding("ctrl+p,f3", "move(-1)", "Previous"),
        Binding("ctrl+o,f2", "overview", "Overview"),
        Binding("escape,f12", "page", "Back"),
    ]

    def __init__(self, pages: dict[str, object]) -> None:
        super().__init__()
        self.scale: list[list[str]] = pages["scale"]  # type: ignore[assignment]
        self.questions: list[dict[str, object]] = pages["questions"]  # type: ignore[assignment]
        self.position = 0
        self.typing = False  # after an answer key, keys go to the detail, as in the wizard

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(str(self.questions[0]["text"]), id="page")
        yield Footer()

    def _page(self) -> Text:
        question = self.questions[self.position]
        page = Text(f"Question {self.position + 1} of {len(self.questions)}\n{question['text']}\n{question['hint']}\n")
        for key, label in self.scale:
            page.append(f" {key} {label}  ", style="reverse" if label == question["answer"] else "")
        page.append(f"\nDetail\n{question['detail']}\nEvidence\n" + "\n".join(question["evidence"]))  # type: ignore[arg-type]
        return page

    def _show(self) -> None:
        self.query_one("#page", Static).update(self._page())

    def action_move(self, step: int) -> None:
        self.position = max(0, min(len(self.questions) - 1, self.position + step))
        self.typing = False
        self._show()

    def action_page(self) -> None:
        self._show()

    def action_overview(self) -> None:
        lines = [f"Overview of {len(self.questions)} questions"]
        lines += [f"{n + 1:>4} {q['answer']:<8} {q['text']}"[:78] for n, q in enumerate(self.questions[:20])]
        self.query_one("#page", Static).update("\n".join(lines))

    def on_key(self, event: events.Key) -> None:
        if not (event.is_printable and event.character):
            return
        question = self.questions[self.position]
        if self.typing:
            question["detail"] = f"{event.character}{question['detail']}"
        else:
            label = next((label for key, label in self.scale if key == event.character), None)
            if label is None:
                return
            question["answer"] = label
            self.typing = True
        self._show()


if __name__ == "__main__":
    Floor(json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))).run()
