"""One question at a time: answer with one key, then type the detail straight away.

The screen is built once and refilled for each question, so moving on costs a refresh, not a
new screen. Every edit goes to the core (record_answer, set_text, make_evidence) and then to
the app's autosave.

Two parts are widgets that own their state and are mounted only when a review needs them, so
other reviews start as fast as before: the passages panel (a review with sources; its folded
line, the ranked passages and each question's citations for undo) and last review's answer (a
re-review, `new --from`). The screen's keys ask them to act and show what they did.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Footer, Input, Label, Static

from ...core.errors import InputError
from ...core.interview import UNKNOWN, record_answer, set_text
from ...core.review import Cursor, Evidence, Response, Review
from ..bindings import bind, key_display
from ..widgets.answer_bar import AnswerBar
from ..widgets.evidence_line import EvidenceLine
from ..widgets.evidence_list import EvidenceList
from ..widgets.key_footer import KeyFooter
from ..widgets.save_indicator import SaveIndicator
from .base import Go, WizardScreen

if TYPE_CHECKING:
    from textual.widgets import TextArea

    from ...core.questionnaire import Questionnaire
    from ..widgets.passage_panel import PassagePanel
    from ..widgets.previous_answer import PreviousAnswerLine

BAR_WIDTH = 24
# Widget ids that match the review's cursor fields, so a resumed review focuses the same one.
FIELDS = ("answer", "qualifier", "detail", "evidence", "notes")


class QuestionScreen(WizardScreen[None]):
    # The passage panel moves beside the question where there is room (see app.tcss).
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]
    BINDINGS = [
        bind("next_question", label="Next"),
        bind("previous_question", label="Back"),
        bind("next_unanswered", label="Unanswered", show=False),
        bind("next_flagged", show=False),
        bind("flag", label="Flag"),
        bind("add_evidence", label="Evidence", show=False),
        bind("edit_external", label="Editor", show=False),
        bind("overview", label="Overview"),
        bind("sections", show=False),
        bind("export", label="Finish"),
        bind("focus_notes", show=False),
        # The evidence finder's keys (the passages panel):
        bind("cite_passage", label="Cite"),
        bind("focus_passages", label="Passages", show=False),
        bind("toggle_passages", show=False),
        bind("undo_citation", show=False),
        bind("edit_quote", show=False, priority=False),  # ctrl+e stays end-of-line in the text areas
        bind("sources", show=False),
        # A re-review's; not priority keys: `=` must still type an equals sign in the detail.
        bind("accept_previous", label="Accept", priority=False),
        bind("expand_previous", show=False, priority=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._question_id = ""
        self._filling = False  # the fields are being filled from the review, not typed in
        self._ready = False  # the fields are mounted and the cursor is being recorded
        self._focus_when_ready = ""
        self._typed_ahead = ""
        self._said = ""  # what the last evidence action did, on the evidence line
        self._areas: list[TextArea] = []  # detail and notes, once mounted
        self._editor_key = ""  # the key that opens the full-size editor, once the fields are there
        self._progress_shown: tuple[object, ...] = ()  # what the progress line shows
        self._resumed = Cursor()  # where the review was left, read when the screen is mounted
        self._passages: PassagePanel | None = None  # mounted while the review has sources
        self._previous: PreviousAnswerLine | None = None  # mounted for a re-review only

    @property
    def help_text(self) -> str:
        """The answer keys come from the questionnaire, not the key table."""
        scale = self.wizard.questionnaire.scale if self.wizard.questionnaire else []
        keys = ", ".join(f"{o.key} {o.label}" for o in scale)
        quick = (" The same key in capitals (shift) answers and moves on to the next question (quick mode, "
                 "`answer_and_next`).") if self.wizard.quick_answers else ""
        return (f"On the answer line: {keys}; then type the detail. Tab and shift+tab move between "
                "answer, qualifier, detail, evidence and notes. Unknown fills a stock detail when it is empty." + quick)

    def compose(self) -> ComposeResult:
        """Only what the first paint needs; the editable fields follow (see on_mount)."""
        session, questionnaire = self.wizard.session, self.wizard.questionnaire
        assert session is not None and questionnaire is not None
        with Horizontal(id="topbar"):
            yield Static(f"{session.review.product} · {questionnaire.title}", id="title", markup=False)
            yield SaveIndicator(id="save")
        if session.read_only:
            holder = session.locked_by
            who = str(holder) if holder else "opened read-only on request"
            yield Static(f"READ-ONLY: {who}. Nothing you do here is saved.", id="banner", markup=False)
        yield Static(id="progress-line")
        with Vertical(id="head"):  # never scrolls away while the reviewer types below
            yield Static(id="question-text", markup=False)
            yield Static(id="hint", markup=False)
            yield Static(id="skipped", markup=False)
            yield AnswerBar(questionnaire.scale, quick=self.wizard.quick_answers, id="answer")
            yield EvidenceLine(id="evidence-line")
        with VerticalScroll(id="body", can_focus=False):
            yield Static(id="guidance", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        """The question is painted first; the fields (the text areas are slow to import)
        arrive right after, before any key the reviewer typed meanwhile is handled."""
        cursor = self._resumed = self.review.cursor  # showing the question records a new one
        known = {r.id for r in self.review.responses}
        first = cursor.question if cursor.question in known else self.review.responses[0].id
        self.show(first, focus="answer")
        self.call_after_refresh(self._add_fields, cursor.field)

    async def _add_fields(self, focus: str) -> None:
        from textual.widgets import TextArea

        qualifier = Input(placeholder="qualifier (optional), e.g. version dependent", id="qualifier",
                          disabled=self.read_only)
        qualifiers = self.wizard.questionnaire.qualifiers if self.wizard.questionnaire else []
        if qualifiers:
            from textual.suggester import SuggestFromList

            qualifier.suggester = SuggestFromList(qualifiers, case_sensitive=False)
        areas = [TextArea(id=name, soft_wrap=True, tab_behavior="focus", read_only=self.read_only)
                 for name in ("detail", "notes")]
        for area in areas:
            area.cursor_blink = False
        self._areas = areas
        await self.query_one("#body").mount_all([
            qualifier,
            Label("Detail", id="detail-label", classes="field-label"), areas[0],
            Label("Evidence", id="evidence-label", classes="field-label"), EvidenceList(id="evidence"),
            Label("Private notes (never exported)", id="notes-label", classes="field-label"), areas[1],
        ])
        self._ready = True
        self._editor_key = key_display(self, "edit_external")
        self.call_after_refresh(self._show_detail_length)  # once the box has its size
        self._fill_fields()
        if self._typed_ahead:
            areas[0].insert(self._typed_ahead)
            self._typed_ahead = ""
        await self._add_previous_answer()
        await self._mount_passages()
        self._put_text_cursor_back()
        focus = self._focus_when_ready or focus
        if focus != "answer" and self.focused is self.query_one("#answer"):
            self._focus_field(self.query_one(f"#{focus if focus in FIELDS else 'answer'}"))
        self.wizard.accept_input()  # keys typed while the review was being opened

    def _put_text_cursor_back(self) -> None:
        """A resumed review types where the reviewer left off, not at the start of the text
        (one export read `client.. Ask on the call`)."""
        cursor = self._resumed
        area = self._area(cursor.field)
        if area is not None and cursor.question == self._question_id and not self._focus_when_ready:
            self._filling = True
            area.move_cursor((cursor.row, cursor.column))
            self._filling = False

    # -- reading the review ----------------------------------------------------------------

    @property
    def review(self) -> Review:
        session = self.wizard.session
        assert session is not None, "the screen lives while its review is open"
        return session.review

    @property
    def questionnaire(self) -> Questionnaire:
        questionnaire = self.wizard.questionnaire
        assert questionnaire is not None, "the screen lives while its review is open"
        return questionnaire

    @property
    def question_id(self) -> str:
        """The question on screen."""
        return self._question_id

    @property
    def response(self) -> Response:
        return self.review.response(self._question_id)

    @property
    def read_only(self) -> bool:
        session = self.wizard.session
        return bool(session is None or session.read_only)

    def _index(self) -> int:
        self.review.response(self._question_id)  # refreshes the review's index if it is stale
        return self.review.positions[self._question_id]

    # -- showing a question ----------------------------------------------------------------

    def show(self, question_id: str, *, focus: str = "answer") -> None:
        """Fill the screen with one question and put the focus where the reviewer types next."""
        if self._question_id and self._question_id != question_id:
            self._keep_typed_text()
            self.wizard.leaving_question()
        if question_id != self._question_id:
            self._said = ""
        self._question_id = question_id
        response = self.response
        guidance = ""
        with contextlib.suppress(KeyError):
            guidance = self.questionnaire.question(question_id).guidance
        self._filling = True
        show_text(self.query_one("#question-text", Static), response.text)
        self._set_optional("#hint", response.hint)
        self._set_optional("#guidance", guidance)
        skipped = self.review.skip_reason(response) if self.review.is_skipped(response) else ""
        self._set_optional("#skipped", f"SKIPPED. {skipped} You can still answer it." if skipped else "")
        self._filling = False
        self._fill_fields()
        self._refresh_status()
        body = self.query_one("#body", VerticalScroll)
        if body.scroll_y:
            body.scroll_home(animate=False)
        target = self.query_one(f"#{focus if focus in FIELDS else 'answer'}")
        if self.focused is not target:
            self._focus_field(target)
        self._move_cursor(focus)
        self._show_passages()
        self.refresh_bindings()  # cite and accept-previous depend on the question (see check_action)

    def _fill_fields(self) -> None:
        if not self._ready:
            return
        response = self.response
        self._filling = True
        self.query_one("#qualifier", Input).value = response.qualifier
        for area in self._text_areas():
            if area.text != getattr(response, str(area.id)):  # loading re-wraps the whole text
                area.load_text(getattr(response, str(area.id)))
        self.query_one("#evidence", EvidenceList).show(response.evidence)
        self._filling = False

    def _set_optional(self, selector: str, text: str) -> None:
        widget = self.query_one(selector, Static)
        show_text(widget, text)
        widget.display = bool(text)

    def _refresh_status(self) -> None:
        response = self.response
        index, total = self._index() + 1, len(self.review.responses)
        answered, _ = self.review.progress()
        self.query_one("#answer", AnswerBar).show(response.answer)
        if self._previous is not None:
            self._previous.show(response)
        self.query_one(EvidenceLine).show(response.evidence, self._said)
        status = (index, total, answered, response.flagged)
        if status == self._progress_shown:
            return
        self._progress_shown = status
        filled = round(BAR_WIDTH * answered / total)
        line = Text(f"Question {index} of {total} ", style="bold")
        line.append("━" * filled, style="green").append("━" * (BAR_WIDTH - filled), style="dim")
        line.append(f" {answered}/{total} done")
        if response.flagged:
            line.append("  ⚑ FLAGGED", style="bold red")
        self.query_one("#progress-line", Static).update(line, layout=False)  # always one line

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The finder's and the re-review's keys are offered only where they can act."""
        if not self._question_id:
            return True
        if action in ("cite_passage", "undo_citation"):
            return bool(self.review.sources)
        if action in ("accept_previous", "expand_previous"):
            return self.response.previous is not None
        return True

    def _move_cursor(self, field: str) -> None:
        """Record where the reviewer is, down to the line and column in the detail or notes:
        saved for resuming, but not an edit (the review's `updated` time stays)."""
        if field not in FIELDS or self.read_only:
            return
        row = column = 0
        area = self._area(field)
        if area is not None:
            row, column = area.cursor_location
        cursor = Cursor(question=self._question_id, field=field, row=row, column=column)
        if self.review.cursor != cursor:
            self.review.move_cursor(cursor)
            self.wizard.changed(quiet=True)

    def _area(self, field: str) -> TextArea | None:
        return next((area for area in self._areas if area.id == field), None)

    def on_text_area_selection_changed(self, event: TextArea.SelectionChanged) -> None:
        if not self._filling and self.focused is event.text_area and self._question_id:
            self._move_cursor(str(event.text_area.id))

    def _focus_field(self, field: Widget) -> None:
        """Focus without Textual's centring: the fields overflow the screen at 80x24, and
        centring the detail scrolled the guidance above it out of sight. This scrolls only
        when the field is not already in view."""
        field.focus(scroll_visible=False)
        field.scroll_visible(animate=False)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if event.widget.id in FIELDS and self._question_id:
            self._move_cursor(event.widget.id)
        self._mark_label(event.widget.id)

    def _mark_label(self, focused: str | None) -> None:
        """The focused field is shown by its label, one line, rather than by restyling the
        whole field: the detail's six lines were repainted (and sent over SSH) each time the
        focus came or went, which an answer key followed by ctrl+n does on every question."""
        for label in self.query(".field-label"):
            label.set_class(label.id == f"{focused}-label", "-focused")

    # -- editing ---------------------------------------------------------------------------

    def _changed(self) -> None:
        self._refresh_status()
        self.wizard.changed()

    @on(AnswerBar.Picked)
    def answer(self, event: AnswerBar.Picked) -> None:
        if not self.editable():
            return
        record_answer(self.review, self.questionnaire, self._question_id, event.label)
        self._changed()
        if event.move_on:
            self._go(1)
            return
        if not self._ready:  # answered before the fields arrived: _add_fields takes over
            self._focus_when_ready = "detail"
            return
        detail = cast("TextArea", self.query_one("#detail"))
        if event.label == UNKNOWN and detail.text != self.response.detail:
            self._filling = True
            detail.load_text(self.response.detail)
            detail.move_cursor(detail.document.end)
            self._filling = False
        self._focus_field(detail)

    @on(AnswerBar.TypedAhead)
    def typed_ahead(self, event: AnswerBar.TypedAhead) -> None:
        if self.read_only:
            return
        if self._ready:
            cast("TextArea", self.query_one("#detail")).insert(event.text)
        else:  # the fields are on their way: _add_fields types it in
            self._typed_ahead += event.text

    def _show_detail_length(self) -> None:
        """The detail box has no scrollbar (restyling one on each focus change laid out the
        whole screen: an answer key, then ctrl+n, on every question), so its label says when
        the text is longer than the box."""
        detail = self._areas[0]
        shown = detail.scrollable_content_region.height
        lines = detail.wrapped_document.height
        if shown:
            show_text(self.query_one("#detail-label", Label), "Detail" if lines <= shown else
                      f"Detail: {lines} lines, {shown} shown (the cursor scrolls; {self._editor_key} opens an editor)")

    def _text_areas(self) -> list[TextArea]:
        """The detail and notes areas, once they are mounted (see on_mount)."""
        return self._areas

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if event.text_area.id == "detail":  # typed, or loaded for another question
            self._show_detail_length()
        if self._filling or self.read_only or event.text_area.id not in ("detail", "notes"):
            return
        self._set_text(**{event.text_area.id: event.text_area.text})

    @on(Input.Changed, "#qualifier")
    def qualifier_changed(self, event: Input.Changed) -> None:
        if not self._filling and not self.read_only:
            self._set_text(qualifier=event.value)

    @on(Input.Submitted, "#qualifier")
    def qualifier_done(self) -> None:
        self._focus_field(self.query_one("#detail"))

    def _set_text(self, **fields: str) -> None:
        if all(getattr(self.response, name) == text for name, text in fields.items()):
            return  # a field filled with the question's own text reports a change that is none
        try:
            set_text(self.review, self._question_id, **fields)
        except InputError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        self.wizard.text_changed(self._question_id, fields)

    def set_detail(self, text: str) -> None:
        """Text from the full-size editor."""
        self._set_text(detail=text)
        cast("TextArea", self.query_one("#detail")).load_text(self.response.detail)

    def _evidence_changed(self, said: str) -> None:
        """The evidence line is the confirmation: a toast would cover the passages."""
        self._said = said
        if self._ready:
            self.query_one("#evidence", EvidenceList).show(self.response.evidence)
        self._changed()

    def add_evidence(self, evidence: Evidence) -> None:
        self.review.update(self._question_id, evidence=[*self.response.evidence, evidence])
        self._evidence_changed("link added")

    @on(EvidenceList.Remove)
    def remove_evidence(self, event: EvidenceList.Remove) -> None:
        if not self.editable():
            return
        evidence = list(self.response.evidence)
        removed = evidence.pop(event.index)
        self.review.update(self._question_id, evidence=evidence)
        self._evidence_changed(f"removed {removed.where}")

    # -- actions -----------------------------------------------------------------------------

    def _after_typing(self, move: Callable[[], None]) -> None:
        """Move once the keys already on their way to the focused field are in it: a priority
        key is handled as it arrives, ahead of them (the wizard crash harness saw the end of
        a detail typed fast before ctrl+n land in the next question's detail)."""
        focused = self.focused
        if focused is None:
            move()
        else:
            focused.call_later(move)

    def _keep_typed_text(self) -> None:
        """The fields' text into the question being left, even while their change events are
        still on their way (they arrive after the fields show the next question)."""
        if not self._ready or self.read_only:
            return
        typed = {str(area.id): area.text for area in self._text_areas()}
        typed["qualifier"] = self.query_one("#qualifier", Input).value
        if any(getattr(self.response, name) != text for name, text in typed.items()):
            self._set_text(**typed)

    def _go(self, step: int) -> None:
        """Next or previous, stepping over questions whose condition is unmet."""
        questions = self.review.responses
        index = self._index() + step
        while 0 <= index < len(questions) and self.review.is_skipped(questions[index]):
            index += step
        if index >= len(questions):
            self.action_export()
        elif index < 0:
            self.notify("This is the first question.")
        else:
            self.show(questions[index].id)

    def action_next_question(self) -> None:
        self._after_typing(lambda: self._go(1))

    def action_previous_question(self) -> None:
        self._after_typing(lambda: self._go(-1))

    def _jump_to_next(self, candidates: list[Response], what: str) -> None:
        ids = [r.id for r in candidates]
        if not ids:
            self.notify(f"No {what} questions.")
            return
        order = [r.id for r in self.review.responses]
        here = order.index(self._question_id)
        after = [i for i in ids if order.index(i) > here] or ids
        self.show(after[0])

    def action_next_unanswered(self) -> None:
        self._after_typing(lambda: self._jump_to_next(self.review.unanswered(), "unanswered"))

    def action_next_flagged(self) -> None:
        self._after_typing(lambda: self._jump_to_next(self.review.flagged(), "flagged"))

    def action_flag(self) -> None:
        if self.editable():
            self.review.update(self._question_id, flagged=not self.response.flagged)
            self._changed()

    def action_focus_notes(self) -> None:
        """The notes sit below the fold at 80x24 with the passages open: one key there and back."""
        if not self._ready:
            return
        notes, detail = self._areas[1], self._areas[0]
        self._focus_field(detail if self.focused is notes else notes)

    def action_add_evidence(self) -> None:
        if not self.editable():
            return
        from .evidence import EvidenceDialog

        def added(evidence: Evidence | None) -> None:
            if evidence is not None:
                self.add_evidence(evidence)

        self.app.push_screen(EvidenceDialog(), added)

    def action_edit_external(self) -> None:
        if self.editable():
            from .editor import edit_long_text

            edit_long_text(self.wizard, self.response.detail, self.set_detail)

    def action_overview(self) -> None:
        self.wizard.leaving_question()
        self.wizard.navigate(Go("overview"))

    def action_sections(self) -> None:
        self.wizard.leaving_question()
        self.wizard.navigate(Go("sections"))

    def action_export(self) -> None:
        self.wizard.leaving_question()
        self.wizard.navigate(Go("finish"))

    # -- the evidence finder: the passages panel ---------------------------------------------

    async def _mount_passages(self) -> None:
        """Mount the panel with the first source, remove it with the last. The panel's
        module (and the ranking behind it) is not even imported before then."""
        panel = self._passages
        if self.review.sources and panel is None:
            from ..widgets.passage_panel import PassagePanel

            panel = self._passages = PassagePanel(self.review, self.wizard.questionnaire, id="passages")
            await self.mount_all([panel, panel.folded_line], before=self.query_one(Footer))
        elif not self.review.sources and panel is not None:
            self._passages = None
            await panel.folded_line.remove()
            await panel.remove()
        self._show_passages()
        self.refresh_bindings()

    def _show_passages(self) -> None:
        if self._passages is not None and self.review.sources:
            self._passages.show_question(self._question_id)

    def on_passage_panel_cite_requested(self, _: PassagePanel.CiteRequested) -> None:
        self.action_cite_passage()

    def action_focus_passages(self) -> None:
        """One key to the passages (highlight on the best one) and back to the detail."""
        panel = self._passages
        if panel is None:
            self.notify(f"No sources attached ({key_display(self, 'sources')} attaches one).", markup=False)
        elif self.focused is panel:
            self.query_one("#detail").focus()
        else:
            panel.highlight_best()

    def action_toggle_passages(self) -> None:
        panel = self._passages
        if panel is None:
            return
        panel.toggle_fold()
        if not panel.display and self.focused is panel:
            self.query_one("#detail").focus()

    def action_cite_passage(self) -> None:
        if not self.editable():
            return
        if self._passages is None:  # sources, but the panel is still on its way
            self.notify("No passage to cite for this question.", severity="warning")
            return
        said = self._passages.cite()
        if said is not None:
            self._evidence_changed(said)

    def action_undo_citation(self) -> None:
        """Undo acts on the question on screen only (citations are kept per question, in
        memory: a resumed review starts with nothing to undo), and says what it removed."""
        if self.editable():
            panel = self._passages
            self._evidence_changed(panel.undo() if panel else "nothing to undo on this question")

    def action_edit_quote(self) -> None:
        """Trim a quote: on the passages, the one about to be cited; on the evidence list, the
        highlighted item; elsewhere, the question's newest evidence item."""
        if not self.editable():
            return
        from .quote_editor import QuoteEditor

        panel = self._passages
        if panel is not None and self.focused is panel:
            quote = panel.quote_to_cite()
            if quote is None:
                return

            def cite_trimmed(text: str | None) -> None:
                said = panel.cite_trimmed(text) if text is not None else None
                if said is not None:
                    self._evidence_changed(said)

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
            from ...core.sources.citing import Citation, requote

            try:
                citation = requote(self.review, Citation(self.response.id, item), text)
            except InputError as error:
                self.notify(str(error), severity="error", markup=False)
                return
            if self._passages is not None:
                self._passages.evidence_replaced(item, citation.evidence)
            self._evidence_changed("quote trimmed")

        self.app.push_screen(QuoteEditor(f"Quote of {item.label or item.url}", item.quote), trimmed)

    def action_sources(self) -> None:
        from .sources import SourcesDialog

        async def closed(_: None) -> None:
            await self._mount_passages()

        self.app.push_screen(SourcesDialog(), closed)

    # -- a re-review: last review's answer -----------------------------------------------------

    async def _add_previous_answer(self) -> None:
        if self._previous is None and any(r.previous is not None for r in self.review.responses):
            from ..widgets.previous_answer import PreviousAnswerLine

            self._previous = PreviousAnswerLine(id="previous")
            await self.query_one("#head").mount(self._previous, after=self.query_one(AnswerBar))
            self._previous.show(self.response)

    def action_expand_previous(self) -> None:
        """Read last review's whole detail (again: back to two lines) before accepting it."""
        if self._previous is not None and self.response.previous is not None:
            self._previous.toggle_whole(self.response)

    def action_accept_previous(self) -> None:
        if not self.editable():
            return
        from ...core.rereview import accept_previous

        try:
            accept_previous(self.review, self.response.id)
        except InputError as error:
            self.notify(str(error), severity="warning", markup=False)
            return
        self._fill_fields()
        self._said = "last review's answer accepted unchanged"  # on the evidence line, no toast
        self._changed()


def show_text(widget: Static, text: str) -> None:
    """Moving between questions leaves most lines as they were (an empty hint stays empty), and
    a changed one is laid out again only when its height changes: a layout pass reflows the
    whole screen, and most questions wrap to as many lines as the one before."""
    if widget.content == text:
        return
    widget.update(text, layout=False)
    width = widget.size.width
    # Textual passes a widget's RenderStyles to get_height itself; its annotation says RulesMap.
    if not width or widget.visual.get_height(widget.styles, width) != widget.size.height:  # type: ignore[arg-type]
        widget.refresh(layout=True)
