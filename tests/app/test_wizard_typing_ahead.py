"""Typing straight on after the answer key, faster than the app moves the focus (a loaded
machine, a laggy SSH link): the text goes into the detail, and a scale key in it (`y` of
"yes") does not pick another answer. Found by the wizard crash harness, which lost a `[`."""

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
