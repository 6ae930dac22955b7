"""The live call in the real `vendor-review` at 80x24 through a pseudo-terminal: attaching the
vendor's page, reaching and citing a passage, seeing the citation, undoing per question, and
resuming where the text cursor was. What Pilot cannot show: the bytes a real terminal sends
(f6 as an escape sequence, ctrl+] and ctrl+_ as control bytes) and what fits on the screen."""

from __future__ import annotations

import time
from pathlib import Path

import pexpect

from stress.terminal import WizardTerminal

from .conftest import FIXTURES, saved

Q1 = "protect external data in transit using TLS?"
Q2 = "correctly configured certificates?"
PAGE = FIXTURES / "vendor-security.html"
PAGE_URL = "https://lumenbox.example/security"
CTRL_N, CTRL_P, CTRL_Q = "\x0e", "\x10", "\x11"
SOURCES, UNDO, F6, F12, ENTER, LEFT = "\x1d", "\x1f", "\x1b[17~", "\x1b[24~", "\r", "\x1b[D"


def keys(term: WizardTerminal, *sent: str) -> None:
    for key in sent:
        term.send(key)
        time.sleep(0.05)


def test_attach_reach_cite_see_and_undo_per_question_in_a_real_terminal(workspace: Path, session: Path) -> None:
    term = WizardTerminal(workspace, session)
    assert term.wait_for(Q1), term.text()
    keys(term, SOURCES)
    assert term.wait_for("Sources"), term.text()
    keys(term, str(PAGE), ENTER)  # moves to the web address: nothing attached yet
    time.sleep(0.3)
    assert saved(session).sources == []
    keys(term, PAGE_URL, ENTER, ENTER)
    assert term.wait_for("Attached as source 1"), term.text()
    keys(term, F12)
    assert term.wait_for("From the sources"), term.text()
    keys(term, "y", F6, ENTER)  # f6 to the best passage, Enter cites it
    assert term.wait_for("Evidence (1): Lumenbox"), term.text()  # the line at 80x24, not a toast
    keys(term, CTRL_N)
    assert term.wait_for(Q2), term.text()
    keys(term, UNDO)
    assert term.wait_for("nothing to undo on this question"), term.text()
    keys(term, CTRL_Q)
    term.child.expect(pexpect.EOF, timeout=20)
    review = saved(session)
    assert [s.url for s in review.sources] == [PAGE_URL]
    [evidence] = review.response("tls-external").evidence
    assert evidence.url.startswith(PAGE_URL + "#:~:text=") and evidence.label.startswith("Lumenbox")


def test_resume_in_a_real_terminal_types_where_the_cursor_was(workspace: Path, session: Path) -> None:
    term = WizardTerminal(workspace, session)
    assert term.wait_for(Q1), term.text()
    keys(term, "y", "TLS 1.2 on every client.", *[LEFT] * len("client."))
    time.sleep(0.8)  # past the autosave
    keys(term, CTRL_Q)
    term.child.expect(pexpect.EOF, timeout=20)

    again = WizardTerminal(workspace, session)
    assert again.wait_for("TLS 1.2 on every client."), again.text()
    keys(again, "API ")
    assert again.wait_for("every API client."), again.text()
    keys(again, CTRL_Q)
    again.child.expect(pexpect.EOF, timeout=20)
    assert saved(session).response("tls-external").detail == "TLS 1.2 on every API client."
