"""Keys that arrive in one burst, as `tmux send-keys "Acme" Enter ...` or a fast paste-typist
sends them: every Enter must move on before the next characters are routed to a field."""

from __future__ import annotations

from pathlib import Path

from textual import events

from tui.app.screens.new_review import NewReviewScreen
from tui.app.screens.question import QuestionScreen

from .conftest import SIZE, saved, wizard


def burst(app, *words: str) -> None:  # type: ignore[no-untyped-def]
    """Post every key at once, without waiting between them (Pilot.press waits after each)."""
    for word in words:
        if word == "enter":
            app.post_message(events.Key("enter", "\r"))
            continue
        for character in word:
            key = "space" if character == " " else character
            app.post_message(events.Key(key, character))


async def test_fields_typed_in_one_burst_land_in_their_own_fields(workspace: Path) -> None:
    app = wizard(workspace)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, NewReviewScreen)
        burst(app, "Acme Notes", "enter", "Acme", "enter", "Note taking", "enter", "Sam", "enter",
              "saas, notes", "enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert app.session is not None
        review = saved(app.session.path)
    assert (review.product, review.vendor, review.description, review.reviewer) == (
        "Acme Notes", "Acme", "Note taking", "Sam")
    assert review.tags == ["saas", "notes"]


async def test_an_evidence_link_typed_in_one_burst_keeps_url_label_and_quote_apart(workspace: Path) -> None:
    from .conftest import make_review

    session = make_review(workspace)
    app = wizard(workspace, session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.press("ctrl+l")
        await pilot.pause()
        burst(app, "https://acme.example/trust", "enter", "Trust page", "enter", "TLS 1.3 only", "enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        evidence = app.screen.response.evidence
    assert [(e.url, e.label, e.quote) for e in evidence] == [("https://acme.example/trust", "Trust page", "TLS 1.3 only")]
