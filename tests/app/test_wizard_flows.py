"""The wizard as a reviewer uses it on a call: Pilot at 80x24, keys only."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.app.screens.finish import FinishScreen
from tui.app.screens.question import QuestionScreen
from tui.app.screens.start import StartScreen
from tui.core.catalog import builtin_folder, load_questionnaire
from tui.core.interview import record_answer, set_text
from tui.core.review import start_review
from tui.core.store import open_review
from tui.core.wikipage.render import render_page

from .conftest import SIZE, drawn_in_reverse, flat, make_review, saved, screen_text, wizard

BRONZE_ANSWERS = "ynpuaynpuay"  # one scale key per bronze question


async def settle(pilot, app) -> None:  # type: ignore[no-untyped-def]
    """Let timers, workers and refreshes finish: the autosave is on disk afterwards."""
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_new_bronze_review_answered_end_to_end_and_exported(workspace: Path) -> None:
    app = wizard(workspace)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, StartScreen)
        await pilot.press("ctrl+n")
        await pilot.press(*"Acme Notes", "enter", *"Acme", "enter", *"Notes", "enter",
                          *"Sam", "enter", "enter")
        await settle(pilot, app)
        assert isinstance(app.screen, QuestionScreen)
        presses = 0
        for index, key in enumerate(BRONZE_ANSWERS):
            await pilot.press(key)
            if index == 0:
                await pilot.press(*"TLS 1.2+")
            await pilot.press("ctrl+n")
            presses += 2
        await settle(pilot, app)
        assert isinstance(app.screen, FinishScreen)
        assert presses / len(BRONZE_ANSWERS) == 2  # the keystroke figure: answer, move on
        await pilot.press("f8")
        await settle(pilot, app)
        assert "Exported to" in flat(screen_text(app))
        session_path = app.session.path if app.session else None
    assert session_path is not None
    exported = (workspace / "exports" / f"{session_path.stem}.md").read_text(encoding="utf-8")

    bronze = load_questionnaire(builtin_folder() / "saas-security-bronze.toml")
    expected = start_review(bronze, product="Acme Notes", vendor="Acme", description="Notes",
                            reviewer="Sam")
    labels = {o.key: o.label for o in bronze.scale}
    for question, key in zip(bronze.questions, BRONZE_ANSWERS, strict=False):
        if question.id == "tls-external":
            set_text(expected, question.id, detail="TLS 1.2+")
        record_answer(expected, bronze, question.id, labels[key])
    on_disk = saved(session_path)
    expected.created, expected.updated = on_disk.created, on_disk.updated
    assert exported == render_page(expected)
    assert "| Does the SaaS provider protect external data in transit using TLS? | Yes | TLS 1.2+ |" in exported


async def test_quit_at_question_5_and_resume_there(workspace: Path, session: Path) -> None:
    app = wizard(workspace, session)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        for _ in range(4):
            await pilot.press("y", "ctrl+n")
        await pilot.press("p", *"a thought")
        await pilot.press("ctrl+q")
    review = saved(session)
    assert review.cursor.question == "api-authentication"
    assert review.response("api-authentication").detail == "a thought"

    again = wizard(workspace, session)
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot, again)
        text = flat(screen_text(again))
        assert "Question 5 of 11" in text
        assert "protect both internal and external APIs" in text
        assert again.focused is not None and again.focused.id == "detail"


async def test_unknown_fills_the_stock_detail_with_the_vendor(workspace: Path, session: Path) -> None:
    app = wizard(workspace, session)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("u")
        await settle(pilot, app)
        assert "unknown whether Acme protects external data" in flat(screen_text(app))
    detail = saved(session).response("tls-external").detail
    assert detail == "At this time, it is unknown whether Acme protects external data in transit using TLS."


async def test_unknown_keeps_a_detail_already_typed(workspace: Path, session: Path) -> None:
    app = wizard(workspace, session)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("y", *"they said so", "shift+tab", "shift+tab", "u")
        await settle(pilot, app)
    response = saved(session).response("tls-external")
    assert (response.answer, response.detail) == ("Unknown", "they said so")


async def test_evidence_is_added_validated_and_removed(workspace: Path, session: Path) -> None:
    app = wizard(workspace, session)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("ctrl+l", *"ftp:x", "enter", "enter", "enter")
        await pilot.pause()
        assert "must start with http://, https:// or mailto:" in flat(screen_text(app))
        url_box = app.screen.query_one("#url")
        url_box.value = ""  # type: ignore[attr-defined]
        await pilot.press(*"https://a.example/t", "enter", *"Trust", "enter", *"TLS 1.3", "enter")
        await settle(pilot, app)
        assert "Trust" in flat(screen_text(app))
        assert [e.url for e in saved(session).response("tls-external").evidence] == ["https://a.example/t"]
        app.screen.query_one("#evidence").focus()
        await pilot.press("down", "ctrl+d")
        await settle(pilot, app)
        assert "no evidence yet" in flat(screen_text(app))
    assert saved(session).response("tls-external").evidence == []


async def test_question_whose_condition_is_unmet_is_skipped_and_revisitable(conditional_workspace: Path) -> None:
    session = make_review(conditional_workspace, questionnaire="cloud-basics", name="cloud")
    app = wizard(conditional_workspace, session)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("y", "ctrl+n", "n", "ctrl+n")
        await settle(pilot, app)
        assert "Are backups encrypted?" in flat(screen_text(app))  # question 3 stepped over
        await pilot.press("ctrl+o")
        await pilot.pause()
        overview = flat(screen_text(app))
        assert "S skipped" in overview
        await pilot.press("up", "enter")
        await settle(pilot, app)
        text = flat(screen_text(app))
        assert "Can single sign-on be enforced" in text and "SKIPPED" in text
    review = saved(session)
    assert review.is_skipped(review.response("sso-enforced"))


async def test_locked_review_opens_read_only_naming_the_holder(workspace: Path, session: Path) -> None:
    with open_review(session) as holder:
        before = session.read_bytes()
        app = wizard(workspace, session)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            text = flat(screen_text(app))
            assert "READ-ONLY" in text and f"pid {holder.review and __import__('os').getpid()}" in text
            await pilot.press("y", "ctrl+f")
            await settle(pilot, app)
            assert "read-only" in flat(screen_text(app))
        assert session.read_bytes() == before


async def test_read_only_option_opens_without_locking_and_changes_nothing(workspace: Path, session: Path) -> None:
    before = session.read_bytes()
    app = wizard(workspace, session, read_only=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        assert isinstance(app.screen, QuestionScreen)
        with open_review(session) as other:  # nobody holds the lock: another editor may open it
            assert not other.read_only
        await pilot.press("y", "ctrl+n")
        await settle(pilot, app)
        assert "read-only" in flat(screen_text(app))
    assert session.read_bytes() == before


async def test_a_review_whose_questionnaire_is_gone_is_refused_and_left_unlocked(
        workspace: Path, session: Path) -> None:
    text = session.read_text(encoding="utf-8").replace('"saas-security-bronze"', '"retired-questionnaire"', 1)
    session.write_text(text, encoding="utf-8")
    app = wizard(workspace, session)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        assert isinstance(app.screen, StartScreen)
        assert "retired-questionnaire" in flat(screen_text(app))
        with open_review(session) as other:
            assert not other.read_only
    assert session.read_text(encoding="utf-8") == text


HOSTILE = "[bold red]boom[/] [link=https://x]y[/link] \x1b[31mred\x1b[0m 🦊 表 | <script>x</script> $(rm -rf)"


async def test_hostile_text_is_shown_literally_everywhere(workspace: Path) -> None:
    session = make_review(workspace, product=HOSTILE, vendor=HOSTILE, name="hostile")
    app = wizard(workspace, session)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)
        await pilot.press("y", *"[/][b]x[/b]")
        await pilot.press("ctrl+l", *"https://x.ex/[b]", "enter", *"[red]l[/red]", "enter", *"[i]\\", "enter")
        await settle(pilot, app)
        text = screen_text(app)
        assert "[bold red]boom[/]" in text
        assert "[/][b]x[/b]" in text
        assert "[red]l[/red]" in text
        assert "\x1b" not in text
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert "[bold red]boom[/]" in screen_text(app)
        await pilot.press("f8")
        await settle(pilot, app)
        assert isinstance(app.screen, FinishScreen)
        assert "[bold red]boom[/]" in screen_text(app)
        await pilot.press("ctrl+q")
    review = saved(session)
    assert review.response("tls-external").evidence[0].label == "[red]l[/red]"
    assert "\x1b" not in session.read_text(encoding="utf-8")


async def test_a_failed_save_is_shown_with_its_reason_and_retried(
        workspace: Path, session: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tui.app import autosave
    from tui.core.store import OpenReview

    real_save = OpenReview.save
    disk = {"full": True}

    def full_disk(self: OpenReview) -> None:
        if disk["full"]:
            # a path with markup-like brackets must not break the indicator that shows it
            raise OSError(28, "No space left on device", f"{self.path.parent}/[/]{self.path.name}")
        real_save(self)

    monkeypatch.setattr(OpenReview, "save", full_disk)
    monkeypatch.setattr(autosave, "RETRY", 0.2)
    app = wizard(workspace, session)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("y")
        await settle(pilot, app)
        assert "No space left on device" in flat(screen_text(app))
        await pilot.press(*"keep me")
        assert "No space left on device" in flat(screen_text(app))
        disk["full"] = False
        await pilot.pause(0.5)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.save_status == "saved"
    assert saved(session).response("tls-external").detail == "keep me"


async def test_flag_overview_and_next_flagged(workspace: Path, session: Path) -> None:
    app = wizard(workspace, session)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("ctrl+n", "ctrl+f")
        await pilot.pause()
        assert "FLAGGED" in screen_text(app)
        await pilot.press("ctrl+p", "ctrl+t")
        await pilot.pause()
        assert "Question 2 of 11" in screen_text(app)
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert "Question 3 of 11" in screen_text(app)
    assert [r.id for r in saved(session).flagged()] == ["certs-external"]


async def test_help_lists_the_keys_of_the_current_screen(workspace: Path, session: Path) -> None:
    app = wizard(workspace, session)
    async with app.run_test(size=(80, 40)) as pilot:
        await settle(pilot, app)
        await pilot.press("f1")
        await pilot.pause()
        text = flat(screen_text(app))
        for words in ("Next question", "Previous question", "Go to the next unanswered question",
                      "Flag or unflag", "Add an evidence link", "Overview of all questions", "Save and quit"):
            assert words in text
        assert "y Yes" in text
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)


async def test_question_mark_opens_help_except_where_it_is_typed(workspace: Path, session: Path) -> None:
    app = wizard(workspace, session)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("question_mark")  # on the answer line
        await pilot.pause()
        assert not isinstance(app.screen, QuestionScreen)
        await pilot.press("question_mark")
        await pilot.pause()
        await pilot.press("y", *"Why", "question_mark")  # now in the detail
        await settle(pilot, app)
        assert isinstance(app.screen, QuestionScreen)
    assert saved(session).response("tls-external").detail == "Why?"


async def test_keys_remapped_in_the_config_file_work(workspace: Path, session: Path) -> None:
    app = wizard(workspace, session, keymap={"next_question": "f13"})
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("y", "f13")
        await pilot.pause()
        assert "Question 2 of 11" in screen_text(app)


async def test_sections_collect_quotes_with_links(workspace: Path, session: Path) -> None:
    app = wizard(workspace, session)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("f10", "ctrl+l", *"CSV export", "enter", *"https://a.example/x", "enter")
        await settle(pilot, app)
        assert "CSV export" in screen_text(app)
    quotes = saved(session).sections[0].quotes
    assert [(q.text, q.url) for q in quotes] == [("CSV export", "https://a.example/x")]


async def test_delete_asks_first(workspace: Path, session: Path) -> None:
    app = wizard(workspace)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        assert "Acme Notes" in screen_text(app)
        await pilot.press("ctrl+d", "n")
        await pilot.pause()
        assert session.exists()
        await pilot.press("ctrl+d", "y")
        await pilot.pause()
        assert not session.exists()


async def test_new_review_requires_a_product(workspace: Path) -> None:
    app = wizard(workspace)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n", "ctrl+s")
        await pilot.pause()
        assert "The product is required." in screen_text(app)
        assert not list((workspace / "sessions").glob("*.toml")) if (workspace / "sessions").exists() else True


async def test_overview_moves_by_page_and_end_and_enter_opens_that_question(workspace: Path, session: Path) -> None:
    app = wizard(workspace, session)
    async with app.run_test(size=(80, 10)) as pilot:  # a short terminal: the list scrolls
        await pilot.pause()
        await pilot.press("ctrl+o", "end")
        await pilot.pause()
        lines = screen_text(app).splitlines()
        assert any(line.lstrip().startswith("11 ") for line in lines)
        assert not any(line.lstrip().startswith("1 ") for line in lines)  # scrolled past the top
        await pilot.press("pageup", "enter")
        await pilot.pause()
        assert "Question 9 of 11" in screen_text(app)  # a page of the 3 two-line rows shown, less one


async def test_moving_saves_the_position_without_flashing_saving(workspace: Path, session: Path) -> None:
    app = wizard(workspace, session)
    shown: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        def seen(status: str) -> None:
            shown.append(status)

        app.watch(app, "save_status", seen, init=False)
        await pilot.press("ctrl+n", "ctrl+n")
        await pilot.pause(0.6)  # the autosave's delay
        await settle(pilot, app)
        assert shown == []  # only moved: nothing the reviewer wrote is waiting to be saved
        assert saved(session).cursor.question == "encryption-internal"
        await pilot.press("y")
        await pilot.pause()
        assert shown[0] == "saving"


async def test_evidence_list_grows_and_shrinks_with_each_question(workspace: Path, session: Path) -> None:
    """Every link of the question on screen is shown, however many the question before had."""
    from tui.core.interview import make_evidence

    with open_review(session) as opened:
        links = [make_evidence(f"https://trust.example/{n}", label=f"Link {n}") for n in range(3)]
        links[2].quote = "a quoted vendor statement long enough to wrap onto a second line " * 2
        opened.review.update("tls-external", evidence=links)
        opened.review.update("certs-external", evidence=[])
        opened.save()
    app = wizard(workspace, session)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        heights = []
        for key in ("ctrl+n", "ctrl+p", "ctrl+n", "ctrl+p"):
            evidence = app.screen.query_one("#evidence")
            heights.append(evidence.size.height)
            assert evidence.size.height == evidence.virtual_size.height  # nothing hidden
            await pilot.press(key)
            await settle(pilot, app)
    assert heights[0] >= 4 and heights[1] == 1  # three links, one wrapped; then the empty line
    assert heights == heights[:2] * 2


async def test_the_field_taking_the_typing_is_marked_by_its_label(workspace: Path, session: Path) -> None:
    app = wizard(workspace, session)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)

        def marked() -> list[str]:
            return [str(label.id) for label in app.screen.query(".field-label.-focused")]

        assert marked() == []  # the answer line has the focus, and its own highlight
        await pilot.press("y")
        await settle(pilot, app)
        assert app.screen.focused is app.screen.query_one("#detail") and marked() == ["detail-label"]
        await pilot.press("tab")  # to the evidence list
        await settle(pilot, app)
        assert marked() == ["evidence-label"]
        await pilot.press("ctrl+n")
        await settle(pilot, app)
        assert marked() == []


async def test_overview_opened_again_shows_the_review_as_it_is_now(workspace: Path, session: Path) -> None:
    app = wizard(workspace, session)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("ctrl+o")
        await settle(pilot, app)
        assert "0 of 11 done" in flat(screen_text(app))
        await pilot.press("escape", "ctrl+n", "ctrl+n", "n", "ctrl+f", "ctrl+o")
        await settle(pilot, app)
        text = flat(screen_text(app))
        assert "1 of 11 done, 1 flagged" in text
        assert "3 F No" in text  # the third question: answered and flagged since the first look
        await pilot.press("enter")  # the highlight starts on the question the reviewer came from
        await settle(pilot, app)
        assert "Question 3 of 11" in screen_text(app)


async def test_a_detail_longer_than_its_box_says_so_and_follows_the_cursor(workspace: Path, session: Path) -> None:
    app = wizard(workspace, session)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("y")
        assert flat(screen_text(app)).count("Detail") == 1  # short: the plain label
        for line in range(1, 10):
            await pilot.press(*f"L{line}", "enter")
        await pilot.press(*"the end")
        await settle(pilot, app)
        text = flat(screen_text(app))
        assert "Detail: 10 lines, 5 shown (the cursor scrolls; ^r opens an editor)" in text
        assert "the end" in text and "L1" not in text  # scrolled with the cursor
        await pilot.press("ctrl+n")
        await settle(pilot, app)
        assert "Detail: " not in flat(screen_text(app))  # the next question's detail fits


async def test_opening_a_review_and_only_looking_leaves_its_file_as_it_was(workspace: Path, session: Path) -> None:
    """Filling the detail and notes with the question's own text reports a change; it is not
    one, so nothing is saved (the review's updated time stays) until the reviewer edits."""
    with open_review(session) as opened:
        here = opened.review.cursor.question or opened.review.responses[0].id
        set_text(opened.review, here, detail="Written last week.", notes="Ask again.")
        opened.save()
    before = session.read_bytes()
    app = wizard(workspace, session)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.pause(0.6)  # the autosave's delay
        await settle(pilot, app)
        assert app.save_status == "saved" and session.read_bytes() == before


async def test_moving_between_questions_with_details_does_not_flash_saving(workspace: Path, session: Path) -> None:
    """Each move refills the detail with the next question's text; that is not an edit."""
    with open_review(session) as opened:
        for number, response in enumerate(opened.review.responses[:3]):
            set_text(opened.review, response.id, detail=f"Detail of question {number + 1}.")
        opened.save()
    app = wizard(workspace, session)
    shown: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        app.watch(app, "save_status", shown.append, init=False)
        await pilot.press("ctrl+n", "ctrl+n", "ctrl+p")
        await pilot.pause(0.6)  # the autosave's delay
        await settle(pilot, app)
    assert "saving" not in shown


async def test_resuming_in_a_long_detail_keeps_the_guidance_in_view(workspace: Path, session: Path) -> None:
    """The fields overflow an 80x24 screen; focusing the detail must not scroll away the
    guidance above it (Textual centres a focused widget)."""
    from tui.core.review import Cursor

    with open_review(session) as opened:
        set_text(opened.review, "certs-external", detail="\n".join(f"line {n}" for n in range(1, 10)))
        opened.review.cursor = Cursor(question="certs-external", field="detail")
        opened.review.touch()
        opened.save()
    guidance = load_questionnaire(builtin_folder() / "saas-security-bronze.toml").question("certs-external").guidance
    app = wizard(workspace, session)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.pause(0.5)  # past any scrolling animation
        assert app.screen.focused is app.screen.query_one("#detail")
        assert flat(guidance)[:40] in flat(screen_text(app))


async def test_the_command_palette_lists_the_wizard_actions_once_and_finds_export(
        workspace: Path, session: Path) -> None:
    app = wizard(workspace, session)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("y")  # in the detail, whose cursor keys must not be listed
        await settle(pilot, app)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert len(titles) == len(set(titles))
        assert not [t for t in titles if t.startswith("Cursor")]
        assert any("export" in t.lower() for t in titles)


async def test_a_repeated_message_is_not_stacked(workspace: Path, session: Path) -> None:
    app = wizard(workspace, session)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        for _ in range(5):
            await pilot.press("ctrl+p")  # "This is the first question."
        await settle(pilot, app)
        assert [n.message for n in app._notifications] == ["This is the first question."]


async def test_resume_types_where_the_cursor_was_in_the_detail(workspace: Path, session: Path) -> None:
    app = wizard(workspace, session)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("y", *"TLS 1.2 on", "enter", *"every client.", *["left"] * len("client."), "ctrl+q")
    assert (saved(session).cursor.row, saved(session).cursor.column) == (1, len("every "))

    again = wizard(workspace, session)
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot, again)
        await pilot.press(*"API ")
        await pilot.press("ctrl+q")
    assert saved(session).response("tls-external").detail == "TLS 1.2 on\nevery API client."


async def test_moving_between_questions_without_editing_keeps_the_updated_time(
        workspace: Path, session: Path) -> None:
    before = saved(session).updated
    app = wizard(workspace, session)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("ctrl+n", "ctrl+n", "tab", "ctrl+p", "ctrl+o", "escape")
        await settle(pilot, app)
        await pilot.press("ctrl+q")
    review = saved(session)
    assert review.cursor.question == review.responses[1].id  # where the reviewer is was saved ...
    assert review.updated == before  # ... but it is not a change: the page's date: stays


async def test_the_finish_preview_keeps_the_page_line_breaks(workspace: Path, session: Path) -> None:
    app = wizard(workspace, session)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)
        await pilot.press("y", *"Strong ciphers.", "enter", *"HSTS on every host.", "f8")
        await settle(pilot, app)
        assert isinstance(app.screen, FinishScreen)
        lines = [line.strip(" │|") for line in screen_text(app).splitlines()]
        assert any(line.endswith("Strong ciphers.") for line in lines)
        assert "ciphers.HSTS" not in flat(screen_text(app))


async def test_overview_rows_are_told_apart_at_80_columns_and_count_evidence(workspace: Path, session: Path) -> None:
    from tui.core.review import Evidence

    with open_review(session) as opened:
        opened.review.update("tls-external", evidence=[Evidence(url="https://acme.example/trust")] * 2)
        opened.save()
    app = wizard(workspace, session)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("ctrl+o")
        await settle(pilot, app)
        lines = screen_text(app).splitlines()
        rows = ["\n".join(lines[i:i + 2]) for i, line in enumerate(lines) if line[:5].strip() in ("1", "2", "3", "4")]
        assert len(rows) == 4 and len({" ".join(row.split()[1:]) for row in rows}) == 4
        assert "2 ev" in rows[0] and "TLS?" in rows[0] and "certificates?" in rows[1]


async def test_quick_mode_capitals_answer_and_move_on_in_one_key(workspace: Path, session: Path) -> None:
    app = wizard(workspace, session)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("Y", "N", "P")
        await settle(pilot, app)
        assert "Question 4 of 11" in screen_text(app)
        assert app.screen.focused is app.screen.query_one("#answer")  # ready for the next key
    review = saved(session)
    assert [r.answer for r in review.responses[:4]] == ["Yes", "No", "Partial", ""]


async def test_quick_mode_turned_off_in_the_key_table_leaves_capitals_to_the_detail(workspace: Path, session: Path) -> None:
    app = wizard(workspace, session, keymap={"answer_and_next": "none"})
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("Y")
        await settle(pilot, app)
        assert "Question 1 of 11" in screen_text(app)
    assert saved(session).responses[0].answer == ""


async def test_with_no_color_the_highlighted_overview_row_is_in_reverse_video(
        workspace: Path, session: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = wizard(workspace, session)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("ctrl+o")
        await settle(pilot, app)
        listed = app.screen.query_one("#questions")
        assert drawn_in_reverse(listed, 0)
        assert not any(s.style and s.style.reverse for s in listed.render_line(2) if s.text.strip())  # the next row is not


async def test_new_review_form_labels_its_fields_and_remembers_the_reviewer(workspace: Path) -> None:
    app = wizard(workspace)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n", *"Quillpad", "enter", "enter", "enter", *"Robin Vale")
        await pilot.pause()
        text = screen_text(app)
        assert "Product" in text and "Quillpad" in text and "Reviewer" in text  # labels stay beside what is typed
        assert app.screen.query_one("#reviewer-label").has_class("-focused")
        assert not app.screen.query_one("#product-label").has_class("-focused")
        await pilot.press("ctrl+s")
        await settle(pilot, app)
    assert saved(workspace / "sessions" / "quillpad.toml").reviewer == "Robin Vale"

    again = wizard(workspace)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert again.screen.query_one("#reviewer").value == "Robin Vale"


async def test_a_bare_address_is_completed_and_a_bad_one_reported_as_the_field_is_left(
        workspace: Path, session: Path) -> None:
    app = wizard(workspace, session)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("ctrl+l", *"ftp:x", "enter")
        await pilot.pause()
        assert app.screen.focused.id == "label"  # type: ignore[union-attr]
        assert "must start with http://, https:// or mailto:" in flat(screen_text(app))
        app.screen.query_one("#url").value = ""  # type: ignore[attr-defined]
        app.screen.query_one("#url").focus()
        await pilot.press(*"vendor.example/security", "enter")
        await pilot.pause()
        assert "→ https://vendor.example/security" in flat(screen_text(app))
        await pilot.press("enter", "enter")
        await settle(pilot, app)
    assert [e.url for e in saved(session).response("tls-external").evidence] == ["https://vendor.example/security"]


async def test_sections_show_what_each_section_asks(workspace: Path, session: Path) -> None:
    prompt = load_questionnaire(builtin_folder() / "saas-security-bronze.toml").sections[0].prompt
    app = wizard(workspace, session)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("f10")
        await settle(pilot, app)
        assert flat(prompt)[:50] in flat(screen_text(app))


async def test_the_finish_screen_copies_the_page_through_the_terminal(workspace: Path, session: Path) -> None:
    app = wizard(workspace, session)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("y", *"TLS everywhere.", "f8")
        await settle(pilot, app)
        await pilot.press("c")
        await settle(pilot, app)
        assert app.clipboard == render_page(saved(session))
        assert "✓ Copied the page" in flat(screen_text(app))


async def test_the_overview_opened_mid_review_starts_on_a_whole_row(workspace: Path, session: Path) -> None:
    app = wizard(workspace, session)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        app.screen.show("logs-to-client")
        await pilot.press("ctrl+o")
        await settle(pilot, app)
        first_row = screen_text(app).splitlines()[2]
        assert first_row[:5].strip().isdigit(), first_row  # a number, not the second line of a row


async def test_the_finish_screen_publishes_to_the_wiki_clone(workspace: Path, session: Path, tmp_path: Path) -> None:
    import subprocess

    bare, wiki = tmp_path / "wiki.git", tmp_path / "wiki"
    subprocess.run(["git", "init", "--quiet", "--bare", "--initial-branch=main", str(bare)], check=True)
    subprocess.run(["git", "clone", "--quiet", str(bare), str(wiki)], check=True, capture_output=True)
    (wiki / "home.md").write_text("---\ntitle: Home\n---\n", encoding="utf-8")
    for command in (["add", "."], ["-c", "user.email=w@example.org", "-c", "user.name=Wiki", "commit", "-qm",
                                    "docs: create home"], ["push", "-q", "origin", "HEAD:main"],
                    ["branch", "-u", "origin/main"]):
        subprocess.run(["git", "-C", str(wiki), *command], check=True, capture_output=True)
    (workspace / "vendor-review.toml").write_text(
        f'author = "Robin Vale <robin@example.org>"\n[wiki]\nclone = "{wiki}"\n', encoding="utf-8")
    app = wizard(workspace, session)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("y", *"TLS everywhere.", "f8", "p")
        await settle(pilot, app)
        await app.workers.wait_for_complete()
        await settle(pilot, app)
        assert "✓ Published /bronze-controls/saas-security/acme-notes" in flat(screen_text(app))
        await pilot.press("ctrl+q")
    pushed = subprocess.run(["git", "-C", str(bare), "show", "main:bronze-controls/saas-security/acme-notes.md"],
                            capture_output=True, text=True, check=True).stdout
    assert pushed == render_page(saved(session))
    assert saved(session).published_to is not None
