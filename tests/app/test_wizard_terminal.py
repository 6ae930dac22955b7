"""The real `vendor-review` command in a pseudo-terminal at 80x24, read through a terminal
emulator: what a reviewer on an SSH session gets, including a dropped connection (SIGHUP)."""

from __future__ import annotations

import signal
import time
from collections.abc import Callable
from pathlib import Path

import pexpect

from stress.terminal import WizardTerminal

from .conftest import saved

Q1 = "protect external data in transit using TLS?"
Q2 = "correctly configured certificates?"


def wait_until(check: Callable[[], bool], timeout: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.05)
    return False


def test_real_command_answers_moves_on_and_quits(workspace: Path, session: Path) -> None:
    term = WizardTerminal(workspace, session)
    assert term.wait_for(Q1), term.text()
    assert "Question 1 of 11" in term.text()
    term.send("y")
    time.sleep(0.2)
    term.send("from the call")
    term.send("\x0e")  # ctrl+n, the first key of next_question
    assert term.wait_for(Q2), term.text()
    term.send("\x11")  # ctrl+q
    term.child.expect(pexpect.EOF, timeout=20)
    review = saved(session)
    assert (review.response("tls-external").answer, review.response("tls-external").detail) == ("Yes", "from the call")
    assert review.cursor.question == "certs-external"


def test_dropped_connection_saves_what_was_typed(workspace: Path, session: Path) -> None:
    term = WizardTerminal(workspace, session)
    assert term.wait_for(Q1), term.text()
    term.send("n")
    time.sleep(0.2)
    term.send("typed just before the line dropped")
    assert term.wait_for("line dropped")
    term.child.kill(signal.SIGHUP)
    term.child.expect(pexpect.EOF, timeout=20)
    term.child.close()
    assert term.child.signalstatus is None  # it saved and exited instead of dying of the signal
    assert wait_until(lambda: "line dropped" in saved(session).response("tls-external").detail)


def test_no_color_draws_without_any_colour_and_still_marks_the_answer(workspace: Path, session: Path) -> None:
    term = WizardTerminal(workspace, session, no_color=True)
    assert term.wait_for("Detail"), term.text()
    term.send("y")
    assert term.wait_for("1/11 done"), term.text()

    def cells() -> list:  # type: ignore[type-arg]
        return [cell for row in term.screen.buffer.values() for cell in row.values()]

    term.wait_until(lambda: any(cell.reverse for cell in cells()), timeout=5)
    assert {(cell.fg, cell.bg) for cell in cells()} == {("default", "default")}
    assert any(cell.reverse for cell in cells()), "the chosen answer is still shown (in reverse video)"
    term.send("\x11")
    term.child.expect(pexpect.EOF, timeout=20)
