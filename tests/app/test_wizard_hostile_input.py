"""Hostile text in a review never takes the wizard down, and never costs what was typed."""

from __future__ import annotations

from pathlib import Path

from tui.app.screens.finish import FinishScreen
from tui.core.catalog import builtin_folder, load_questionnaire
from tui.core.review import start_review
from tui.core.store import write_review

from .conftest import SIZE, flat, saved, screen_text, wizard


async def test_finish_screen_opens_for_a_0x_description_and_keeps_the_text_typed_just_before(
    workspace: Path,
) -> None:
    bronze = load_questionnaire(builtin_folder() / "saas-security-bronze.toml")
    path = workspace / "sessions" / "acme.toml"
    write_review(path, start_review(bronze, product="0b_", description="0x_", tags=["0x_"]))
    app = wizard(workspace, path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("y", *"typed just before f8", "f8")
        await pilot.pause()
        assert isinstance(app.screen, FinishScreen)
        assert "Finish: 0b_ security review" in flat(screen_text(app))
        assert saved(path).responses[0].detail == "typed just before f8"
