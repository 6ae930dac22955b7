"""Session files: readable TOML, private, atomic, locked while edited, never overwritten when bad."""

from __future__ import annotations

import signal
import stat
import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path

import pytest

from tui.core import files
from tui.core.interview import make_evidence, record_answer, set_text
from tui.core.lock import ReviewLocked
from tui.core.naming import claim_new_path, safe_stem
from tui.core.review import start_review
from tui.core.store import ReviewWriter, SessionError, open_review, read_review, write_review


@pytest.fixture
def session(workspace: Path, bronze) -> Path:
    review = start_review(bronze, product="Acme Notes", vendor="Acme")
    path = workspace / "sessions" / "acme-notes.toml"
    write_review(path, review)
    return path


def test_session_file_is_private_in_a_private_folder(session: Path) -> None:
    assert stat.S_IMODE(session.stat().st_mode) == 0o600
    assert stat.S_IMODE(session.parent.stat().st_mode) == 0o700


def test_existing_world_readable_sessions_folder_is_tightened(workspace: Path, bronze) -> None:
    folder = workspace / "sessions"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    write_review(folder / "x.toml", start_review(bronze, product="X"))
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_session_round_trips_with_multiline_text_and_millisecond_utc_times(session: Path, bronze) -> None:
    review = read_review(session)
    record_answer(review, bronze, "tls-external", "Yes", "version dependent")
    set_text(review, "tls-external", detail="First line.\nSecond line with \"quotes\" and 'apostrophes'.")
    review.update("tls-external", evidence=[make_evidence("https://acme.test/trust", "trust", "TLS 1.2+")],
                  flagged=True, notes="ask about mTLS")
    write_review(session, review)
    text = session.read_text(encoding="utf-8")
    assert 'detail = """\nFirst line.\nSecond line' in text
    assert "[[questions.evidence]]" in text
    again = read_review(session)
    assert again == review
    assert again.updated.microsecond % 1000 == 0 and again.updated.utcoffset().total_seconds() == 0


def test_incremental_save_writes_the_same_file_as_a_full_save(session: Path, bronze) -> None:
    with open_review(session) as opened:
        review = opened.review
        record_answer(review, bronze, "event-logs", "Unknown")
        opened.save()
        set_text(review, "mfa-privileged", detail="SMS and TOTP")
        opened.save()  # copies the tables of the file it wrote itself
        assert session.read_text(encoding="utf-8") == ReviewWriter().dumps(review)


def test_a_crash_during_save_leaves_the_last_good_copy(session: Path, bronze, monkeypatch) -> None:
    before = session.read_bytes()
    review = read_review(session)
    record_answer(review, bronze, "tls-external", "No")

    def power_cut(fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(files.os, "fsync", power_cut)
    with pytest.raises(OSError):
        write_review(session, review)
    assert session.read_bytes() == before
    assert [p.name for p in session.parent.iterdir() if p.name.endswith(".tmp")] == []


HOLDER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from tui.core.store import open_review
    held = open_review(Path(sys.argv[1]))
    print("held", flush=True)
    time.sleep(60)
""")


def hold_lock(session: Path) -> subprocess.Popen[str]:
    process = subprocess.Popen([sys.executable, "-c", HOLDER, str(session)], stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None and process.stdout.readline().strip() == "held"
    return process


def test_second_opener_is_told_who_holds_the_review_and_gets_it_read_only(session: Path, bronze) -> None:
    holder = hold_lock(session)
    try:
        with pytest.raises(ReviewLocked) as locked:
            open_review(session)
        assert f"(pid {holder.pid})" in str(locked.value) and locked.value.holder.host
        before = session.read_bytes()
        second = open_review(session, allow_read_only=True)
        assert second.read_only and second.locked_by is not None
        record_answer(second.review, bronze, "tls-external", "Yes")
        with pytest.raises(SessionError, match="read-only"):
            second.save()
        assert session.read_bytes() == before
    finally:
        holder.kill()
        holder.wait()


def test_lock_of_a_killed_process_is_recovered(session: Path) -> None:
    holder = hold_lock(session)
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    with open_review(session) as reopened:
        assert not reopened.read_only


def test_a_malformed_session_is_refused_with_its_line_and_left_untouched(workspace: Path, cli) -> None:
    bad = workspace / "sessions" / "bad.toml"
    bad.parent.mkdir()
    bad.write_text('format = 1\nproduct = "unterminated\n', encoding="utf-8")
    before = bad.read_bytes()
    for command in (("show", str(bad)), ("export", str(bad), "-o", "-"), ("answer", str(bad), "tls-external", "Yes")):
        result = cli(*command)
        assert result.code == 1
        assert "bad.toml: line 2, column" in result.err
        assert result.err.count("\n") == 1
    assert bad.read_bytes() == before


def test_a_toml_file_that_is_not_a_session_is_refused(workspace: Path, cli) -> None:
    other = workspace / "pyproject.toml"
    other.write_text('[project]\nname = "x"\n', encoding="utf-8")
    result = cli("show", str(other))
    assert result.code == 1 and "not a vendor-review session" in result.err


def test_a_session_with_wrong_types_names_the_field(session: Path, cli) -> None:
    text = session.read_text(encoding="utf-8").replace("flagged = false", 'flagged = "maybe"', 1)
    session.write_text(text, encoding="utf-8")
    result = cli("show", str(session))
    assert result.code == 1 and "questions[0].flagged" in result.err


def test_a_symlinked_session_is_never_written_through(workspace: Path, session: Path, cli, tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n")
    link = session.parent / "planted.toml"
    link.symlink_to(victim)
    result = cli("answer", str(link), "tls-external", "Yes", "--detail", "through the link")
    assert result.code == 1 and "symbolic link" in result.err
    assert victim.read_text() == "keep me\n"


@pytest.mark.parametrize(("name", "stem"), [
    ("Acme Notes", "acme-notes"),
    ("../../etc/passwd", "etc-passwd"),
    ("a/b\\c\x00d", "a-b-c-d"),
    ("..", "review"),
    ("Überwiki 2.0", "uberwiki-2-0"),
    ("日本語", "review"),
    ("x" * 500, "x" * 60),
])
def test_file_names_from_product_names_stay_in_their_folder(name: str, stem: str) -> None:
    assert safe_stem(name) == stem


def test_name_collisions_get_a_number(workspace: Path) -> None:
    folder = workspace / "sessions"
    folder.mkdir()
    paths = [claim_new_path(folder, "Acme", ".toml") for _ in range(3)]
    assert [p.name for p in paths] == ["acme.toml", "acme-2.toml", "acme-3.toml"]
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in paths)


def test_session_keeps_snapshot_of_question_texts(session: Path) -> None:
    data = tomllib.loads(session.read_text(encoding="utf-8"))
    assert data["questions"][7]["hint"] == "Types of log may include security logs and resource logs"
    assert data["questionnaire"] == "saas-security-bronze" and data["questionnaire_version"] == "1.0"


def test_a_format_1_session_opens_and_becomes_format_2_only_when_changed(session: Path, bronze, cli) -> None:
    session.write_text(session.read_text(encoding="utf-8").replace("format = 2", "format = 1"), encoding="utf-8")
    before = session.read_bytes()
    assert cli("show", str(session)).code == 0
    with open_review(session):
        pass
    assert session.read_bytes() == before, "reading a format 1 file rewrote it"
    with open_review(session) as opened:
        record_answer(opened.review, bronze, "tls-external", "Yes")
        opened.save()
    assert session.read_text(encoding="utf-8").startswith("format = 2\n")


def test_a_session_from_a_newer_version_is_refused_with_one_line(session: Path, cli) -> None:
    session.write_text(session.read_text(encoding="utf-8").replace("format = 2", "format = 3"), encoding="utf-8")
    before = session.read_bytes()
    result = cli("show", str(session))
    assert result.code == 1
    assert "made by a newer vendor-review (format 3); upgrade" in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert session.read_bytes() == before
