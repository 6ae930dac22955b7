"""The evidence finder in the wizard: passages beside the question, cited and un-cited with
one key each, and sources attached and removed from the wizard (loading in a worker)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.app.keymap import DEFAULT_KEYS
from tui.app.screens.question import QuestionScreen
from tui.app.screens.sources import SourcesDialog
from tui.core.sources.attaching import attach_source, load_source
from tui.core.store import read_review, write_review

from .conftest import FIXTURES, SIZE, drawn_in_reverse, flat, saved, screen_text, wizard

PAGE = FIXTURES / "vendor-security.html"
PAGE_URL = "https://lumenbox.example/security"
TLS_PASSAGE = "Every connection to Lumenbox is served over HTTPS with TLS 1.2 or newer"


async def settle(pilot, app) -> None:  # type: ignore[no-untyped-def]
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


@pytest.fixture
def with_source(session: Path) -> Path:
    review = read_review(session)
    attach_source(review, load_source(str(PAGE), url=PAGE_URL))
    write_review(session, review)
    return session


async def test_passages_for_a_question_the_page_covers_and_none_for_one_it_does_not(
        workspace: Path, with_source: Path) -> None:
    app = wizard(workspace, with_source)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        shown = flat(screen_text(app))
        assert "From the sources" in shown
        assert "Encryption [in transit]" in shown  # the passage's heading, literally
        assert TLS_PASSAGE in shown
        assert "founded in 2019" not in shown
        app.screen.show("logs-to-client")
        await settle(pilot, app)
        assert "Nothing in the attached sources matches this question." in flat(screen_text(app))


async def test_hostile_source_text_is_shown_literally_with_matches_highlighted(
        workspace: Path, with_source: Path) -> None:
    app = wizard(workspace, with_source)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        assert "[bold red]older protocols[/]" in flat(screen_text(app))  # markup not applied
        panel = app.screen.query_one("#passages")
        prompt = panel.get_option_at_index(0).prompt
        underlined = {prompt.plain[s.start:s.end] for s in prompt.spans if "underline" in str(s.style)}
        assert {"TLS", "HTTPS"} <= underlined


async def test_one_key_cites_the_passage_and_one_key_undoes_it(workspace: Path, with_source: Path) -> None:
    app = wizard(workspace, with_source)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("y", *"See trust page", "ctrl+s")
        await settle(pilot, app)
        evidence = saved(with_source).response("tls-external").evidence
        assert len(evidence) == 1
        assert evidence[0].url.startswith(PAGE_URL + "#:~:text=Every%20connection")
        assert evidence[0].quote.startswith(TLS_PASSAGE)
        assert app.screen.query_one("#detail").text == "See trust page"  # typing was not disturbed
        await pilot.press("ctrl+underscore")
        await settle(pilot, app)
        assert saved(with_source).response("tls-external").evidence == []
        await pilot.press("ctrl+underscore")
        await settle(pilot, app)
        assert saved(with_source).response("tls-external").evidence == []


async def test_a_review_without_sources_has_no_panel(workspace: Path, session: Path) -> None:
    app = wizard(workspace, session)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        assert not app.screen.query("#passages")
        await pilot.press("ctrl+s")  # nothing to cite: nothing happens
        await settle(pilot, app)
        assert saved(session).response("tls-external").evidence == []


async def test_a_source_is_attached_and_removed_from_the_wizard(workspace: Path, session: Path) -> None:
    app = wizard(workspace, session)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("ctrl+right_square_bracket")
        await settle(pilot, app)
        assert isinstance(app.screen, SourcesDialog)
        await pilot.press(*str(PAGE), "enter", *PAGE_URL, "enter", "enter")
        await settle(pilot, app)
        assert "✓ Attached as source 1" in str(app.screen.query_one("#source-status").render())
        assert [s.url for s in saved(session).sources] == [PAGE_URL]
        await pilot.press("escape")
        await settle(pilot, app)
        assert isinstance(app.screen, QuestionScreen)
        assert TLS_PASSAGE in flat(screen_text(app))
        await pilot.press("ctrl+right_square_bracket", "shift+tab", "ctrl+d")
        await settle(pilot, app)
        assert saved(session).sources == []
        await pilot.press("escape")
        await settle(pilot, app)
        assert not app.screen.query("#passages")


@pytest.mark.parametrize(("location", "message"), [
    ("missing/trust.html", "no such file"),
    ("ftp://vendor.example/trust", "only http and https addresses can be fetched"),
    ("http://127.0.0.1:9/trust", "cannot reach 127.0.0.1"),
])
async def test_a_source_that_cannot_be_loaded_is_refused_with_its_reason(
        workspace: Path, session: Path, location: str, message: str) -> None:
    app = wizard(workspace, session)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("ctrl+right_square_bracket", *location, "enter", "enter", "enter")
        await settle(pilot, app)
        assert isinstance(app.screen, SourcesDialog)
        status = flat(str(app.screen.query_one("#source-status").render()))
        assert status.startswith("✗ Not attached:") and message in status
    assert saved(session).sources == []


async def test_enter_on_the_path_moves_to_the_web_address_and_attaches_only_at_the_end(
        workspace: Path, session: Path) -> None:
    """A saved file attached before its web address could never be cited."""
    app = wizard(workspace, session)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("ctrl+right_square_bracket", *str(PAGE), "enter")
        await settle(pilot, app)
        assert app.screen.focused is not None and app.screen.focused.id == "url"
        assert saved(session).sources == []
        title = app.screen.query_one("#title").value
        assert title == "Lumenbox security", "the title field is prefilled from the page"
        await pilot.press(*PAGE_URL, "enter")
        await settle(pilot, app)
        assert app.screen.focused.id == "title" and saved(session).sources == []
        await pilot.press("ctrl+u", *"Lumenbox trust", "enter")
        await settle(pilot, app)
        [source] = saved(session).sources
        assert (source.url, source.title) == (PAGE_URL, "Lumenbox trust")
        listing = flat(screen_text(app))
        assert "Lumenbox trust" in listing and f"web address: {PAGE_URL}" in listing


async def test_the_web_address_can_be_added_to_an_attached_file_in_the_dialog(
        workspace: Path, session: Path) -> None:
    review = read_review(session)
    attach_source(review, load_source(str(PAGE)))
    write_review(session, review)
    app = wizard(workspace, session)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("ctrl+right_square_bracket")
        await settle(pilot, app)
        assert "no web address: its passages cannot be cited" in flat(screen_text(app))
        await pilot.press(*str(PAGE), "enter", *PAGE_URL, "enter", "enter")
        await settle(pilot, app)
        assert "changed (it was attached already)" in flat(screen_text(app))
        assert [s.url for s in saved(session).sources] == [PAGE_URL]


async def test_focus_passages_puts_the_highlight_on_the_first_passage_and_enter_cites_it(
        workspace: Path, with_source: Path) -> None:
    app = wizard(workspace, with_source)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("y", *"See trust page")
        await pilot.press(DEFAULT_KEYS["focus_passages"].split(",")[0])
        await settle(pilot, app)
        panel = app.screen.query_one("#passages")
        assert app.screen.focused is panel and panel.highlighted == 0
        await pilot.press("enter")
        await settle(pilot, app)
        [evidence] = saved(with_source).response("tls-external").evidence
        assert TLS_PASSAGE[:40] in evidence.quote


async def test_the_passages_panel_folds_away_and_back(workspace: Path, with_source: Path) -> None:
    app = wizard(workspace, with_source)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        assert TLS_PASSAGE in flat(screen_text(app))
        await pilot.press(DEFAULT_KEYS["toggle_passages"].split(",")[0])
        await settle(pilot, app)
        shown = flat(screen_text(app))
        assert TLS_PASSAGE not in shown and "Passages folded" in shown
        await pilot.press(DEFAULT_KEYS["toggle_passages"].split(",")[0])
        await settle(pilot, app)
        assert TLS_PASSAGE in flat(screen_text(app))


LONG_PAGE = """<html><head><title>Quillpad security</title></head><body>
<h2>Protecting data</h2>
<p>Quillpad was started by two teachers in a garden shed. Every request to Quillpad travels over
HTTPS using TLS 1.2 or TLS 1.3 only. Our mascot is a very patient tortoise called Inkwell.</p>
<h2>Accounts</h2>
<p>Teachers sign in with a school account; passwords are never stored by us.</p>
<h2>Backups</h2>
<p>Notebooks are copied to a second region every night and kept for thirty days.</p>
<h2>People</h2>
<p>Staff receive privacy training when they join and once a year after that.</p>
</body></html>"""
LONG_URL = "https://quillpad.example/security"
TLS_SENTENCE = "Every request to Quillpad travels over HTTPS using TLS 1.2 or TLS 1.3 only."


@pytest.fixture
def with_long_source(session: Path, tmp_path: Path) -> Path:
    page = tmp_path / "quillpad.html"
    page.write_text(LONG_PAGE, encoding="utf-8")
    review = read_review(session)
    attach_source(review, load_source(str(page), url=LONG_URL))
    write_review(session, review)
    return session


def evidence_line(app) -> str:  # type: ignore[no-untyped-def]
    return flat(str(app.screen.query_one("#evidence-line").render()))


async def test_a_citation_quotes_the_matching_sentence_and_a_second_press_the_whole_passage(
        workspace: Path, with_long_source: Path) -> None:
    app = wizard(workspace, with_long_source)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("y", "ctrl+s")
        await settle(pilot, app)
        [evidence] = saved(with_long_source).response("tls-external").evidence
        assert evidence.quote == TLS_SENTENCE
        assert evidence.label == "Quillpad security › Protecting data"
        assert evidence.url == LONG_URL + "#:~:text=Every%20request%20to%20Quillpad%20travels,1.2%20or%20TLS%201.3%20only."
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        [evidence] = saved(with_long_source).response("tls-external").evidence
        assert evidence.quote.startswith("Quillpad was started") and evidence.quote.endswith("Inkwell.")


async def test_the_evidence_line_stays_in_view_and_confirms_the_citation_without_a_toast(
        workspace: Path, with_long_source: Path) -> None:
    app = wizard(workspace, with_long_source)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        assert "Evidence (0): none yet" in flat(screen_text(app))
        await pilot.press("y", *"Checked on the call.", "ctrl+s")
        await settle(pilot, app)
        shown = flat(screen_text(app))
        assert "Evidence (1): Quillpad security › Protecting data" in shown
        assert "✓ cited (^_ undoes, ^s again quotes the whole passage)" in evidence_line(app)
        assert not list(app._notifications)  # nothing pops up over the passages


async def test_undo_acts_on_the_question_on_screen_and_says_what_it_removed(
        workspace: Path, with_long_source: Path) -> None:
    app = wizard(workspace, with_long_source)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("y", "ctrl+s", "ctrl+n")
        await settle(pilot, app)
        await pilot.press("ctrl+underscore")
        await settle(pilot, app)
        assert "Question 2 of 11" in screen_text(app)
        assert "nothing to undo on this question" in evidence_line(app)
        assert len(saved(with_long_source).response("tls-external").evidence) == 1
        await pilot.press("ctrl+p", "ctrl+underscore")
        await settle(pilot, app)
        assert saved(with_long_source).response("tls-external").evidence == []
        assert "removed Quillpad security › Protecting data: “Every request to Quillpad" in evidence_line(app)


async def test_a_quote_can_be_trimmed_before_and_after_it_is_cited(
        workspace: Path, with_long_source: Path) -> None:
    app = wizard(workspace, with_long_source)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("y", "ctrl+s", "shift+tab", "shift+tab")  # past the qualifier to the answer line
        await settle(pilot, app)
        await pilot.press("ctrl+e")
        await settle(pilot, app)
        await pilot.press("end", *["backspace"] * len(" or TLS 1.3 only."), "enter")
        await settle(pilot, app)
        [evidence] = saved(with_long_source).response("tls-external").evidence
        assert evidence.quote == "Every request to Quillpad travels over HTTPS using TLS 1.2"
        assert evidence.url.endswith("text=Every%20request%20to%20Quillpad%20travels%20over%20HTTPS%20using%20TLS%201.2")
        await pilot.press(DEFAULT_KEYS["focus_passages"], "ctrl+e")
        await settle(pilot, app)
        await pilot.press("end", *["backspace"] * len(" only."), "enter")
        await settle(pilot, app)
        quotes = [e.quote for e in saved(with_long_source).response("tls-external").evidence]
        assert quotes[1] == "Every request to Quillpad travels over HTTPS using TLS 1.2 or TLS 1.3"


async def test_one_key_reaches_the_notes_with_the_passages_open(workspace: Path, with_source: Path) -> None:
    app = wizard(workspace, with_source)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("y", DEFAULT_KEYS["focus_notes"], *"ask about HSTS")
        await settle(pilot, app)
        assert saved(with_source).response("tls-external").notes == "ask about HSTS"
        assert "ask about HSTS" in screen_text(app)  # scrolled into view at 80x24


async def test_with_no_color_the_highlighted_passage_is_in_reverse_video(
        workspace: Path, with_source: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = wizard(workspace, with_source)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press(DEFAULT_KEYS["focus_passages"])
        await settle(pilot, app)
        assert drawn_in_reverse(app.screen.query_one("#passages"), 1)


async def test_quitting_while_a_source_loads_does_not_wait_for_the_load(
        workspace: Path, session: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    from tui.app.screens import sources

    release, loading = threading.Event(), []

    def slow_load(location: str) -> None:  # a server within its deadline, still sending
        loading.append(threading.current_thread())
        release.wait(30)

    monkeypatch.setattr(sources, "load_source", slow_load)
    app = wizard(workspace, session)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("ctrl+right_square_bracket", *"trust.html", "enter", "enter")
            await pilot.pause(0.2)
            assert loading, "the load started"
            app.exit()
        # Threads of asyncio's default executor are joined at exit: the load must not be one.
        assert loading[0].daemon and loading[0].is_alive()
    finally:
        release.set()
