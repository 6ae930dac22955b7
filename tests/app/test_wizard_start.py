"""The start screen: telling saved reviews apart at 80x24 and opening one from the filter."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from tui.app.screens.question import QuestionScreen
from tui.app.screens.start import StartScreen
from tui.core.store import read_review, write_review

from .conftest import SIZE, make_review, screen_text, wizard


async def test_start_screen_shows_full_session_names_and_times_to_the_minute(workspace: Path) -> None:
    make_review(workspace, product="Smart Tables for Confluence", vendor="Stiltsoft",
                name="smart-tables-for-confluence")
    make_review(workspace, product="Smart Tables for Confluence", vendor="Stiltsoft",
                name="smart-tables-for-confluence-2")
    app = wizard(workspace)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        lines = screen_text(app).splitlines()
    rows = [line for line in lines if "smart-tables" in line]
    assert sorted(row.split()[0] for row in rows) == ["smart-tables-for-confluence", "smart-tables-for-confluence-2"]
    assert all(row.rstrip().endswith("2024-05-06 07:08") for row in rows)


async def test_enter_in_the_filter_opens_the_only_match(workspace: Path) -> None:
    make_review(workspace, product="Acme Notes", name="acme-notes")
    beta = make_review(workspace, product="Beta Board", vendor="Beta", name="beta-board")
    app = wizard(workspace)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+f", *"beta", "enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert app.session is not None and app.session.path == beta


async def test_enter_in_the_filter_opens_the_highlighted_match(workspace: Path) -> None:
    newer = make_review(workspace, product="Acme Notes", name="acme-notes")
    older = make_review(workspace, product="Acme Notes", name="acme-notes-2")
    review = read_review(newer)
    review.updated += timedelta(days=1)
    write_review(newer, review)
    app = wizard(workspace)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "ctrl+f", *"acme", "enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.session is not None and app.session.path == older


async def test_enter_in_a_filter_that_matches_nothing_stays_on_the_list(workspace: Path) -> None:
    make_review(workspace)
    app = wizard(workspace)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+f", *"zzz", "enter")
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        assert "No saved reviews match." in screen_text(app)


async def test_a_session_with_a_cycle_of_conditions_is_skipped_with_its_field_and_the_rest_listed(
        workspace: Path) -> None:
    make_review(workspace, product="Acme Notes", name="acme-notes")
    cycle = Path(__file__).parents[1] / "fixtures" / "malformed" / "sessions" / "condition-cycle.toml"
    (workspace / "sessions" / "cycle.toml").write_bytes(cycle.read_bytes())
    app = wizard(workspace)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        text = screen_text(app)
        messages = [str(n.message) for n in app._notifications]
    assert "acme-notes" in text
    assert any("cycle.toml: questions[0].depends_on: conditions form a cycle" in m for m in messages), messages
