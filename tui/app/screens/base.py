"""What every wizard screen shares: typed access to the app that owns the review."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, TypeVar, cast

from textual.reactive import Reactive
from textual.screen import ModalScreen, Screen
from textual.widget import Widget

if TYPE_CHECKING:
    from ..app import ReviewApp

Result = TypeVar("Result")

Destination = Literal["question", "next_unanswered", "overview", "sections", "finish"]


@dataclass(frozen=True)
class Go:
    """Where to go next: the question screen asks the app for it, the screens above it
    return it with `dismiss(Go(...))` (None: back to the question). The app decides what
    opens (`ReviewApp.navigate`); no screen opens or finds another."""

    to: Destination
    question_id: str = ""  # for "question": the one to show


class WizardScreen(Screen[Result]):
    # Textual's Screen repaints every cell when the focus moves (its `focused` reactive
    # repaints the screen); the two widgets involved restyle and repaint themselves anyway.
    # An answer key moves the focus to the detail on every question: a whole 80x24 screen
    # sent over SSH each time, about 5 KB instead of a few lines.
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)

    @property
    def wizard(self) -> ReviewApp:
        return cast("ReviewApp", self.app)

    def editable(self) -> bool:
        """Whether the open review may be changed. Says why not, so that a key on a
        read-only review never silently does nothing."""
        session = self.wizard.session
        if session is not None and not session.read_only:
            return True
        self.notify("This review is open read-only; nothing can be changed.", severity="warning")
        return False


class WizardDialog(ModalScreen[Result]):
    @property
    def wizard(self) -> ReviewApp:
        return cast("ReviewApp", self.app)
