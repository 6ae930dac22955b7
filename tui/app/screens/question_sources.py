"""The evidence finder on the question screen: the passage panel, citing and its undo.

A part of QuestionScreen kept in its own module (the screen mixes it in): the panel is mounted
only when the review has sources, so reviews without any start as fast as before. Ranking and
citing are the core's (`suggestions_for`, `cite`, `undo_citation`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Footer, OptionList, Static

from ...core.errors import InputError
from ..bindings import bind, key_display
from ..widgets.evidence_list import EvidenceList

if TYPE_CHECKING:
    from ...core.sources.citing import Citation
    from ..widgets.passage_panel import PassagePanel
    from .question import QuestionScreen

FINDER_BINDINGS = [
    bind("cite_passage", label="Cite"),
    bind("focus_passages", label="Passages", show=False),
    bind("toggle_passages", show=False),
    bind("undo_citation", show=False),
    bind("sources", show=False),
]


class FinderActions:
    """Mixed into QuestionScreen; `self` is the screen."""

    _citations: list[Citation]

    _panel: PassagePanel | None = None
    _folded: Static | None = None  # the line that stands in for a folded panel

    def _passage_panel(self: QuestionScreen) -> PassagePanel | None:
        """None until the review has a source: the panel's module (and the ranking behind it)
        is not even imported before then."""
        return self._panel

    async def mount_passages(self: QuestionScreen) -> None:
        """Mount the panel with the first source, remove it with the last."""
        panel = self._panel
        if self.review.sources and panel is None:
            from ..widgets.passage_panel import PassagePanel

            self._panel = PassagePanel(id="passages")
            await self.mount(self._panel, before=self.query_one(Footer))
            self._folded = Static(id="passages-folded", markup=False)
            self._folded.display = False
            await self.mount(self._folded, before=self.query_one(Footer))
        elif not self.review.sources and panel is not None:
            self._panel = None
            await panel.remove()
            if self._folded is not None:
                await self._folded.remove()
                self._folded = None
        self.show_passages()
        self.refresh_bindings()

    def show_passages(self: QuestionScreen) -> None:
        panel = self._passage_panel()
        if panel is not None and self.review.sources:
            from ...core.sources.finder import question_of, suggestions_for

            question = question_of(self.response, self.wizard.questionnaire)
            panel.show(suggestions_for(self.review, question), key_display(self, "cite_passage"))

    # A handler by name, not `@on`: Textual collects decorated handlers only from message-pump
    # classes, so a decorated method of this mixin was never called and Enter did nothing.
    def on_option_list_option_selected(self: QuestionScreen, event: OptionList.OptionSelected) -> None:
        if event.option_list is self._panel:
            event.stop()
            self.action_cite_passage()

    def action_focus_passages(self: QuestionScreen) -> None:
        """One key to the passages (highlight on the best one) and back to the detail."""
        panel = self._passage_panel()
        if panel is None:
            self.notify(f"No sources attached ({key_display(self, 'sources')} attaches one).", markup=False)
            return
        if self.focused is panel:
            self.query_one("#detail").focus()
            return
        if not panel.display:
            self.action_toggle_passages()
        panel.focus()
        if panel.suggestions:
            panel.highlighted = 0

    def action_toggle_passages(self: QuestionScreen) -> None:
        """Fold the panel into one line (more room for the detail at 80x24), or unfold it."""
        panel, folded = self._passage_panel(), self._folded
        if panel is None or folded is None:
            return
        panel.display = not panel.display
        folded.display = not panel.display
        if folded.display:
            count = len(panel.suggestions)
            folded.update(f"Passages folded: {count} for this question ({key_display(self, 'toggle_passages')} shows them)")
            if self.focused is panel:
                self.query_one("#detail").focus()

    def action_cite_passage(self: QuestionScreen) -> None:
        if not self.editable():
            return
        panel = self._passage_panel()
        suggestion = panel.highlighted_suggestion if panel else None
        if suggestion is None:
            self.notify("No passage to cite for this question.", severity="warning")
            return
        from ...core.sources.citing import cite

        try:
            citation = cite(self.review, self.response.id, suggestion.source, suggestion.passage)
        except InputError as error:
            self.notify(str(error), title="Cannot cite", severity="error", markup=False)
            return
        self._citations.append(citation)
        self._evidence_changed(f"Cited: {suggestion.text[:60]}… ({key_display(self, 'undo_citation')} undoes)")

    def action_undo_citation(self: QuestionScreen) -> None:
        if not self.editable():
            return
        from ...core.sources.citing import undo_citation

        while self._citations:
            citation = self._citations.pop()
            if undo_citation(self.review, citation):
                if citation.question_id != self.response.id:
                    self.show(citation.question_id)
                self._evidence_changed("Citation removed.")
                return
        self.notify("No citation to undo.")

    def _evidence_changed(self: QuestionScreen, message: str) -> None:
        self.query_one("#evidence", EvidenceList).show(self.response.evidence)
        self.notify(message, markup=False)
        self._changed()

    def action_sources(self: QuestionScreen) -> None:
        from .sources import SourcesDialog

        async def closed(_: None) -> None:
            await self.mount_passages()

        self.app.push_screen(SourcesDialog(), closed)
