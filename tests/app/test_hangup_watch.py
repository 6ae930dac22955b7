"""The hangup watch's last resort, on its own: when the event loop is stuck (as Textual's exit
is on a dead terminal), a SIGHUP still saves the fields' last text and ends the process."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

from tui.app.autosave import Autosave
from tui.app.hangup import HARD_EXIT
from tui.core.store import open_review

from .conftest import saved

STUCK_PROCESS = textwrap.dedent("""
    import os, queue, signal, sys
    from pathlib import Path
    from tui.app.hangup import HangupWatch

    def save(seconds_left):
        Path(sys.argv[1]).write_text("saved")
        return True

    HangupWatch(lambda: None, save).install()  # a loop that never answers
    os.kill(os.getpid(), signal.SIGHUP)
    stuck = queue.Queue(1)
    stuck.put("frame")
    stuck.put("frame")  # blocks for ever, like WriterThread.stop() on a dead terminal
""")


def test_a_hangup_saves_and_ends_the_process_while_its_main_thread_is_stuck(tmp_path: Path) -> None:
    marker = tmp_path / "marker"
    started = time.monotonic()
    ended = subprocess.run([sys.executable, "-c", STUCK_PROCESS, str(marker)], timeout=10,
                           cwd=Path(__file__).resolve().parents[2])
    took = time.monotonic() - started
    assert ended.returncode == 0 and marker.read_text() == "saved"
    assert took < HARD_EXIT + 1.5, f"took {took:.2f} s"  # the interpreter's start included


def test_the_last_resort_save_writes_the_text_the_fields_last_reported(session: Path) -> None:
    review = open_review(session)
    autosave = Autosave(None, review)  # type: ignore[arg-type]  # save_at_exit touches no app
    autosave.typed.record("tls-external", {"detail": "typed as the line dropped"})
    assert autosave.save_at_exit(timeout=1.0)
    review.close()
    assert saved(session).response("tls-external").detail == "typed as the line dropped"
