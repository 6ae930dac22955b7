"""Confidential files stay private and stay where they belong: 0600 files in 0700 folders,
names made from typed text that cannot leave their folder, and no write through a symlink or
hard link someone planted beside our files."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.core.files import atomic_write, ensure_private_dir
from tui.core.naming import claim_new_path


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def _new(cli, product: str = "Northwind Notes") -> Path:
    result = cli("new", f"--product={product}")
    assert result.code == 0, result.err
    return Path(result.out.strip())


def test_sessions_are_0600_in_a_0700_folder_even_after_saves(cli, workspace: Path) -> None:
    (workspace / "sessions").mkdir(mode=0o755)  # as git checks the placeholder folder out
    os.chmod(workspace / "sessions", 0o755)
    session = _new(cli)
    cli("answer", str(session), "tls-external", "Yes", "--detail", "TLS 1.2+")

    assert _mode(workspace / "sessions") == 0o700
    assert _mode(session) == 0o600
    assert all(_mode(p) == 0o600 for p in (workspace / "sessions").iterdir())


@pytest.mark.parametrize("product", [
    "../../outside", "/etc/passwd", "..", ".", "a/../../b", "nul\x00byte", "C:\\Windows\\win.ini",
    "x" * 10_000, "Ünïcødé 製品 ☃", "\u202eevil\u202c.toml", "~root", "-rf", " leading and trailing ",
])
def test_a_session_name_made_from_a_product_name_stays_in_sessions(cli, workspace: Path, product: str) -> None:
    session = _new(cli, product)

    assert session.parent == workspace / "sessions"
    assert re.fullmatch(r"[a-z0-9][a-z0-9-]{0,59}\.toml", session.name)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text())
def test_any_typed_name_gives_a_new_file_inside_its_folder(tmp_path: Path, name: str) -> None:
    claimed = claim_new_path(tmp_path, name, ".toml")

    assert claimed.parent == tmp_path
    assert re.fullmatch(r"[a-z0-9][a-z0-9-]{0,59}(-\d+)?\.toml", claimed.name)
    assert _mode(claimed) == 0o600


def test_two_reviews_of_the_same_product_get_two_files(cli) -> None:
    assert _new(cli).name == "northwind-notes.toml"
    assert _new(cli).name == "northwind-notes-2.toml"


@pytest.fixture
def victim(tmp_path: Path) -> Path:
    """A file outside the workspace that a planted link points at."""
    path = tmp_path / "victim.txt"
    path.write_text("keep me\n", encoding="utf-8")
    return path


def test_an_export_never_writes_through_a_symlink_planted_in_exports(cli, workspace: Path, victim: Path) -> None:
    session = _new(cli)
    (workspace / "exports").mkdir()
    planted = workspace / "exports" / f"{session.stem}.md"
    planted.symlink_to(victim)

    plain, forced = cli("export", str(session)), cli("export", str(session), "--force")

    assert (plain.code, forced.code) == (1, 1)
    assert "symbolic link" in forced.err
    assert victim.read_text(encoding="utf-8") == "keep me\n" and planted.is_symlink()


def test_a_symlinked_lock_file_is_refused_and_its_target_untouched(cli, victim: Path) -> None:
    session = _new(cli)
    lock = session.with_name(f".{session.name}.lock")
    lock.unlink(missing_ok=True)
    lock.symlink_to(victim)
    before = session.read_bytes()

    result = cli("answer", str(session), "tls-external", "Yes")

    assert result.code == 1 and "symbolic link" in result.err
    assert victim.read_text(encoding="utf-8") == "keep me\n"
    assert session.read_bytes() == before


def test_a_hard_linked_lock_file_is_refused_and_its_target_untouched(cli, workspace: Path) -> None:
    victim = workspace / "notes.txt"  # same file system: hard links need one
    victim.write_text("keep me\n", encoding="utf-8")
    session = _new(cli)
    lock = session.with_name(f".{session.name}.lock")
    lock.unlink(missing_ok=True)
    os.link(victim, lock)

    result = cli("answer", str(session), "tls-external", "Yes")

    assert result.code == 1 and "link" in result.err
    assert victim.read_text(encoding="utf-8") == "keep me\n"


def test_saving_replaces_a_hard_linked_session_instead_of_writing_into_the_other_name(
    cli, workspace: Path
) -> None:
    session = _new(cli)
    other = workspace / "copy-elsewhere.toml"
    os.link(session, other)
    before = other.read_bytes()

    assert cli("answer", str(session), "tls-external", "No").code == 0
    assert other.read_bytes() == before
    assert session.read_bytes() != before


def test_symlinks_planted_where_temporary_files_go_are_never_followed(cli, victim: Path) -> None:
    session = _new(cli)
    planted = [session.with_name(f".{session.name}.{suffix}.tmp") for suffix in ("a", "x1y2z3", "_")]
    for link in planted:
        link.symlink_to(victim)

    result = cli("answer", str(session), "tls-external", "Yes", "--detail", "saved beside the links")

    assert result.code == 0, result.err
    assert victim.read_text(encoding="utf-8") == "keep me\n"
    assert "saved beside the links" in session.read_text(encoding="utf-8")


def test_a_full_disk_is_reported_in_one_line_and_the_last_good_file_kept(
    cli, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = _new(cli)
    before = session.read_bytes()

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    result = cli("answer", str(session), "tls-external", "Yes", "--detail", "lost to a full disk?")

    assert result.code == 1
    assert result.err == f"vendor-review: error: {session}: cannot save: No space left on device\n"
    assert session.read_bytes() == before
    assert not list(session.parent.glob("*.tmp"))


def test_saves_in_a_shared_folder_stay_0660_for_its_group(tmp_path: Path) -> None:
    shared = tmp_path / "sessions"
    shared.mkdir()
    os.chmod(shared, 0o2770)
    session = claim_new_path(shared, "Northwind", ".toml")
    previous = os.umask(0o077)  # whatever the reviewer's umask, the team keeps its access
    try:
        atomic_write(session, b"first")
        atomic_write(session, b"second")
        ensure_private_dir(shared)
    finally:
        os.umask(previous)

    assert _mode(session) == 0o660
    assert _mode(shared) == 0o2770


def test_a_setgid_folder_not_open_to_its_group_is_private_and_a_shared_one_loses_only_others(
        tmp_path: Path) -> None:
    half, leaky = tmp_path / "half", tmp_path / "leaky"
    for folder, mode in ((half, 0o2750), (leaky, 0o2775)):
        folder.mkdir()
        os.chmod(folder, mode)

    ensure_private_dir(half)
    ensure_private_dir(leaky)
    atomic_write(half / "a.toml", b"x")

    assert _mode(half) == 0o700 and _mode(half / "a.toml") == 0o600
    assert _mode(leaky) == 0o2770
