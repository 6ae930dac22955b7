"""A process ends with its terminal: the real `vendor-review` in a pseudo-terminal whose
terminal goes away (tmux kill-server, a dropped SSH connection) must save what was typed and
be gone within 2 s, every time. Textual's exit can block for ever once the terminal is gone,
and before the hangup watch most such processes lived on.

Twenty hangups, run a few at a time: half right after the first paint, half in the middle of
typing; each closes the terminal's master side, sends SIGHUP to the process group, or both.
Before the hangup the terminal stops reading for a moment, as a link that dies does (a stalled
network, then sshd or tmux giving up): the app's output backs up, which is what used to leave
its exit blocked for ever."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from stress.terminal import WizardTerminal

from .conftest import make_review, saved

HANGUPS = 20
AT_ONCE = 5  # hangups in flight together: enough to be quick, few enough for a 2-core runner
ENDS_WITHIN = 2.0  # seconds from the hangup to no process
STALL = 0.3  # seconds the dying terminal reads nothing before it goes away
WINDOW = 0.5  # seconds of typing before the hangup that may be lost ("no lost text")
TYPED_BEFORE = "said on the call: TLS 1.3 only"
TYPED_AFTER = " and maybe more"
WAYS = ({"close": True, "signal_group": False}, {"close": False, "signal_group": True},
        {"close": True, "signal_group": True})


@dataclass
class Hangup:
    mid_typing: bool
    ended_after: float | None  # seconds; None when it was still running (and was killed)
    detail: str  # what the session file holds for the first question's detail
    answer: str


def hang_up_once(workspace: Path, session: Path, number: int) -> Hangup:
    """Open a review, hang its terminal up (at the first paint, or after typing), and wait."""
    term = WizardTerminal(workspace, session)
    mid_typing = bool(number % 2)
    if not term.wait_for("Question 1 of" if not mid_typing else "Detail"):
        term.kill()
        pytest.fail(f"hangup {number}: the first question never showed: {term.text()[:200]!r}")
    if mid_typing:
        term.send("y")
        term.send(TYPED_BEFORE)
        assert term.wait_for("TLS 1.3 only"), term.text()  # the app has it: the window starts now
        term.wait_until(lambda: False, timeout=WINDOW + 0.2)  # keeps reading the screen meanwhile
        term.send(TYPED_AFTER)
    time.sleep(STALL)  # nothing read: the app's output backs up
    since = term.hang_up(**WAYS[number % len(WAYS)])
    ended_after = term.ended_within(since, ENDS_WITHIN + 3)
    response = saved(session).response("tls-external")
    return Hangup(mid_typing, ended_after, response.detail, response.answer)


def test_every_hangup_ends_the_process_within_two_seconds_and_keeps_the_typed_text(workspace: Path) -> None:
    sessions = [make_review(workspace, name=f"hangup-{number}") for number in range(HANGUPS)]
    with ThreadPoolExecutor(AT_ONCE) as pool:
        hangups = list(pool.map(lambda number: hang_up_once(workspace, sessions[number], number), range(HANGUPS)))
    times = sorted(h.ended_after for h in hangups if h.ended_after is not None)
    survivors = [number for number, h in enumerate(hangups) if h.ended_after is None]
    slow = [round(t, 2) for t in times if t > ENDS_WITHIN]
    assert not survivors and not slow, (
        f"{len(survivors)} of {HANGUPS} processes outlived their terminal by {ENDS_WITHIN + 3} s "
        f"(hangups {survivors}), {len(slow)} ended later than {ENDS_WITHIN} s ({slow}); exit times {times}")
    lost = [(h.answer, h.detail) for h in hangups
            if h.mid_typing and (h.answer != "Yes" or not h.detail.startswith(TYPED_BEFORE))]
    assert not lost, f"text typed more than {WINDOW} s before the hangup was lost: {lost}"
    untouched = {(h.answer, h.detail) for h in hangups if not h.mid_typing}
    assert untouched == {("", "")}, "a hangup at the first paint saves the review as it was"
