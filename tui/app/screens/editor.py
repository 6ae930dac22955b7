"""The full-size editor for long text: the reviewer's own $VISUAL/$EDITOR when one is set
(the app suspends and resumes around it), a large in-app text area otherwise."""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import ComposeResult, SuspendNotSupported
from textual.widgets import Label, TextArea

from ..bindings import bind
from ..widgets.key_footer import KeyFooter
from .base import WizardScreen

if TYPE_CHECKING:
    from ..app import ReviewApp


def edit_long_text(app: ReviewApp, text: str, done: Callable[[str], None]) -> None:
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if editor:
        try:
            edited = _run_external(app, editor, text)
        except SuspendNotSupported:
            edited = None
        except (OSError, subprocess.SubprocessError, ValueError) as error:
            app.notify(f"The editor {editor!r} failed: {error}; using the built-in one.",
                       severity="warning", markup=False)
            edited = None
        if edited is not None:
            done(edited)
            return

    def closed(result: str | None) -> None:
        if result is not None:
            done(result)

    app.push_screen(EditorScreen(text), closed)


def _run_external(app: ReviewApp, editor: str, text: str) -> str | None:
    """Save first (the terminal is handed over), edit a private temp file, read it back."""
    if app.autosave:
        app.autosave.save_now()
    fd, name = tempfile.mkstemp(prefix="vendor-review-", suffix=".md")
    path = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        with app.suspend():
            result = subprocess.run([*shlex.split(editor), str(path)], check=False)
        if result.returncode != 0:
            app.notify(f"The editor exited with status {result.returncode}; the text is unchanged.",
                       severity="warning")
            return text
        return path.read_text(encoding="utf-8")
    finally:
        path.unlink(missing_ok=True)


class EditorScreen(WizardScreen[str | None]):
    BINDINGS = [bind("save_form", "keep", label="Keep"), bind("close", "cancel", label="Cancel")]

    def __init__(self, text: str) -> None:
        super().__init__()
        self._text = text

    def compose(self) -> ComposeResult:
        yield Label("Detail: ctrl+s keeps the text, f12 or escape drops the changes", classes="dialog-title")
        yield TextArea(self._text, id="long-text", soft_wrap=True, tab_behavior="indent")
        yield KeyFooter()

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.cursor_blink = False
        area.focus()

    def action_keep(self) -> None:
        self.dismiss(self.query_one(TextArea).text)

    def action_cancel(self) -> None:
        self.dismiss(None)
