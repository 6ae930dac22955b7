"""Re-reviewing a vendor in the wizard: last review's answer under each question, accepted
unchanged with one key, questions to re-check marked, and the changes on the finish screen."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.app.keymap import DEFAULT_KEYS
from tui.app.screens.finish import FinishScreen
from tui.core.interview import record_answer, set_text
from tui.core.rereview import start_rereview
from tui.core.review import start_review
from tui.core.store import write_review
from tui.core.workspace import Workspace

from .conftest import SIZE, flat, saved, screen_text, wizard


@pytest.fixture
def rereview(workspace: Path) -> Path:
    """This year's review of Acme, started from last year's with two answers in it."""
    bronze = Workspace(workspace).catalog.get("saas-security-bronze")
    last_year = start_review(bronze, product="Acme Notes", vendor="Acme")
    record_answer(last_year, bronze, "tls-external", "Yes")
    set_text(last_year, "tls-external", detail="TLS 1.2 on every endpoint")
    record_answer(last_year, bronze, "certs-external", "Partial")
    path = workspace / "sessions" / "acme-2025.toml"
    write_review(path, start_rereview(last_year, bronze))
    return path


async def test_previous_answer_is_shown_and_one_key_accepts_it(workspace: Path, rereview: Path) -> None:
    assert DEFAULT_KEYS["accept_previous"] == "equals_sign"
    app = wizard(workspace, rereview)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        shown = flat(screen_text(app))
        assert "Last review: Yes · TLS 1.2 on every endpoint" in shown
        assert "TO RE-CHECK" in shown
        await pilot.press("=")
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert "✓ re-checked" in flat(screen_text(app))
        assert app.screen.query_one("#detail").text == "TLS 1.2 on every endpoint"
    response = saved(rereview).response("tls-external")
    assert (response.answer, response.detail, response.recheck) == ("Yes", "TLS 1.2 on every endpoint", False)


async def test_answering_anew_clears_to_recheck_and_equals_types_in_the_detail(workspace: Path, rereview: Path) -> None:
    app = wizard(workspace, rereview)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n", *"a=b")
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert "✓ re-checked" in flat(screen_text(app))
    response = saved(rereview).response("tls-external")
    assert (response.answer, response.detail, response.recheck) == ("No", "a=b", False)


async def test_overview_marks_questions_still_to_recheck(workspace: Path, rereview: Path) -> None:
    app = wizard(workspace, rereview)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("=", "ctrl+o")
        await pilot.pause()
        lines = screen_text(app).splitlines()
        assert "10 to re-check" in lines[0]
        first = next(line for line in lines if line.lstrip().startswith("1 "))
        second = next(line for line in lines if line.lstrip().startswith("2 "))
        assert " R " not in first and "Yes" in first
        assert " R " in second


async def test_finish_screen_compares_with_the_previous_review(workspace: Path, rereview: Path) -> None:
    app = wizard(workspace, rereview)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("=", "ctrl+n", "y", "f8")
        await pilot.pause()
        assert isinstance(app.screen, FinishScreen)
        changes = str(app.screen.query_one("#changes").render())
        title = flat(str(app.screen.query_one("#changes-title").render()))
    assert "certs-external:" in changes and "answer: Partial -> Yes" in changes
    assert "tls-external" not in changes  # accepted unchanged: nothing to report
    assert "9 questions still to re-check" in title


async def test_a_review_that_is_not_a_rereview_has_no_previous_line(workspace: Path, session: Path) -> None:
    app = wizard(workspace, session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert not app.screen.query("#previous")
        assert "Last review" not in screen_text(app)
        await pilot.press("=")  # nothing to accept: the key does nothing
        await pilot.pause()
        assert app.session is not None and app.session.review.response("tls-external").answer == ""


async def test_at_80_columns_the_footer_keeps_save_and_quit(workspace: Path, rereview: Path) -> None:
    from tui.core.sources.attaching import attach_source, load_source
    from tui.core.store import read_review

    from .conftest import FIXTURES

    review = read_review(rereview)
    attach_source(review, load_source(str(FIXTURES / "vendor-security.html"), url="https://lumenbox.example/s"))
    write_review(rereview, review)
    app = wizard(workspace, rereview)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        assert footer.rstrip().endswith("^q Save and quit")
        assert "^n Next" in footer


async def test_last_reviews_whole_detail_can_be_read_before_accepting(workspace: Path, bronze) -> None:  # type: ignore[no-untyped-def]
    last_year = start_review(bronze, product="Acme Notes", vendor="Acme")
    long_detail = "TLS 1.2 on every endpoint. " + " ".join(f"Host{n} checked on SSL Labs." for n in range(8)) + " END-OF-DETAIL"
    record_answer(last_year, bronze, "tls-external", "Yes")
    set_text(last_year, "tls-external", detail=long_detail)
    path = Workspace(workspace).sessions / "acme-long.toml"
    path.parent.mkdir(exist_ok=True)
    write_review(path, start_rereview(last_year, bronze))
    app = wizard(workspace, path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert "END-OF-DETAIL" not in flat(screen_text(app))
        await pilot.press("+")
        await pilot.pause()
        assert "END-OF-DETAIL" in flat(screen_text(app))
        await pilot.press("+")
        await pilot.pause()
        assert "END-OF-DETAIL" not in flat(screen_text(app))
