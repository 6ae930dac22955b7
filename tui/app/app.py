"""The wizard's App: owns the open review, its autosave and every screen change.

Screens call back into the app (`changed`, `navigate`, ...) and the app calls the core;
nothing here decides what an answer means or how a page looks. Which screen opens next is
decided here only (`navigate` and the table `SCREENS`): a screen returns where it wants to go
with `dismiss(Go(...))` and never opens, finds or calls another screen. Dialogs (evidence,
quotes, sources, the editor) return their result to the screen that asked for them.
"""

from __future__ import annotations

import asyncio
import gc
import os
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events
from textual.app import App, SystemCommand
from textual.reactive import var
from textual.screen import Screen
from textual.worker import Worker

from ..core.errors import InputError
from ..core.workspace import Workspace
from .bindings import bind
from .hangup import HangupWatch
from .keymap import DEFAULT_KEYS, DESCRIPTIONS

if TYPE_CHECKING:
    from textual.notifications import SeverityLevel
    from textual.widget import AwaitMount

    from ..core.questionnaire import Questionnaire
    from ..core.store import OpenReview
    from .autosave import Autosave
    from .screens.base import Go
    from .screens.question import QuestionScreen


# The navigation table: the screens that open over the question screen, by the destination a
# `Go` names, each made for the question on screen. They are imported when first opened, so
# the first question's paint does not wait for them.
def _overview(question_id: str) -> Screen[Go | None]:
    from .screens.overview import OverviewScreen

    return OverviewScreen(question_id)


def _sections(question_id: str) -> Screen[Go | None]:
    from .screens.sections import SectionsScreen

    return SectionsScreen()


def _finish(question_id: str) -> Screen[Go | None]:
    from .screens.finish import FinishScreen

    return FinishScreen()


SCREENS: dict[str, Callable[[str], Screen[Go | None]]] = {
    "overview": _overview,
    "sections": _sections,
    "finish": _finish,
}


class ReviewApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "vendor-review"
    COMMAND_PALETTE_BINDING = "ctrl+backslash"
    BINDINGS = [
        bind("quit", "save_and_quit"),
        # Not a priority key: in a text field `?` is typed; everywhere else it opens the help.
        bind("help", "show_keys", show=False, priority=False),
        bind("command_palette", show=False),
    ]

    # A var, not a reactive: a reactive on the app repaints the whole screen on every change,
    # and this one changes twice per edit. The indicator watches it and repaints itself.
    save_status: var[str] = var("saved")

    def __init__(self, workspace: Workspace, *, session_path: Path | None = None,
                 read_only: bool = False, theme: str = "", keymap: dict[str, str] | None = None) -> None:
        # With NO_COLOR, Textual alone draws in shades of grey; no-color.org asks for no colour
        # at all, which is its "native ANSI" mode: every colour becomes the terminal's default.
        super().__init__(ansi_color=True if "NO_COLOR" in os.environ else None)
        self.workspace = workspace
        self.session: OpenReview | None = None
        self.questionnaire: Questionnaire | None = None
        self.autosave: Autosave | None = None
        self._review_screen: QuestionScreen | None = None  # the open review's, under all others
        self._first_session = session_path
        self._open_read_only = read_only
        self._quit_despite_failure = False
        self._held_input: list[events.Key | events.Paste] | None = None  # see _open_first_session
        self._replaying: events.Event | None = None
        self._toasts_up: dict[tuple[str, str, str], float] = {}  # message -> until when it shows
        self._hangup: HangupWatch | None = None
        if theme:
            self.theme = theme
        # Quick mode is not a binding: the answer line reads it (see keymap.answer_and_next).
        self.quick_answers = (keymap or {}).get("answer_and_next", DEFAULT_KEYS["answer_and_next"]) != "none"
        if keymap:
            self.set_keymap(keymap)

    # -- start-up and shutdown -----------------------------------------------------------

    def on_mount(self) -> None:
        if not self.is_headless:  # a real terminal, which can go away (tests drive none)
            loop = asyncio.get_running_loop()
            self._hangup = HangupWatch(lambda: loop.call_soon_threadsafe(self._save_and_exit_on_signal),
                                       self._save_when_the_loop_cannot)
            self._hangup.install()
        if self._first_session is not None:
            self._open_first_session(self._first_session)
        else:
            self.show_start()

    def _open_first_session(self, path: Path) -> None:
        """Paint the question from a preview of the file at once, then open the review for
        real (pydantic, the lock, validation) right after that first frame. Keys typed in
        between are held and handed to the question screen once it is ready, so nothing can
        be changed before the review is validated and locked."""
        from .screens.opening import opening_screen

        screen = opening_screen(self.workspace, path)
        if screen is None:
            self.open_session(path, read_only=self._open_read_only)
            return
        self._held_input = []
        self.push_screen(screen)
        self.call_after_refresh(self._finish_opening, path)

    async def _finish_opening(self, path: Path) -> None:
        mounted = self.open_session(path, read_only=self._open_read_only)
        if mounted is not None:
            await mounted
        if self.session is None:  # refused: the start screen takes the keys
            self.accept_input()

    def accept_input(self) -> None:
        """The question screen is ready: hand it the keys typed while it was being opened."""
        # What exists now (Textual, the open review, its screen) lives as long as the review is
        # open, so it is kept out of the collector's full passes: at 2,000 questions each took
        # up to 0.1 s and showed as a key that stalled now and then.
        gc.freeze()
        if self._held_input is not None:
            self.run_worker(self._replay_held_input(), group="held-input")

    async def _replay_held_input(self) -> None:
        """One key at a time, each once every widget has handled the one before (an answer
        key moves the focus to the detail, where the next letter must land). Keys typed
        during the replay join the queue, so the order is kept."""
        while self._held_input:
            self._replaying = self._held_input.pop(0)
            self.post_message(self._replaying)
            for _ in range(3):  # app -> focused widget -> its screen -> app (the focus change)
                await self._settled()
        self._held_input = None

    async def _settled(self) -> None:
        """Every node of the screen, and the app, has handled what was queued before now."""
        nodes = [self, *self.screen.walk_children(with_self=True)]
        waiting = [asyncio.Event() for _ in nodes]
        for node, done in zip(nodes, waiting, strict=True):
            if not node.call_later(done.set):
                done.set()
        for done in waiting:
            await done.wait()

    async def on_event(self, event: events.Event) -> None:
        if (self._held_input is not None and isinstance(event, (events.Key, events.Paste))
                and not event.is_forwarded and event is not self._replaying):
            self._held_input.append(event)
            return
        await super().on_event(event)

    def on_unmount(self) -> None:
        """Every way out passes here (a quit, a hangup, Textual's own exit when the terminal
        fails), before Textual's last writes to a terminal that may be gone: save first."""
        self._saved_for_exit()

    def _save_and_exit_on_signal(self) -> None:
        """A dropped SSH connection (SIGHUP), a shutdown (SIGTERM) or the end of the terminal's
        input: save, release, leave. The hangup watch ends the process if leaving blocks."""
        self._saved_for_exit()
        self.exit()

    def _saved_for_exit(self) -> None:
        failure = self.close_session()
        if self._hangup:
            self._hangup.saved(failure is None)

    def _save_when_the_loop_cannot(self, timeout: float) -> bool:
        """The hangup watch's own save, on its thread, when the loop did not save in time."""
        autosave = self.autosave
        return autosave is None or autosave.save_at_exit(timeout)

    async def action_save_and_quit(self) -> None:
        failure = self.autosave.save_now() if self.autosave else None
        if failure and not self._quit_despite_failure:
            self._quit_despite_failure = True
            self.notify(f"Could not save: {failure}. Your text is kept here; fix the cause, "
                        "or press quit again to leave without saving.",
                        severity="error", timeout=15, markup=False)
            return
        self.close_session()
        self.exit()

    # -- the open review -----------------------------------------------------------------

    def open_session(self, path: Path, *, read_only: bool = False) -> AwaitMount | None:
        """Open a review for editing (or read-only when asked, or when someone holds it).
        Returns what to await for its question screen to be mounted (None when refused)."""
        from ..core.store import open_review
        from .autosave import Autosave

        session = None
        try:
            session = open_review(path, allow_read_only=True, read_only=read_only)
            review = session.review
            questionnaire = self.workspace.questionnaire(review.questionnaire, review.snapshot_strings())
        except InputError as error:
            if session is not None:
                session.close()
            self.notify(str(error), title="Cannot open the review", severity="error", markup=False)
            self.show_start()
            return None
        self.close_session()
        self.session, self.questionnaire = session, questionnaire
        self.autosave = Autosave(self, session)
        self.save_status = "read-only" if session.read_only else "saved"
        from .screens.question import QuestionScreen

        self._review_screen = QuestionScreen()
        return self._replace_screens(self._review_screen)

    def close_session(self) -> str | None:
        """Save and release the open review; returns why saving failed, if it did."""
        if self.session is None:
            return None
        failure = self.autosave.save_now() if self.autosave else None
        self.session.close()
        self.session = self.autosave = self.questionnaire = None
        self._review_screen = None
        return failure

    def changed(self, *, quiet: bool = False) -> None:
        """A screen changed the review: save it soon (`quiet`: without showing "saving")."""
        if self.autosave:
            self.autosave.changed(quiet=quiet)

    def text_changed(self, question_id: str, fields: dict[str, str]) -> None:
        """A text field of a question changed: kept where a hangup can save it, then saved soon."""
        if self.autosave:
            self.autosave.typed.record(question_id, fields)
            self.autosave.changed()

    def leaving_question(self) -> None:
        """Save the question being left once the next one is on the screen: a save started
        at once shares the interpreter with drawing it, and the reviewer waits."""
        self.call_after_refresh(self._flush_autosave)

    def _flush_autosave(self) -> None:
        if self.autosave:
            self.autosave.flush()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group == "autosave" and self.autosave:
            self.autosave.worker_finished(event.worker)

    # -- screens -------------------------------------------------------------------------

    def _replace_screens(self, screen: Screen) -> AwaitMount:
        while len(self.screen_stack) > 1:
            self.pop_screen()
        return self.push_screen(screen)

    def show_start(self) -> None:
        from .screens.start import StartScreen

        self.close_session()
        self._replace_screens(StartScreen())

    def show_new_review(self) -> None:
        """The new-review form over the start screen; starting the review opens it (open_session)."""
        from .screens.new_review import NewReviewScreen

        self.push_screen(NewReviewScreen())

    def navigate(self, go: Go | None) -> None:
        """Every change between the open review's screens happens here. The question screen
        asks for one; the screens above it return one with `dismiss` (None: back to the
        question), and this opens what it names, with itself as the result callback."""
        question = self._review_screen
        if go is None or question is None:
            return
        if go.to == "question":
            question.show(go.question_id)
        elif go.to == "next_unanswered":
            question.action_next_unanswered()
        else:
            self.push_screen(SCREENS[go.to](question.question_id), self.navigate)

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        """A message already on screen is not stacked again (nine `accepted` toasts covered
        half the Finish screen); it shows again once its toast has gone."""
        now = time.monotonic()
        key = (message, title, severity)
        if self._toasts_up.get(key, 0.0) > now:
            return
        self._toasts_up = {k: until for k, until in self._toasts_up.items() if until > now}
        self._toasts_up[key] = now + (self.NOTIFICATION_TIMEOUT if timeout is None else timeout)
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    def action_show_keys(self) -> None:
        from .screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.pop_screen()
            return
        self.push_screen(HelpScreen(self.screen))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Every key of the current screen from the key table, by name, once each (not the
        focused text area's cursor movements), then Textual's own (theme, screenshot)."""
        seen: set[str] = set()
        for active in screen.active_bindings.values():
            binding = active.binding
            if (not active.enabled or binding.id not in DESCRIPTIONS or binding.action in seen
                    or binding.action == "command_palette"):
                continue
            seen.add(binding.action)
            node, action = active.node, binding.action
            # The key table's whole sentence: "export" finds "Finish: summary, preview and export".
            yield SystemCommand(DESCRIPTIONS[binding.id], binding.description,
                                lambda node=node, action=action: node.run_action(action))
        for command in super().get_system_commands(screen):
            if command.title not in ("Quit", "Keys"):
                yield command
