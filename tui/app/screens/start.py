"""The first screen without a session: saved reviews newest first, resume, start, delete."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Input, Label, Static

from ...core.lock import ReviewLocked
from ...core.store import SessionError, open_review, read_review
from ...core.summary import fitting_columns, list_cells, review_summary
from ..bindings import bind
from ..paths import shown
from ..widgets.key_footer import KeyFooter
from .base import WizardDialog, WizardScreen


class StartScreen(WizardScreen[None]):
    BINDINGS = [
        bind("new_review", "new", label="New review"),
        bind("delete_review", "delete", label="Delete"),
        bind("filter", label="Filter"),
    ]
    help_text = ("Enter resumes the highlighted review. Type in the filter to narrow the list by session, "
                 "product or questionnaire; Enter there opens the highlighted match.")

    def compose(self) -> ComposeResult:
        workspace = self.wizard.workspace
        yield Label("vendor-review: saved reviews", classes="dialog-title")
        yield Input(placeholder="filter by session, product or questionnaire (ctrl+f)", id="filter")
        yield DataTable(id="reviews", cursor_type="row", zebra_stripes=True)
        yield Static(id="empty", markup=False)
        yield Static(Text(f"sessions in {shown(workspace.sessions)}   exports in {shown(workspace.exports)}",
                          style="dim"), id="where")
        yield KeyFooter()

    def on_mount(self) -> None:
        self._rows: list[tuple[Path, dict]] = []
        problems = []
        for path in self.wizard.workspace.session_files():
            try:
                self._rows.append((path, review_summary(read_review(path), brief=True)))
            except SessionError as error:
                problems.append(str(error))
        self._rows.sort(key=lambda row: row[1]["updated"], reverse=True)
        for problem in problems:
            self.notify(problem, title="Skipped a session file", severity="warning", markup=False)
        self._fill("")
        self.query_one(DataTable).focus()

    def on_resize(self) -> None:
        self._fill(self.query_one("#filter", Input).value)

    def _fill(self, words: str) -> None:
        """The reviews matching `words`, in the columns that fit the width (as `vendor-review
        list` drops them); the highlight stays on the review it was on while that one matches."""
        table = self.query_one(DataTable)
        highlighted = self._highlighted()
        folded = words.casefold()
        matches = [(path, list_cells(path.stem, row)) for path, row in self._rows
                   if not folded or folded in f"{row['product']} {row['questionnaire']} {path.stem}".casefold()]
        # Each column takes its cell padding on both sides; the rest is kept for the scrollbar.
        columns = fitting_columns([cells for _, cells in matches], self.app.size.width - 4, 2)
        table.clear(columns=True)
        table.add_columns(*(Text(c.heading, justify="right" if c.right else "left") for c in columns))
        for path, cells in matches:
            table.add_row(*(Text(cells[c.key], justify="right" if c.right else "left") for c in columns),
                          key=str(path))
        if highlighted in {str(path) for path, _ in matches}:
            table.move_cursor(row=table.get_row_index(highlighted))
        empty = self.query_one("#empty", Static)
        empty.display = table.row_count == 0
        empty.update("No saved reviews match." if self._rows else "No saved reviews yet: ctrl+n starts one.")

    def _highlighted(self) -> str | None:
        """The key (session path) of the highlighted row, if the table has any rows."""
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return None
        return str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    @on(Input.Changed, "#filter")
    def filter_changed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(Input.Submitted, "#filter")
    def filter_done(self) -> None:
        """Enter in the filter opens the highlighted match (the first, or the only one)."""
        highlighted = self._highlighted()
        if highlighted is None:
            self.notify("No saved reviews match.", severity="warning")
            return
        self.wizard.open_session(Path(highlighted))

    def action_filter(self) -> None:
        self.query_one("#filter").focus()

    @on(DataTable.RowSelected)
    def resume(self, event: DataTable.RowSelected) -> None:
        self.wizard.open_session(Path(str(event.row_key.value)))

    def action_new(self) -> None:
        self.wizard.show_new_review()

    def action_delete(self) -> None:
        highlighted = self._highlighted()
        if highlighted is None:
            return
        path = Path(highlighted)

        def confirmed(yes: bool | None) -> None:
            if yes:
                self._delete(path)

        self.app.push_screen(ConfirmDialog(f"Delete the review {path.name}? This cannot be undone."), confirmed)

    def _delete(self, path: Path) -> None:
        """Only a review nobody has open: taking its lock first proves that."""
        try:
            with open_review(path):
                path.unlink()
        except (ReviewLocked, SessionError, OSError) as error:
            self.notify(f"Not deleted: {error}", severity="error", markup=False)
            return
        self._rows = [row for row in self._rows if row[0] != path]
        self._fill(self.query_one("#filter", Input).value)
        self.notify(f"Deleted {path.name}", markup=False)


class ConfirmDialog(WizardDialog[bool]):
    BINDINGS = [("y", "answer(True)", "Yes"), ("n", "answer(False)", "No"), bind("close", "answer(False)", label="No")]

    def __init__(self, question: str) -> None:
        super().__init__()
        self._question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(self._question, markup=False)
            yield Static("y deletes, n keeps it.", classes="dim")
        yield KeyFooter()

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
