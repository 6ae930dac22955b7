"""Typing faster than the app handles keys (a loaded machine, a laggy SSH link): text typed
straight after the answer key goes into the detail, and a scale key in it (`y` of "yes") does
not pick another answer; text typed just before ctrl+n stays with its question. Both found by
the wizard crash harness (a lost `[`; the end of one detail in the next question's)."""

from __future__ import annotations

from pathlib import Path

from textual import events

from tui.app.widgets.answer_bar import AnswerBar

from .conftest import SIZE, saved, wizard


async def test_keys_queued_behind_the_answer_key_go_into_the_detail(workspace: Path, session: Path) -> None:
    app = wizard(workspace, session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        bar = app.screen.query_one("#answer", AnswerBar)
        for character in "n[y] no":  # all queued at the answer bar before the pick is handled
            bar.post_message(events.Key(character if character != " " else "space", character))
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.press("ctrl+q")
    response = saved(session).response("tls-external")
    assert (response.answer, response.detail) == ("No", "[y] no")


async def test_text_typed_just_before_next_question_stays_with_its_question(workspace: Path, session: Path) -> None:
    app = wizard(workspace, session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("y")
        await pilot.pause()
        detail = app.screen.query_one("#detail")
        for character in "rot":  # queued at the detail when the priority key ctrl+n arrives
            detail.post_message(events.Key(character, character))
        app.screen.action_next_question()  # what ctrl+n runs, as it arrives
        await pilot.pause()
        await pilot.press("n", *"the")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.press("ctrl+q")
    review = saved(session)
    assert review.response("tls-external").detail == "rot"
    assert (review.response("certs-external").answer, review.response("certs-external").detail) == ("No", "the")
