"""A reviewer's answers survive the process being killed mid-save: the `answer` command and the
wizard (CI-sized runs of stress.crash)."""

from __future__ import annotations

from pathlib import Path

from stress.command import new_session, run
from stress.crash import run_crash_harness
from stress.wizard_crash import run_wizard_crash_harness
from tui.core.store import read_review


def test_twenty_kills_during_answer_saves_lose_nothing(tmp_path: Path) -> None:
    figures = run_crash_harness(tmp_path, kills=20, seed=11)

    assert figures.kills >= 20
    assert figures.problems == []
    assert (figures.answers_lost, figures.files_corrupted) == (0, 0)
    assert figures.sessions_checked >= figures.kills


def test_a_save_killed_before_its_rename_leaves_no_litter_after_the_next_save(tmp_path: Path) -> None:
    session = new_session(tmp_path)
    leftover = session.with_name(f".{session.name}.k1ll3d.tmp")
    leftover.write_text("half a save", encoding="utf-8")

    done = run(tmp_path, "answer", str(session), "tls-external", "Yes", "--detail", "TLS 1.3 only")

    assert done.returncode == 0, done.stderr
    assert not leftover.exists()
    assert read_review(session).response("tls-external").detail == "TLS 1.3 only"


def test_ten_kills_of_the_wizard_while_typing_lose_nothing_typed_before_the_autosave_delay(
        tmp_path: Path) -> None:
    figures = run_wizard_crash_harness(tmp_path, kills=10, seed=5, most_questions=2)

    assert figures.kills >= 10
    assert figures.kills_mid_write >= 1  # some kills landed on an autosave in progress
    assert figures.problems == []
    assert (figures.answers_lost, figures.files_corrupted) == (0, 0)
    assert figures.sessions_checked == figures.kills
