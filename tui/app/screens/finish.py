"""The end of a review: counts, what is missing, a preview of the page, and the export."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Label, Static

from ...core.errors import InputError
from ...core.rereview import compare_reviews, describe_changes, previous_review, to_recheck
from ...core.review import Review
from ...core.summary import review_summary
from ...core.wikipage.exporting import export_to_file
from ...core.wikipage.render import render_page
from ..bindings import bind
from ..paths import shown
from ..widgets.key_footer import KeyFooter
from ..widgets.save_indicator import SaveIndicator
from .base import Go, WizardScreen

if TYPE_CHECKING:
    from markdown_it import MarkdownIt


BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)


def preview_parser() -> MarkdownIt:
    """Textual's own parser plus front-matter, which it would otherwise show as a heading,
    and `<br>` as a line break: the page breaks lines inside table cells with it, which
    Textual drops as HTML (the preview read `ciphers.Evidence:`)."""
    from markdown_it import MarkdownIt
    from markdown_it.rules_core import StateCore
    from mdit_py_plugins.front_matter import front_matter_plugin

    def breaks(state: StateCore) -> None:
        for token in state.tokens:
            for child in token.children or ():
                if child.type == "html_inline" and BREAK.fullmatch(child.content.strip()):
                    child.type, child.content = "hardbreak", ""

    parser = MarkdownIt("gfm-like").use(front_matter_plugin)
    parser.core.ruler.push("br_as_line_break", breaks)
    return parser


class FinishScreen(WizardScreen[Go | None]):
    BINDINGS = [
        bind("export", "export_page", label="Export"),
        bind("close", "back", label="Back"),
        bind("next_unanswered", label="Unanswered"),
        bind("overview", label="Overview"),
        bind("publish", label="Publish", priority=False),
        bind("copy_page", label="Copy", priority=False),
    ]
    help_text = "Export writes exports/NAME.md again each time; the preview shows what the wiki will get."

    def compose(self) -> ComposeResult:
        from textual.widgets import Markdown

        session = self.wizard.session
        assert session is not None
        if self.wizard.autosave:  # saved before the page is rendered: what was typed is on disk first
            self.wizard.autosave.save_now()
        review = session.review
        summary = review_summary(review)
        answered, total = review.progress()
        yield Label(f"Finish: {review.title()}", classes="dialog-title", markup=False)
        yield SaveIndicator(id="save")
        with VerticalScroll(id="finish-body"):
            counts = Counter(summary["answers"])
            line = Text(f"{answered} of {total} done.  ", style="bold")
            line.append("  ".join(f"{label}: {count}" for label, count in counts.items()) or "No answers yet.")
            yield Static(line, id="counts")
            numbers = {r.id: n for n, r in enumerate(review.responses, 1)}
            unanswered = review.unanswered()
            if unanswered:
                yield Static(Text(f"⚠ {len(unanswered)} unanswered, exported with empty cells: questions "
                                  + ", ".join(str(numbers[r.id]) for r in unanswered), style="bold"),
                             id="unanswered", classes="warning")
            flagged = review.flagged()
            if flagged:
                yield Static(Text("⚑ flagged for follow-up: questions "
                                  + ", ".join(str(numbers[r.id]) for r in flagged)), id="flagged")
            if any(r.previous is not None for r in review.responses):
                yield from self._comparison(review)
            yield Static(Text(f"f8 exports to {shown(self._target())}", style="dim"), id="target")
            yield Static(id="result", markup=False)
            yield Markdown(render_page(review), parser_factory=preview_parser, id="preview")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#finish-body").focus()

    def _comparison(self, review: Review) -> ComposeResult:
        """A re-review: what changed since the previous review, as `vendor-review diff` says it."""
        changes = compare_reviews(previous_review(review), review)
        lines = describe_changes(changes)
        recheck = len(to_recheck(review))
        heading = Text(f"Changes since the previous review: {len(changes)}", style="bold")
        if recheck:
            heading.append(f"; {recheck} questions still to re-check", style="bold")
        yield Static(heading, id="changes-title", classes="field-label")
        yield Static(Text("\n".join(lines) if lines else "No changes: every answer as last time."), id="changes")

    def _target(self) -> Path:
        assert self.wizard.session is not None
        return self.wizard.workspace.export_path(self.wizard.session.path)

    def action_export_page(self) -> None:
        assert self.wizard.session is not None
        if self.wizard.autosave:
            self.wizard.autosave.save_now()
        target = self._target()
        result = self.query_one("#result", Static)
        try:
            export_to_file(self.wizard.session.review, target)
        except InputError as error:
            result.update(f"✗ Not exported: {error}")
            result.set_classes("error")
            return
        unanswered = len(self.wizard.session.review.unanswered())
        warning = f" ({unanswered} questions still unanswered)" if unanswered else ""
        result.update(f"✓ Exported to {shown(target)}{warning}")
        result.set_classes("ok")

    def action_publish(self) -> None:
        """Publish as `vendor-review publish --push` does, in a thread: git may take a while
        over the network, and the screen stays responsive meanwhile."""
        if not self.editable():
            return
        assert self.wizard.session is not None
        if self.wizard.autosave:
            self.wizard.autosave.save_now()
        self._show_result("… publishing", "dim")
        self.run_worker(self._publish, thread=True, exclusive=True, group="publish")

    def _publish(self) -> None:
        from ...core.publishing.git import Git
        from ...core.publishing.to_git import publish_to_git, wiki_clone

        wizard = self.wizard
        session, workspace = wizard.session, wizard.workspace
        assert session is not None and wizard.questionnaire is not None
        settings = workspace.settings
        try:
            clone = wiki_clone(None, settings.wiki, workspace.root)
            push = Git(clone).upstream() is not None
            result = publish_to_git(session.review, wizard.questionnaire, clone, name=session.path.stem,
                                    settings=settings.wiki, author=settings.author, push=push)
        except InputError as error:
            self.app.call_from_thread(self._show_result, f"✗ Not published: {error}", "error")
            return
        self.app.call_from_thread(self._published, result.path)

    def _published(self, path: str) -> None:
        self.wizard.changed()  # the record of what was published, saved like any edit
        self._show_result(f"✓ Published /{path}", "ok")

    def _show_result(self, text: str, style: str) -> None:
        result = self.query_one("#result", Static)
        result.update(text)
        result.set_classes(style)

    def action_copy_page(self) -> None:
        """The page through the terminal (OSC 52), which reaches the reviewer's own clipboard
        over SSH and tmux, for pasting into the Wiki.js editor by hand."""
        assert self.wizard.session is not None
        page = render_page(self.wizard.session.review)
        self.app.copy_to_clipboard(page)
        result = self.query_one("#result", Static)
        result.update(f"✓ Copied the page ({len(page.encode('utf-8')):,} bytes) through the terminal: "
                      "paste it into the Wiki.js editor (tmux needs `set -g set-clipboard on`)")
        result.set_classes("ok")

    def action_back(self) -> None:
        self.dismiss(None)

    def action_next_unanswered(self) -> None:
        self.dismiss(Go("next_unanswered"))

    def action_overview(self) -> None:
        self.dismiss(Go("overview"))
