"""Attaching and removing the vendor pages the evidence finder reads.

Three fields: location (path or URL), web address (for a saved file) and title. Enter moves
field to field and Enter on the title attaches, so a saved file is never attached before its web
address is given (its passages could not be cited). The page starts loading, in a daemon
thread (see `background`), as the reviewer leaves the location field, so the title field is
prefilled with the page's own title while the web address is typed; the core's `load_source` finishes the whole document before
anything touches the review, and `attach_source` adds it in one step, so a failure leaves nothing
half-attached.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from ...core.errors import InputError
from ...core.review import Source
from ...core.sources.attaching import attach_source, load_source, retitled, set_source_title, set_source_url
from ..background import in_daemon_thread
from ..bindings import bind, key_display
from ..widgets.reversible_option_list import ReversibleOptionList
from .base import WizardDialog
from .form_fields import NEXT_FIELD, FormFields


def source_line(number: int, source: Source) -> Text:
    line = Text(f"{number}. ", style="bold")
    line.append(source.title or source.location, style="bold")
    line.append(f"  {len(source.passages)} passages, captured {source.captured:%Y-%m-%d}", style="dim")
    if source.title:
        line.append(f"\n   {source.location}", style="dim")
    if source.url is not None and source.url != source.location:
        line.append(f"\n   web address: {source.url}", style="dim")
    if source.url is None and source.is_document:
        line.append("\n   no web address: cited by title and page or row, without a link", style="italic")
    elif source.url is None:
        line.append("\n   no web address: its passages cannot be cited", style="italic")
    return line


class SourcesDialog(FormFields, WizardDialog[None]):
    form_fields = ("location", "url", "title")
    BINDINGS = [bind("close", "close", label="Close"), bind("remove_source", priority=False), NEXT_FIELD]
    help_text = ("Type a file path or an http(s) URL (a page, PDF, xlsx or docx), Enter; for a saved "
                 "file the web address it came from (a saved web page needs one to be cited; a document "
                 "without one is cited by title and page), Enter; the title (prefilled from the page "
                 "or document), Enter attaches. On the list, ctrl+d removes the highlighted source (its citations stay).")

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label("Sources: the vendor's security pages", classes="dialog-title")
            yield Input(placeholder="file path or http(s) URL, then Enter", id="location")
            yield Input(placeholder="web address a saved file came from (for citing), then Enter", id="url")
            yield Input(placeholder="title (prefilled from the page), Enter attaches", id="title")
            yield Static(id="source-status", markup=False)
            yield ReversibleOptionList(id="sources-list")
            yield Static(f"{key_display(self, 'remove_source')} removes the highlighted source (its citations stay) · "
                         f"{key_display(self, 'close')} closes", classes="dim", markup=False)

    def on_mount(self) -> None:
        self._loaded: Source | None = None  # the page read for the location now typed
        self._reading = ""  # the location being read, "" when none is
        self._attach_when_loaded = False
        self._show_sources()
        self.query_one("#location").focus()

    def _show_sources(self) -> None:
        sources = self.wizard.session.review.sources if self.wizard.session else []
        listing = self.query_one("#sources-list", OptionList)
        listing.clear_options()
        if not sources:
            listing.add_option(Option(Text("No sources attached yet.", style="dim"), disabled=True))
        for number, source in enumerate(sources, 1):
            listing.add_option(Option(source_line(number, source), id=str(number - 1)))
        if sources:
            listing.highlighted = 0

    def _status(self, text: str, style: str = "") -> None:
        status = self.query_one("#source-status", Static)
        status.update(text)
        status.set_classes(style)

    def _value(self, field: str) -> str:
        return self.query_one(f"#{field}", Input).value.strip()

    def action_next_field(self) -> None:
        """Leaving the location starts reading it, so the title is there when the reviewer is."""
        if isinstance(self.focused, Input) and self.focused.id == "location":
            self._load()
        super().action_next_field()

    def _load(self) -> None:
        location = self._value("location")
        if not location or location == self._reading:
            return
        if self._loaded is not None and self._loaded.location in (location, _as_path(location)):
            return
        self._loaded = None
        self._reading = location
        self._status(f"Loading {location}…", "warning")
        # Not a thread worker: those are joined at exit, and a slow page would hold up quitting.
        self.run_worker(in_daemon_thread(partial(load_source, location)), group="source", exit_on_error=False)

    def submit_form(self) -> None:
        session = self.wizard.session
        if session is None or session.read_only:
            self._status("This review is open read-only; nothing can be attached.", "error")
            return
        if not self._value("location"):
            self._status("Type a file path or an http(s) URL first.", "error")
            self.query_one("#location").focus()
            return
        attached = self._attached_index(self._value("location"))
        if attached is not None:  # the same page again: its web address and title are changed
            self._change_attached(attached)
            return
        self._attach_when_loaded = True
        self._load()
        if self._loaded is not None:
            self._add_source(self._loaded)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "source":
            return
        event.stop()
        if event.state not in (WorkerState.ERROR, WorkerState.SUCCESS):
            return
        self._reading = ""
        if event.state == WorkerState.ERROR:
            error = event.worker.error
            message = str(error) if isinstance(error, InputError) else f"{error.__class__.__name__}: {error}"
            self._status(f"✗ Not attached: {message}", "error")
            self._attach_when_loaded = False
            self.query_one("#location").focus()
            return
        source = event.worker.result
        assert isinstance(source, Source), "a worker that succeeded returns the source it loaded"
        if source.location not in (self._value("location"), _as_path(self._value("location"))):
            self._load()  # the location was changed while the old one loaded
            return
        self._loaded = source
        title = self.query_one("#title", Input)
        if not title.value and source.title:
            title.value = source.title
        self._status(f"Read {len(source.passages)} passages; Enter on the title attaches.", "")
        if self._attach_when_loaded:
            self._add_source(source)

    def _add_source(self, source: Source) -> None:
        session = self.wizard.session
        assert session is not None
        self._attach_when_loaded = False
        try:
            number = attach_source(session.review, retitled(source, url=self._value("url") or None,
                                                            title=self._value("title")))
        except InputError as error:
            self._status(f"✗ Not attached: {error}", "error")
            return
        attached = session.review.sources[number - 1]
        self.wizard.changed()
        self._status(f"✓ Attached as source {number}: {len(attached.passages)} passages.", "ok")
        self._loaded = None
        for field in self.form_fields:
            self.query_one(f"#{field}", Input).value = ""
        self.query_one("#location").focus()
        self._show_sources()

    def _attached_index(self, location: str) -> int | None:
        sources = self.wizard.session.review.sources if self.wizard.session else []
        return next((i for i, s in enumerate(sources) if s.location in (location, _as_path(location))), None)

    def _change_attached(self, index: int) -> None:
        session = self.wizard.session
        assert session is not None
        try:
            if self._value("url"):
                set_source_url(session.review, index, self._value("url"))
            if self._value("title"):
                set_source_title(session.review, index, self._value("title"))
        except InputError as error:
            self._status(f"✗ Not changed: {error}", "error")
            return
        self.wizard.changed()
        self._status(f"✓ Source {index + 1} changed (it was attached already).", "ok")
        for field in self.form_fields:
            self.query_one(f"#{field}", Input).value = ""
        self.query_one("#location").focus()
        self._show_sources()

    def action_remove_source(self) -> None:
        session = self.wizard.session
        option = self.query_one("#sources-list", OptionList).highlighted_option
        if session is None or option is None or option.id is None:
            return
        if session.read_only:
            self._status("This review is open read-only; nothing can be removed.", "error")
            return
        removed = session.review.detach_source(int(option.id))
        self.wizard.changed()
        self._status(f"Removed {removed.location}", "ok")
        self._show_sources()

    def action_close(self) -> None:
        self.dismiss(None)


def _as_path(location: str) -> str:
    """How `load_source` names a file it read: its absolute path."""
    return location if "://" in location else str(Path(location).expanduser().resolve())
