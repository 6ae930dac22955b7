"""Saving while the reviewer types: coalesced, in a thread, never losing text on failure.

A change starts a short timer; when it fires the review is written in a thread worker, so a
slow disk never delays a keystroke. Changes made during a save are picked up by the next one.
A failed save (read-only folder, full disk) leaves everything in memory, says why, and retries
until it succeeds. The worker only writes the file; the app owns every widget.
"""

from __future__ import annotations

import contextlib
import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from textual.worker import Worker, WorkerState

from ..core.errors import InputError
from ..core.interview import set_text
from .hangup import TypedText

if TYPE_CHECKING:
    from ..core.store import OpenReview
    from .app import ReviewApp

DELAY = 0.4  # seconds between the first unsaved change and its save
RETRY = 2.0  # seconds between attempts after a failure


class Autosave:
    def __init__(self, app: ReviewApp, session: OpenReview) -> None:
        self._app = app
        self._session = session
        self._write_lock = threading.Lock()  # one writer at a time: a worker or save_now
        self._dirty = False
        self._timer_running = False
        self._worker: Worker[None] | None = None
        self.typed = TypedText()  # what a hangup saves when the loop cannot (see save_at_exit)

    def changed(self, *, quiet: bool = False) -> None:
        """Something in the review changed: save it within DELAY seconds. A quiet change (the
        reviewer only moved) is saved the same way without flashing "saving" on every move."""
        if self._session.read_only:
            return
        self._dirty = True
        if not quiet and not self._app.save_status.startswith("failed"):  # a failure stays visible
            self._app.save_status = "saving"
        if not self._timer_running and self._worker is None:
            self._timer_running = True
            self._app.set_timer(DELAY, self._timer_fired)

    def flush(self) -> None:
        """Start saving now (leaving a question), without waiting for the timer."""
        if self._dirty and self._worker is None:
            self._start_worker()

    def _timer_fired(self) -> None:
        self._timer_running = False
        if self._dirty and self._worker is None:
            self._start_worker()

    def _start_worker(self) -> None:
        self._dirty = False
        self._worker = self._app.run_worker(
            self._write, thread=True, group="autosave", exit_on_error=False, name="autosave"
        )

    def _write(self) -> None:
        with self._write_lock:
            self._session.save()

    def worker_finished(self, worker: Worker[None]) -> None:
        """Called by the app (on its own thread) when a save worker ends."""
        if worker is not self._worker or worker.state not in (WorkerState.SUCCESS, WorkerState.ERROR):
            return
        self._worker = None
        if worker.state is WorkerState.ERROR:
            self._dirty = True
            self._app.save_status = f"failed: {describe(worker.error)}"
            self._timer_running = True
            self._app.set_timer(RETRY, self._timer_fired)
        elif self._dirty:
            self._start_worker()
        else:
            self._app.save_status = "saved"

    def save_now(self) -> str | None:
        """Save on this thread (quit, signals, suspend); returns the failure, if any."""
        if self._session.read_only:
            return None
        try:
            with self._write_lock:
                self._session.save()
        except Exception as error:  # any failure is reported to the reviewer, not raised
            self._dirty = True
            self._app.save_status = f"failed: {describe(error)}"
            return describe(error)
        self._dirty = False
        self._app.save_status = "saved"
        return None


    def save_at_exit(self, timeout: float) -> bool:
        """Save from another thread while the event loop is stuck (see hangup.py): the
        fields' last reported text into the review, then the file. Touches no widget and no
        app state; True when the review is on disk (or there is nothing to save)."""
        if not self._write_lock.acquire(timeout=timeout):  # a save that hangs holds it
            return False
        try:
            if self._session.read_only:  # read-only, or closed by the loop meanwhile
                return True
            review = self._session.review
            for question_id, fields in self.typed.latest().items():
                with contextlib.suppress(InputError):  # refused when typed too: the reviewer saw why
                    set_text(review, question_id, **fields)
            self._session.save()
            return True
        except Exception:  # the process is ending; there is nobody left to tell
            return False
        finally:
            self._write_lock.release()


def describe(error: BaseException | None) -> str:
    """The reason first: the indicator shares an 80-column line, and a save error's message
    starts with the session's full path, which pushed the reason off the screen."""
    if isinstance(error, OSError) and error.errno:
        return f"{os.strerror(error.errno)} ({Path(error.filename).name if error.filename else 'session file'})"
    if isinstance(error, OSError) and error.strerror:
        return f"{error.strerror} ({error.filename or 'session file'})"
    return str(error) or type(error).__name__
