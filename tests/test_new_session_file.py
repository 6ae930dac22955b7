"""A review is first saved by one function (`Workspace.create_session`), whoever starts it: the
wizard's new review (tests/app/test_wizard_failing_disk.py), `new`, `new --from` and `import`. When the disk is full at that moment, each
says so in one line and leaves no empty session behind (an empty file would be listed as a
broken review, and take the product's name from the next attempt)."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from tui.core import files
from tui.core.store import write_review

HANDWRITTEN = Path(__file__).parent / "fixtures" / "pages" / "harbourline-handwritten.md"


def break_disk(sessions: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """sessions/ on a full disk: the fsync of a new file's data there fails with ENOSPC, as the
    kernel reports it (tests run as root, so permissions would not stop the write)."""
    sessions.mkdir(exist_ok=True)
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        if Path(os.readlink(f"/proc/self/fd/{fd}")).parent == sessions.resolve():
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_fsync(fd)

    monkeypatch.setattr(files.os, "fsync", fsync)
    return sessions


@pytest.fixture
def full_disk(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return break_disk(workspace / "sessions", monkeypatch)


def session_names(sessions: Path) -> list[str]:
    return sorted(p.name for p in sessions.iterdir() if not p.name.startswith("."))


def test_new_on_a_full_disk_says_so_in_one_line_and_leaves_no_session(cli, full_disk: Path) -> None:
    result = cli("new", "--product", "Acme Notes")
    assert result.code == 1
    assert result.err.strip().count("\n") == 0 and "No space left on device" in result.err
    assert session_names(full_disk) == []


def test_new_from_on_a_full_disk_leaves_only_last_years_review(cli, workspace: Path, bronze,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from tui.core.review import start_review

    (workspace / "sessions").mkdir()
    write_review(workspace / "sessions" / "acme-notes.toml", start_review(bronze, product="Acme Notes"))
    broken = break_disk(workspace / "sessions", monkeypatch)  # once last year's review is saved
    result = cli("new", "--from", "acme-notes")
    assert result.code == 1 and "No space left on device" in result.err
    assert session_names(broken) == ["acme-notes.toml"]


def test_import_on_a_full_disk_leaves_no_session(cli, full_disk: Path) -> None:
    result = cli("import", str(HANDWRITTEN))
    assert result.code == 1 and "No space left on device" in result.err
    assert session_names(full_disk) == []
