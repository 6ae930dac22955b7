"""The wizard on a failing disk: a read-only sessions/ folder or a full disk, simulated where the
file is really written (tests run as root, so chmod would not stop the writes). The reviewer
sees why, keeps typing, the last good file stays byte for byte, and the text lands once the disk
recovers."""

from __future__ import annotations

import errno
import os
import tempfile
from contextlib import suppress
from pathlib import Path

import pytest
from textual.worker import WorkerFailed

from tui.app import autosave
from tui.core import files

from .conftest import SIZE, flat, saved, screen_text, wizard


class FailingDisk:
    """Breaks writes into one folder the way the kernel does: creating the temporary file
    fails on a read-only folder (EROFS), the fsync of its data fails on a full disk (ENOSPC)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, folder: Path, failure: int) -> None:
        self.folder, self.failure = folder.resolve(), failure
        self.broken = False
        self.attempts = 0
        real_mkstemp, real_fsync = tempfile.mkstemp, os.fsync

        def mkstemp(*args: object, dir: str | Path | None = None, **kwargs: object) -> tuple[int, str]:
            if self.broken and failure == errno.EROFS and dir is not None and Path(dir).resolve() == self.folder:
                self.attempts += 1
                raise OSError(errno.EROFS, os.strerror(errno.EROFS))
            return real_mkstemp(*args, dir=dir, **kwargs)  # type: ignore[call-overload,no-any-return]

        def fsync(fd: int) -> None:
            if self.broken and failure == errno.ENOSPC and Path(os.readlink(f"/proc/self/fd/{fd}")).parent == self.folder:
                self.attempts += 1
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            real_fsync(fd)

        monkeypatch.setattr(files.tempfile, "mkstemp", mkstemp)
        monkeypatch.setattr(files.os, "fsync", fsync)


async def settle(pilot, app, seconds: float = 0.0) -> None:  # type: ignore[no-untyped-def]
    """Wait for the saves under way; a failed one is the app's to report, not the test's."""
    await pilot.pause(seconds)
    with suppress(WorkerFailed):
        await app.workers.wait_for_complete()
    await pilot.pause()


@pytest.mark.parametrize("failure, reason", [(errno.EROFS, "Read-only file system"),
                                             (errno.ENOSPC, "No space left on device")])
async def test_a_failing_disk_is_shown_retried_and_leaves_the_last_good_file_until_it_recovers(
        workspace: Path, session: Path, monkeypatch: pytest.MonkeyPatch, failure: int, reason: str) -> None:
    monkeypatch.setattr(autosave, "RETRY", 0.1)
    disk = FailingDisk(monkeypatch, session.parent, failure)
    app = wizard(workspace, session)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot, app)
        await pilot.press("y", *"saved before")
        await settle(pilot, app, 0.1)
        last_good = session.read_bytes()
        disk.broken = True

        await pilot.press(*" and typed while the disk failed")
        await settle(pilot, app, 0.6)

        assert f"save failed: {reason}" in flat(screen_text(app))
        assert disk.attempts >= 3  # it keeps retrying
        assert session.read_bytes() == last_good
        assert [p.name for p in session.parent.iterdir() if p.name.endswith(".tmp")] == []
        await pilot.press("ctrl+q")  # quitting would lose the text: the app stays, and says so
        await pilot.pause(0.3)
        toast = flat(" ".join(line.split("▌", 1)[1] for line in screen_text(app).splitlines() if "▌" in line))
        assert app.is_running and f"Could not save: {reason}" in toast and "press quit again" in toast

        disk.broken = False
        await settle(pilot, app, 0.4)
        assert app.save_status == "saved" and "✓ saved" in screen_text(app)
    assert saved(session).response("tls-external").detail == "saved before and typed while the disk failed"


async def test_a_new_review_on_a_full_disk_stays_on_the_form_and_leaves_no_session(
        workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sessions = workspace / "sessions"
    sessions.mkdir()
    FailingDisk(monkeypatch, sessions, errno.ENOSPC).broken = True
    app = wizard(workspace)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n", *"Acme Notes", "enter", "enter", "enter", "enter", "enter")
        await settle(pilot, app)
        assert "No space left on device" in flat(screen_text(app))
        assert app.session is None
    assert [p.name for p in sessions.iterdir() if not p.name.startswith(".")] == []
