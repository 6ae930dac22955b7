"""`vendor-review open` paints the question from a preview of the file before the review is
validated and locked: nothing may change before that succeeds, and no key typed meanwhile may
be lost or land in the wrong field."""

from __future__ import annotations

from pathlib import Path

import pexpect

from stress.terminal import WizardTerminal
from tui.app.screens.opening import OpeningScreen
from tui.app.screens.start import StartScreen

from .conftest import SIZE, flat, saved, screen_text, wizard
from .test_wizard_terminal import Q1, Q2


def test_keys_typed_as_soon_as_the_question_shows_are_kept_in_order(workspace: Path, session: Path) -> None:
    term = WizardTerminal(workspace, session)
    assert term.wait_for(Q1), term.text()
    term.send("yright away")  # no pause: these may arrive while the review is still opening
    term.send("\x0e")
    assert term.wait_for(Q2), term.text()
    term.send("\x11")
    term.child.expect(pexpect.EOF, timeout=20)
    review = saved(session)
    assert (review.response("tls-external").answer, review.response("tls-external").detail) == ("Yes", "right away")
    assert review.cursor.question == "certs-external"


async def test_the_preview_shows_the_resumed_question_and_its_place(workspace: Path, session: Path) -> None:
    text = session.read_text().replace('question = "tls-external"', 'question = "certs-external"')
    session.write_text(text)
    app = wizard(workspace, session)
    seen: list[str] = []
    original = app._finish_opening

    async def look_first(path: Path) -> None:  # what the first frame shows, before the real open
        assert isinstance(app.screen, OpeningScreen)
        seen.append(flat(screen_text(app)))
        await original(path)

    app._finish_opening = look_first  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert seen and Q2 in seen[0] and "Question 2 of 11" in seen[0] and "Acme Notes" in seen[0]
        assert Q2 in flat(screen_text(app))


async def test_a_session_that_fails_validation_is_refused_after_its_preview_and_left_untouched(
        workspace: Path, session: Path) -> None:
    broken = session.read_text().replace('field = "answer"', 'field = "answer"\nmood = "sunny"', 1)
    session.write_text(broken)
    app = wizard(workspace, session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("y", "n")
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        assert app.session is None
        assert "cursor.mood: unknown key" in " ".join(str(n.message) for n in app._notifications)
    assert session.read_text() == broken
