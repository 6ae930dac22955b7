"""Attaching and removing the vendor pages the evidence finder reads.

A page may come from the network, so it is loaded in a thread worker (the call goes on while
it downloads); the core's `load_source` finishes the whole document before anything touches the
review, and `attach_source` adds it in one step, so a failure leaves nothing half-attached.
"""

from __future__ import annotations

from functools import partial

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from ...core.errors import InputError
from ...core.review import Source
from ...core.sources.attaching import attach_source, load_source
from ..bindings import bind, key_display
from .base import WizardDialog


def source_line(number: int, source: Source) -> Text:
    line = Text(f"{number}. ", style="bold")
    line.append(source.title or source.location, style="bold")
    line.append(f"  {len(source.passages)} passages, captured {source.captured:%Y-%m-%d}", style="dim")
    if source.title:
        line.append(f"\n   {source.location}", style="dim")
    if source.url is None:
        line.append("\n   no web address: its passages cannot be cited", style="italic")
    return line


class SourcesDialog(WizardDialog[None]):
    BINDINGS = [bind("close", "close", label="Close"), bind("remove_source", priority=False)]
    help_text = ("Type a file path or an http(s) URL and press Enter to attach it; for a saved file, "
                 "give the page's web address too so its passages can be cited. On the list, "
                 "ctrl+d removes the highlighted source (its citations stay).")

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label("Sources: the vendor's security pages", classes="dialog-title")
            yield Input(placeholder="file path or http(s) URL, then Enter", id="location")
            yield Input(placeholder="web address a saved file came from (optional, for citing)", id="url")
            yield Static(id="source-status", markup=False)
            yield OptionList(id="sources-list")
            yield Static(f"{key_display(self, 'remove_source')} removes the highlighted source (its citations stay) · "
                         f"{key_display(self, 'close')} closes", classes="dim", markup=False)

    def on_mount(self) -> None:
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

    @on(Input.Submitted)
    def add(self) -> None:
        session = self.wizard.session
        if session is None or session.read_only:
            self._status("This review is open read-only; nothing can be attached.", "error")
            return
        location = self.query_one("#location", Input).value.strip()
        url = self.query_one("#url", Input).value.strip() or None
        if not location:
            self._status("Type a file path or an http(s) URL first.", "error")
            self.query_one("#location").focus()
            return
        if self.workers:
            return  # one page at a time; the status line says it is loading
        self._status(f"Loading {location}…", "warning")
        self.run_worker(partial(load_source, location, url=url), thread=True, group="source",
                        exit_on_error=False)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "source":
            return
        event.stop()
        session = self.wizard.session
        if event.state == WorkerState.ERROR:
            error = event.worker.error
            message = str(error) if isinstance(error, InputError) else f"{error.__class__.__name__}: {error}"
            self._status(f"✗ Not attached: {message}", "error")
        elif event.state == WorkerState.SUCCESS and session is not None:
            try:
                number = attach_source(session.review, event.worker.result)
            except InputError as error:
                self._status(f"✗ Not attached: {error}", "error")
                return
            source = session.review.sources[number - 1]
            self.wizard.changed()
            self._status(f"✓ Attached as source {number}: {len(source.passages)} passages.", "ok")
            self.query_one("#location", Input).value = ""
            self.query_one("#url", Input).value = ""
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
