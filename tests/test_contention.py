"""One editor per session, whoever else opens it (CI-sized run of stress.contention)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from stress.command import new_session, run
from stress.contention import run_contention_harness, start_holder
from tui.core.lock import ReviewLocked
from tui.core.store import SessionError, open_review, read_review


def test_two_processes_opening_at_once_get_one_editor_and_one_read_only_view(tmp_path: Path) -> None:
    figures = run_contention_harness(tmp_path, rounds=6, cli_wait=False)

    assert figures.problems == []
    assert figures.rounds == 6
    assert (figures.two_editors, figures.no_editor) == (0, 0)
    assert figures.holder_not_named == 0
    assert figures.read_only_writes == 0
    assert figures.stale_locks_recovered == 1


def test_answer_on_a_session_held_by_a_live_process_fails_naming_the_holder(
    workspace: Path, cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("tui.cli.reviews.LOCK_WAIT_SECONDS", 0.5)
    session = new_session(workspace)
    holder = start_holder(workspace, session)
    before = session.read_bytes()
    try:
        result = cli("answer", str(session), "tls-external", "No", "--detail", "written anyway")
        with pytest.raises(ReviewLocked) as locked:
            open_review(session, wait=0.2)
    finally:
        holder.kill()
        holder.wait()

    assert result.code == 1
    assert f"(pid {holder.pid}) since" in result.err
    assert locked.value.holder is not None and locked.value.holder.pid == holder.pid
    assert session.read_bytes() == before


def test_answer_waits_for_the_holder_to_go_then_saves(tmp_path: Path) -> None:
    session = new_session(tmp_path)
    holder = start_holder(tmp_path, session)
    threading.Timer(1.0, holder.kill).start()

    started = time.monotonic()
    done = run(tmp_path, "answer", str(session), "tls-external", "Yes", "--detail", "after the wait")
    holder.wait()

    assert done.returncode == 0, done.stderr
    assert time.monotonic() - started >= 1.0
    assert read_review(session).response("tls-external").detail == "after the wait"


def test_a_read_only_view_refuses_to_save(tmp_path: Path) -> None:
    session = new_session(tmp_path)
    holder = start_holder(tmp_path, session)
    before = session.read_bytes()
    try:
        with open_review(session, allow_read_only=True) as view:
            view.review.set_answer("tls-external", "No")
            with pytest.raises(SessionError, match="read-only"):
                view.save()
    finally:
        holder.kill()
        holder.wait()

    assert view.read_only and view.locked_by is not None
    assert session.read_bytes() == before
