"""The evidence finder beside a question: the attached sources' best passages, ready to cite.

Only mounted once a review has sources (see QuestionScreen), so a review without any pays
nothing for it. The panel owns everything the finder keeps on screen: the ranked passages of
the question shown, the line that stands in for the panel when it is folded, and each
question's citations for undo (in memory: a resumed review starts with nothing to undo).
Ranking and citing are the core's (`suggestions_for`, `cite`, `widen`, `requote`,
`undo_citation`); the screen's keys call `cite`, `undo` and `cite_trimmed` and show what they
return on the evidence line. Enter on a passage posts `CiteRequested`.

Vendor text is untrusted: it is put in `rich.text.Text` as plain characters and the matching
words are styled by position (the finder's spans), never through markup.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...core.errors import InputError
from ...core.sources.finder import Suggestion
from ..bindings import key_display
from .reversible_option_list import ReversibleOptionList

if TYPE_CHECKING:
    from ...core.questionnaire import Questionnaire
    from ...core.review import Evidence, Review
    from ...core.sources.citing import Citation

MATCH_STYLE = "bold underline"  # readable without colour (NO_COLOR, 16 colours)


def highlighted(text: str, spans: tuple[tuple[int, int], ...], style: str = "") -> Text:
    line = Text(text, style=style)
    for start, end in spans:
        line.stylize(MATCH_STYLE, start, end)
    return line


def passage_prompt(number: int, suggestion: Suggestion) -> Text:
    """`1 · Heading > Subheading (source 2)` over the passage, matching words underlined."""
    prompt = Text(f"{number} · ", style="bold")
    if suggestion.heading:
        prompt.append_text(highlighted(suggestion.heading, suggestion.heading_spans, "italic"))
        prompt.append(" ")
    prompt.append(f"(source {suggestion.source_number})\n", style="dim")
    prompt.append_text(highlighted(suggestion.text, suggestion.spans))
    return prompt


def short(text: str, length: int = 40) -> str:
    return text if len(text) <= length else text[:length - 1] + "…"


class PassagePanel(ReversibleOptionList):
    """Ranked passages for the current question; Enter (or the cite key anywhere) cites the
    highlighted one."""

    class CiteRequested(Message):
        """Enter on a passage: cite it, as the cite key does."""

    def __init__(self, review: Review, questionnaire: Questionnaire | None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = "From the sources"
        self.suggestions: list[Suggestion] = []
        # Stands in for the panel while it is folded; the screen mounts it beside the panel.
        self.folded_line = Static(id="passages-folded", markup=False)
        self.folded_line.display = False
        self._review = review
        self._questionnaire = questionnaire
        self._question_id = ""
        self._citations: dict[str, list[Citation]] = {}  # per question id, newest last

    # -- showing ---------------------------------------------------------------------------

    def show_question(self, question_id: str) -> None:
        """The best passages for this question, the first one highlighted."""
        from ...core.sources.finder import question_of, suggestions_for

        self._question_id = question_id
        question = question_of(self._review.response(question_id), self._questionnaire)
        self.show(suggestions_for(self._review, question), key_display(self.screen, "cite_passage"))

    def show(self, suggestions: list[Suggestion], cite_key: str) -> None:
        self.suggestions = suggestions
        self.clear_options()
        if not suggestions:
            self.add_option(Option(Text("Nothing in the attached sources matches this question.", style="dim"),
                                   disabled=True))
            self.border_subtitle = ""
            return
        for number, suggestion in enumerate(suggestions, 1):
            self.add_option(Option(passage_prompt(number, suggestion), id=str(number - 1)))
        self.highlighted = 0
        self.border_subtitle = f"{cite_key} cites the highlighted passage"

    @property
    def highlighted_suggestion(self) -> Suggestion | None:
        if not self.suggestions or self.highlighted is None:
            return None
        option = self.get_option_at_index(self.highlighted)
        return self.suggestions[int(option.id)] if option.id is not None else None

    def highlight_best(self) -> None:
        """Unfolded, focused, the highlight on the best passage."""
        if not self.display:
            self.toggle_fold()
        self.focus()
        if self.suggestions:
            self.highlighted = 0

    def toggle_fold(self) -> None:
        """Fold the panel into one line (more room for the detail at 80x24), or unfold it."""
        self.display = not self.display
        self.folded_line.display = not self.display
        if self.folded_line.display:
            toggle_key = key_display(self.screen, "toggle_passages")
            self.folded_line.update(f"Passages folded: {len(self.suggestions)} for this question "
                                    f"({toggle_key} shows them)")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.CiteRequested())

    # -- citing and undo -------------------------------------------------------------------
    # Each returns what it did, for the evidence line, or None when it did nothing.

    def _suggestion_to_cite(self) -> Suggestion | None:
        suggestion = self.highlighted_suggestion
        if suggestion is None:
            self.notify("No passage to cite for this question.", severity="warning")
        return suggestion

    def cite(self) -> str | None:
        """Cite the highlighted passage's matching sentences; pressed again on the same
        passage, the same evidence item quotes the whole passage."""
        suggestion = self._suggestion_to_cite()
        if suggestion is None:
            return None
        from ...core.sources.citing import cite, widen

        review, question_id = self._review, self._question_id
        mine = self._citations.setdefault(question_id, [])
        try:
            last = mine[-1] if mine else None
            if last is not None and last.passage == suggestion.passage and not last.whole \
                    and last.evidence in review.response(question_id).evidence:
                mine[-1] = widen(review, last)
                return "whole passage quoted"
            mine.append(cite(review, question_id, suggestion.source, suggestion.passage, suggestion.spans))
        except InputError as error:
            self.notify(str(error), title="Cannot cite", severity="error", markup=False)
            return None
        return self._cited_hint(mine[-1])

    def quote_to_cite(self) -> str | None:
        """What citing the highlighted passage would quote (to trim it first)."""
        suggestion = self._suggestion_to_cite()
        if suggestion is None:
            return None
        from ...core.sources.citing import matched_sentences

        return matched_sentences(suggestion.text, suggestion.spans)

    def cite_trimmed(self, text: str) -> str | None:
        """Cite the highlighted passage with the reviewer's trimmed quote."""
        suggestion = self.highlighted_suggestion
        if suggestion is None:
            return None
        from ...core.sources.citing import cite, requote

        review, question_id = self._review, self._question_id
        try:
            citation = cite(review, question_id, suggestion.source, suggestion.passage, suggestion.spans)
            citation = requote(review, citation, text)
        except InputError as error:
            self.notify(str(error), title="Cannot cite", severity="error", markup=False)
            return None
        self._citations.setdefault(question_id, []).append(citation)
        return self._cited_hint(citation)

    def _cited_hint(self, citation: Citation) -> str:
        hint = f"✓ cited ({key_display(self.screen, 'undo_citation')} undoes"
        if not citation.whole:
            hint += f", {key_display(self.screen, 'cite_passage')} again quotes the whole passage"
        return hint + ")"

    def undo(self) -> str:
        """Undo acts on the question on screen only, and says what it removed."""
        from ...core.sources.citing import undo_citation

        mine = self._citations.get(self._question_id, [])
        while mine:
            citation = mine.pop()
            if undo_citation(self._review, citation):
                return f"removed {citation.evidence.label}: “{short(citation.evidence.quote)}”"
        return "nothing to undo on this question"

    def evidence_replaced(self, old: Evidence, new: Evidence) -> None:
        """An evidence item's quote was trimmed: undo still finds the trimmed item."""
        for citations in self._citations.values():
            citations[:] = [replace(c, evidence=new) if c.evidence == old else c for c in citations]
