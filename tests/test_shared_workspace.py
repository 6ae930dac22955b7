"""A team on one host: two reviewers in a Unix group share a workspace, a third user outside
the group sees nothing. Real users (made by the test, removed after) run the real installed
`vendor-review`, because only the kernel proves who can read a file; these tests need root
and fail, never skip, without it."""

from __future__ import annotations

import grp
import os
import shutil
import socket
import stat
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from unix_users import Team, team


@pytest.fixture(scope="module")
def reviewers() -> Iterator[Team]:
    with team() as made:
        yield made


def _workspace(reviewers: Team, mode: int, settings: str = "") -> Path:
    """A workspace folder that root made for the team's group (as an administrator would)."""
    root = Path(tempfile.mkdtemp(prefix="vendor-review-team-"))
    os.chown(root, 0, grp.getgrnam(reviewers.group).gr_gid)
    os.chmod(root, mode)
    if settings:
        (root / "vendor-review.toml").write_text(settings, encoding="utf-8")
        os.chmod(root / "vendor-review.toml", 0o644)
    return root


@pytest.fixture(params=["setgid folder", "share setting"])
def shared(request: pytest.FixtureRequest, reviewers: Team) -> Iterator[Path]:
    """A workspace shared either way the README offers: a setgid folder open to its group, or
    an ordinary group folder whose `vendor-review.toml` says `share = "group"`."""
    root = _workspace(reviewers, 1528) if request.param == "setgid folder" else _workspace(reviewers, 504, 'share = "group"\n')
    yield root
    shutil.rmtree(root, ignore_errors=True)


def _vr(reviewers: Team, user: str, workspace: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return reviewers.run(user, "--workspace", str(workspace), *args, cwd=Path("/"))


def _new(reviewers: Team, user: str, workspace: Path) -> Path:
    made = _vr(reviewers, user, workspace, "new", "--product=Northwind Notes")
    assert made.returncode == 0, made.stderr
    return Path(made.stdout.strip())


def _everything_in(workspace: Path) -> list[Path]:
    return [path for folder in ("sessions", "exports") for path in [workspace / folder,
                                                                   *(workspace / folder).iterdir()]]


def _one_line_refusal(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 1, result
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    return result.stderr


def test_a_teammate_lists_shows_and_answers_a_review_the_other_started(reviewers: Team, shared: Path) -> None:
    alice, bob = reviewers.reviewers
    session = _new(reviewers, alice, shared)

    listed = _vr(reviewers, bob, shared, "list")
    shown = _vr(reviewers, bob, shared, "show", "northwind-notes")
    answered = _vr(reviewers, bob, shared, "answer", "northwind-notes", "tls-external", "Yes", "--detail", "TLS 1.3")
    alice_again = _vr(reviewers, alice, shared, "answer", "northwind-notes", "event-logs", "No")
    exported = _vr(reviewers, bob, shared, "export", "northwind-notes")

    assert "northwind-notes" in listed.stdout, listed
    assert "Northwind Notes" in shown.stdout, shown
    assert answered.returncode == 0 and alice_again.returncode == 0 and exported.returncode == 0
    assert "TLS 1.3" in _vr(reviewers, alice, shared, "show", "northwind-notes").stdout
    assert "TLS 1.3" in (shared / "exports" / "northwind-notes.md").read_text(encoding="utf-8")
    team_group = grp.getgrnam(reviewers.group).gr_gid
    for path in _everything_in(shared):
        info = path.lstat()
        assert info.st_gid == team_group, path
        assert stat.S_IMODE(info.st_mode) == (0o2770 if path.is_dir() else 0o660), (path, oct(info.st_mode))
    assert session.exists()


def test_someone_outside_the_group_reads_nothing_and_is_told_why_in_one_line(
        reviewers: Team, shared: Path) -> None:
    alice, _ = reviewers.reviewers
    _new(reviewers, alice, shared)
    _vr(reviewers, alice, shared, "export", "northwind-notes")
    session = shared / "sessions" / "northwind-notes.toml"
    before = session.read_bytes()

    for command in ([], ["open", str(session)], ["list"], ["show", str(session)],
                    ["answer", str(session), "tls-external", "Yes"], ["export", str(session)]):
        refusal = _one_line_refusal(_vr(reviewers, reviewers.outsider, shared, *command))
        assert "permission denied" in refusal and f"not in group {reviewers.group}" in refusal, refusal
    assert all(stat.S_IMODE(path.lstat().st_mode) & 0o007 == 0 for path in _everything_in(shared))
    assert session.read_bytes() == before


def test_a_review_held_by_one_reviewer_names_them_to_the_other(reviewers: Team) -> None:
    alice, bob = reviewers.reviewers
    shared = _workspace(reviewers, 0o2770)  # one way of sharing is enough: `answer` waits 10 s
    session = _new(reviewers, alice, shared)
    holder = reviewers.python(bob, "import time; from pathlib import Path; from tui.core.lock import ReviewLock\n"
                              f"lock = ReviewLock(Path({str(session)!r})); lock.acquire(); print('held', flush=True)\n"
                              "time.sleep(60)")
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        started = time.monotonic()
        refused = _vr(reviewers, alice, shared, "answer", str(session), "tls-external", "Yes")
    finally:
        reviewers.stop(holder)
        shutil.rmtree(shared, ignore_errors=True)

    message = _one_line_refusal(refused)
    assert f"{bob} on {socket.gethostname()} (pid " in message, message
    assert time.monotonic() - started < 30


def test_a_private_workspace_is_never_opened_to_the_group(reviewers: Team) -> None:
    alice, bob = reviewers.reviewers
    workspace = _workspace(reviewers, 0o770)  # a group folder, but neither setgid nor marked shared
    try:
        session = _new(reviewers, alice, workspace)

        assert stat.S_IMODE((workspace / "sessions").stat().st_mode) == 0o700
        assert stat.S_IMODE(session.stat().st_mode) == 0o600
        refusal = _one_line_refusal(_vr(reviewers, bob, workspace, "list"))
        assert f"{workspace / 'sessions'}: permission denied" in refusal and "mode 0700" in refusal, refusal
    finally:
        shutil.rmtree(workspace, ignore_errors=True)
