"""When the terminal goes away: save what was typed and end the process, loop or no loop.

A dropped SSH connection (SIGHUP), a shutdown (SIGTERM) or a terminal whose other end closed
(the tty reports POLLHUP: end of input) asks the app to save and exit the usual way, on its
event loop. That way alone is not enough: once the terminal is gone, Textual's exit can block
for ever (its writer thread's bounded queue deadlocks in `WriterThread.stop()`, Textual #6692),
and a process stuck there outlives its reviewer. So a watchdog thread, which never needs the
loop, gives the loop GRACE seconds to save, saves itself from the fields' last reported text
when the loop did not, and ends the process with `os._exit` HARD_EXIT seconds after the
hangup at the latest.

The signal handler only writes a byte to a pipe: a handler runs between two bytecodes of
whatever the main thread was doing, possibly holding a lock the handler would need.
"""

from __future__ import annotations

import contextlib
import os
import select
import signal
import sys
import threading
import time
from collections.abc import Callable

GRACE = 0.5  # seconds the event loop has to save before the watchdog saves instead
HARD_EXIT = 1.2  # seconds after the hangup when the process ends, whatever the loop is doing
SIGNALS = (signal.SIGHUP, signal.SIGTERM)
_ENDED = select.POLLHUP | select.POLLERR | select.POLLNVAL


class TypedText:
    """The latest text each field reported, per question, readable from any thread: what the
    watchdog saves when the loop cannot, without reading widgets from another thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._fields: dict[str, dict[str, str]] = {}

    def record(self, question_id: str, fields: dict[str, str]) -> None:
        with self._lock:
            self._fields.setdefault(question_id, {}).update(fields)

    def latest(self) -> dict[str, dict[str, str]]:
        with self._lock:
            return {question: dict(fields) for question, fields in self._fields.items()}


class HangupWatch:
    """Watches for SIGHUP, SIGTERM and the end of the terminal; then saves and ends the process.

    `ask_loop` is called from the watchdog thread and must only schedule the loop's own save
    and exit (call_soon_threadsafe). The loop calls `saved` when it has saved. `save` runs on
    the watchdog thread when the loop did not report in time; it gets the seconds left and
    returns whether the review is on disk.
    """

    def __init__(self, ask_loop: Callable[[], object], save: Callable[[float], bool]) -> None:
        self._ask_loop = ask_loop
        self._save = save
        self._saved = threading.Event()
        self._saved_ok = True
        self._wake_read, self._wake_write = os.pipe2(os.O_NONBLOCK | os.O_CLOEXEC)
        self._thread = threading.Thread(target=self._watch, name="vendor-review-hangup", daemon=True)

    def install(self) -> None:
        """Take SIGHUP and SIGTERM and start watching the terminal (main thread only). Both
        stay for the life of the process: the exit after a normal quit can block too."""
        for number in SIGNALS:
            signal.signal(number, self._on_signal)
        self._thread.start()

    def saved(self, ok: bool = True) -> None:
        """The loop saved (or tried to) after a hangup: the watchdog need not."""
        self._saved_ok = ok
        self._saved.set()

    def _on_signal(self, number: int, _frame: object) -> None:
        with contextlib.suppress(OSError):  # the pipe is full: the watchdog has been woken already
            os.write(self._wake_write, b"!")

    def _watch(self) -> None:
        self._wait_for_hangup()
        hangup = time.monotonic()
        with contextlib.suppress(RuntimeError):  # the loop is closed: nobody but this thread can save
            self._ask_loop()
        ok = self._saved_ok if self._saved.wait(GRACE) else self._save(max(0.0, hangup + HARD_EXIT - time.monotonic()))
        # The loop may still leave cleanly (restoring a terminal that is still there after a
        # SIGTERM); when it has not by now, it cannot.
        time.sleep(max(0.0, hangup + HARD_EXIT - time.monotonic()))
        os._exit(0 if ok else 1)

    def _wait_for_hangup(self) -> None:
        """Block until a signal arrives or the terminal's input ends."""
        poller = select.poll()
        poller.register(self._wake_read, select.POLLIN)
        terminal = _terminal_fd()
        if terminal is not None:
            poller.register(terminal, 0)  # no events asked: only a hangup or an error wakes it
        while True:
            for fd, events in poller.poll():
                if fd == self._wake_read or events & _ENDED:
                    return


def _terminal_fd() -> int | None:
    """The terminal Textual reads keys from, when it is one (its end is the end of input)."""
    try:
        fd = sys.__stdin__.fileno() if sys.__stdin__ else -1
    except (OSError, ValueError):
        return None
    return fd if fd >= 0 and os.isatty(fd) else None
