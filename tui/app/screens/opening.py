"""The first question on screen while the review is still being opened.

`vendor-review open` paints the current question from a preview of the session file (see
tui.core.preview) with the question screen's own layout, then the app locks and validates the
review and puts the real question screen in its place. Keys typed meanwhile are held by the app
and handled by the question screen, so this screen never changes anything.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from ...core.catalog import questionnaire_files
from ...core.preview import SessionPreview, preview_questionnaire, preview_session
from ...core.scale import ScalePoint
from ...core.workspace import Workspace
from ..widgets.answer_bar import AnswerBar
from ..widgets.key_footer import KeyFooter
from ..widgets.save_indicator import SaveIndicator
from .base import WizardScreen


class OpeningScreen(WizardScreen[None]):
    def __init__(self, preview: SessionPreview, title: str, scale: list[ScalePoint]) -> None:
        super().__init__()
        self._preview = preview
        self._title = title
        self._scale = scale

    def compose(self) -> ComposeResult:
        preview = self._preview
        with Horizontal(id="topbar"):
            yield Static(f"{preview.product} · {self._title}", id="title", markup=False)
            yield SaveIndicator(id="save")
        yield Static(f"Question {preview.position} of {preview.total}", id="progress-line", markup=False)
        with Vertical(id="head"):
            yield Static(preview.text, id="question-text", markup=False)
            yield Static(preview.hint, id="hint", markup=False)
            yield AnswerBar(self._scale, quick=self.wizard.quick_answers, id="answer")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#hint").display = bool(self._preview.hint)
        answer = self.query_one(AnswerBar)
        answer.show(self._preview.answer)
        answer.focus()


def opening_screen(workspace: Workspace, path: Path) -> OpeningScreen | None:
    """The screen for a preview of this session, or None when the file cannot be previewed
    (the review is then opened before anything is painted, as any other time)."""
    preview = preview_session(path)
    if preview is None:
        return None
    questionnaire = preview_questionnaire(questionnaire_files(workspace.schemas), preview.questionnaire)
    if questionnaire is None:
        return None
    return OpeningScreen(preview, *questionnaire)
