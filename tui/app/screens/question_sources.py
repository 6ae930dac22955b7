"""The evidence finder on the question screen: the passage panel, citing and its undo.

A part of QuestionScreen kept in its own module (the screen mixes it in): the panel is mounted
only when the review has sources, so reviews without any start as fast as before. Ranking and
citing are the core's (`suggestions_for`, `cite`, `widen`, `requote`, `undo_citation`).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from textual.widgets import Footer, OptionList, Static

from ...core.errors import InputError
from ..bindings import bind, key_display
from ..widgets.evidence_list import EvidenceList

if TYPE_CHECKING:
    from ...core.sources.citing import Citation
    from ...core.sources.finder import Suggestion
    from ..widgets.passage_panel import PassagePanel
    from .question import QuestionScreen

FINDER_BINDINGS = [
    bind("cite_passage", label="Cite"),
    bind("focus_passages", label="Passages", show=False),
    bind("toggle_passages", show=False),
    bind("undo_citation", show=False),
    bind("edit_quote", show=False, priority=False),  # ctrl+e stays end-of-line in the text areas
    bind("sources", show=False),
]


class FinderActions:
    """Mixed into QuestionScreen; `self` is the screen."""

    _citations: dict[str, list[Citation]]  # per question id, newest last

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
        """Cite the highlighted passage's matching sentences; pressed again on the same
        passage, the same evidence item quotes the whole passage."""
        if not self.editable():
            return
        suggestion = self._highlighted_suggestion()
        if suggestion is None:
            return
        from ...core.sources.citing import cite, widen

        mine = self._citations.setdefault(self.response.id, [])
        try:
            last = mine[-1] if mine else None
            if last is not None and last.passage == suggestion.passage and not last.whole \
                    and last.evidence in self.response.evidence:
                mine[-1] = widen(self.review, last)
                said = "whole passage quoted"
            else:
                mine.append(cite(self.review, self.response.id, suggestion.source, suggestion.passage,
                                 suggestion.spans))
                said = self._cited_hint(mine[-1])
        except InputError as error:
            self.notify(str(error), title="Cannot cite", severity="error", markup=False)
            return
        self._evidence_changed(said)

    def _cited_hint(self: QuestionScreen, citation: Citation) -> str:
        hint = f"✓ cited ({key_display(self, 'undo_citation')} undoes"
        if not citation.whole:
            hint += f", {key_display(self, 'cite_passage')} again quotes the whole passage"
        return hint + ")"

    def _highlighted_suggestion(self: QuestionScreen) -> Suggestion | None:
        panel = self._passage_panel()
        suggestion = panel.highlighted_suggestion if panel else None
        if suggestion is None:
            self.notify("No passage to cite for this question.", severity="warning")
        return suggestion

    def action_undo_citation(self: QuestionScreen) -> None:
        """Undo acts on the question on screen only (citations are kept per question, in
        memory: a resumed review starts with nothing to undo), and says what it removed."""
        if not self.editable():
            return
        from ...core.sources.citing import undo_citation

        mine = self._citations.get(self.response.id, [])
        while mine:
            citation = mine.pop()
            if undo_citation(self.review, citation):
                self._evidence_changed(f"removed {citation.evidence.label}: “{short(citation.evidence.quote)}”")
                return
        self._evidence_changed("nothing to undo on this question")

    def action_edit_quote(self: QuestionScreen) -> None:
        """Trim a quote: on the passages, the one about to be cited; on the evidence list, the
        highlighted item; elsewhere, the question's newest evidence item."""
        if not self.editable():
            return
        from ...core.sources.citing import Citation, cite, matched_sentences, requote
        from .quote_editor import QuoteEditor

        panel = self._passage_panel()
        if panel is not None and self.focused is panel:
            suggestion = self._highlighted_suggestion()
            if suggestion is None:
                return

            def cite_trimmed(text: str | None) -> None:
                if text is None:
                    return
                try:
                    citation = cite(self.review, self.response.id, suggestion.source, suggestion.passage,
                                    suggestion.spans)
                    citation = requote(self.review, citation, text)
                except InputError as error:
                    self.notify(str(error), title="Cannot cite", severity="error", markup=False)
                    return
                self._citations.setdefault(self.response.id, []).append(citation)
                self._evidence_changed(self._cited_hint(citation))

            quote = matched_sentences(suggestion.text, suggestion.spans)
            self.app.push_screen(QuoteEditor("Cite this quote", quote), cite_trimmed)
            return
        evidence = self.response.evidence
        if not evidence:
            self._evidence_changed("no evidence to trim on this question")
            return
        listed = self.query_one("#evidence", EvidenceList)
        index = listed.highlighted if self.focused is listed and listed.highlighted is not None else -1
        item = evidence[index]

        def trimmed(text: str | None) -> None:
            if text is None or text == item.quote:
                return
            try:
                citation = requote(self.review, Citation(self.response.id, item), text)
            except InputError as error:
                self.notify(str(error), severity="error", markup=False)
                return
            for citations in self._citations.values():  # undo still finds the trimmed item
                citations[:] = [replace(c, evidence=citation.evidence) if c.evidence == item else c
                                for c in citations]
            self._evidence_changed("quote trimmed")

        self.app.push_screen(QuoteEditor(f"Quote of {item.label or item.url}", item.quote), trimmed)

    def _evidence_changed(self: QuestionScreen, said: str) -> None:
        """The evidence line is the confirmation: a toast would cover the passages."""
        self._said = said
        if self._ready:
            self.query_one("#evidence", EvidenceList).show(self.response.evidence)
        self._changed()

    def action_sources(self: QuestionScreen) -> None:
        from .sources import SourcesDialog

        async def closed(_: None) -> None:
            await self.mount_passages()

        self.app.push_screen(SourcesDialog(), closed)


def short(text: str, length: int = 40) -> str:
    return text if len(text) <= length else text[:length - 1] + "…"
